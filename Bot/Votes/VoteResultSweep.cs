using ConcertationBot.Bot.Kernel;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Votes;

/// <summary>
/// Records the result of votes closed but left unfinished (an instance stopped between the close and the result, or
/// Teams refused the final card). Every bot instance runs this sweep on the deadline sweep's interval against the
/// shared storage; <see cref="VoteCloser.FinishAsync"/> records each result once.
/// </summary>
public sealed partial class VoteResultSweep(
    IVoteStore votes,
    VoteCloser closer,
    IOptions<ConcertationOptions> options,
    TimeProvider time,
    ILogger<VoteResultSweep> logger) : PeriodicSweep(options, time, logger)
{
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
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vote {VoteId}: its pending result could not be recorded; the next sweep tries again")]
    private static partial void LogVoteFinishFailed(ILogger logger, Exception exception, string voteId);
}
