using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>Short answers to a pulse command that could not be carried out as typed.</summary>
public static class PulseNoticeCards
{
    private static readonly Localized BadDurationHeading = new("Durée non comprise", "Duration not understood");
    private static readonly Localized NotUnderstood = new(
        "Je n'ai pas compris la durée « {0} ».",
        "I did not understand the duration \"{0}\".");
    private static readonly Localized NotUnderstoodEmpty = new("Je n'ai pas compris la durée.", "I did not understand the duration.");
    private static readonly Localized HowTo = new(
        "Indiquez un nombre de jours (j) ou d'heures (h), entre 1 heure et 90 jours. Sans durée, le pulse reste ouvert 7 jours.",
        "Give a number of days (d) or hours (h), from 1 hour to 90 days. Without a duration, the pulse stays open 7 days.");
    private static readonly Localized ExamplesTitle = new("Par exemple :", "For example:");
    private static readonly Localized Example1 = new("pulse démarrer 3j", "pulse start 3d");
    private static readonly Localized Example2 = new("pulse démarrer 48h", "pulse start 48h");

    private static readonly Localized TooShortHeading = new("Durée trop courte", "Duration too short");
    private static readonly Localized TooLongHeading = new("Durée trop longue", "Duration too long");
    private static readonly Localized TooShort = new(
        "La durée « {0} » est trop courte : un pulse reste ouvert de 1 heure à 90 jours.",
        "The duration \"{0}\" is too short: a pulse stays open from 1 hour to 90 days.");
    private static readonly Localized TooLong = new(
        "La durée « {0} » est trop longue : un pulse reste ouvert de 1 heure à 90 jours.",
        "The duration \"{0}\" is too long: a pulse stays open from 1 hour to 90 days.");
    private static readonly Localized RangeHint = new(
        "Sans durée, le pulse reste ouvert 7 jours.",
        "Without a duration, the pulse stays open 7 days.");

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
