using System.Globalization;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Commands;

namespace ConcertationBot.Dialogs.Rencontres;

/// <summary>
/// The date of a rencontre as a coordinator types it, and as people read it. Accepted forms (case- and
/// accent-insensitive, French or English whatever the conversation's language, optionally after <c>le</c>, <c>du</c> or
/// <c>on</c>): <c>14 septembre</c>, <c>1er octobre</c>,
/// <c>14 sept.</c>, <c>14/09</c>, <c>14/09/2026</c>, <c>2026-09-14</c>, <c>aujourd'hui</c>, <c>September 14</c>,
/// <c>September 14, 2026</c>, <c>14 September</c>, <c>today</c>. Slashed dates are day first, as French writes them
/// (<c>09/14</c> is refused, never read as September 14).
/// </summary>
public static class RencontreDates
{
    /// <summary>
    /// A date typed without a year is read in the current year, unless that date lies more than this many months before
    /// today: then it is read in the next year. A date a few weeks or months past (a rencontre held last week and
    /// recorded late) stays in this year; only a date so far back that nobody would record it now rolls to the coming
    /// year. In December, <c>14 mai</c> (more than 6 months back) is next May; in December, <c>14 septembre</c> (less than
    /// 6 months back) is this September. A future date of the current year is never moved.
    /// </summary>
    public const int RollOverMonths = 6;

