using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Coordination;

/// <summary>Answers to "coordination ajouter @nom".</summary>
public static class CoordinationCards
{
    private static readonly Localized Heading = new("Coordination", "Coordination");
    private static readonly Localized GrantedText = new(
        "{0} fait maintenant partie de la coordination de cette équipe.",
        "{0} is now part of this team's coordination.");
    private static readonly Localized UsageText = new(
        "Pour ajouter une personne à la coordination de cette équipe, mentionnez-la après la commande :",
        "To add someone to this team's coordination, mention them after the command:");
    private static readonly Localized UsageExample = new("coordination ajouter @nom", "coordinator add @name");

    /// <summary><paramref name="name"/> (user data) was granted the coordinator role; shown as typed.</summary>
    public static AdaptiveCard Granted(Language language, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return CardBlocks.Notice(Heading.For(language), [CardBlocks.PlainText(GrantedText.Format(language, name.Trim()))]);
    }

    /// <summary>How to grant the role, when the command named nobody.</summary>
    public static AdaptiveCard GrantUsage(Language language) =>
        CardBlocks.Notice(Heading.For(language), [CardBlocks.Paragraph(UsageText.For(language)), CardBlocks.Command(UsageExample.For(language))]);
}
