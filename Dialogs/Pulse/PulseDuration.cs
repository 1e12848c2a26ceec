using System.Globalization;

namespace ConcertationBot.Dialogs.Pulse;

/// <summary>Why a typed duration was refused.</summary>
public enum PulseDurationProblem
{
    None,

    /// <summary>Not a number and a unit ("3x", "bientôt").</summary>
    Unreadable,

    /// <summary>Read, but under <see cref="PulseDuration.Minimum"/> ("0j", "30min" is unreadable).</summary>
    TooShort,

    /// <summary>Read, but over <see cref="PulseDuration.Maximum"/> ("120j").</summary>
    TooLong,
}

/// <summary>Reads the duration typed after <c>pulse démarrer</c> / <c>pulse start</c>.</summary>
public static class PulseDuration
{
    public static readonly TimeSpan Default = TimeSpan.FromDays(7);

    public static readonly TimeSpan Minimum = TimeSpan.FromHours(1);

    public static readonly TimeSpan Maximum = TimeSpan.FromDays(90);

    private static readonly Dictionary<string, int> UnitHours = new(StringComparer.Ordinal)
    {
        ["h"] = 1, ["heure"] = 1, ["heures"] = 1, ["hour"] = 1, ["hours"] = 1,
        ["j"] = 24, ["jour"] = 24, ["jours"] = 24, ["d"] = 24, ["day"] = 24, ["days"] = 24,
        ["sem"] = 168, ["semaine"] = 168, ["semaines"] = 168, ["w"] = 168, ["week"] = 168, ["weeks"] = 168,
    };

    /// <summary>
    /// <paramref name="words"/> are the folded words (see <c>CommandText.Words</c>) after the command: none → 7 days;
    /// otherwise a whole number and a unit, joined or not ("3j", "3 jours", "48h", "2sem", "2 weeks"…), between
    /// 1 hour and 90 days. Anything else is false.
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> words, out TimeSpan duration) =>
        Read(words, out duration) == PulseDurationProblem.None;

    /// <summary>
    /// As <see cref="TryParse"/>, saying why a duration was refused: unreadable, or read but outside
    /// <see cref="Minimum"/>..<see cref="Maximum"/> (so the answer can give the range instead of "not understood").
    /// </summary>
    public static PulseDurationProblem Read(IReadOnlyList<string> words, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(words);
        duration = default;
        string text;
        switch (words.Count)
        {
            case 0:
                duration = Default;
                return PulseDurationProblem.None;
            case 1:
                text = words[0];
                break;
            case 2 when words[1].All(char.IsAsciiLetter):
                text = words[0] + words[1];
                break;
            default:
                return PulseDurationProblem.Unreadable;
        }

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || digits > 4
            || !int.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || !UnitHours.TryGetValue(text[digits..], out var hours))
        {
            return PulseDurationProblem.Unreadable;
        }

        var candidate = TimeSpan.FromHours((long)count * hours);
        if (candidate < Minimum)
        {
            return PulseDurationProblem.TooShort;
        }

        if (candidate > Maximum)
        {
            return PulseDurationProblem.TooLong;
        }

        duration = candidate;
        return PulseDurationProblem.None;
    }
}
