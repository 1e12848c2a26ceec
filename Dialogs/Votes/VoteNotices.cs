using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Votes;

/// <summary>Short texts the vote commands answer with.</summary>
public static class VoteNotices
{
    public static readonly Localized AlreadyOpen = new(
        "Un vote est déjà ouvert ici : le voici. Fermez-le avec « vote clore » avant d'en ouvrir un autre.",
        "A vote is already open here: here it is. Close it with \"vote close\" before opening another one.");

    /// <summary>The question of <c>vote leviers</c>.</summary>
    public static readonly Localized LeversQuestion = new("Quels leviers prioriser ?", "Which levers should we prioritise?");

    /// <summary>{0} options kept out of {1} leviers.</summary>
    public static readonly Localized LeversTrimmed = new(
        "Les {0} leviers les plus cités du dernier pulse (sur {1}).",
        "The {0} most cited levers of the last pulse (out of {1}).");
}
