using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Export;
using ConcertationBot.Dialogs.Summaries;

namespace ConcertationBot.Dialogs.Votes;

/// <summary>Counts ballots and turns counts into card and compte-rendu models (pure).</summary>
public static class VoteTallies
{
    /// <summary>
    /// Sums the valid ballots (invalid ones are skipped, not counted in participation). Ranked: best score first; equal
    /// scores share a rank (1, 2, 2, 4) and are marked tied; within a tie, the vote's order.
    /// </summary>
    public static VoteTally Compute(VoteDefinition vote, IEnumerable<VoteBallot> ballots) => throw new NotImplementedException();

    /// <summary>The shared or closed vote card's model (open: vote order; closed: ranked).</summary>
    public static VoteCardModel Card(string voteId, VoteDefinition vote, VoteTally tally, bool isClosed, Language language) => throw new NotImplementedException();

    /// <summary>The voter's confirmation lines: the options their ballot gives something to, in the vote's order.</summary>
    public static IReadOnlyList<VoteBallotLine> Lines(VoteDefinition vote, VoteBallot ballot) => throw new NotImplementedException();

    /// <summary>The vote's result for the compte-rendu.</summary>
    public static VoteResultSummary ToResult(VoteDefinition vote, VoteTally tally) => throw new NotImplementedException();

    /// <summary>
    /// Options for <c>vote leviers</c>: the leviers of every condition of <paramref name="summary"/>, merged when equal after
    /// case, accent and space folding, most cited first (ties in the summary's order), each shortened to
    /// <see cref="VoteCommands.MaxOptionLength"/> characters (ending with "…"); the caller keeps the first 12.
    /// </summary>
    public static IReadOnlyList<string> Levers(PulseSummary summary) => throw new NotImplementedException();
}
