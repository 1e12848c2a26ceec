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

    [Theory]
    [InlineData("pulse")]
    [InlineData("vote")]
    public Task TryClose_FirstTryStoredButItsAnswerLost_RetryStillReportsThisCallsClose(string item)
    {
        var hooks = new StorageHooks();
        return item == "pulse"
            ? CloseWhoseFirstAnswerIsLostAsync(hooks, new PulseStore(hooks.Client(azurite.ConnectionString), _prefix), NewPulse())
            : CloseWhoseFirstAnswerIsLostAsync(hooks, new VoteStore(hooks.Client(azurite.ConnectionString), TimeProvider.System, _prefix), NewVote());
    }

    [Fact]
    public async Task VoteTryOpen_FirstTryStoredButItsAnswerLost_VoteOpenWithItsFenceAndBallotsAccepted()
    {
        // Arrange
        var hooks = new StorageHooks();
        var store = new VoteStore(hooks.Client(azurite.ConnectionString), TimeProvider.System, _prefix);
        LoseTheNextTransactionsAnswer(hooks);

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
        LoseTheNextTransactionsAnswer(hooks);
        var pulse = NewPulse();

        // Act
        var opened = await store.TryOpenAsync(pulse, CancellationToken.None);

        // Assert
        Assert.Equal(1, hooks.LostResponses);
        Assert.NotNull(opened);
        Assert.Equal(pulse.PulseId, opened.PulseId);
        Assert.True(opened.IsOpen);
    }

    /// <summary>The next transaction (batch) is stored but its answer is lost on the way back, so the client sends it again.</summary>
    private static void LoseTheNextTransactionsAnswer(StorageHooks hooks) => hooks.LoseNextResponse((request, _) => StorageHooks.IsBatch(request));

    /// <summary>The body of the close test for a pulse and a vote alike: <paramref name="item"/> opened, then closed while the close's first answer is lost.</summary>
    private static async Task CloseWhoseFirstAnswerIsLostAsync<TRecord>(StorageHooks hooks, IConversationItemStore<TRecord> store, TRecord item)
        where TRecord : ConversationItemRecord
    {
        // Arrange
        var opened = await store.TryOpenAsync(item, CancellationToken.None);
        Assert.NotNull(opened);
        LoseTheNextTransactionsAnswer(hooks);

        // Act
        var closed = await store.TryCloseAsync(opened, Opened.AddDays(1), CancellationToken.None);

        // Assert
        Assert.Equal(1, hooks.LostResponses);
        Assert.NotNull(closed);
        Assert.False(closed.IsOpen);
        Assert.Null(await store.TryCloseAsync(opened, Opened.AddDays(1), CancellationToken.None));
    }

    private PulseRecord NewPulse() => TestRecords.Pulse(_conversation, Opened);

    private VoteRecord NewVote() => TestRecords.Vote(_conversation, Opened);
}
