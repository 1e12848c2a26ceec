using ConcertationBot.Bot.Routing;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// Finishes reminder runs whose instance died (killed, crashed: its lease in <c>PulseReminders</c> ended and nobody ended
/// the run). Every instance runs it against the shared storage, at start and then every
/// <see cref="PulseRemindersOptions.SweepInterval"/>; a stale run is taken over with an ETag-conditioned write, so one
/// instance resumes it. The resume plans again, reminds who is left and turns the coordinator's progress card into the
/// report (<see cref="PulseReminders.ResumeAsync"/>), then ends the run. A run row without its work (the instance died
/// before the progress card was posted, so nobody was claimed; or written by an older build) is only ended.
/// </summary>
public sealed partial class PulseReminderSweep(
    IReminderStore store,
    IPulseStore pulses,
    PulseReminders reminders,
    IOptions<PulseRemindersOptions> options,
    TimeProvider time,
    ILogger<PulseReminderSweep> logger) : BackgroundService
{
    /// <summary>One pass: takes over and finishes every stale run this instance wins; returns how many it resumed.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var stale = new List<StaleReminderRun>();
        await foreach (var run in store.ListStaleRunsAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            stale.Add(run);
        }

        var resumed = 0;
        foreach (var run in stale)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (!await store.TryTakeOverRunAsync(run, time.GetUtcNow() + options.Value.RunLease, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var end = true;
            try
            {
                if (await FindPulseAsync(run, cancellationToken).ConfigureAwait(false) is { } pulse)
                {
                    await reminders.ResumeAsync(pulse, run.Run, cancellationToken).ConfigureAwait(false);
                    resumed++;
                }
                else
                {
                    LogEndedWithoutResume(logger, run.PulseId);
                }
            }
            catch (Exception exception) when (cancellationToken.IsCancellationRequested || TransientFailures.IsTransient(exception))
            {
                // The pulse, roster or answers could not be read, the report could not be posted, or this bot is
                // stopping before the run began: what was done is in the member rows, so the run is left as it is and
                // resumed (planned again) once the lease just taken ends.
                end = false;
                LogResumeDeferred(logger, exception, run.PulseId);
            }
            finally
            {
                if (end)
                {
                    await EndRunAsync(run.PulseId).ConfigureAwait(false);
                }
            }
        }

        return resumed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>The run's pulse, open or closed since; null when the run keeps no work or the pulse is gone.</summary>
    private async Task<PulseRecord?> FindPulseAsync(StaleReminderRun run, CancellationToken cancellationToken)
    {
        if (run.Run.Work is not { } work)
        {
            return null;
        }

        var open = await pulses.GetOpenAsync(work.ChannelId, work.PulseConversationId, cancellationToken).ConfigureAwait(false);
        if (open?.PulseId == run.PulseId)
        {
            return open;
        }

        var closed = await pulses.GetLatestAsync(work.ChannelId, work.PulseConversationId, closedOnly: true, exceptPulseId: null, cancellationToken).ConfigureAwait(false);
        return closed?.PulseId == run.PulseId ? closed : null;
    }

    /// <summary>Ends the run under its own budget (a stopping bot's token may be spent); a failure leaves it for the next sweep.</summary>
    private async Task EndRunAsync(string pulseId)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await store.EndRunAsync(pulseId, budget.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException || TransientFailures.IsTransient(exception))
        {
            LogRunNotEnded(logger, exception, pulseId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulse {PulseId}: a stale reminder run had nothing to resume (no work stored, or the pulse is gone); ended")]
    private static partial void LogEndedWithoutResume(ILogger logger, string pulseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: a resumed reminder run could not be marked ended; the next sweep takes it again")]
    private static partial void LogRunNotEnded(ILogger logger, Exception exception, string pulseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: a stale reminder run could not be resumed now; the next sweep after its lease tries again")]
    private static partial void LogResumeDeferred(ILogger logger, Exception exception, string pulseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reminder run sweep failed; it will run again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