    // Folded spellings (accents removed, lower case, no final period) and the month each one means.
    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["janvier"] = 1, ["janv"] = 1, ["january"] = 1, ["jan"] = 1,
        ["fevrier"] = 2, ["fevr"] = 2, ["fev"] = 2, ["february"] = 2, ["feb"] = 2,
        ["mars"] = 3, ["march"] = 3, ["mar"] = 3,
        ["avril"] = 4, ["avr"] = 4, ["april"] = 4, ["apr"] = 4,
        ["mai"] = 5, ["may"] = 5,
        ["juin"] = 6, ["june"] = 6, ["jun"] = 6,
        ["juillet"] = 7, ["juil"] = 7, ["july"] = 7, ["jul"] = 7,
        ["aout"] = 8, ["august"] = 8, ["aug"] = 8,
        ["septembre"] = 9, ["sept"] = 9, ["sep"] = 9, ["september"] = 9,
        ["octobre"] = 10, ["oct"] = 10, ["october"] = 10,
        ["novembre"] = 11, ["nov"] = 11, ["november"] = 11,
        ["decembre"] = 12, ["dec"] = 12, ["december"] = 12,
    };

    private static readonly string[] FrenchMonths =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>
    /// Reads <paramref name="typed"/> as a date; <paramref name="today"/> is today where the table meets (for
    /// <c>aujourd'hui</c> and for dates without a year, see <see cref="RollOverMonths"/>). False for anything else, and
    /// for a date that does not exist (<c>31/02</c>, <c>13/13</c>, <c>29 février</c> in a year without one).
    /// </summary>
    public static bool TryRead(string? typed, DateOnly today, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(typed))
        {
            return false;
        }

        var text = CommandText.Fold(CommandText.CollapseWhiteSpace(typed)).Replace('\u2019', '\'').Trim();
        foreach (var article in (ReadOnlySpan<string>)["le ", "du ", "on "])
        {
            // "rencontre du 14 septembre", as the comptes-rendus title it; "meeting on September 14".
            if (text.StartsWith(article, StringComparison.Ordinal))
            {
                text = text[article.Length..];
                break;
            }
        }

        if (text is "aujourd'hui" or "aujourdhui" or "auj" or "today")
        {
            date = today;
            return true;
        }

        if (text.Contains('-', StringComparison.Ordinal))
        {
            return TryReadIso(text, out date);
        }

        if (text.Contains('/', StringComparison.Ordinal))
        {
            return TryReadSlashed(text, today, out date);
        }

        return TryReadWords(text, today, out date);
    }

    /// <summary>The date as people read it: <c>14 septembre 2026</c>, <c>1er octobre 2026</c> / <c>September 14, 2026</c>.</summary>
    public static string Write(DateOnly date, Language language) =>
        language == Language.English
            ? string.Create(CultureInfo.InvariantCulture, $"{EnglishMonths[date.Month - 1]} {date.Day}, {date.Year}")
            : string.Create(CultureInfo.InvariantCulture, $"{(date.Day == 1 ? "1er" : date.Day.ToString(CultureInfo.InvariantCulture))} {FrenchMonths[date.Month - 1]} {date.Year}");

    /// <summary>
    /// The year a day and month typed without one fall in (see <see cref="RollOverMonths"/>): null when that day does
    /// not exist in the year the rule picks (29 February outside a leap year).
    /// </summary>
    public static DateOnly? WithoutYear(int month, int day, DateOnly today)
    {
        if (month is < 1 or > 12 || day < 1 || day > 31)
        {
            return null;
        }

        // Compared by month and day first, so 29 February is placed before it is checked.
        var year = today.Year;
        var sixMonthsAgo = today.AddMonths(-RollOverMonths);
        var inThisYear = (month, day);
        if (sixMonthsAgo.Year == today.Year && inThisYear.CompareTo((sixMonthsAgo.Month, sixMonthsAgo.Day)) < 0)
        {
            year++;
        }

        return day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static bool TryReadIso(string text, out DateOnly date)
    {
        date = default;
        var parts = text.Split('-');
        return parts.Length == 3
            && parts[0].Length == 4
            && TryNumber(parts[0], 4, out var year)
            && TryNumber(parts[1], 2, out var month)
            && TryNumber(parts[2], 2, out var day)
            && TryCreate(year, month, day, out date);
    }

    private static bool TryReadSlashed(string text, DateOnly today, out DateOnly date)
    {
        date = default;
        var parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || !TryNumber(parts[0], 2, out var day) || !TryNumber(parts[1], 2, out var month))
        {
            return false;
        }

        if (parts.Length == 3)
        {
            return parts[2].Length == 4 && TryNumber(parts[2], 4, out var year) && TryCreate(year, month, day, out date);
        }

        return TryResolve(month, day, today, out date);
    }

    /// <summary><c>14 septembre [2026]</c>, <c>1er sept.</c>, <c>September 14[,] [2026]</c>, <c>14 September [2026]</c>.</summary>
    private static bool TryReadWords(string text, DateOnly today, out DateOnly date)
    {
        date = default;
        var words = text.Replace(',', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 3)
        {
            return false;
        }

        int day;
        int month;
        if (TryDay(words[0], out day) && TryMonth(words[1], out month))
        {
            // 14 septembre
        }
        else if (TryMonth(words[0], out month) && TryDay(words[1], out day))
        {
            // September 14
        }
        else
        {
            return false;
        }

        if (words.Length == 3)
        {
            return words[2].Length == 4 && TryNumber(words[2], 4, out var year) && TryCreate(year, month, day, out date);
        }

        return TryResolve(month, day, today, out date);
    }

    private static bool TryResolve(int month, int day, DateOnly today, out DateOnly date)
    {
        var resolved = WithoutYear(month, day, today);
        date = resolved ?? default;
        return resolved is not null;
    }

    private static bool TryMonth(string word, out int month) => Months.TryGetValue(word.TrimEnd('.'), out month);

    /// <summary>A day number, with an optional ordinal ending: <c>1er</c>, <c>1st</c>, <c>2nd</c>, <c>3rd</c>, <c>14th</c>, <c>14e</c>.</summary>
    private static bool TryDay(string word, out int day)
    {
        foreach (var ending in (ReadOnlySpan<string>)["er", "st", "nd", "rd", "th", "e"])
        {
            if (word.Length > ending.Length && word.EndsWith(ending, StringComparison.Ordinal))
            {
                word = word[..^ending.Length];
                break;
            }
        }

        return TryNumber(word, 2, out day);
    }

    /// <summary>One to <paramref name="maxDigits"/> ASCII digits, nothing else.</summary>
    private static bool TryNumber(string text, int maxDigits, out int value)
    {
        value = 0;
        if (text.Length is 0 || text.Length > maxDigits || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TryCreate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
