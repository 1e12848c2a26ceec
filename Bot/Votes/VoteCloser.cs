using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Bot.Votes;

/// <summary>
/// Closes a vote once: the store removes the ballot fence before anything else, so the count taken here includes
/// every ballot that was ever acknowledged and no later one. The winner records the result (for the compte-rendu)
/// and turns the posted card into the final ranking.
/// </summary>
public sealed partial class VoteCloser(IVoteStore votes, VoteCardRefresher cards, TimeProvider time, ILogger<VoteCloser> logger)
{
    /// <summary>The final card (ranked, ties as ties) when this call closed the vote; null when it was already closed.</summary>
    public async Task<AdaptiveCard?> CloseAsync(VoteRecord vote, Language language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        var closed = await votes.TryCloseAsync(vote, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (closed is null)
        {
            return null;
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
