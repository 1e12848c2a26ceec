using ConcertationBot.Bot.Profiles;

namespace ConcertationBot.Tests.Bot.Profiles;

/// <summary>The profile store against Azurite: one row per key and scope, replaced, listed and deleted; concurrent saves.</summary>
public sealed class ProfileStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly ProfileScope Team = ProfileScope.Of("msteams", "19:general@thread.tacv2;messageid=1", "19:team@thread.tacv2");
    private static readonly ProfileScope OtherTeam = ProfileScope.Of("msteams", "19:general@thread.tacv2", "19:other@thread.tacv2");

    private readonly string _prefix = AzuriteFixture.UniqueTableName("p");

    private ProfileStore NewStore() => new(new TableServiceClient(azurite.ConnectionString), _prefix);

    private static string Key(char c) => new(c, 64);

    [Fact]
    public async Task SaveGetListDelete_OneRowPerKeyReplacedThenGone()
    {
        // Arrange
        var store = NewStore();

        // Act
        await store.SaveAsync(Team, Key('a'), new ProfileRecord { Category = "communautaire", Role = "direction" }, CancellationToken.None);
        var replaced = await store.SaveAsync(Team, Key('a'), new ProfileRecord { Category = "elu" }, CancellationToken.None);
        await store.SaveAsync(Team, Key('b'), new ProfileRecord { Category = "citoyen" }, CancellationToken.None);
        await store.SaveAsync(OtherTeam, Key('c'), new ProfileRecord { Category = "autre" }, CancellationToken.None);
        var listed = await store.ListCategoriesAsync(Team, CancellationToken.None);
        var read = await store.GetAsync(Team, Key('a'), CancellationToken.None);
        var deleted = await store.DeleteAsync(Team, Key('a'), CancellationToken.None);
        var deletedAgain = await store.DeleteAsync(Team, Key('a'), CancellationToken.None);

        // Assert
        Assert.NotEqual(default, replaced.ETag);
        Assert.Equal(new Dictionary<string, string> { [Key('a')] = "elu", [Key('b')] = "citoyen" }, listed);
        Assert.Equal("elu", read!.Category);
        Assert.Null(read.Role);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Null(await store.GetAsync(Team, Key('a'), CancellationToken.None));
        Assert.Equal([Key('b')], (await store.ListCategoriesAsync(Team, CancellationToken.None)).Keys);
        Assert.True(Team.InTeam);
        Assert.Equal("19:team@thread.tacv2", Team.ScopeId);
    }

    [Fact]
    public async Task Save_FiveConcurrentSavesOfOneKey_AllSucceedAndOneRowHoldsOneOfThem()
    {
        // Arrange: the same person clicking on several devices at once; each round of conflicts lets one save through,
        // so five racing saves all land within the store's five tries.
        var store = NewStore();
        string[] categories = ["communautaire", "elu", "citoyen", "autre"];

        // Act
        await Parallel.ForAsync(0, 5, new ParallelOptions { MaxDegreeOfParallelism = 5 }, async (i, ct) =>
            await store.SaveAsync(Team, Key('d'), new ProfileRecord { Category = categories[i % categories.Length] }, ct));

        // Assert
        var row = Assert.Single(await store.ListCategoriesAsync(Team, CancellationToken.None));
        Assert.Contains(row.Value, categories);
    }

    [Fact]
    public async Task GetAndDelete_KeyThatCannotBeARowKey_NoneAndNoRequest()
    {
        // Arrange
        var store = NewStore();

        // Act / Assert
        Assert.Null(await store.GetAsync(Team, "a/b", CancellationToken.None));
        Assert.False(await store.DeleteAsync(Team, "a#b", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(Team, "a?b", new ProfileRecord { Category = "autre" }, CancellationToken.None));
    }
}
