using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Bot.Votes;

/// <summary>
/// Closes a vote once: the store removes the ballot fence before anything else, so the count taken here includes
/// every ballot that was ever acknowledged and no later one. The close leaves the result pending in storage; recording
/// it (<see cref="FinishAsync"/>) is a separate, idempotent step that <c>vote clore</c>, the export or any instance's
/// sweep finishes when the closing call could not (storage or the process failed in between). The winner turns the
/// posted card into the final ranking.
/// </summary>
public sealed partial class VoteCloser(IVoteStore votes, VoteCardRefresher cards, TimeProvider time, ILogger<VoteCloser> logger)
{
    /// <summary>The final card (ranked, ties as ties) when this call closed the vote; null when it was already closed.</summary>
    public async Task<AdaptiveCard?> CloseAsync(VoteRecord vote, Language language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        var closed = await votes.TryCloseAsync(vote, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return closed is null ? null : await FinishAsync(closed, language, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the result of a closed vote from its ballots (the fence is gone, so the count cannot change: two instances
    /// finishing together record the same result) and turns the posted card into the final ranking; returns that card.
    /// </summary>
    public async Task<AdaptiveCard> FinishAsync(VoteRecord closed, Language language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closed);
        if (closed.IsOpen)
        {
            throw new InvalidOperationException($"Vote {closed.VoteId} is open; only a closed vote is finished.");
        }

        var tally = await cards.CountAsync(closed, cancellationToken).ConfigureAwait(false);
        var recorded = await votes.RecordResultAsync(
            closed,
            tally.Participation,
            [.. tally.InVoteOrder.Select(option => option.Score)],
            time.GetUtcNow(),
            cancellationToken).ConfigureAwait(false);
        LogClosed(logger, recorded.VoteId, tally.Participation);
        cards.Schedule(recorded);
        return VoteCard.Build(VoteTallies.Card(recorded.VoteId, VoteCardRefresher.DefinitionOf(recorded), tally, isClosed: true, language));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vote {VoteId} closed with {Participation} ballot(s)")]
    private static partial void LogClosed(ILogger logger, string voteId, int participation);
}
