using ConcertationBot.Bot.Rencontres;

namespace ConcertationBot.Tests.Bot.Rencontres;

/// <summary>The store's guarantees under concurrency, against Azurite, with a racing writer injected between read and write.</summary>
public sealed class RencontreStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Channel = "msteams";
    private const string Conversation = "19:general@thread.tacv2";

    private readonly string _prefix = AzuriteFixture.UniqueTableName("r");

    private RencontreStore NewStore(TableServiceClient? service = null) =>
        new(service ?? new TableServiceClient(azurite.ConnectionString), _prefix);

    private static RencontreRecord NewRencontre(int day, string theme) => new()
    {
        RencontreId = RencontreRecord.NewId(),
        ChannelId = Channel,
        ConversationId = Conversation + ";messageid=1730000000000",
        Date = new DateOnly(2026, 9, day),
        Theme = theme,
        OpenedAt = new DateTimeOffset(2026, 9, 1, 12, 0, 0, TimeSpan.Zero),
        OpenedByUserId = "29:nadia",
    };

    private async Task<List<TableEntity>> RowsAsync() =>
        await PulseFlows.RowsAsync(azurite.ConnectionString, _prefix + RencontreStore.TableName, ConversationKeys.Partition(Channel, Conversation));

    [Fact]
    public async Task GetCurrentAsync_NothingOpened_Null()
    {
        // Act
        var current = await NewStore().GetCurrentAsync(Channel, Conversation, CancellationToken.None);

        // Assert
        Assert.Null(current);
        Assert.Null(await NewStore().GetCurrentIdAsync(Channel, Conversation, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_ReplacedRencontreById_ReadEvenWhenNoLongerCurrent()
    {
        // Arrange
        var store = NewStore();
        var first = (await store.OpenAsync(NewRencontre(14, "Mobilité"), CancellationToken.None)).Opened;
        await store.SetIntentionAsync(Channel, Conversation, "Faire ressortir les freins aux déplacements des aînés", CancellationToken.None);
        await store.OpenAsync(NewRencontre(28, "Logement"), CancellationToken.None);

        // Act
        var read = await NewStore().GetAsync(Channel, Conversation + ";messageid=42", first.RencontreId, CancellationToken.None);

        // Assert
        Assert.NotNull(read);
        Assert.Equal(new DateOnly(2026, 9, 14), read.Date);
        Assert.Equal("Mobilité", read.Theme);
        Assert.Equal("Faire ressortir les freins aux déplacements des aînés", read.Intention);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("current")]
    [InlineData("bad/id")]
    public async Task GetAsync_UnknownReservedOrInvalidId_Null(string id)
    {
        // Arrange
        var store = NewStore();
        await store.OpenAsync(NewRencontre(14, "Mobilité"), CancellationToken.None);

        // Act
        var read = await store.GetAsync(Channel, Conversation, id, CancellationToken.None);

        // Assert
        Assert.Null(read);
    }

    [Fact]
    public async Task OpenAsync_InAThread_StoredUnderTheChannelConversation()
    {
        // Act
        var opening = await NewStore().OpenAsync(NewRencontre(14, "Mobilité"), CancellationToken.None);

        // Assert
        Assert.Equal(Conversation, opening.Opened.ConversationId);
        Assert.Null(opening.Replaced);
        Assert.Equal(opening.Opened.RencontreId, await NewStore().GetCurrentIdAsync(Channel, Conversation + ";messageid=42", CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_AnotherOpensBetweenReadAndWrite_RetriesAndBothAreKeptWithTheLastCurrent()
    {
        // Arrange
        var hooks = new StorageHooks();
        var store = NewStore(hooks.Client(azurite.ConnectionString));
        var racing = NewRencontre(7, "Logement");
        hooks.BeforeNext((request, _) => StorageHooks.IsBatch(request), () => NewStore().OpenAsync(racing, CancellationToken.None));

        // Act
        var opening = await store.OpenAsync(NewRencontre(14, "Mobilité"), CancellationToken.None);

        // Assert
        Assert.Equal(racing.RencontreId, opening.Replaced?.RencontreId);
        Assert.Equal(opening.Opened.RencontreId, await NewStore().GetCurrentIdAsync(Channel, Conversation, CancellationToken.None));
        Assert.Equal(3, (await RowsAsync()).Count);
    }

    [Fact]
    public async Task OpenAsync_AnswerLostAfterTheCommit_TheClientsRetryKeepsOneOpening()
    {
        // Arrange
        var hooks = new StorageHooks();
        var store = NewStore(hooks.Client(azurite.ConnectionString));
        hooks.LoseNextResponse((request, _) => StorageHooks.IsBatch(request));

        // Act
        var opening = await store.OpenAsync(NewRencontre(14, "Mobilité"), CancellationToken.None);

        // Assert
        Assert.Equal(1, hooks.LostResponses);
        Assert.Equal("Mobilité", opening.Opened.Theme);
        Assert.Equal(opening.Opened.RencontreId, await NewStore().GetCurrentIdAsync(Channel, Conversation, CancellationToken.None));
        Assert.Equal(2, (await RowsAsync()).Count);
    }

    [Fact]
    public async Task SetIntentionAsync_ReplacedBetweenReadAndWrite_LandsOnTheNewCurrentNeverOnTheReplacedOne()
    {
        // Arrange
        var first = (await NewStore().OpenAsync(NewRencontre(14, "Mobilité"), CancellationToken.None)).Opened;
        var hooks = new StorageHooks();
        var store = NewStore(hooks.Client(azurite.ConnectionString));
        var second = NewRencontre(28, "Logement");
        hooks.BeforeNext((request, _) => StorageHooks.IsBatch(request), () => NewStore().OpenAsync(second, CancellationToken.None));

        // Act
        var updated = await store.SetIntentionAsync(Channel, Conversation, "Faire ressortir les effets", CancellationToken.None);

        // Assert
        Assert.Equal(second.RencontreId, updated?.RencontreId);
        Assert.Equal("Faire ressortir les effets", updated?.Intention);
        var rows = await RowsAsync();
        Assert.Null(Assert.Single(rows, r => r.RowKey == first.RencontreId).GetString("Intention"));
    }

    [Fact]
    public async Task SetIntentionAsync_NoneOpen_NullAndNothingWritten()
    {
        // Act
        var updated = await NewStore().SetIntentionAsync(Channel, Conversation, "Faire ressortir les effets", CancellationToken.None);

        // Assert
        Assert.Null(updated);
        Assert.Empty(await RowsAsync());
    }
}
