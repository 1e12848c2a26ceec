using System.Globalization;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Summaries;

/// <summary>The words and number formats the summary card and the compte-rendu share (French decimal comma, plurals).</summary>
public static partial class SummaryWords
{
    private static readonly CultureInfo FrenchCulture = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-US");

    /// <summary>"3,4" / "3.4": one decimal, rounded half away from zero.</summary>
    public static string Decimal(double value, Language language) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", Culture(language));

    /// <summary>"58 %" (non-breaking space) / "58%".</summary>
    public static string Percent(int part, int whole, Language language)
    {
        var percent = whole == 0 ? 0 : (int)Math.Round(100.0 * part / whole, MidpointRounding.AwayFromZero);
        return language == Language.English
            ? percent.ToString(CultureInfo.InvariantCulture) + "%"
            : percent.ToString(CultureInfo.InvariantCulture) + FrenchTypography.NoBreakSpace + "%";
    }

    /// <summary>"1 réponse", "7 réponses", "0 réponse" (French singular up to 1) / "1 answer", "0 answers".</summary>
    public static string Count(int count, Localized singular, Localized plural, Language language)
    {
        var one = language == Language.English ? count == 1 : count is 0 or 1;
        return count.ToString(CultureInfo.InvariantCulture) + " " + (one ? singular : plural).For(language);
    }

    /// <summary>"3 / 5", or "moins de 3" when either number is under k (the cell was not kept).</summary>
    public static string ProfileCell(ProfileParticipation cell, int minimumGroupSize, Language language)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell is { Answered: { } answered, Members: { } members }
            ? answered.ToString(CultureInfo.InvariantCulture) + " / " + members.ToString(CultureInfo.InvariantCulture)
            : FewerThan.Format(language, minimumGroupSize.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>"7 réponses sur 12 membres (58 %)" / "7 answers from 12 members (58%)"; "7 réponses" when N is unknown.</summary>
    public static string Participation(int answers, int? members, Language language)
    {
        var text = Count(answers, new("réponse", "answer"), new("réponses", "answers"), language);
        if (members is not { } n)
        {
            return text;
        }

        text += (language == Language.English ? " from " : " sur ") + Count(n, new("membre", "member"), new("membres", "members"), language);
        return n > 0 ? text + " (" + Percent(answers, n, language) + ")" : text;
    }

    /// <summary>
    /// "3 novembre 2026" (1er for the first) / "November 3, 2026", in the offset the time was given with: give it in the
    /// readers' time zone (<see cref="LocalTime.In(DateTimeOffset, string?)"/>), never a stored UTC time as is.
    /// </summary>
    public static string Date(DateTimeOffset time, Language language)
    {
        if (language == Language.English)
        {
            return time.ToString("MMMM d, yyyy", EnglishCulture);
        }

        var day = time.Day == 1 ? "1er" : time.Day.ToString(CultureInfo.InvariantCulture);
        return day + " " + time.ToString("MMMM yyyy", FrenchCulture);
    }

    /// <summary>
    /// "Du 3 novembre 2026 au 10 novembre 2026", or "Le 3 novembre 2026" when opened and closed the same day, each date
    /// in the offset it was given with (see <see cref="Date"/>).
    /// </summary>
    public static string Period(DateTimeOffset openedAt, DateTimeOffset closedAt, Language language) =>
        openedAt.Date == closedAt.Date
            ? PeriodDay.Format(language, Date(openedAt, language))
            : PeriodRange.Format(language, Date(openedAt, language), Date(closedAt, language));

    public static string SuppressedText(int minimumGroupSize, Language language) =>
        SuppressedNotice.Format(language, minimumGroupSize.ToString(CultureInfo.InvariantCulture));

    /// <summary>"Pas assez de réponses pour afficher les textes (minimum 3)." where free text is withheld.</summary>
    public static string TextsWithheldText(int minimumGroupSize, Language language) =>
        TextsWithheldNotice.Format(language, minimumGroupSize.ToString(CultureInfo.InvariantCulture));

    /// <summary>"Moyenne : 3,4 / 5 · écart 1,1".</summary>
    public static string MeanAndSpread(double mean, int max, double spread, Language language) =>
        MeanFigure.Format(language, Decimal(mean, language), max.ToString(CultureInfo.InvariantCulture), Decimal(spread, language));

    /// <summary>A role group's mean: "3,4 / 5 (4 réponses)".</summary>
    public static string GroupMean(double mean, int max, int answers, Language language) =>
        GroupMeanFigure.Format(language, Decimal(mean, language), max.ToString(CultureInfo.InvariantCulture), answers.ToString(CultureInfo.InvariantCulture));

    /// <summary>"Médiane : Coordination".</summary>
    public static string Median(string optionLabel, Language language) => MedianFigure.Format(language, optionLabel);

    /// <summary>"Je ne sais pas : 2".</summary>
    public static string LabelledCount(string label, int count, Language language) =>
        CountFigure.Format(language, label, count.ToString(CultureInfo.InvariantCulture));

    /// <summary>"↑ +0,6 depuis le pouls précédent", "↓ −0,4 …", "→ stable … (3,4)".</summary>
    public static string MeanTrend(SummaryTrend trend, Language language)
    {
        ArgumentNullException.ThrowIfNull(trend);
        return trend.Direction switch
        {
            TrendDirection.Up => MeanUp.Format(language, Decimal(Math.Abs(trend.Delta), language)),
            TrendDirection.Down => MeanDown.Format(language, Decimal(Math.Abs(trend.Delta), language)),
            _ => MeanSame.Format(language, Decimal(trend.Previous, language)),
        };
    }

    /// <summary>"↑ +1 niveau depuis le pouls précédent (avant : Assistance)"; <paramref name="previousLabel"/> names the previous median.</summary>
    public static string LevelTrend(SummaryTrend trend, string previousLabel, Language language)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var levels = (int)Math.Abs(Math.Round(trend.Delta));
        var amount = Count(levels, new("niveau", "level"), new("niveaux", "levels"), language);
        return trend.Direction switch
        {
            TrendDirection.Up => LevelUp.Format(language, amount, previousLabel),
            TrendDirection.Down => LevelDown.Format(language, amount, previousLabel),
            _ => LevelSame.For(language),
        };
    }

    private static CultureInfo Culture(Language language) => language == Language.English ? EnglishCulture : FrenchCulture;
}
