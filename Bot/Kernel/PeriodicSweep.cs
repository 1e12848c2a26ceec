using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Kernel;

/// <summary>
/// A sweep every bot instance runs against the shared storage on <see cref="ConcertationOptions.DeadlineSweepInterval"/>:
/// once at start, then on each tick. A sweep that fails (storage or connector trouble) is logged and the next tick
/// tries again; what it looks for stays in storage, so nothing is lost.
/// </summary>
public abstract partial class PeriodicSweep(IOptions<ConcertationOptions> options, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The clock the sweep ticks on (and that derived sweeps compare deadlines with).</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>The bot's settings, as the sweep was started with them.</summary>
    protected ConcertationOptions Options { get; } = options.Value;

    /// <summary>The derived sweep's logger.</summary>
    protected ILogger Logger { get; } = logger;

    /// <summary>One pass over storage.</summary>
    protected abstract Task SweepOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Options.DeadlineSweepInterval, Time);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(Logger, exception, GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep {Sweep} failed; it will run again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string sweep);
}
