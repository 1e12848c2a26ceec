using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Bot.Votes;

/// <summary>
/// A vote's close, as recorded: the vote with its result, the count, and the final card (the ranking, or participation
/// only under the small-group rule).
/// </summary>
public sealed record VoteClosing(VoteRecord Vote, VoteTally Tally, AdaptiveCard FinalCard);

/// <summary>
/// Closes a vote once: the store removes the ballot fence before anything else, so the count taken here includes
/// every ballot that was ever acknowledged and no later one. The close leaves the result pending in storage; recording
/// it (<see cref="FinishAsync"/>) is a separate, idempotent step that <c>vote clore</c>, the export or any instance's
/// sweep finishes when the closing call could not (storage or the process failed in between). The posted vote card
/// itself turns into the final result (a live card update); <c>vote clore</c> then adds one short notice, not a copy.
/// </summary>
public sealed partial class VoteCloser(IVoteStore votes, VoteCardRefresher cards, TimeProvider time, ILogger<VoteCloser> logger)
{
    /// <summary>The recorded close when this call closed the vote; null when it was already closed.</summary>
    public async Task<VoteClosing?> CloseAsync(VoteRecord vote, SharedLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        var closed = await votes.TryCloseAsync(vote, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return closed is null ? null : await FinishAsync(closed, language, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the result of a closed vote from its ballots (the fence is gone, so the count cannot change: two instances
    /// finishing together record the same result) and schedules the posted card's turn into the final result.
    /// </summary>
    public async Task<VoteClosing> FinishAsync(VoteRecord closed, SharedLanguage language, CancellationToken cancellationToken)
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
        return new VoteClosing(recorded, tally, language.Card(l => VoteCard.Build(cards.Model(recorded, tally, isClosed: true, l))));
    }

    /// <summary>
    /// The short notice <c>vote clore</c> posts beside the updated vote card: participation and, unless the small-group
    /// rule withholds the tallies, the option(s) in the lead.
    /// </summary>
    public AdaptiveCard Notice(VoteClosing closing, SharedLanguage language)
    {
        ArgumentNullException.ThrowIfNull(closing);
        var vote = closing.Vote;
        var participation = closing.Tally.Participation;
        var withheld = VoteTallies.IsWithheld(vote.Rules, participation, isClosed: true, cards.MinimumBallots);
        return language.Card(l =>
        {
            var definition = VoteCardRefresher.DefinitionOf(vote, l);
            return VoteNoticeCards.ClosedNotice(new VoteClosedNoticeModel
            {
                Language = l,
                Question = definition.Question,
                Participation = participation,
                Leaders = withheld || participation <= 0 ? null : [.. closing.Tally.Ranked.Where(o => o.Rank == 1).Select(o => definition.Options[o.Index])],
            });
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vote {VoteId} closed with {Participation} ballot(s)")]
    private static partial void LogClosed(ILogger logger, string voteId, int participation);
}
