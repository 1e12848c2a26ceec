using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Roadmap;
using ConcertationBot.Dialogs.Roadmap;

namespace ConcertationBot.Tests.Bot.Roadmap;

/// <summary>The store against Azurite: round trip, history, and concurrent writes injected between read and write.</summary>
public sealed class RoadmapStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly CoordinatorScope Team = new("msteams", "19:team@thread.tacv2");
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private readonly string _prefix = AzuriteFixture.UniqueTableName("m");

    private RoadmapStore NewStore(TableServiceClient? service = null) =>
        new(service ?? new TableServiceClient(azurite.ConnectionString), _prefix);

    private Task<List<TableEntity>> RowsAsync() =>
        PulseFlows.RowsAsync(azurite.ConnectionString, _prefix + RoadmapStore.TableName, RoadmapStore.Partition(Team));

    /// <summary>A store whose next write meets <paramref name="racing"/>, stored by another store between its read and its write.</summary>
    private RoadmapStore RacedBy(RoadmapOperation racing)
    {
        var hooks = new StorageHooks();
        hooks.BeforeNext((request, _) => StorageHooks.IsBatch(request), () => NewStore().ApplyAsync(Team, racing, Now.AddMinutes(1), CancellationToken.None));
        return NewStore(hooks.Client(azurite.ConnectionString));
    }

    private async Task<RoadmapStore> WithShuttleAsync()
    {
        var store = NewStore();
        await store.ApplyAsync(Team, new SetVision("Un quartier pour tous"), Now, CancellationToken.None);
        await store.ApplyAsync(Team, new AddItem("i1", "Une navette le samedi", RoadmapHorizon.Court, "command"), Now, CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task GetAsync_NothingWritten_Empty()
    {
        // Act
        var plan = await NewStore().GetAsync(Team, CancellationToken.None);

        // Assert
        Assert.Null(plan.Vision);
        Assert.Empty(plan.Items);
    }

    [Fact]
    public async Task ApplyAsync_VisionItemsAndEdit_ReadBackInOrderAdded()
    {
        // Arrange
        var store = await WithShuttleAsync();
        await store.ApplyAsync(Team, new AddItem("i2", "Un local partagé", RoadmapHorizon.Moyen, "vote:v1"), Now, CancellationToken.None);

        // Act
        await store.ApplyAsync(Team, new EditItem("i1", Indicator: "2 trajets", Status: RoadmapStatus.EnCours, Carriers: "Marie"), Now.AddHours(1), CancellationToken.None);
        var plan = await NewStore().GetAsync(Team, CancellationToken.None);

        // Assert
        Assert.Equal("Un quartier pour tous", plan.Vision);
        Assert.Equal(["i1", "i2"], plan.Items.Select(i => i.Id));
        Assert.Equal(
            new RoadmapItem { Id = "i1", Text = "Une navette le samedi", Horizon = RoadmapHorizon.Court, Indicator = "2 trajets", Status = RoadmapStatus.EnCours, Carriers = "Marie", LastChanged = Now.AddHours(1), Source = "command" },
            plan.Items[0]);
        Assert.Equal("vote:v1", plan.Items[1].Source);
    }

    [Fact]
    public async Task ApplyAsync_Remove_ItemRowDeletedAndHistoryNewestFirst()
    {
        // Arrange
        var store = await WithShuttleAsync();

        // Act
        await store.ApplyAsync(Team, new RemoveItem("i1"), Now.AddMinutes(5), CancellationToken.None);

        // Assert
        Assert.Empty((await store.GetAsync(Team, CancellationToken.None)).Items);
        var history = await store.ListHistoryAsync(Team, 10, CancellationToken.None);
        Assert.Equal([RoadmapChangeKind.Remove, RoadmapChangeKind.Add, RoadmapChangeKind.Vision], history.Select(h => h.Kind));
        Assert.Equal([RoadmapChangeKind.Remove, RoadmapChangeKind.Add], (await store.ListHistoryAsync(Team, 2, CancellationToken.None)).Select(h => h.Kind));
    }

    [Fact]
    public async Task ApplyAsync_AnotherCoordinatorEditsBetweenReadAndWrite_ReappliedAndNeitherEditLost()
    {
        // Arrange
        await WithShuttleAsync();
        var store = RacedBy(new EditItem("i1", Carriers: "Marie, le CLSC"));

        // Act
        var write = await store.ApplyAsync(Team, new EditItem("i1", Status: RoadmapStatus.Atteint), Now.AddMinutes(2), CancellationToken.None);

        // Assert
        Assert.True(write.Applied);
        var item = Assert.Single((await NewStore().GetAsync(Team, CancellationToken.None)).Items);
        Assert.Equal((RoadmapStatus.Atteint, "Marie, le CLSC"), (item.Status, item.Carriers));
        var history = await NewStore().ListHistoryAsync(Team, 10, CancellationToken.None);
        Assert.Equal([RoadmapChangeKind.Status, RoadmapChangeKind.Carriers, RoadmapChangeKind.Add, RoadmapChangeKind.Vision], history.Select(h => h.Kind));
    }

    [Fact]
    public async Task ApplyAsync_ItemRemovedBetweenReadAndWrite_ItemMissingAndNothingStored()
    {
        // Arrange
        await WithShuttleAsync();
        var store = RacedBy(new RemoveItem("i1"));

        // Act
        var write = await store.ApplyAsync(Team, new MoveItem("i1", RoadmapHorizon.Long), Now.AddMinutes(2), CancellationToken.None);

        // Assert
        Assert.Equal(RoadmapProblem.ItemMissing, write.Problem);
        Assert.Empty(write.Plan.Items);
        Assert.DoesNotContain(await RowsAsync(), row => row.RowKey.StartsWith("item|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_TwoCreateTheHeadAtOnce_BothItemsKept()
    {
        // Arrange
        var store = RacedBy(new AddItem("a", "Premier", RoadmapHorizon.Court, "command"));

        // Act
        await store.ApplyAsync(Team, new AddItem("b", "Second", RoadmapHorizon.Long, "command"), Now, CancellationToken.None);

        // Assert
        Assert.Equal(["a", "b"], (await NewStore().GetAsync(Team, CancellationToken.None)).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task ApplyAsync_AnyChange_HistoryRowsHoldTheRoleOnlyNoPersonOrText()
    {
        // Arrange
        var store = await WithShuttleAsync();

        // Act
        await store.ApplyAsync(Team, new EditItem("i1", Text: "Une navette le dimanche", Carriers: "Marie Tremblay"), Now, CancellationToken.None);

        // Assert
        var history = (await RowsAsync()).Where(r => r.RowKey.StartsWith("history|", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, history.Count);
        Assert.All(history, row =>
        {
            Assert.Subset(
                new HashSet<string>(["At", "By", "ItemId", "Kind"], StringComparer.Ordinal),
                row.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).ToHashSet(StringComparer.Ordinal));
            Assert.Equal(RoadmapHistoryEntry.CoordinatorRole, row.GetString("By"));
        });
    }
}
