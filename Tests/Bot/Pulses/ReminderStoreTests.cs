namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>The reminder claims and the run lease on Azurite (issues #22 item 4, #23).</summary>
public sealed class ReminderStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 19, 36, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private ReminderStore NewStore() => new(new TableServiceClient(azurite.ConnectionString));

    [Fact]
    public async Task ReleaseReminderAsync_OwnClaim_PersonCanBeClaimedAgainAtOnce()
    {
        // Arrange
        var store = NewStore();
        var pulseId = PulseRecord.NewId();
        Assert.True(await store.TryClaimReminderAsync(pulseId, "29:amelie", Now, Day, CancellationToken.None));

        // Act
        await store.ReleaseReminderAsync(pulseId, "29:amelie", Now, CancellationToken.None);

        // Assert
        Assert.Empty(await store.ReadRemindedAtAsync(pulseId, ["29:amelie"], CancellationToken.None));
        Assert.True(await store.TryClaimReminderAsync(pulseId, "29:amelie", Now.AddMinutes(1), Day, CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseReminderAsync_ClaimMadeSinceBySomeoneElse_LeavesItAlone()
    {
        // Arrange: a claim 2 days ago (ours, failed), then a new one by another run today.
        var store = NewStore();
        var pulseId = PulseRecord.NewId();
        Assert.True(await store.TryClaimReminderAsync(pulseId, "29:bruno", Now.AddDays(-2), Day, CancellationToken.None));
        Assert.True(await store.TryClaimReminderAsync(pulseId, "29:bruno", Now, Day, CancellationToken.None));

        // Act
        await store.ReleaseReminderAsync(pulseId, "29:bruno", Now.AddDays(-2), CancellationToken.None);

        // Assert
        Assert.Equal(Now, (await store.ReadRemindedAtAsync(pulseId, ["29:bruno"], CancellationToken.None))["29:bruno"].At);
    }

    [Fact]
    public async Task ReadRemindedAtAsync_OnlyTheAskedMembersAndNotTheRunRow()
    {
        // Arrange
        var store = NewStore();
        var pulseId = PulseRecord.NewId();
        await store.TryClaimReminderAsync(pulseId, "29:amelie", Now, Day, CancellationToken.None);
        await store.TryClaimReminderAsync(pulseId, "29:chris", Now.AddHours(-1), Day, CancellationToken.None);
        await store.TryStartRunAsync(pulseId, 3, Now, Lease, CancellationToken.None);

        // Act
        var found = await store.ReadRemindedAtAsync(pulseId, ["29:amelie", "29:bruno", "run"], CancellationToken.None);

        // Assert
        Assert.Equal(["29:amelie"], found.Keys);
    }

    [Fact]
    public async Task TryStartRunAsync_RunHoldsItsLease_SecondRefusedWithTheProgress()
    {
        // Arrange
        var store = NewStore();
        var pulseId = PulseRecord.NewId();
        Assert.True((await store.TryStartRunAsync(pulseId, 0, Now, Lease, CancellationToken.None)).Started);
        await store.ReportRunProgressAsync(pulseId, new ReminderRun(120, 300, Now.AddMinutes(6), "activity-1"), CancellationToken.None);

        // Act
        var (started, running) = await store.TryStartRunAsync(pulseId, 0, Now.AddMinutes(3), Lease, CancellationToken.None);

        // Assert
        Assert.False(started);
        Assert.Equal(new ReminderRun(120, 300, Now.AddMinutes(6), "activity-1"), running);
    }

    [Fact]
    public async Task TryStartRunAsync_LeaseExpired_AnotherRunStarts()
    {
        // Arrange: the instance that ran it died without ending it.
        var store = NewStore();
        var pulseId = PulseRecord.NewId();
        await store.TryStartRunAsync(pulseId, 10, Now, Lease, CancellationToken.None);

        // Act
        var (started, _) = await store.TryStartRunAsync(pulseId, 10, Now + Lease + TimeSpan.FromSeconds(1), Lease, CancellationToken.None);

        // Assert
        Assert.True(started);
    }

    [Fact]
    public async Task EndRunAsync_ThenStart_StartsAtOnceAndEndingTwiceIsHarmless()
    {
        // Arrange
        var store = NewStore();
        var pulseId = PulseRecord.NewId();
        await store.TryStartRunAsync(pulseId, 10, Now, Lease, CancellationToken.None);

        // Act
        await store.EndRunAsync(pulseId, CancellationToken.None);
        await store.EndRunAsync(pulseId, CancellationToken.None);
        var (started, _) = await store.TryStartRunAsync(pulseId, 10, Now.AddSeconds(1), Lease, CancellationToken.None);

        // Assert
        Assert.True(started);
    }

    [Fact]
    public async Task TryStartRunAsync_TwoAtOnce_ExactlyOneStarts()
    {
        // Arrange
        var first = NewStore();
        var second = NewStore();
        var pulseId = PulseRecord.NewId();

        // Act
        var results = await Task.WhenAll(
            first.TryStartRunAsync(pulseId, 5, Now, Lease, CancellationToken.None),
            second.TryStartRunAsync(pulseId, 5, Now, Lease, CancellationToken.None));

        // Assert
        Assert.Single(results, r => r.Started);
    }

    [Fact]
    public async Task TryClaimReminderAsync_ClaimNeverSettled_ClaimedAgainButASentOneIsNot()
    {
        // Arrange: a dead run claimed Amélie and never sent; Bruno's reminder was sent.
        var store = NewStore();
        var pulseId = PulseRecord.NewId();
        await store.TryClaimReminderAsync(pulseId, "29:amelie", Now, Day, CancellationToken.None);
        await store.TryClaimReminderAsync(pulseId, "29:bruno", Now, Day, CancellationToken.None);
        await store.SettleReminderAsync(pulseId, "29:bruno", Now, ReminderState.Sent, CancellationToken.None);

        // Act
        var amelie = await store.TryClaimReminderAsync(pulseId, "29:amelie", Now.AddMinutes(6), Day, CancellationToken.None);
        var bruno = await store.TryClaimReminderAsync(pulseId, "29:bruno", Now.AddMinutes(6), Day, CancellationToken.None);

        // Assert
        Assert.True(amelie);
        Assert.False(bruno);
        var marks = await store.ReadRemindedAtAsync(pulseId, ["29:amelie", "29:bruno"], CancellationToken.None);
        Assert.Equal(new ReminderMark(Now.AddMinutes(6), ReminderState.Claimed), marks["29:amelie"]);
        Assert.Equal(new ReminderMark(Now, ReminderState.Sent), marks["29:bruno"]);
    }

    [Fact]
    public async Task ListStaleRunsAsync_OneLeaseEndedOneHeld_OnlyTheEndedOne()
    {
        // Arrange
        var store = NewStore();
        var ended = PulseRecord.NewId();
        var held = PulseRecord.NewId();
        await store.TryStartRunAsync(ended, 4, Now, Lease, CancellationToken.None);
        await store.TryStartRunAsync(held, 4, Now.AddMinutes(3), Lease, CancellationToken.None);

        // Act
        var stale = new List<StaleReminderRun>();
        await foreach (var run in store.ListStaleRunsAsync(Now + Lease + TimeSpan.FromSeconds(1), CancellationToken.None))
        {
            stale.Add(run);
        }

        // Assert
        Assert.Contains(stale, r => r.PulseId == ended);
        Assert.DoesNotContain(stale, r => r.PulseId == held);
    }

    [Fact]
    public async Task TryTakeOverRunAsync_TwoInstancesAtOnce_ExactlyOneTakesItAndItsLeaseHolds()
    {
        // Arrange
        var store = NewStore();
        var pulseId = PulseRecord.NewId();
        await store.TryStartRunAsync(pulseId, 5, Now, Lease, CancellationToken.None);
        var later = Now + Lease + TimeSpan.FromSeconds(1);
        var stale = new List<StaleReminderRun>();
        await foreach (var run in store.ListStaleRunsAsync(later, CancellationToken.None))
        {
            stale.Add(run);
        }

        var mine = Assert.Single(stale, r => r.PulseId == pulseId);

        // Act
        var results = await Task.WhenAll(
            NewStore().TryTakeOverRunAsync(mine, later + Lease, CancellationToken.None),
            NewStore().TryTakeOverRunAsync(mine, later + Lease, CancellationToken.None));

        // Assert
        Assert.Single(results, taken => taken);
        Assert.False((await store.TryStartRunAsync(pulseId, 5, later, Lease, CancellationToken.None)).Started);
    }
}
