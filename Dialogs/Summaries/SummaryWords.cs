using System.Globalization;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Summaries;

/// <summary>The words and number formats the summary card and the compte-rendu share (French decimal comma, plurals).</summary>
public static class SummaryWords
{
    public static readonly Localized SuppressedNotice = new(
        "Pas assez de réponses pour afficher la répartition (minimum {0}).",
        "Not enough answers to show (minimum {0}).");

    public static readonly Localized TextsWithheldNotice = new(
        "Pas assez de réponses pour afficher les textes (minimum {0}).",
        "Not enough answers to show the texts (minimum {0}).");

    public static readonly Localized DontKnow = new("Je ne sais pas", "Don't know");
    public static readonly Localized FreinsLeviersTitle = new("Freins et leviers par condition", "Barriers and levers by condition");
    public static readonly Localized Freins = new("Freins", "Barriers");
    public static readonly Localized Leviers = new("Leviers", "Levers");
    public static readonly Localized NoFrein = new("Aucun frein nommé.", "No barrier named.");
    public static readonly Localized NoLevier = new("Aucun levier nommé.", "No lever named.");
    public static readonly Localized NoFreinLevier = new("Aucun frein ni levier nommé.", "No barrier or lever named.");
    public static readonly Localized ChangesTitle = new("Changements les plus significatifs", "Most significant changes");
    public static readonly Localized Positive = new("Positifs", "Positive");
    public static readonly Localized Negative = new("Négatifs", "Negative");
    public static readonly Localized Unspecified = new("Sans précision", "Direction not given");
    public static readonly Localized NoChange = new("Aucun changement nommé.", "No change named.");

    private static readonly CultureInfo FrenchCulture = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-US");
    private static readonly Localized MeanFigure = new("Moyenne : {0} / {1} · écart {2}", "Mean: {0} / {1} · spread {2}");
    private static readonly Localized MedianFigure = new("Médiane : {0}", "Median: {0}");
    private static readonly Localized CountFigure = new("{0} : {1}", "{0}: {1}");
    private static readonly Localized MeanUp = new("↑ +{0} depuis le pulse précédent", "↑ +{0} since the previous pulse");
    private static readonly Localized MeanDown = new("↓ −{0} depuis le pulse précédent", "↓ −{0} since the previous pulse");
    private static readonly Localized MeanSame = new("→ stable depuis le pulse précédent ({0})", "→ steady since the previous pulse ({0})");
    private static readonly Localized LevelUp = new("↑ +{0} depuis le pulse précédent (avant : {1})", "↑ +{0} since the previous pulse (was {1})");
    private static readonly Localized LevelDown = new("↓ −{0} depuis le pulse précédent (avant : {1})", "↓ −{0} since the previous pulse (was {1})");
    private static readonly Localized LevelSame = new("→ même niveau qu'au pulse précédent", "→ same level as the previous pulse");
    private static readonly Localized PeriodRange = new("Du {0} au {1}", "From {0} to {1}");
    private static readonly Localized PeriodDay = new("Le {0}", "On {0}");

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

    /// <summary>The title of the participation by profile, saying what its cells are.</summary>
    public static readonly Localized ProfilesTitle = new("Participation par profil (réponses / membres)", "Participation by profile (answers / members)");

    /// <summary>A profile cell under k.</summary>
    public static readonly Localized FewerThan = new("moins de {0}", "fewer than {0}");

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

    /// <summary>"Médiane : Coordination".</summary>
    public static string Median(string optionLabel, Language language) => MedianFigure.Format(language, optionLabel);

    /// <summary>"Je ne sais pas : 2".</summary>
    public static string LabelledCount(string label, int count, Language language) =>
        CountFigure.Format(language, label, count.ToString(CultureInfo.InvariantCulture));

    /// <summary>"↑ +0,6 depuis le pulse précédent", "↓ −0,4 …", "→ stable … (3,4)".</summary>
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

    /// <summary>"↑ +1 niveau depuis le pulse précédent (avant : Assistance)"; <paramref name="previousLabel"/> names the previous median.</summary>
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
