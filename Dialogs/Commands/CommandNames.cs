using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Commands;

/// <summary>How each coordinator command reads in each language, as the refusal cards name it.</summary>
public static class CommandNames
{
    public static readonly Localized PulseStart = new("pulse démarrer", "pulse start");
    public static readonly Localized PulseSetup = new("pulse configurer", "pulse setup");
    public static readonly Localized PulseStatus = new("pulse état", "pulse status");
    public static readonly Localized PulseRemind = new("pulse rappel", "pulse remind");
    public static readonly Localized PulseClose = new("pulse clore", "pulse close");
    public static readonly Localized PulseDelete = new("pulse supprimer", "pulse delete");
    public static readonly Localized Vote = new("vote", "vote");
    public static readonly Localized VoteLevers = new("vote leviers", "vote levers");
    public static readonly Localized VoteClose = new("vote clore", "vote close");
    public static readonly Localized VoteDelete = new("vote supprimer", "vote delete");
    public static readonly Localized Export = new("export", "export");
    public static readonly Localized CoordinatorAdd = new("coordination ajouter", "coordinator add");
    public static readonly Localized Language = new("langue", "language");
    public static readonly Localized Rencontre = new("rencontre", "meeting");
    public static readonly Localized RencontreIntention = new("rencontre intention", "meeting purpose");
}
