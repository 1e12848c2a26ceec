using Microsoft.Extensions.Logging.Abstractions;

namespace ConcertationBot.Tests.Bot.Kernel;

/// <summary>
/// The background queue on shutdown (issue #22 item 4): queued work is drained within the shutdown timeout, then the
/// running item is cancelled, and work enqueued after shutdown is refused. Every wait has a bound, so a regression fails
/// the test instead of hanging the run.
/// </summary>
public sealed class BackgroundWorkTests
{
    /// <summary>The most any single step may take before the test fails (never a figure a passing run depends on).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task StopAsync_WorkStillQueued_RunsItWithALiveTokenBeforeStopping()
    {
        // Arrange
        using var work = await StartedAsync();
        var release = Signal();
        var started = Signal();
        var queuedRan = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Enqueue("running", async _ =>
        {
            started.SetResult();
            await release.Task.WaitAsync(Bound);
        });
        work.Enqueue("queued", token =>
        {
            queuedRan.SetResult(token.IsCancellationRequested);
            return Task.CompletedTask;
        });
        await started.Task.WaitAsync(Bound);
        using var shutdownTimeout = new CancellationTokenSource(Bound);

        // Act
        var stopping = work.StopAsync(shutdownTimeout.Token);
        release.SetResult();
        await stopping.WaitAsync(Bound);

        // Assert: it ran, and with a token still live (a cancelled one would make a reminder run stop at once).
        Assert.True(queuedRan.Task.IsCompletedSuccessfully);
        Assert.False(await queuedRan.Task);
        Assert.False(shutdownTimeout.IsCancellationRequested);
    }

    [Fact]
    public async Task Enqueue_AfterStop_ThrowsInsteadOfDroppingTheWork()
    {
        // Arrange
        using var work = await StartedAsync();
        await work.StopAsync(CancellationToken.None).WaitAsync(Bound);

        // Act
        var refused = Assert.Throws<InvalidOperationException>(() => work.Enqueue("late", _ => Task.CompletedTask));

        // Assert
        Assert.Contains("shutting down", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_ShutdownTimeoutEnds_RunningWorkSeesItsTokenCancelledAndStopReturns()
    {
        // Arrange
        using var work = await StartedAsync();
        var started = Signal();
        var cancelled = Signal();
        var droppedRan = false;
        work.Enqueue("endless", async token =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                cancelled.TrySetResult();
            }
        });
        work.Enqueue("behind it", _ =>
        {
            droppedRan = true;
            return Task.CompletedTask;
        });
        await started.Task.WaitAsync(Bound);
        using var shutdownTimeout = new CancellationTokenSource();

        // Act: the host's shutdown timeout ends while the endless item runs.
        var stopping = work.StopAsync(shutdownTimeout.Token);
        await shutdownTimeout.CancelAsync();
        await stopping.WaitAsync(Bound);

        // Assert
        await cancelled.Task.WaitAsync(Bound);
        Assert.False(droppedRan);
    }

    [Fact]
    public async Task RunningWork_Throws_NextItemStillRuns()
    {
        // Arrange
        using var work = await StartedAsync();
        var next = Signal();

        // Act
        work.Enqueue("broken", _ => throw new InvalidOperationException("a bug"));
        work.Enqueue("next", _ =>
        {
            next.SetResult();
            return Task.CompletedTask;
        });

        // Assert
        await next.Task.WaitAsync(Bound);
        await work.StopAsync(CancellationToken.None).WaitAsync(Bound);
    }

    /// <summary>A started <see cref="BackgroundWork"/>.</summary>
    private static async Task<BackgroundWork> StartedAsync()
    {
        var work = new BackgroundWork(NullLogger<BackgroundWork>.Instance);
        await work.StartAsync(CancellationToken.None);
        return work;
    }

    /// <summary>A one-shot signal between the test and the work, its continuations not run inline.</summary>
    private static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
