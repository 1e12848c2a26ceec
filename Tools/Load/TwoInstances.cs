namespace ConcertationBot.Load;

/// <summary>
/// The two bot instances of a fault run, on one Azurite and one connector (issue #22 items 2 and 6). Both retry a
/// refused summary after <c>Concertation:CloseRetryDelay</c> 3 s and hold its claim <c>Concertation:CloseClaimLease</c>
/// 15 s (shipped: 1 min and 2 min), so a run takes seconds. The first (the run's bot, A) sweeps only at start
/// (<c>DeadlineSweepInterval</c> 1 h): a close it leaves unfinished can only be finished by the second (B), which
/// sweeps every second.
/// </summary>
internal static class TwoInstances
{
    /// <summary>
    /// How long a reminder run holds its pulse without news (shipped: 5 min), so a run whose bot was killed is resumed
    /// within seconds (<c>reminders-killed</c>); progress is stored every 2 s, well inside it.
    /// </summary>
    public static readonly TimeSpan ReminderRunLease = TimeSpan.FromSeconds(15);

    /// <summary>How often each instance looks for reminder runs to resume (shipped: 1 min).</summary>
    public static readonly TimeSpan ReminderSweepInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long after a refused summary any instance tries again.</summary>
    public static readonly TimeSpan CloseRetryDelay = TimeSpan.FromSeconds(3);

    // The three above before the instances: static fields are initialized in the order they are written (the retry
    // delay was declared after them until 2026-12-06, so the fault runs before that had a 0 s retry delay, not 3 s).

    public static readonly BotInstanceSettings First = new("load-bot.log", Sweeping(TimeSpan.FromHours(1)));

    public static readonly BotInstanceSettings Second = new("load-bot-b.log", Sweeping(TimeSpan.FromSeconds(1)));

    private static Dictionary<string, string> Sweeping(TimeSpan interval) => new()
    {
        ["Concertation:DeadlineSweepInterval"] = interval.ToString("c"),
        ["Concertation:CloseRetryDelay"] = CloseRetryDelay.ToString("c"),
        ["Concertation:CloseClaimLease"] = TimeSpan.FromSeconds(15).ToString("c"),
        ["Reminders:RunLease"] = ReminderRunLease.ToString("c"),
        ["Reminders:ProgressInterval"] = TimeSpan.FromSeconds(2).ToString("c"),
        ["Reminders:SweepInterval"] = ReminderSweepInterval.ToString("c"),
    };
}

/// <summary>A second bot instance and a client bound to it; <see cref="Same"/> delivers a channel's activities to it.</summary>
internal sealed class OtherInstance(BotProcess bot, HttpClient http) : IAsyncDisposable
{
    public BotProcess Bot => bot;

    /// <summary>The same channel (same team, conversation and people), delivered to this instance.</summary>
    public TeamsChannel Same(TeamsChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel.Through(http);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await bot.DisposeAsync().ConfigureAwait(false);
    }
}
