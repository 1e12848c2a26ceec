using Microsoft.Extensions.Logging.Abstractions;
using ConcertationBot.Bot.Changes;
using ConcertationBot.Dialogs.Changes;

namespace ConcertationBot.Tests.Bot.Changes;

/// <summary>The grouping store against Azurite: round trip, stale versions, a save raced between its read and its write, the lock.</summary>
public sealed class ChangeGroupingStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string _table = AzuriteFixture.UniqueTableName("changes");

    private readonly string _pulseId = Guid.NewGuid().ToString("N");

    private static ChangeGrouping Named(params string[] categories) =>
        new() { Categories = categories, Assignments = new Dictionary<string, int> { ["0123456789abcdef"] = 0 } };

    private ChangeGroupingStore NewStore(TableServiceClient? service = null) =>
        new(new BotStateStore(service ?? new TableServiceClient(azurite.ConnectionString), Options.Create(new StorageOptions { StateTableName = _table }), NullLogger<BotStateStore>.Instance));

    [Fact]
    public async Task SaveAsync_NothingStoredNoVersion_SavedAndReadBack()
    {
        // Arrange
        var sut = NewStore();

        // Act
        var save = await sut.SaveAsync(_pulseId, Named("Mobilité", "Logement"), expectedETag: null, CancellationToken.None);

        // Assert
        Assert.Equal(GroupingSaveOutcome.Saved, save.Outcome);
        var stored = await sut.GetAsync(_pulseId, CancellationToken.None);
        Assert.Equal(["Mobilité", "Logement"], stored!.Grouping.Categories);
        Assert.Equal(0, stored.Grouping.Assignments["0123456789abcdef"]);
        Assert.Equal(save.Current!.ETag, stored.ETag);
    }

    [Fact]
    public async Task SaveAsync_FormBuiltBeforeTheLastSave_StaleAndNothingWritten()
    {
        // Arrange: the form was built when nothing was stored; a save happened since.
        var sut = NewStore();
        await sut.SaveAsync(_pulseId, Named("Mobilité"), expectedETag: null, CancellationToken.None);

        // Act
        var save = await sut.SaveAsync(_pulseId, Named("Transport"), expectedETag: null, CancellationToken.None);

        // Assert
        Assert.Equal(GroupingSaveOutcome.Stale, save.Outcome);
        Assert.Equal(["Mobilité"], save.Current!.Grouping.Categories);
        Assert.Equal(["Mobilité"], (await sut.GetAsync(_pulseId, CancellationToken.None))!.Grouping.Categories);
    }

    [Fact]
    public async Task SaveAsync_AnotherSaveBetweenReadAndWrite_StaleAndTheOtherSaveKept()
    {
        // Arrange: both coordinators' forms show version 1; the other's save lands between this save's read and its write.
        var first = await NewStore().SaveAsync(_pulseId, Named("Mobilité"), expectedETag: null, CancellationToken.None);
        var version = first.Current!.ETag;
        var hooks = new StorageHooks();
        hooks.BeforeNext(
            (request, _) => request.Method == HttpMethod.Put,
            () => NewStore().SaveAsync(_pulseId, Named("Logement"), version, CancellationToken.None));
        var sut = NewStore(hooks.Client(azurite.ConnectionString));

        // Act
        var save = await sut.SaveAsync(_pulseId, Named("Transport"), version, CancellationToken.None);

        // Assert
        Assert.Equal(GroupingSaveOutcome.Stale, save.Outcome);
        Assert.Equal(["Logement"], save.Current!.Grouping.Categories);
        Assert.Equal(["Logement"], (await sut.GetAsync(_pulseId, CancellationToken.None))!.Grouping.Categories);
    }

    [Fact]
    public async Task LockAsync_ThenSaveWithTheCurrentVersion_LockedAndGroupingKept()
    {
        // Arrange
        var sut = NewStore();
        await sut.SaveAsync(_pulseId, Named("Mobilité", "Logement"), expectedETag: null, CancellationToken.None);
        await sut.LockAsync(_pulseId, "vote-1", CancellationToken.None);
        var locked = await sut.GetAsync(_pulseId, CancellationToken.None);

        // Act
        var save = await sut.SaveAsync(_pulseId, Named("Transport"), locked!.ETag, CancellationToken.None);

        // Assert
        Assert.Equal(GroupingSaveOutcome.Locked, save.Outcome);
        Assert.Equal(("vote-1", "Mobilité"), (locked.Grouping.VoteId, locked.Grouping.Categories[0]));
        Assert.Equal(["Mobilité", "Logement"], (await sut.GetAsync(_pulseId, CancellationToken.None))!.Grouping.Categories);
    }
}
