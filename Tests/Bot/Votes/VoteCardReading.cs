using System.Text.RegularExpressions;

namespace ConcertationBot.Tests.Bot.Votes;

/// <summary>
/// Reads what a person sees per option on a vote card: each option is a container holding a rich text line
/// ("2. (ex æquo) Mobilité" once closed) and, unless results are hidden, a bar line ending with the score
/// ("████░░ 12 · 40 %", "███ 7 points").
/// </summary>
internal static partial class VoteCardReading
{
    /// <summary>(option, rank, score, tied) for every option line, in the card's order.</summary>
    public static List<(string Option, int Rank, int Score, bool Tied)> Ranking(JsonObject card, IReadOnlyCollection<string> options)
    {
        var lines = new List<(string, int, int, bool)>();
        foreach (var (runs, scoreText) in OptionLines(card))
        {
            var option = runs[^1];
            if (!options.Contains(option))
            {
                continue;
            }

            var rankMatch = RankPattern().Match(runs[0]);
            var rank = rankMatch.Success ? int.Parse(rankMatch.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var tied = runs.Any(run => run.Contains("ex æquo", StringComparison.Ordinal) || run.Contains("tied", StringComparison.Ordinal));
            lines.Add((option, rank, Score(scoreText), tied));
        }

        return lines;
    }

    /// <summary>Each option's score in the order of <paramref name="options"/> (-1 when the card shows none).</summary>
    public static int[] Scores(JsonObject card, IReadOnlyList<string> options)
    {
        var byOption = Ranking(card, options).ToDictionary(line => line.Option, line => line.Score, StringComparer.Ordinal);
        return [.. options.Select(option => byOption.GetValueOrDefault(option, -1))];
    }

    private static int Score(string? text)
    {
        if (text is null)
        {
            return -1;
        }

        var match = ScorePattern().Match(text);
        return match.Success ? int.Parse(match.Groups[1].Value.Replace("\u202F", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture) : -1;
    }

    private static IEnumerable<(List<string> Runs, string? ScoreText)> OptionLines(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if ((string?)obj["type"] == "Container" && obj["items"] is JsonArray items && items.Count is 1 or 2
                    && (string?)items[0]?["type"] == "RichTextBlock")
                {
                    var runs = items[0]!["inlines"]!.AsArray().Select(run => (string?)run?["text"] ?? string.Empty).ToList();
                    yield return (runs, items.Count == 2 ? (string?)items[1]?["text"] : null);
                    yield break;
                }

                foreach (var (key, value) in obj)
                {
                    if (key == "refresh")
                    {
                        continue;
                    }

                    foreach (var line in OptionLines(value))
                    {
                        yield return line;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var line in OptionLines(item))
                    {
                        yield return line;
                    }
                }

                break;
        }
    }

    [GeneratedRegex(@"^\s*(\d+)\.")]
    private static partial Regex RankPattern();

    /// <summary>The first number after the bar characters: "██░ 12 · 40 %" → 12, "█ 1 234 points" → 1234.</summary>
    [GeneratedRegex(@"^[^\d]*(\d[\d\u202F\u00A0]*)")]
    private static partial Regex ScorePattern();
}
