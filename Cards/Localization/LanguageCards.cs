using ConcertationBot.Cards.AdaptiveCards;

namespace ConcertationBot.Cards.Localization;

/// <summary>Answers to "langue français | english | bilingue | auto".</summary>
public static partial class LanguageCards
{
    /// <param name="replyLanguage">The language of this answer.</param>
    /// <param name="fixedLanguage">The conversation's language from now on; null for "auto" (each person's own Teams language).</param>
    public static AdaptiveCard Set(Language replyLanguage, Language? fixedLanguage)
    {
        var text = fixedLanguage is { } language
            ? Fixed.Format(replyLanguage, (language == Language.English ? EnglishName : FrenchName).For(replyLanguage))
            : Auto.For(replyLanguage);
        return CardBlocks.Announcement(Heading.For(replyLanguage), text, TextSize.Medium);
    }

    /// <summary>The answer to <c>langue bilingue</c>, in <paramref name="language"/> (posted merged with the other one).</summary>
    public static AdaptiveCard SetBilingual(Language language) =>
        CardBlocks.Announcement(Heading.For(language), Bilingual.For(language), TextSize.Medium);

    /// <summary>How to use the command, when its argument was missing or not understood.</summary>
    public static AdaptiveCard Usage(Language language) =>
        CardBlocks.Notice(Heading.For(language), [CardBlocks.Paragraph(UsageText.For(language)), CardBlocks.Command(UsageExample.For(language))]);
}
