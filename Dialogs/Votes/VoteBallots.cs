using System.Text.Json.Nodes;
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
/// what can be pre-filled again (points per option, invalid values as 0), or null when nothing usable was typed.
/// </summary>
public sealed record VoteBallotReading(VoteBallot? Ballot, VoteBallotProblem Problem, IReadOnlyList<int>? Typed);

/// <summary>Reads, validates and stores ballots (pure).</summary>
public static class VoteBallots
{
    /// <summary>Reads the ballot inputs (see <c>VoteInputIds</c>) from the <c>vote.cast</c> action data.</summary>
    public static VoteBallotReading Read(VoteDefinition vote, JsonObject? data) => throw new NotImplementedException();

    /// <summary>Whether a ballot fits the vote's rules (length, whole non-negative points, at least one, within N or the budget).</summary>
    public static bool IsValid(VoteDefinition vote, VoteBallot ballot) => throw new NotImplementedException();

    /// <summary>The stored form: points per option, comma-separated ("0,2,1").</summary>
    public static string Encode(VoteBallot ballot) => throw new NotImplementedException();

    /// <summary>Reads a stored ballot; false when it is malformed or does not have <paramref name="optionCount"/> entries.</summary>
    public static bool TryDecode(string? stored, int optionCount, out VoteBallot ballot) => throw new NotImplementedException();

    /// <summary>The form's polite notice for <paramref name="problem"/> (null for None).</summary>
    public static string? Describe(VoteBallotProblem problem, VoteDefinition vote, Language language) => throw new NotImplementedException();
}
