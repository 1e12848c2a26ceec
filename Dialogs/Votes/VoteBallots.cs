using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Votes;

/// <summary>Why a ballot was refused.</summary>
public enum VoteBallotProblem
{
    None,

    /// <summary>No option chosen, or zero points in all.</summary>
    NothingChosen,

    /// <summary>Top-N: more than N options.</summary>
    TooManyChoices,

    /// <summary>Dot voting: a value that is not a whole number ("1,5", "abc").</summary>
    NotWhole,

    Negative,

    /// <summary>Dot voting: more points than the budget.</summary>
    OverBudget,

    /// <summary>An option index that is not in the vote (a crafted or stale card).</summary>
    UnknownOption,
}

/// <summary>
/// A ballot read from the form: <see cref="Ballot"/> when valid, else <see cref="Problem"/>; <see cref="Typed"/> holds
/// what can be pre-filled again (points per option, unreadable values as 0), or null when nothing usable was typed.
/// </summary>
/// <para>
/// Dot voting: <see cref="Given"/> is how many points the valid fields add up to (to say "7 points sur 5"), and a
/// negative number stays in <see cref="Typed"/> as typed, so the form shows the person what to correct.
/// </para>
public sealed record VoteBallotReading(VoteBallot? Ballot, VoteBallotProblem Problem, IReadOnlyList<int>? Typed, long Given = 0);

/// <summary>Reads, validates and stores ballots (pure).</summary>
public static partial class VoteBallots
{
    /// <summary>
    /// The ballot of one click on an option's button (<c>vote.choose</c>) of a single-choice vote: that option alone.
    /// <see cref="VoteBallotProblem.UnknownOption"/> when the index is missing or not in the vote, or the vote is not
    /// single-choice (a crafted or mismatched card).
    /// </summary>
    public static VoteBallotReading Choose(VoteDefinition vote, int? option)
    {
        ArgumentNullException.ThrowIfNull(vote);
        if (vote.Rules.Mode != VoteMode.Single || option is not { } index || index < 0 || index >= vote.Options.Count)
        {
            return new VoteBallotReading(null, VoteBallotProblem.UnknownOption, null);
        }

        var points = new int[vote.Options.Count];
        points[index] = 1;
        return new VoteBallotReading(new VoteBallot(points), VoteBallotProblem.None, points);
    }

    /// <summary>The ballot form's notice after a click on a button that names no option of the vote.</summary>
    public static string UnknownChoice(Language language) => UnknownChoiceText.For(language);

    /// <summary>Reads the ballot inputs (see <c>VoteInputIds</c>) from the <c>vote.cast</c> action data.</summary>
    public static VoteBallotReading Read(VoteDefinition vote, JsonObject? data)
    {
        ArgumentNullException.ThrowIfNull(vote);
        return vote.Rules.Mode == VoteMode.Points ? ReadPoints(vote, data) : ReadChoices(vote, data);
    }

    /// <summary>Whether a ballot fits the vote's rules (length, whole non-negative points, at least one, within N or the budget).</summary>
    public static bool IsValid(VoteDefinition vote, VoteBallot ballot)
    {
        ArgumentNullException.ThrowIfNull(vote);
        if (ballot?.Points is not { } points || points.Count != vote.Options.Count || points.Any(p => p < 0))
        {
            return false;
        }

        if (vote.Rules.Mode != VoteMode.Points && points.Any(p => p > 1))
        {
            return false;
        }

        var sum = points.Sum(p => (long)p);
        return sum >= 1 && sum <= vote.Rules.Limit;
    }

    /// <summary>The stored form: points per option, comma-separated ("0,2,1").</summary>
    public static string Encode(VoteBallot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        return string.Join(',', ballot.Points.Select(p => p.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Reads a stored ballot; false when it is malformed or does not have <paramref name="optionCount"/> entries.</summary>
    public static bool TryDecode(string? stored, int optionCount, out VoteBallot ballot)
    {
        ballot = new VoteBallot([]);
        if (string.IsNullOrEmpty(stored) || optionCount <= 0)
        {
            return false;
        }

        var parts = stored.Split(',');
        if (parts.Length != optionCount)
        {
            return false;
        }

        var points = new int[optionCount];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0
                || !parts[i].All(char.IsAsciiDigit)
                || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out points[i]))
            {
                return false;
            }
        }

        ballot = new VoteBallot(points);
        return true;
    }

