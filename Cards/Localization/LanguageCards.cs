using ConcertationBot.Cards.AdaptiveCards;

namespace ConcertationBot.Cards.Localization;

/// <summary>Answers to "langue français | english | auto".</summary>
public static class LanguageCards
{
    private static readonly Localized Heading = new("Langue de la conversation", "Conversation language");
    private static readonly Localized Fixed = new(
        "Je parlerai désormais {0} dans cette conversation, pour tout le monde.",
        "From now on I will speak {0} in this conversation, to everyone.");
    private static readonly Localized Auto = new(
        "Je parlerai de nouveau à chaque personne dans sa propre langue Teams.",
        "I will again speak to each person in their own Teams language.");
    private static readonly Localized FrenchName = new("français", "French");
    private static readonly Localized EnglishName = new("anglais", "English");
    private static readonly Localized UsageText = new(
        "Choisissez la langue de cette conversation, ou « auto » pour que chacun retrouve sa langue Teams :",
        "Choose this conversation's language, or \"auto\" so everyone gets their own Teams language:");
    private static readonly Localized UsageExample = new("langue français | english | auto", "language français | english | auto");

    /// <param name="replyLanguage">The language of this answer.</param>
    /// <param name="fixedLanguage">The conversation's language from now on; null for "auto" (each person's own Teams language).</param>
    public static AdaptiveCard Set(Language replyLanguage, Language? fixedLanguage)
    {
        var text = fixedLanguage is { } language
            ? Fixed.Format(replyLanguage, (language == Language.English ? EnglishName : FrenchName).For(replyLanguage))
            : Auto.For(replyLanguage);
        return CardBlocks.Announcement(Heading.For(replyLanguage), text, TextSize.Medium);
    }

    /// <summary>How to use the command, when its argument was missing or not understood.</summary>
    public static AdaptiveCard Usage(Language language) =>
        CardBlocks.Notice(Heading.For(language), [CardBlocks.Paragraph(UsageText.For(language)), CardBlocks.Command(UsageExample.For(language))]);
}
