using System.Threading.Channels;

namespace ConcertationBot.Bot.Kernel;

/// <summary>
/// Work that must not hold a Teams request open (reminding 40 people takes longer than Teams waits for an answer):
/// queued by a turn, run one item at a time by the host, drained on shutdown within the host's timeout.
/// </summary>
public sealed partial class BackgroundWork(ILogger<BackgroundWork> logger) : BackgroundService
{
    private readonly Channel<(string Name, Func<CancellationToken, Task> Work)> _queue =
        Channel.CreateUnbounded<(string, Func<CancellationToken, Task>)>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(string name, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_queue.Writer.TryWrite((name, work)))
        {
            throw new InvalidOperationException("The bot is shutting down; background work is no longer accepted.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (name, work) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await work(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, exception, name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background work {Name} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string name);
}