    /// <summary>The form's polite notice for <paramref name="problem"/> (null for None).</summary>
    public static string? Describe(VoteBallotProblem problem, VoteDefinition vote, Language language)
    {
        ArgumentNullException.ThrowIfNull(vote);
        var mode = vote.Rules.Mode;
        var limit = vote.Rules.Limit;
        return problem switch
        {
            VoteBallotProblem.NothingChosen => (mode switch
            {
                VoteMode.Single => ChooseOne,
                VoteMode.TopN => ChooseAtLeastOne,
                _ => GiveAPoint,
            }).For(language),
            VoteBallotProblem.TooManyChoices => limit <= 1 ? OnlyOne.For(language) : AtMostChoices.Format(language, limit),
            VoteBallotProblem.NotWhole => NotWholeText.For(language),
            VoteBallotProblem.Negative => NegativeText.For(language),
            VoteBallotProblem.OverBudget => limit <= 1 ? OverOnePoint.For(language) : OverBudgetText.Format(language, limit),
            VoteBallotProblem.UnknownOption => UnknownOptionText.For(language),
            _ => null,
        };
    }

    /// <summary>
    /// The form's notice for a refused <paramref name="reading"/>, saying exactly what is wrong where it can: "Vous avez
    /// réparti 7 points sur 5 : retirez-en 2.", or the negative number typed. Null for a valid ballot.
    /// </summary>
    public static string? Describe(VoteBallotReading reading, VoteDefinition vote, Language language)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(vote);
        var limit = vote.Rules.Limit;
        switch (reading.Problem)
        {
            case VoteBallotProblem.OverBudget when reading.Given > limit:
                return OverBudgetGiven.Format(language, Number(reading.Given), Number(limit), Number(reading.Given - limit));
            case VoteBallotProblem.Negative when reading.Typed?.FirstOrDefault(p => p < 0) is { } negative and < 0:
                return NegativeGiven.Format(language, Number(negative));
            default:
                return Describe(reading.Problem, vote, language);
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Single choice and top-N: the set of chosen indexes; Typed marks the known ones.
    private static VoteBallotReading ReadChoices(VoteDefinition vote, JsonObject? data)
    {
        var count = vote.Options.Count;
        var key = vote.Rules.Mode == VoteMode.Single ? VoteInputIds.Choice : VoteInputIds.Choices;
        var chosen = new int[count];
        var unknown = false;
        foreach (var item in ChoiceItems(Field(data, key)))
        {
            if (ParseIndex(item) is { } index && index < count)
            {
                chosen[index] = 1;
            }
            else
            {
                unknown = true;
            }
        }

        var picked = chosen.Sum();
        var typed = picked > 0 ? chosen : null;
        var problem = unknown ? VoteBallotProblem.UnknownOption
            : picked == 0 ? VoteBallotProblem.NothingChosen
            : picked > vote.Rules.Limit ? VoteBallotProblem.TooManyChoices
            : VoteBallotProblem.None;
        return Reading(chosen, problem, typed);
    }

    // Dot voting: one whole number per option; empty or missing is 0.
    private static VoteBallotReading ReadPoints(VoteDefinition vote, JsonObject? data)
    {
        var count = vote.Options.Count;
        var points = new int[count];
        var shown = new int[count];
        var notWhole = false;
        var negative = false;
        long sum = 0;
        for (var i = 0; i < count; i++)
        {
            var value = ReadPoint(Field(data, VoteInputIds.Points(i)));
            notWhole |= value.Problem == VoteBallotProblem.NotWhole;
            negative |= value.Problem == VoteBallotProblem.Negative;
            points[i] = value.Problem == VoteBallotProblem.None ? (int)Math.Min(value.Points, int.MaxValue) : 0;
            shown[i] = value.Problem == VoteBallotProblem.Negative ? (int)Math.Max(value.Points, int.MinValue) : points[i];
            sum += points[i];
        }

        var unknown = data is not null && data.Any(pair => IsOutsidePointsField(pair.Key, count)
            && ReadPoint(pair.Value) is { Problem: not VoteBallotProblem.None } or { Points: > 0 });
        var typed = shown.Any(p => p != 0) ? shown : null;
        var problem = notWhole ? VoteBallotProblem.NotWhole
            : negative ? VoteBallotProblem.Negative
            : unknown ? VoteBallotProblem.UnknownOption
            : sum > vote.Rules.Limit ? VoteBallotProblem.OverBudget
            : sum == 0 ? VoteBallotProblem.NothingChosen
            : VoteBallotProblem.None;
        return Reading(points, problem, typed) with { Given = sum };
    }

    private static VoteBallotReading Reading(int[] points, VoteBallotProblem problem, int[]? typed) =>
        problem == VoteBallotProblem.None
            ? new VoteBallotReading(new VoteBallot(points), problem, points, points.Sum(p => (long)p))
            : new VoteBallotReading(null, problem, typed);

    private static JsonNode? Field(JsonObject? data, string key) =>
        data is not null && data.TryGetPropertyValue(key, out var node) ? node : null;

    // "0,2" as Input.ChoiceSet sends it; defensively also a number, or an array of those.
    private static IEnumerable<string> ChoiceItems(JsonNode? node)
    {
        switch (node?.GetValueKind())
        {
            case JsonValueKind.String:
                return node.GetValue<string>().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            case JsonValueKind.Number:
                return [node.ToJsonString()];
            case JsonValueKind.Array:
                return node.AsArray().SelectMany(item => item?.GetValueKind() is JsonValueKind.Array ? ["?"] : ChoiceItems(item));
            case null or JsonValueKind.Null:
                return [];
            default:
                return ["?"];
        }
    }

    // A plain index ("0".."11"); null for anything else.
    private static int? ParseIndex(string text) =>
        text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit)
            ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;

