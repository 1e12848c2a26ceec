using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Coordination;

/// <summary>Answers to "coordination ajouter @nom".</summary>
public static partial class CoordinationCards
{
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
