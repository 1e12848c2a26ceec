namespace ConcertationBot.Tests.Bot.LiveCards;

public sealed class ConversationRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public void TryAcquire_EighthCallWithinOneSecond_RefusedUntilTheFirstLeavesTheWindow()
    {
        var clock = new SteppingClock(Start);
        var limiter = Create(clock, globalPerSecond: 0);
        var granted = Enumerable.Range(0, 7).Select(_ => limiter.TryAcquire("19:thread")).ToList();

        var eighth = limiter.TryAcquire("19:thread");

        Assert.All(granted, wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.Equal(TimeSpan.FromSeconds(1), eighth);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(TimeSpan.FromMilliseconds(1), limiter.TryAcquire("19:thread"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("19:thread"));
    }

    [Fact]
    public void TryAcquire_NinthCallWithinTwoSeconds_RefusedByTheTwoSecondWindow()
    {
        var clock = new SteppingClock(Start);
        var limiter = Create(clock, globalPerSecond: 0);
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("19:thread"));
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("19:thread"));

        var ninth = limiter.TryAcquire("19:thread");

        Assert.Equal(TimeSpan.FromSeconds(1), ninth);
    }

    [Fact]
    public void TryAcquire_OtherConversation_HasItsOwnWindows()
    {
        var clock = new SteppingClock(Start);
        var limiter = Create(clock, globalPerSecond: 0);
        for (var i = 0; i < 8; i++)
        {
            limiter.TryAcquire("19:first");
        }

        var other = limiter.TryAcquire("19:second");

        Assert.Equal(TimeSpan.Zero, other);
        Assert.NotEqual(TimeSpan.Zero, limiter.TryAcquire("19:first"));
    }

    [Fact]
    public void TryAcquire_CallOnceEveryTenMillisecondsForAnHour_GrantsExactlyWhatEveryTeamsWindowAllows()
    {
        var clock = new SteppingClock(Start);
        var limiter = Create(clock, globalPerSecond: 0);
        var grants = new List<TimeSpan>();
        var elapsed = TimeSpan.Zero;

        while (elapsed < TimeSpan.FromMinutes(61))
        {
            if (limiter.TryAcquire("a:one-to-one") == TimeSpan.Zero)
            {
                grants.Add(elapsed);
            }

            clock.Advance(TimeSpan.FromMilliseconds(10));
            elapsed += TimeSpan.FromMilliseconds(10);
        }

        foreach (var (window, limit) in OutboundPacingOptions.TeamsPerThreadLimits)
        {
            for (var i = 0; i < grants.Count; i++)
            {
                var inWindow = grants.Count(g => g <= grants[i] && grants[i] - g < window);
                Assert.True(inWindow <= limit, $"{inWindow} grants within {window} ending at {grants[i]}");
            }
        }

        // Not needlessly slow either: the 30 s window fills (60 calls) in the first 30 s, the hour allows 1800.
        Assert.Equal(60, grants.Count(g => g < TimeSpan.FromSeconds(30)));
        Assert.Equal(1800, grants.Count(g => g < TimeSpan.FromHours(1)));
    }

    [Fact]
    public void TryAcquire_GlobalBudgetSpent_RefusesAFreshConversation()
    {
        var clock = new SteppingClock(Start);
        var limiter = Create(clock, globalPerSecond: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("a:member-" + i));
        }

        var fourth = limiter.TryAcquire("a:member-3");

        Assert.Equal(TimeSpan.FromSeconds(1), fourth);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("a:member-3"));
    }

    [Fact]
    public void TryAcquire_GlobalBudgetOff_GrantsManyConversationsAtOnce()
    {
        var limiter = Create(new SteppingClock(Start), globalPerSecond: 0);

        var waits = Enumerable.Range(0, 500).Select(i => limiter.TryAcquire("a:member-" + i)).ToList();

        Assert.All(waits, wait => Assert.Equal(TimeSpan.Zero, wait));
    }

    [Fact]
    public void TryAcquire_DefaultGlobalBudget_TwentyPerSecondAcrossConversations()
    {
        var clock = new SteppingClock(Start);
        var limiter = new ConversationRateLimiter(Options.Create(new OutboundPacingOptions { SafetyMargin = TimeSpan.Zero }), clock);

        var waits = Enumerable.Range(0, 21).Select(i => limiter.TryAcquire("a:member-" + i)).ToList();

        Assert.Equal(20, waits.Count(w => w == TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(1), waits[20]);
    }

    [Fact]
    public void TryAcquire_SafetyMargin_WidensEveryWindow()
    {
        var clock = new SteppingClock(Start);
        var limiter = new ConversationRateLimiter(
            Options.Create(new OutboundPacingOptions { GlobalPerSecond = 0, SafetyMargin = TimeSpan.FromMilliseconds(150) }), clock);
        for (var i = 0; i < 7; i++)
        {
            limiter.TryAcquire("19:thread");
        }

        var eighth = limiter.TryAcquire("19:thread");

        Assert.Equal(TimeSpan.FromMilliseconds(1150), eighth);
    }

    [Fact]
    public void TryAcquire_KeyIdleForAnHour_IsForgotten()
    {
        var clock = new SteppingClock(Start);
        var limiter = Create(clock, globalPerSecond: 0);
        limiter.TryAcquire("a:old");
        clock.Advance(TimeSpan.FromMinutes(61));

        limiter.TryAcquire("a:new");

        Assert.Equal(1, limiter.KeyCount);
    }

    [Fact]
    public async Task WaitAsync_EighthCallWithinOneSecond_CompletesExactlyWhenTheWindowFrees()
    {
        var clock = new SteppingClock(Start);
        var limiter = Create(clock, globalPerSecond: 0);
        var first = Enumerable.Range(0, 7).Select(_ => limiter.WaitAsync("19:thread", CancellationToken.None)).ToList();

        var eighth = limiter.WaitAsync("19:thread", CancellationToken.None);

        Assert.All(first, task => Assert.True(task.IsCompletedSuccessfully));
        Assert.False(eighth.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(eighth.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await eighth.WaitAsync(HangGuard);
        Assert.NotEqual(TimeSpan.Zero, limiter.TryAcquire("19:thread"));
    }

    [Fact]
    public async Task WaitAsync_Cancelled_ThrowsAndCountsNothing()
    {
        var clock = new SteppingClock(Start);
        var limiter = Create(clock, globalPerSecond: 0);
        for (var i = 0; i < 7; i++)
        {
            await limiter.WaitAsync("19:thread", CancellationToken.None);
        }

        using var cancel = new CancellationTokenSource();
        var waiting = limiter.WaitAsync("19:thread", cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(HangGuard));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("19:thread"));
        Assert.NotEqual(TimeSpan.Zero, limiter.TryAcquire("19:thread"));
    }

    private static ConversationRateLimiter Create(TimeProvider clock, int globalPerSecond) =>
        new(Options.Create(new OutboundPacingOptions { GlobalPerSecond = globalPerSecond, SafetyMargin = TimeSpan.Zero }), clock);
}
