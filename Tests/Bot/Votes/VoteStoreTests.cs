using System.Collections.Concurrent;

namespace ConcertationBot.Tests.Bot.Votes;

public sealed class VoteStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Channel = "msteams";
    private const string Conversation = "19:general@thread.tacv2";
    private static readonly DateTimeOffset Opened = new(2025, 6, 2, 9, 30, 15, 123, TimeSpan.FromHours(-4));

    private static readonly ChannelAccount Nadia = new() { Id = "29:nadia-user-id", Name = "Nadia Benali", AadObjectId = "6f1c2a52-4a54-4d0e-9f59-0d1b0a3b9e11" };

    private readonly string _prefix = AzuriteFixture.UniqueTableName("v");
    private readonly ManualTime _time = new(Opened);

    private VoteStore NewStore() => new(new TableServiceClient(azurite.ConnectionString), _time, _prefix);

    private TableClient Table(string name) => new TableServiceClient(azurite.ConnectionString).GetTableClient(_prefix + name);

    private static VoteRecord NewVote(string conversationId = Conversation, DateTimeOffset? openedAt = null, string? voteId = null) =>
        TestRecords.Vote(conversationId, openedAt ?? Opened) with
        {
            VoteId = voteId ?? VoteRecord.NewId(),
            TeamId = "19:team@thread.tacv2",
            Question = "Quelle priorité « d'abord » ?",
            Options = ["Transport, \"navette\"", "Logement", "Sécurité alimentaire 🍞"],
            Rules = new VoteRules(VoteMode.Points, 5, HiddenResults: true),
            SourcePulseId = "0197a1b2c3d4e5f60718293a4b5c6d7e",
            OpenedByUserId = Nadia.Id!,
        };

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private Task<List<TableEntity>> BallotEntitiesAsync() => ToListAsync(Table(VoteStore.BallotsTable).QueryAsync<TableEntity>());

    /// <summary>The record with its lists replaced by <paramref name="other"/>'s when they hold the same items, so records compare by value.</summary>
    private static VoteRecord WithListsOf(VoteRecord record, VoteRecord other) => record with
    {
        Options = record.Options.SequenceEqual(other.Options) ? other.Options : record.Options,
        FinalScores = record.FinalScores is { } scores && other.FinalScores is { } otherScores && scores.SequenceEqual(otherScores) ? otherScores : record.FinalScores,
    };

    /// <summary>Nothing listens on port 9: had the store sent a request, the client's retries would end in a storage error.</summary>
    private VoteStore StoreWithoutStorage() => new(
        new TableServiceClient($"AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};TableEndpoint=http://127.0.0.1:9/{AzuriteFixture.AccountName}"),
        _time,
        _prefix);

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("a\u0001b")]
    public async Task SaveBallotAsync_CraftedVoteId_RefusedBeforeAnyRequest(string voteId)
    {
        // Arrange
        var sut = StoreWithoutStorage();

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() => sut.SaveBallotAsync(voteId, "voter-a", "0:1", Opened, CancellationToken.None));

        // Assert
        Assert.Equal("voteId", error.ParamName);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\u0085b")]
    public async Task GetAsync_CraftedVoteId_NullWithoutAnyRequest(string voteId)
    {
        // Arrange
        var sut = StoreWithoutStorage();

        // Act
        var vote = await sut.GetAsync(Channel, Conversation, voteId, CancellationToken.None);

        // Assert
        Assert.Null(vote);
    }

    [Fact]
    public async Task GetAsync_VoteIdOver1KiB_NullWithoutAnyRequest()
    {
        // Arrange
        var sut = StoreWithoutStorage();

        // Act
        var vote = await sut.GetAsync(Channel, Conversation, new string('v', 1025), CancellationToken.None);

        // Assert
        Assert.Null(vote);
    }

    [Fact]
    public async Task TryOpenAsync_NothingOpen_StoresVoteThatGetReadsBackWholly()
    {
        var store = NewStore();
        var vote = NewVote();

        var opened = await store.TryOpenAsync(vote, CancellationToken.None);
        var read = await store.GetAsync(Channel, Conversation, vote.VoteId, CancellationToken.None);
        var open = await store.GetOpenAsync(Channel, Conversation, CancellationToken.None);

        Assert.NotNull(opened);
        Assert.NotNull(read);
        Assert.NotEqual(default, opened.ETag);
        Assert.Equal(read.ETag, opened.ETag);
        Assert.Equal(vote.Options, read.Options);
        Assert.Equal(vote with { ETag = read.ETag }, WithListsOf(read, vote));
        Assert.Equal(WithListsOf(opened, read), open is null ? null : WithListsOf(open, read));
        Assert.True(read.IsOpen);
        Assert.Equal(new VoteRules(VoteMode.Points, 5, true), read.Rules);
        Assert.Null(read.FinalScores);
    }

    [Fact]
    public async Task TryOpenAsync_Opened_StoresOptionsAsJsonAndRulesAsColumns()
    {
        var store = NewStore();
        var vote = NewVote();

        await store.TryOpenAsync(vote, CancellationToken.None);

        var row = Assert.Single(await ToListAsync(Table(VoteStore.VotesTable).QueryAsync<TableEntity>()), r => r.RowKey == vote.VoteId);
        Assert.StartsWith("[", row.GetString("Options"), StringComparison.Ordinal);
        Assert.Equal("Points", row.GetString("Mode"));
        Assert.Equal(5, row.GetInt32("Limit"));
        Assert.True(row.GetBoolean("HiddenResults"));
    }

    [Fact]
    public async Task TryOpenAsync_PublicResults_StoredAsColumnAndReadBack()
    {
        var store = NewStore();
        var vote = NewVote() with { Rules = new VoteRules(VoteMode.Single, 1, HiddenResults: false, PublicResults: true) };

        await store.TryOpenAsync(vote, CancellationToken.None);
        var read = await store.GetAsync(Channel, Conversation, vote.VoteId, CancellationToken.None);

        var row = Assert.Single(await ToListAsync(Table(VoteStore.VotesTable).QueryAsync<TableEntity>()), r => r.RowKey == vote.VoteId);
        Assert.True(row.GetBoolean("PublicResults"));
        Assert.Equal(new VoteRules(VoteMode.Single, 1, HiddenResults: false, PublicResults: true), read?.Rules);
    }

    [Fact]
    public async Task GetAsync_VoteStoredBeforePublicResultsExisted_ReadsWithTheSmallGroupRule()
    {
        var store = NewStore();
        var vote = NewVote();
        await store.TryOpenAsync(vote, CancellationToken.None);
        var table = Table(VoteStore.VotesTable);
        var row = Assert.Single(await ToListAsync(table.QueryAsync<TableEntity>()), r => r.RowKey == vote.VoteId);
        Assert.True(row.Remove("PublicResults"));
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var read = await store.GetAsync(Channel, Conversation, vote.VoteId, CancellationToken.None);

        Assert.NotNull(read);
        Assert.False(read.Rules.PublicResults);
        Assert.Equal(new VoteRules(VoteMode.Points, 5, HiddenResults: true), read.Rules);
    }

    [Fact]
    public async Task TryOpenAsync_AlreadyOpen_ReturnsNullAndKeepsTheFirst()
    {
        var store = NewStore();
        var first = NewVote();
        await store.TryOpenAsync(first, CancellationToken.None);

        var second = await store.TryOpenAsync(NewVote(), CancellationToken.None);

        Assert.Null(second);
        Assert.Equal(first.VoteId, (await store.GetOpenAsync(Channel, Conversation, CancellationToken.None))?.VoteId);
        var fences = (await BallotEntitiesAsync()).Where(e => e.RowKey == VoteStore.FenceRowKey).Select(e => e.PartitionKey);
        Assert.Equal([first.VoteId], fences);
    }

    [Fact]
    public async Task TryOpenAsync_FromAThread_BelongsToTheChannel()
    {
        var store = NewStore();
        var vote = NewVote(Conversation + ";messageid=1717171717171");

        var opened = await store.TryOpenAsync(vote, CancellationToken.None);
        var open = await store.GetOpenAsync(Channel, Conversation + ";messageid=42", CancellationToken.None);
        var again = await store.TryOpenAsync(NewVote(Conversation), CancellationToken.None);

        Assert.Equal(Conversation, opened!.ConversationId);
        Assert.Equal(vote.VoteId, open?.VoteId);
        Assert.Equal(Conversation, open!.ConversationId);
        Assert.Null(again);
    }

    [Fact]
    public async Task TryOpenAsync_TenConcurrentCoordinators_ExactlyOneVote()
    {
        var store = NewStore();
        var candidates = Enumerable.Range(0, 10).Select(_ => NewVote()).ToList();

        var results = await Task.WhenAll(candidates.Select(v => Task.Run(() => store.TryOpenAsync(v, CancellationToken.None))));

        var winner = Assert.Single(results.OfType<VoteRecord>());
        var voteRows = (await ToListAsync(Table(VoteStore.VotesTable).QueryAsync<TableEntity>())).Where(r => r.RowKey != "open");
        Assert.Equal(winner.VoteId, Assert.Single(voteRows).RowKey);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("FR")]
    public async Task TryOpenAsync_LanguageNotFrOrEn_Throws(string language)
    {
        var store = NewStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.TryOpenAsync(NewVote() with { Language = language }, CancellationToken.None));
    }

    [Fact]
    public async Task TryOpenAsync_ReservedIdOpen_Throws()
    {
        var store = NewStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.TryOpenAsync(NewVote(voteId: "open"), CancellationToken.None));
    }

    [Fact]
    public async Task GetOpenAsync_NothingOpened_ReturnsNull()
    {
        var store = NewStore();

        Assert.Null(await store.GetOpenAsync(Channel, Conversation, CancellationToken.None));
        Assert.Null(await store.GetAsync(Channel, Conversation, VoteRecord.NewId(), CancellationToken.None));
    }

    [Fact]
    public async Task SetCardActivityIdAsync_OpenVote_StoresItWithNewETag()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;

        var updated = await store.SetCardActivityIdAsync(opened, "1717171717999", CancellationToken.None);
        var read = await store.GetAsync(Channel, Conversation, opened.VoteId, CancellationToken.None);

        Assert.Equal("1717171717999", read?.CardActivityId);
        Assert.Equal(read!.ETag, updated.ETag);
        Assert.NotEqual(opened.ETag, updated.ETag);
    }

    [Fact]
    public async Task SaveBallotAsync_OpenVote_StoresBallotThatGetAndReadReturn()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;

        var saved = await store.SaveBallotAsync(opened.VoteId, "voter-a", "0:2,2:3", Opened.AddMinutes(5), CancellationToken.None);

        Assert.True(saved);
        Assert.Equal("0:2,2:3", await store.GetBallotAsync(opened.VoteId, "voter-a", CancellationToken.None));
        Assert.Null(await store.GetBallotAsync(opened.VoteId, "voter-b", CancellationToken.None));
        Assert.Null(await store.GetBallotAsync(opened.VoteId, VoteStore.FenceRowKey, CancellationToken.None));
        var row = Assert.Single(await ToListAsync(store.ReadBallotsAsync(opened.VoteId, CancellationToken.None)));
        Assert.Equal(new VoteBallotRow("voter-a", "0:2,2:3", new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero)), row);
    }

    [Fact]
    public async Task SaveBallotAsync_NewThenChangedBallot_OneRoundTripWhenNewThreeWhenReplaced()
    {
        // Arrange: the store's tables exist and the vote is open (the requests that needs are not counted).
        var hooks = new StorageHooks();
        var store = new VoteStore(hooks.Client(azurite.ConnectionString), _time, _prefix);
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;
        await store.SaveBallotAsync(opened.VoteId, "voter-warm-up", "0:1", Opened, CancellationToken.None);
        hooks.Seen.Clear();

        // Act
        var first = await store.SaveBallotAsync(opened.VoteId, "voter-a", "0:5", Opened.AddMinutes(5), CancellationToken.None);
        var newBallot = hooks.Seen.ToList();
        hooks.Seen.Clear();
        var second = await store.SaveBallotAsync(opened.VoteId, "voter-a", "1:5", Opened.AddMinutes(6), CancellationToken.None);

        // Assert: a new ballot is one transaction (ballot and fence); a changed one is the refused insert, a read, a replace.
        Assert.True(first && second);
        Assert.Equal(1, newBallot.Count(r => r.EndsWith("/$batch", StringComparison.Ordinal)));
        Assert.Single(newBallot);
        Assert.Equal(3, hooks.Seen.Count);
        Assert.Equal("1:5", await store.GetBallotAsync(opened.VoteId, "voter-a", CancellationToken.None));
    }

    [Fact]
    public async Task SaveBallotAsync_ReVote_OneEntityWithReplacedContentAndTheDayOnly()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;
        await store.SaveBallotAsync(opened.VoteId, "voter-a", "0:5", Opened.AddMinutes(5), CancellationToken.None);

        var saved = await store.SaveBallotAsync(opened.VoteId, "voter-a", "1:2,2:3", Opened.AddMinutes(9), CancellationToken.None);

        Assert.True(saved);
        var ballot = Assert.Single(await BallotEntitiesAsync(), e => e.RowKey != VoteStore.FenceRowKey);
        Assert.Equal(opened.VoteId, ballot.PartitionKey);
        Assert.Equal("voter-a", ballot.RowKey);
        Assert.Equal("1:2,2:3", ballot.GetString("Points"));
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero), ballot.GetDateTimeOffset("CastOn"));
        Assert.Equal(
            ["CastOn", "PartitionKey", "Points", "RowKey"],
            ballot.Keys.Where(k => !k.StartsWith("odata.", StringComparison.Ordinal) && k != "Timestamp").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SaveBallotAsync_SameBallotFiveTimesConcurrently_OneEntity()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() =>
            store.SaveBallotAsync(opened.VoteId, "voter-a", "2", Opened.AddMinutes(5), CancellationToken.None))));

        Assert.All(results, Assert.True);
        var ballot = Assert.Single(await ToListAsync(store.ReadBallotsAsync(opened.VoteId, CancellationToken.None)));
        Assert.Equal("2", ballot.Points);
        Assert.Single(await BallotEntitiesAsync(), e => e.RowKey != VoteStore.FenceRowKey);
    }

    [Fact]
    public async Task SaveBallotAsync_AfterClose_ReturnsFalseAndWritesNothing()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;
        await store.SaveBallotAsync(opened.VoteId, "voter-a", "0:3", Opened.AddMinutes(5), CancellationToken.None);
        await store.TryCloseAsync(opened, Opened.AddHours(1), CancellationToken.None);

        var late = await store.SaveBallotAsync(opened.VoteId, "voter-b", "1:3", Opened.AddHours(2), CancellationToken.None);
        var revote = await store.SaveBallotAsync(opened.VoteId, "voter-a", "2:3", Opened.AddHours(2), CancellationToken.None);

        Assert.False(late);
        Assert.False(revote);
        var entity = Assert.Single(await BallotEntitiesAsync());
        Assert.Equal(("voter-a", "0:3"), (entity.RowKey, entity.GetString("Points")));
    }

    [Fact]
    public async Task SaveBallotAsync_VoteNeverOpened_ReturnsFalseAndWritesNothing()
    {
        var store = NewStore();

        var saved = await store.SaveBallotAsync(VoteRecord.NewId(), "voter-a", "0", Opened, CancellationToken.None);

        Assert.False(saved);
        Assert.Empty(await BallotEntitiesAsync());
    }

    [Fact]
    public async Task SaveBallotAsync_TwoHundredVotersWhileClosing_EveryAcknowledgedBallotCountedNoRefusedBallotStored()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;
        var acknowledged = 0;
        var fortyAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcomes = new ConcurrentDictionary<string, bool>();

        // Voters 0–99 start at once; the close starts when 40 of them are acknowledged; voters 100–199 start with the close.
        var saves = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            if (i >= 100)
            {
                await closing.Task;
            }

            var voter = "voter-" + i.ToString("D3", CultureInfo.InvariantCulture);
            var saved = await store.SaveBallotAsync(opened.VoteId, voter, (i % 3).ToString(CultureInfo.InvariantCulture), Opened.AddMinutes(1), CancellationToken.None);
            outcomes[voter] = saved;
            if (saved && Interlocked.Increment(ref acknowledged) == 40)
            {
                fortyAcknowledged.TrySetResult();
            }
        })).ToList();
        var close = Task.Run(async () =>
        {
            await fortyAcknowledged.Task;
            closing.SetResult();
            var result = await store.TryCloseAsync(opened, Opened.AddHours(1), CancellationToken.None);
            var counted = await ToListAsync(store.ReadBallotsAsync(opened.VoteId, CancellationToken.None));
            return (result, counted);
        });
        await Task.WhenAll(saves);
        var (closed, counted) = await close;

        Assert.NotNull(closed);
        Assert.Equal(200, outcomes.Count);
        var countedByCloser = counted.Select(b => b.VoterKey).Order(StringComparer.Ordinal).ToList();
        var storedAfterAll = (await ToListAsync(store.ReadBallotsAsync(opened.VoteId, CancellationToken.None))).Select(b => b.VoterKey).Order(StringComparer.Ordinal).ToList();
        var accepted = outcomes.Where(o => o.Value).Select(o => o.Key).Order(StringComparer.Ordinal).ToList();
        Assert.True(accepted.Count >= 40);
        Assert.Equal(accepted, countedByCloser);
        Assert.Equal(accepted, storedAfterAll);
        Assert.False(await store.SaveBallotAsync(opened.VoteId, "voter-late", "1", Opened.AddHours(2), CancellationToken.None));
    }

    [Fact]
    public async Task ReadBallotsAsync_OtherVotesBallots_OnlyThisVotesWithoutTheFence()
    {
        var store = NewStore();
        var first = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;
        var other = (await store.TryOpenAsync(NewVote("19:other@thread.tacv2"), CancellationToken.None))!;
        await store.SaveBallotAsync(first.VoteId, "voter-a", "0", Opened, CancellationToken.None);
        await store.SaveBallotAsync(first.VoteId, "voter-b", "1", Opened, CancellationToken.None);
        await store.SaveBallotAsync(other.VoteId, "voter-c", "2", Opened, CancellationToken.None);

        var ballots = await ToListAsync(store.ReadBallotsAsync(first.VoteId, CancellationToken.None));

        Assert.Equal(["voter-a", "voter-b"], ballots.Select(b => b.VoterKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SaveBallotAsync_KeyedByVoterKey_NoPropertyHoldsUserIdEntraIdOrName()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote() with { OpenedByUserId = "29:coordinator" }, CancellationToken.None))!;
        var keys = new RespondentKeys(Options.Create(new ConcertationOptions { HashKey = BotApplicationFactory.TestHashKey }));
        var voterKey = keys.ForVote(opened.VoteId, PersonId.Of(Nadia));

        await store.SaveBallotAsync(opened.VoteId, voterKey, "0:1,1:2", Opened, CancellationToken.None);

        var entities = await BallotEntitiesAsync();
        Assert.Equal(2, entities.Count);
        var texts = entities.SelectMany(e => e.Select(p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? string.Empty)
            .Append(e.PartitionKey).Append(e.RowKey).Concat(e.Keys)).ToList();
        foreach (var secret in new[] { Nadia.Id!, Nadia.AadObjectId!, Nadia.Name!, "nadia" })
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Contains(entities, e => e.RowKey == voterKey);
    }

    [Fact]
    public async Task TryCloseAsync_OpenVote_ClosesItFreesTheConversationAndRemovesTheFence()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;
        var at = Opened.AddHours(2);

        var closed = await store.TryCloseAsync(opened, at, CancellationToken.None);

        Assert.NotNull(closed);
        Assert.Equal(at, closed.ClosedAt);
        Assert.False(closed.IsOpen);
        Assert.Equal((await store.GetAsync(Channel, Conversation, opened.VoteId, CancellationToken.None))!.ETag, closed.ETag);
        Assert.Null(await store.GetOpenAsync(Channel, Conversation, CancellationToken.None));
        Assert.Empty(await BallotEntitiesAsync());
        Assert.NotNull(await store.TryOpenAsync(NewVote(), CancellationToken.None));
    }

    [Fact]
    public async Task TryCloseAsync_AlreadyClosed_ReturnsNull()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;
        await store.TryCloseAsync(opened, Opened.AddHours(1), CancellationToken.None);

        var again = await store.TryCloseAsync(opened, Opened.AddHours(2), CancellationToken.None);

        Assert.Null(again);
        Assert.Equal(Opened.AddHours(1), (await store.GetAsync(Channel, Conversation, opened.VoteId, CancellationToken.None))?.ClosedAt);
    }

    [Fact]
    public async Task TryCloseAsync_TwoConcurrentClosers_ExactlyOneCloses()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() => store.TryCloseAsync(opened, Opened.AddHours(i + 1), CancellationToken.None))));

        var closed = Assert.Single(results.OfType<VoteRecord>());
        Assert.Equal(closed.ClosedAt, (await store.GetAsync(Channel, Conversation, opened.VoteId, CancellationToken.None))?.ClosedAt);
        Assert.Null(await store.GetOpenAsync(Channel, Conversation, CancellationToken.None));
    }

    [Fact]
    public async Task TryCloseAsync_FenceAlreadyDeletedByAnUnfinishedClose_CompletesTheClose()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;
        await store.SaveBallotAsync(opened.VoteId, "voter-a", "1", Opened, CancellationToken.None);
        await Table(VoteStore.BallotsTable).DeleteEntityAsync(opened.VoteId, VoteStore.FenceRowKey);
        Assert.Equal(opened.VoteId, (await store.GetOpenAsync(Channel, Conversation, CancellationToken.None))?.VoteId);

        var closed = await store.TryCloseAsync(opened, Opened.AddHours(1), CancellationToken.None);

        Assert.Equal(Opened.AddHours(1), closed?.ClosedAt);
        Assert.Null(await store.GetOpenAsync(Channel, Conversation, CancellationToken.None));
        Assert.Equal(["voter-a"], (await ToListAsync(store.ReadBallotsAsync(opened.VoteId, CancellationToken.None))).Select(b => b.VoterKey));
    }

    [Fact]
    public async Task TryCloseAsync_NotTheOpenVote_ReturnsNullAndLeavesTheOpenOne()
    {
        var store = NewStore();
        var first = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;
        await store.TryCloseAsync(first, Opened.AddHours(1), CancellationToken.None);
        var second = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;

        var result = await store.TryCloseAsync(first, Opened.AddHours(2), CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(second.VoteId, (await store.GetOpenAsync(Channel, Conversation, CancellationToken.None))?.VoteId);
        Assert.True(await store.SaveBallotAsync(second.VoteId, "voter-a", "0", Opened, CancellationToken.None));
    }

    [Fact]
    public async Task RecordResultAsync_ClosedVote_RoundTripsParticipationScoresAndTime()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;
        var closed = (await store.TryCloseAsync(opened, Opened.AddHours(1), CancellationToken.None))!;
        var postedAt = Opened.AddHours(1).AddSeconds(3);

        var recorded = await store.RecordResultAsync(closed, 7, [12, 3, 0], postedAt, CancellationToken.None);
        var read = (await store.GetAsync(Channel, Conversation, opened.VoteId, CancellationToken.None))!;

        Assert.Equal(7, read.FinalParticipation);
        Assert.Equal([12, 3, 0], read.FinalScores);
        Assert.Equal(postedAt, read.ResultPostedAt);
        Assert.Equal(read.ETag, recorded.ETag);
        Assert.Equal(WithListsOf(recorded, read), read);
        var row = Assert.Single(await ToListAsync(Table(VoteStore.VotesTable).QueryAsync<TableEntity>()));
        Assert.Equal("12,3,0", row.GetString("FinalScores"));
    }

    [Fact]
    public async Task RecordResultAsync_ScoreCountNotOptionCount_Throws()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewVote(), CancellationToken.None))!;

        await Assert.ThrowsAsync<ArgumentException>(() => store.RecordResultAsync(opened, 1, [1, 0], Opened, CancellationToken.None));
    }

    [Fact]
    public async Task ListClosedAsync_SeveralVotes_ClosedOnesSinceOldestFirst()
    {
        var store = NewStore();
        var lateId = VoteRecord.NewId();
        var earlyId = VoteRecord.NewId();
        async Task<VoteRecord> OpenAndCloseAsync(VoteRecord vote)
        {
            var opened = (await store.TryOpenAsync(vote, CancellationToken.None))!;
            return (await store.TryCloseAsync(opened, vote.OpenedAt.AddMinutes(30), CancellationToken.None))!;
        }

        await OpenAndCloseAsync(NewVote(openedAt: Opened.AddDays(-1)));
        var late = await OpenAndCloseAsync(NewVote(openedAt: Opened.AddHours(1), voteId: lateId));
        var early = await OpenAndCloseAsync(NewVote(openedAt: Opened, voteId: earlyId));
        await OpenAndCloseAsync(NewVote("19:other@thread.tacv2", openedAt: Opened.AddHours(2)));
        await store.TryOpenAsync(NewVote(openedAt: Opened.AddHours(3)), CancellationToken.None);

        var listed = await ToListAsync(store.ListClosedAsync(Channel, Conversation + ";messageid=9", Opened, CancellationToken.None));

        Assert.Equal([earlyId, lateId], listed.Select(v => v.VoteId));
        Assert.Equal(WithListsOf(early, listed[0]), listed[0]);
        Assert.Equal(WithListsOf(late, listed[1]), listed[1]);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

        public void Advance(TimeSpan by) => _now += by;
    }
}
