using System.Globalization;

namespace ConcertationBot.Dialogs.Pulse;

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
    public static bool TryParse(IReadOnlyList<string> words, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(words);
        duration = default;
        string text;
        switch (words.Count)
        {
            case 0:
                duration = Default;
                return true;
            case 1:
                text = words[0];
                break;
            case 2 when words[1].All(char.IsAsciiLetter):
                text = words[0] + words[1];
                break;
            default:
                return false;
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
            return false;
        }

        var candidate = TimeSpan.FromHours((long)count * hours);
        if (candidate < Minimum || candidate > Maximum)
        {
            return false;
        }

        duration = candidate;
        return true;
    }
}