    // Strings hold ASCII digits with an optional sign; JSON numbers may be any whole value ("2", "2.0").
    private static (long Points, VoteBallotProblem Problem) ReadPoint(JsonNode? node)
    {
        switch (node?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return (0, VoteBallotProblem.None);
            case JsonValueKind.String:
                return ParsePointText(node.GetValue<string>().Trim());
            case JsonValueKind.Number:
                return decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? FromNumber(number)
                    : (0, VoteBallotProblem.NotWhole);
            default:
                return (0, VoteBallotProblem.NotWhole);
        }
    }

    private static (long Points, VoteBallotProblem Problem) ParsePointText(string text)
    {
        if (text.Length == 0)
        {
            return (0, VoteBallotProblem.None);
        }

        var negative = text[0] == '-';
        var digits = text[0] is '-' or '+' ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return (0, VoteBallotProblem.NotWhole);
        }

        var significant = digits.TrimStart('0');
        var magnitude = significant.Length > 12 ? long.MaxValue : significant.Length == 0 ? 0 : long.Parse(significant, CultureInfo.InvariantCulture);
        return negative && magnitude > 0 ? (-magnitude, VoteBallotProblem.Negative) : (magnitude, VoteBallotProblem.None);
    }

    private static (long Points, VoteBallotProblem Problem) FromNumber(decimal number) =>
        number != decimal.Truncate(number) ? (0, VoteBallotProblem.NotWhole)
        : number < 0 ? (number < long.MinValue ? long.MinValue : (long)number, VoteBallotProblem.Negative)
        : (number > long.MaxValue ? long.MaxValue : (long)number, VoteBallotProblem.None);

    // "points12" in a vote of 12 options: an input this vote never had.
    private static bool IsOutsidePointsField(string key, int count) =>
        key.StartsWith(VoteInputIds.PointsPrefix, StringComparison.Ordinal)
        && ParseIndex(key[VoteInputIds.PointsPrefix.Length..]) is { } index
        && index >= count;
}
