using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Bot.Votes;
using ConcertationBot.Dialogs.Summaries;

namespace ConcertationBot.Bot.Privacy;

/// <summary>
/// Deletes what a closed pulse or vote holds per person, keeping only the aggregates that summaries, trends and the
/// compte-rendu read (the pulse's summary, the vote's recorded result). Used by <c>pulse supprimer</c> /
/// <c>vote supprimer</c> and by the retention sweep. Idempotent: running it twice deletes nothing more.
/// </summary>
public sealed partial class RecordPurge(
    IPulseStore pulses,
    IVoteStore votes,
    IReminderStore reminders,
    IBotStateStore state,
    PulseCloser pulseCloser,
    VoteCardRefresher voteCards,
    TimeProvider time,
    ILogger<RecordPurge> logger)
{
    /// <summary>Answers, dialog states and reminder claims of a closed pulse; the summary is kept (computed first if missing).</summary>
    public async Task PurgePulseAsync(PulseRecord pulse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        if (pulse.IsOpen)
        {
            throw new InvalidOperationException($"Pulse {pulse.PulseId} is open; only a closed pulse is purged.");
        }

        if (await state.ReadAsync(PulseStateKeys.Summary(pulse.PulseId), PulseSummaryJsonContext.Default.PulseSummary, cancellationToken).ConfigureAwait(false) is null)
        {
            var summary = await pulseCloser.SummarizeAsync(pulse, cancellationToken).ConfigureAwait(false);
            try
            {
                await state.WriteAsync(PulseStateKeys.Summary(pulse.PulseId), summary, default, PulseSummaryJsonContext.Default.PulseSummary, cancellationToken).ConfigureAwait(false);
            }
            catch (StateConflictException)
            {
                // Kept meanwhile by the close or another purge.
            }
        }

        var answers = await pulses.DeleteAnswersAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false);
        var states = await state.DeleteAllAsync(PulseStateKeys.Partition(pulse.PulseId), PulseStateKeys.RespondentPrefix, cancellationToken).ConfigureAwait(false);
        await reminders.DeleteRemindersAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false);
        await pulses.MarkPurgedAsync(pulse, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogPulsePurged(logger, pulse.PulseId, answers, states);
    }

    /// <summary>Ballots of a closed vote; the result is kept (recorded first if the close did not).</summary>
    public async Task PurgeVoteAsync(VoteRecord vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        if (vote.IsOpen)
        {
            throw new InvalidOperationException($"Vote {vote.VoteId} is open; only a closed vote is purged.");
        }

        if (vote.FinalScores is null || vote.FinalParticipation is null)
        {
            var tally = await voteCards.CountAsync(vote, cancellationToken).ConfigureAwait(false);
            await votes.RecordResultAsync(vote, tally.Participation, [.. tally.InVoteOrder.Select(option => option.Score)], time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        var ballots = await votes.DeleteBallotsAsync(vote.VoteId, cancellationToken).ConfigureAwait(false);
        await votes.MarkPurgedAsync(vote, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogVotePurged(logger, vote.VoteId, ballots);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulse {PulseId}: {Answers} answers and {States} dialog states deleted; its summary is kept")]
    private static partial void LogPulsePurged(ILogger logger, string pulseId, int answers, int states);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vote {VoteId}: {Ballots} ballots deleted; its result is kept")]
    private static partial void LogVotePurged(ILogger logger, string voteId, int ballots);
}
