using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Votes;

namespace ConcertationBot.Bot.Privacy;

/// <summary>
/// Retention (<c>Concertation:RetentionDays</c>): every few hours, each instance purges the pulses and votes closed longer
/// ago than that, keeping their summaries and results. Two instances purging the same pulse at once is harmless: every
/// deletion tolerates rows already gone.
/// </summary>
public sealed partial class RetentionService(
    IPulseStore pulses,
    IVoteStore votes,
    RecordPurge purge,
    IOptions<ConcertationOptions> options,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage trouble: the next sweep finds the same pulses and votes again.
                LogSweepFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Purges every pulse and vote closed before the retention limit; returns how many of each.</summary>
    public async Task<(int Pulses, int Votes)> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        var purgedPulses = new List<PulseRecord>();
        await foreach (var pulse in pulses.ListClosedBeforeAsync(cutoff, cancellationToken).ConfigureAwait(false))
        {
            purgedPulses.Add(pulse);
        }

        foreach (var pulse in purgedPulses)
        {
            await purge.PurgePulseAsync(pulse, cancellationToken).ConfigureAwait(false);
        }

        var purgedVotes = new List<VoteRecord>();
        await foreach (var vote in votes.ListClosedBeforeAsync(cutoff, cancellationToken).ConfigureAwait(false))
        {
            purgedVotes.Add(vote);
        }

        foreach (var vote in purgedVotes)
        {
            await purge.PurgeVoteAsync(vote, cancellationToken).ConfigureAwait(false);
        }

        if (purgedPulses.Count + purgedVotes.Count > 0)
        {
            LogSwept(logger, purgedPulses.Count, purgedVotes.Count, options.Value.RetentionDays);
        }

        return (purgedPulses.Count, purgedVotes.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Pulses} pulses and {Votes} votes closed more than {Days} days ago purged")]
    private static partial void LogSwept(ILogger logger, int pulses, int votes, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention sweep failed; it will run again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
