namespace ConcertationBot.Tests.Bot.Coordination;

public sealed class CoordinatorDirectoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly CoordinatorScope Team = new("msteams", "19:team-general@thread.tacv2");
    private static readonly DateTimeOffset At = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly ChannelAccount Nadia = new() { Id = "29:nadia", Name = "Nadia Benali", AadObjectId = "6F1C2A52-4A54-4D0E-9F59-0D1B0A3B9E11" };
    private static readonly ChannelAccount Marc = new() { Id = "29:marc", Name = "Marc Dupuis", AadObjectId = "aad-marc" };
    private static readonly ChannelAccount Awa = new() { Id = "29:awa", Name = "Awa Diallo", AadObjectId = "aad-awa" };

    private readonly string _tableName = AzuriteFixture.UniqueTableName("coord");

    private CoordinatorDirectory Directory(params string[] configured) =>
        new(new TableServiceClient(azurite.ConnectionString), new FixedOptionsMonitor(new ConcertationOptions { Coordinators = configured }), TimeProvider.System, _tableName);

    [Fact]
    public async Task CheckAsync_EntraIdInConfiguredList_CoordinatorCaseInsensitive()
    {
        var directory = Directory("6f1c2a52-4a54-4d0e-9f59-0d1b0a3b9e11");

        var check = await directory.CheckAsync(Team, Nadia, CancellationToken.None);

        Assert.True(check.IsCoordinator);
        Assert.False(check.WasBootstrapped);
    }

    [Fact]
    public async Task CheckAsync_ConfiguredListDoesNotHoldUser_RefusedAndNoBootstrap()
    {
        var directory = Directory("aad-someone-else");

        var first = await directory.CheckAsync(Team, Marc, CancellationToken.None);
        var again = await directory.CheckAsync(Team, Marc, CancellationToken.None);

        Assert.False(first.IsCoordinator);
        Assert.False(first.WasBootstrapped);
        Assert.Empty(first.CoordinatorNames);
        Assert.False(again.IsCoordinator);
    }

    [Fact]
    public async Task CheckAsync_FirstCallerInEmptyScope_BootstrapsOnlyOnce()
    {
        var directory = Directory();

        var first = await directory.CheckAsync(Team, Nadia, CancellationToken.None);
        var firstAgain = await directory.CheckAsync(Team, Nadia, CancellationToken.None);
        var second = await directory.CheckAsync(Team, Marc, CancellationToken.None);

        Assert.True(first.IsCoordinator);
        Assert.True(first.WasBootstrapped);
        Assert.Equal(["Nadia Benali"], first.CoordinatorNames);
        Assert.True(firstAgain.IsCoordinator);
        Assert.False(firstAgain.WasBootstrapped);
        Assert.False(second.IsCoordinator);
        Assert.False(second.WasBootstrapped);
        Assert.Equal(["Nadia Benali"], second.CoordinatorNames);
    }

    [Fact]
    public async Task CheckAsync_TenConcurrentFirstCallers_ExactlyOneCoordinator()
    {
        var directory = Directory();
        var callers = Enumerable.Range(0, 10)
            .Select(i => new ChannelAccount { Id = $"29:user-{i}", Name = $"Partenaire {i}", AadObjectId = $"aad-{i}" })
            .ToList();

        var checks = await Task.WhenAll(callers.Select(c => Task.Run(() => directory.CheckAsync(Team, c, CancellationToken.None))));

        var winner = Assert.Single(checks, c => c.IsCoordinator);
        Assert.True(winner.WasBootstrapped);
        Assert.Single(checks, c => c.WasBootstrapped);
        var winnerName = Assert.Single(winner.CoordinatorNames);
        Assert.All(checks.Where(c => !c.IsCoordinator), c => Assert.Equal([winnerName], c.CoordinatorNames));
        var after = await Task.WhenAll(callers.Select(c => directory.CheckAsync(Team, c, CancellationToken.None)));
        Assert.Single(after, c => c.IsCoordinator);
        var grants = new List<TableEntity>();
        await foreach (var row in new TableServiceClient(azurite.ConnectionString).GetTableClient(_tableName).QueryAsync<TableEntity>())
        {
            grants.Add(row);
        }

        Assert.Equal(2, grants.Count);
    }

    [Fact]
    public async Task CheckAsync_BootstrappedInOneScope_OtherScopeStillBootstraps()
    {
        var directory = Directory();
        await directory.CheckAsync(Team, Nadia, CancellationToken.None);

        var other = await directory.CheckAsync(new CoordinatorScope("msteams", "19:other-team@thread.tacv2"), Marc, CancellationToken.None);

        Assert.True(other.WasBootstrapped);
    }

    [Fact]
    public async Task GrantAsync_ByCoordinator_GranteeBecomesCoordinatorByUserIdOrEntraId()
    {
        var directory = Directory();
        await directory.CheckAsync(Team, Nadia, CancellationToken.None);

        await directory.GrantAsync(Team, Marc, Nadia, At, CancellationToken.None);

        Assert.True((await directory.CheckAsync(Team, Marc, CancellationToken.None)).IsCoordinator);
        Assert.True((await directory.CheckAsync(Team, new ChannelAccount { Id = "29:marc" }, CancellationToken.None)).IsCoordinator);
        Assert.True((await directory.CheckAsync(Team, new ChannelAccount { Id = "29:marc-other-bot-id", AadObjectId = "AAD-MARC" }, CancellationToken.None)).IsCoordinator);
        var refused = await directory.CheckAsync(Team, Awa, CancellationToken.None);
        Assert.False(refused.IsCoordinator);
        Assert.Equal(["Marc Dupuis", "Nadia Benali"], refused.CoordinatorNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GrantAsync_Twice_OneGrantAndNamesOnce()
    {
        var directory = Directory("aad-admin");
        var admin = new ChannelAccount { Id = "29:admin", Name = "Admin", AadObjectId = "aad-admin" };

        await directory.GrantAsync(Team, new ChannelAccount { Id = "29:marc", Name = "Marc Dupuis" }, admin, At, CancellationToken.None);
        await directory.GrantAsync(Team, Marc, admin, At.AddDays(1), CancellationToken.None);

        var refused = await directory.CheckAsync(Team, Awa, CancellationToken.None);
        Assert.Equal(["Marc Dupuis"], refused.CoordinatorNames);
        Assert.True((await directory.CheckAsync(Team, new ChannelAccount { Id = "29:other", AadObjectId = "aad-marc" }, CancellationToken.None)).IsCoordinator);
    }

    [Fact]
    public async Task CheckAsync_SomeoneGrantedButNoBootstrap_NoBootstrapForOthers()
    {
        var directory = Directory();
        await directory.GrantAsync(Team, Marc, Nadia, At, CancellationToken.None);

        var check = await directory.CheckAsync(Team, Awa, CancellationToken.None);

        Assert.False(check.IsCoordinator);
        Assert.Equal(["Marc Dupuis"], check.CoordinatorNames);
    }

    [Fact]
    public void ScopeFrom_ChannelActivityInAThread_IsTheTeam()
    {
        var activity = new Activity
        {
            ChannelId = "msteams",
            Conversation = new ConversationAccount { Id = "19:general@thread.tacv2;messageid=1717", ConversationType = ConversationTypes.Channel },
            ChannelData = JsonDocument.Parse("""{"tenant":{"id":"t1"},"team":{"id":"19:team-id@thread.tacv2","name":"Table"},"channel":{"id":"19:general@thread.tacv2"}}""").RootElement,
        };

        Assert.Equal(new CoordinatorScope("msteams", "19:team-id@thread.tacv2"), CoordinatorScope.From(activity));
    }

    [Fact]
    public void ScopeFrom_GroupChat_IsTheConversation()
    {
        var activity = new Activity
        {
            ChannelId = "msteams",
            Conversation = new ConversationAccount { Id = "19:groupchat@thread.v2", ConversationType = ConversationTypes.GroupChat, IsGroup = true },
            ChannelData = JsonDocument.Parse("""{"tenant":{"id":"t1"}}""").RootElement,
        };

        Assert.Equal(new CoordinatorScope("msteams", "19:groupchat@thread.v2"), CoordinatorScope.From(activity));
    }

    [Fact]
    public void ScopeFrom_PersonalChatWithoutChannelData_IsTheConversation()
    {
        var activity = new Activity { ChannelId = "msteams", Conversation = new ConversationAccount { Id = "a:personal-nadia" } };

        Assert.Equal(new CoordinatorScope("msteams", "a:personal-nadia"), CoordinatorScope.From(activity));
    }

    private sealed class FixedOptionsMonitor(ConcertationOptions value) : IOptionsMonitor<ConcertationOptions>
    {
        public ConcertationOptions CurrentValue => value;

        public ConcertationOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ConcertationOptions, string?> listener) => null;
    }
}
