using ConcertationBot.Bot.Kernel;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Votes;

/// <summary>
/// Finishes votes closed but left unfinished. Every bot instance runs this sweep on the deadline sweep's interval against
/// the shared storage: a result not recorded yet (an instance stopped between the close and the result) is recorded
/// once by <see cref="VoteCloser.FinishAsync"/>; a posted card not seen turned into the recorded result
/// (<see cref="VoteRecord.FinalCardPending"/>: the closing instance stopped before Teams accepted the update, or Teams
/// refused it for longer than that instance kept trying) is sent again, from <see cref="ConcertationOptions.CloseRetryDelay"/>
/// after the result and for a day.
/// </summary>
public sealed partial class VoteResultSweep(
    IVoteStore votes,
    VoteCloser closer,
    VoteCardRefresher cards,
    IOptions<ConcertationOptions> options,
    TimeProvider time,
    ILogger<VoteResultSweep> logger) : PeriodicSweep(options, time, logger)
{
    /// <summary>How long after the result a card still not seen final is sent again (then given up: the message is likely gone).</summary>
    public static readonly TimeSpan FinalCardWindow = TimeSpan.FromDays(1);

    protected override Task SweepOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <summary>Records every pending vote result; a vote that fails stays pending for the next sweep, the others go on.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await foreach (var vote in votes.ListResultPendingAsync(null, null, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await closer.FinishAsync(vote, VoteCardRefresher.LanguageOf(vote), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogVoteFinishFailed(logger, exception, vote.VoteId);
            }
        }

        var now = Time.GetUtcNow();
        await foreach (var vote in votes.ListFinalCardPendingAsync(now - Options.CloseRetryDelay, now - FinalCardWindow, cancellationToken).ConfigureAwait(false))
        {
            LogFinalCardAgain(logger, vote.VoteId);
            cards.Schedule(vote);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vote {VoteId}: its card was not seen turned into the result; sending it again")]
    private static partial void LogFinalCardAgain(ILogger logger, string voteId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vote {VoteId}: its pending result could not be recorded; the next sweep tries again")]
    private static partial void LogVoteFinishFailed(ILogger logger, Exception exception, string voteId);
}
