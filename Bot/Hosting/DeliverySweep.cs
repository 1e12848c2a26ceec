using ConcertationBot.Bot.Storage;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Hosting;

/// <summary>
/// Keeps the <c>Deliveries</c> table bounded: once at start, then every <see cref="RedeliveryOptions.SweepInterval"/>,
/// deletes the rows claimed longer ago than <see cref="RedeliveryOptions.Window"/>. Every instance runs it; deletes are
/// conditional, so two instances sweeping together are harmless. A failed sweep is logged and the next one tries again.
/// </summary>
public sealed partial class DeliverySweep(IDeliveryStore store, IOptions<RedeliveryOptions> options, TimeProvider time, ILogger<DeliverySweep> logger) : BackgroundService
{
    /// <summary>One pass: deletes the expired rows; returns how many.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteOlderThanAsync(time.GetUtcNow() - options.Value.Window, cancellationToken).ConfigureAwait(false);
        LogSwept(logger, deleted);
        return deleted;
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

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "Delivery sweep deleted {Deleted} expired rows")]
    private static partial void LogSwept(ILogger logger, int deleted);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "The delivery sweep failed; it will run again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
