using System.Threading.Channels;

namespace ConcertationBot.Bot.Kernel;

/// <summary>
/// Work that must not hold a Teams request open (reminding 40 people takes longer than Teams waits for an answer):
/// queued by a turn, run one item at a time by the host.
/// </summary>
/// <remarks>
/// On shutdown no new work is accepted (<see cref="Enqueue"/> throws <see cref="InvalidOperationException"/>) and the
/// queue is drained: queued items still run until the host's shutdown token fires (<c>HostOptions.ShutdownTimeout</c>).
/// Then the token every item was given is cancelled, so the running item can wind down (a reminder run gives back the
/// claims it could not use and posts its partial report under its own short budget), and items still queued are dropped
/// with a Warning; <see cref="StopAsync"/> waits for that wind-down at most <see cref="WindDown"/> more, never forever.
/// Nothing is handed over to another instance: what the bot had not started is reported as not done.
/// </remarks>
public sealed partial class BackgroundWork(ILogger<BackgroundWork> logger) : IHostedService, IDisposable
{
    /// <summary>How long <see cref="StopAsync"/> still waits after the shutdown timeout, for the running item to wind down.</summary>
    public static readonly TimeSpan WindDown = TimeSpan.FromSeconds(10);

    private readonly Channel<(string Name, Func<CancellationToken, Task> Work)> _queue =
        Channel.CreateUnbounded<(string, Func<CancellationToken, Task>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly CancellationTokenSource _abort = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Queues <paramref name="work"/>; throws <see cref="InvalidOperationException"/> once the host is stopping.</summary>
    public void Enqueue(string name, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_queue.Writer.TryWrite((name, work)))
        {
            throw new InvalidOperationException("The bot is shutting down; background work is no longer accepted.");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops accepting work and waits for the queue to drain until <paramref name="cancellationToken"/> (the host's
    /// shutdown timeout); then cancels the running item and waits at most <see cref="WindDown"/> for it.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogDrainCut(logger);
        }

        // Cancelled explicitly here, after the wait above ended: never through a registration on the host's token, which
        // the wait's own registration could run before (and this method dispose before it ever ran).
        await _abort.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.WaitAsync(WindDown, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogWindDownTimedOut(logger, WindDown);
        }
    }

    public void Dispose() => _abort.Dispose();

    private async Task RunAsync()
    {
        await foreach (var (name, work) in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (_abort.IsCancellationRequested)
            {
                LogDropped(logger, name);
                continue;
            }

            try
            {
                await work(_abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                LogDropped(logger, name);
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception, name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background work {Name} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background work {Name} was cut short or dropped by the shutdown timeout")]
    private static partial void LogDropped(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shutdown timeout ended before the background queue was drained; the running work is cancelled")]
    private static partial void LogDrainCut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background work did not wind down within {WindDown} after cancellation")]
    private static partial void LogWindDownTimedOut(ILogger logger, TimeSpan windDown);
}
