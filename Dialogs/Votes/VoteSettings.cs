using System.Globalization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Commands;

namespace ConcertationBot.Dialogs.Votes;

/// <summary>
/// The settings of a <c>vote</c> command as they are read: <c>top N</c>, <c>points [N]</c>, <c>résultats cachés</c> /
/// <c>hidden results</c>, <c>résultats publics</c> / <c>public results</c>. <see cref="Garbled"/> when a number is not a plain whole number or a setting comes twice.
/// </summary>
internal sealed class VoteSettings
{
    public int? Top { get; private set; }

    public int? Points { get; private set; }

    public bool Hidden { get; private set; }

    /// <summary><c>résultats publics</c>: tallies show even under k ballots.</summary>
    public bool Public { get; private set; }

    public bool Garbled { get; private set; }

    /// <summary>
    /// Reads one setting at <paramref name="at"/>; returns how many words it took (0: not a setting). <c>top</c> is a
    /// setting only when a number-like word follows, so a question may start with "Top"; <c>points</c> alone means the
    /// default budget.
    /// </summary>
    public int TryRead(IReadOnlyList<string> words, int at)
    {
        var word = Key(words[at]);
        var next = at + 1 < words.Count ? words[at + 1] : null;
        switch (word)
        {
            case "top" when next is not null && IsNumberLike(next):
                Garbled |= Top is not null;
                Top = ParseNumber(next);
                return 2;
            case "points" when next is not null && IsNumberLike(next):
                Garbled |= Points is not null;
                Points = ParseNumber(next);
                return 2;
            case "points":
                Garbled |= Points is not null;
                Points = VoteCommands.DefaultPoints;
                return 1;
            case "resultats" or "resultat" when next is not null && Key(next) is "caches" or "cache" or "cachees" or "cachee":
            case "hidden" when next is not null && Key(next) is "results" or "result":
                Garbled |= Hidden;
                Hidden = true;
                return 2;
            case "resultats" or "resultat" when next is not null && Key(next) is "publics" or "public" or "publiques" or "publique":
            case "public" when next is not null && Key(next) is "results" or "result":
                Garbled |= Public;
                Public = true;
                return 2;
            default:
                return 0;
        }
    }

    /// <summary>Reads settings from <paramref name="at"/> on while there are some; returns where they stop.</summary>
    public int ReadLeading(IReadOnlyList<string> words, int at = 0)
    {
        while (at < words.Count)
        {
            var taken = TryRead(words, at);
            if (taken == 0)
            {
                break;
            }

            at += taken;
        }

        return at;
    }

    /// <summary>True when <paramref name="words"/> are settings and nothing else (none read otherwise).</summary>
    public static bool AreOnlySettings(IReadOnlyList<string> words) =>
        words.Count > 0 && new VoteSettings().ReadLeading(words) == words.Count;

    /// <summary>Whether the settings make sense whatever the options: nothing garbled, not both top and points, N at least 1, points at most 99.</summary>
    public bool IsWellFormed =>
        !Garbled
        && !(Top is not null && Points is not null)
        && (Top is null || Top >= 1)
        && (Points is null || (Points >= 1 && Points <= VoteCommands.MaxPoints));

    /// <summary><see cref="IsWellFormed"/>, and top N below <paramref name="optionCount"/>.</summary>
    public bool IsValid(int optionCount) => IsWellFormed && (Top is null || Top <= optionCount - 1);

    /// <summary>The rules these settings give (single choice when none).</summary>
    public VoteRules ToRules() =>
        Top is { } top ? new VoteRules(VoteMode.TopN, top, Hidden, Public)
        : Points is { } points ? new VoteRules(VoteMode.Points, points, Hidden, Public)
        : new VoteRules(VoteMode.Single, 1, Hidden, Public);

    private static string Key(string word) => CommandText.Fold(word).TrimEnd(',', '.');

    // "3", "3,", but also "2x", "-1", "1.5": a word with a digit is meant as a number, so it is read strictly.
    private static bool IsNumberLike(string word) => word.Any(char.IsAsciiDigit);

    // −1 (out of every range) unless plain ASCII digits, at most 6, optionally followed by a comma or a full stop.
    private static int ParseNumber(string word)
    {
        var digits = word.TrimEnd(',', '.');
        return digits.Length is > 0 and <= 6 && digits.All(char.IsAsciiDigit)
            ? int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)
            : -1;
    }
}
