using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Kernel;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// Closes pulses whose deadline has passed, and finishes closes left unfinished (a pulse summary not posted; a vote
/// result not recorded is <see cref="Votes.VoteResultSweep"/>'s). Every bot instance runs this sweep against the shared storage; the close itself is claimed
/// with an ETag-conditioned transaction and the summary post with a lease (<see cref="PulseCloser"/>), so exactly one
/// instance closes each pulse and posts its summary.
/// </summary>
public sealed partial class PulseDeadlineService(
    IPulseStore pulses,
    PulseCloser closer,
    PulseCardRefresher cards,
    IOptions<ConcertationOptions> options,
    TimeProvider time,
    ILogger<PulseDeadlineService> logger) : PeriodicSweep(options, time, logger)
{
    protected override Task SweepOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <summary>Closes every due pulse this instance wins, then finishes unfinished closes; returns how many pulses it closed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var closed = 0;
        await foreach (var pulse in pulses.ListDueAsync(Time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            if (await closer.CloseAsync(pulse, PulseCardRefresher.LanguageOf(pulse), cancellationToken).ConfigureAwait(false))
            {
                closed++;
            }
        }

        await FinishUnfinishedAsync(cancellationToken).ConfigureAwait(false);
        return closed;
    }

    /// <summary>How long after the close a card still not seen closed is sent again (then given up: the message is likely gone).</summary>
    public static readonly TimeSpan FinalCardWindow = TimeSpan.FromDays(1);

    /// <summary>
    /// Posts pending pulse summaries, one instance at a time (by claim); then sends again the closed card of pulses whose
    /// card was not seen turned into it (<see cref="PulseRecord.FinalCardPending"/>), from
    /// <see cref="ConcertationOptions.CloseRetryDelay"/> after the close and for a day.
    /// </summary>
    public async Task FinishUnfinishedAsync(CancellationToken cancellationToken)
    {
        await foreach (var pulse in pulses.ListSummaryPendingAsync(cancellationToken).ConfigureAwait(false))
        {
            if (pulse.SummaryClaimUntil is null || pulse.SummaryClaimUntil <= Time.GetUtcNow())
            {
                await closer.FinishAsync(pulse, PulseCardRefresher.LanguageOf(pulse), cancellationToken).ConfigureAwait(false);
            }
        }

        var now = Time.GetUtcNow();
        await foreach (var pulse in pulses.ListFinalCardPendingAsync(now - Options.CloseRetryDelay, now - FinalCardWindow, cancellationToken).ConfigureAwait(false))
        {
            LogFinalCardAgain(Logger, pulse.PulseId);
            cards.Schedule(pulse);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulse {PulseId}: its card was not seen closed; sending it again")]
    private static partial void LogFinalCardAgain(ILogger logger, string pulseId);
}
