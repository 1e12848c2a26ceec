using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>Short answers to a pulse command that could not be carried out as typed.</summary>
public static partial class PulseNoticeCards
{
    /// <summary>
    /// The duration after "pulse démarrer" was read but is outside 1 hour..90 days: says which way and gives the range
    /// (rather than "not understood"); <paramref name="typed"/> is shown as typed.
    /// </summary>
    public static AdaptiveCard DurationOutOfRange(Language language, string typed, bool tooShort)
    {
        ArgumentNullException.ThrowIfNull(typed);
        return DurationNotice(
            language,
            (tooShort ? TooShortHeading : TooLongHeading).For(language),
            (tooShort ? TooShort : TooLong).Format(language, typed.Trim()),
            RangeHint);
    }

    /// <summary>The duration after "pulse démarrer" was not understood; <paramref name="typed"/> is shown as typed.</summary>
    public static AdaptiveCard BadDuration(Language language, string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var notUnderstood = string.IsNullOrWhiteSpace(typed)
            ? NotUnderstoodEmpty.For(language)
            : NotUnderstood.Format(language, typed.Trim());
        return DurationNotice(language, BadDurationHeading.For(language), notUnderstood, HowTo);
    }

    /// <summary>What was wrong with the typed duration (may carry user text), the rule, then two examples.</summary>
    private static AdaptiveCard DurationNotice(Language language, string heading, string problem, Localized hint) =>
        CardBlocks.Notice(
            heading,
            [
                CardBlocks.PlainText(problem),
                CardBlocks.Paragraph(hint.For(language)),
                new TextBlock { Text = ExamplesTitle.For(language), Spacing = CardSpacing.Medium, Weight = TextWeight.Bolder },
                CardBlocks.Command(Example1.For(language)),
                CardBlocks.Command(Example2.For(language)),
            ]);
}
