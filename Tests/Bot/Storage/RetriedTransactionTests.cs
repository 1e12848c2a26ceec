namespace ConcertationBot.Tests.Bot.Storage;

/// <summary>
/// The Table client retries a transaction whose answer it did not get (a network timeout): when the first try was in
/// fact stored, the retry meets 409 / 412 / 404. Those must be judged from storage (was it this call's own write?),
/// not read as "someone else did it" (issue #22 items 2 and 9c). Real Azurite; the answer of the first try is lost
/// on the way back by <see cref="StorageHooks"/>, so the client's own retry policy sends it again.
/// </summary>
public sealed class RetriedTransactionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 2, 9, 30, 0, TimeSpan.FromHours(-5));

    private readonly string _prefix = AzuriteFixture.UniqueTableName("r");
    private readonly string _conversation = $"19:{Guid.NewGuid():N}@thread.tacv2";

    [Fact]
    public async Task PulseTryClose_FirstTryStoredButItsAnswerLost_RetryStillReportsThisCallsClose()
    {
        // Arrange
        var hooks = new StorageHooks();
        var store = new PulseStore(hooks.Client(azurite.ConnectionString), _prefix);
        var pulse = await store.TryOpenAsync(NewPulse(), CancellationToken.None);
        Assert.NotNull(pulse);
        hooks.LoseNextResponse((request, _) => StorageHooks.IsBatch(request));

        // Act
        var closed = await store.TryCloseAsync(pulse, Opened.AddDays(1), CancellationToken.None);

        // Assert
        Assert.Equal(1, hooks.LostResponses);
        Assert.NotNull(closed);
        Assert.False(closed.IsOpen);
        Assert.Null(await store.TryCloseAsync(pulse, Opened.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task VoteTryClose_FirstTryStoredButItsAnswerLost_RetryStillReportsThisCallsClose()
    {
        // Arrange
        var hooks = new StorageHooks();
        var store = new VoteStore(hooks.Client(azurite.ConnectionString), TimeProvider.System, _prefix);
        var vote = await store.TryOpenAsync(NewVote(), CancellationToken.None);
        Assert.NotNull(vote);
        hooks.LoseNextResponse((request, _) => StorageHooks.IsBatch(request));

        // Act
        var closed = await store.TryCloseAsync(vote, Opened.AddDays(1), CancellationToken.None);

        // Assert
        Assert.Equal(1, hooks.LostResponses);
        Assert.NotNull(closed);
        Assert.False(closed.IsOpen);
        Assert.Null(await store.TryCloseAsync(vote, Opened.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task VoteTryOpen_FirstTryStoredButItsAnswerLost_VoteOpenWithItsFenceAndBallotsAccepted()
    {
        // Arrange
        var hooks = new StorageHooks();
        var store = new VoteStore(hooks.Client(azurite.ConnectionString), TimeProvider.System, _prefix);
        hooks.LoseNextResponse((request, _) => StorageHooks.IsBatch(request));

        // Act
        var opened = await store.TryOpenAsync(NewVote(), CancellationToken.None);

        // Assert
        Assert.Equal(1, hooks.LostResponses);
        Assert.NotNull(opened);
        Assert.True(opened.IsOpen);
        Assert.True(await store.SaveBallotAsync(opened.VoteId, "voter-key-1", "1,0,0", Opened.AddHours(1), CancellationToken.None));
        Assert.Equal("1,0,0", await store.GetBallotAsync(opened.VoteId, "voter-key-1", CancellationToken.None));
    }

    [Fact]
    public async Task PulseTryOpen_FirstTryStoredButItsAnswerLost_ThisPulseIsReturnedOpen()
    {
        // Arrange
        var hooks = new StorageHooks();
        var store = new PulseStore(hooks.Client(azurite.ConnectionString), _prefix);
        hooks.LoseNextResponse((request, _) => StorageHooks.IsBatch(request));
        var pulse = NewPulse();

        // Act
        var opened = await store.TryOpenAsync(pulse, CancellationToken.None);

        // Assert
        Assert.Equal(1, hooks.LostResponses);
        Assert.NotNull(opened);
        Assert.Equal(pulse.PulseId, opened.PulseId);
        Assert.True(opened.IsOpen);
    }

    private PulseRecord NewPulse() => TestRecords.Pulse(_conversation, Opened);

    private VoteRecord NewVote() => TestRecords.Vote(_conversation, Opened);
}
