using Azure.Core;
using Azure.Core.Pipeline;

namespace ConcertationBot.Tests.Bot.Pulses;

public sealed class PulseStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Channel = "msteams";
    private const string Conversation = "19:general@thread.tacv2";
    private static readonly DateTimeOffset Opened = new(2025, 6, 2, 9, 30, 15, 123, TimeSpan.FromHours(-4));

    private static readonly ChannelAccount Nadia = new() { Id = "29:nadia-user-id", Name = "Nadia Benali", AadObjectId = "6f1c2a52-4a54-4d0e-9f59-0d1b0a3b9e11" };

    private readonly string _prefix = AzuriteFixture.UniqueTableName("p");

    private PulseStore NewStore() => new(new TableServiceClient(azurite.ConnectionString), _prefix);

    private TableClient Table(string name) => new TableServiceClient(azurite.ConnectionString).GetTableClient(_prefix + name);

    private static PulseRecord NewPulse(string conversationId = Conversation) => TestRecords.Pulse(conversationId, Opened) with
    {
        TeamId = "19:team@thread.tacv2",
        TemplateId = "default",
        TemplateVersion = 2,
        OpenedByUserId = Nadia.Id!,
        OpenedByName = Nadia.Name,
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

    /// <summary>Nothing listens on port 9: had the store sent a request, the client's retries would end in a storage error.</summary>
    private PulseStore StoreWithoutStorage() => new(
        new TableServiceClient($"AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};TableEndpoint=http://127.0.0.1:9/{AzuriteFixture.AccountName}"),
        _prefix);

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a\nb")]
    public async Task SaveAnswerAsync_CraftedPulseId_RefusedBeforeAnyRequest(string pulseId)
    {
        // Arrange
        var sut = StoreWithoutStorage();

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            sut.SaveAnswerAsync(pulseId, "respondent-a", new Dictionary<string, object> { ["RoleClarity"] = 2 }, Opened, CancellationToken.None));

        // Assert
        Assert.Equal("pulseId", error.ParamName);
    }

    [Theory]
    [InlineData("a#b")]
    [InlineData("a?b")]
    public async Task GetAsync_CraftedPulseId_NullWithoutAnyRequest(string pulseId)
    {
        // Arrange
        var sut = StoreWithoutStorage();

        // Act
        var pulse = await sut.GetAsync(Channel, Conversation, pulseId, CancellationToken.None);

        // Assert
        Assert.Null(pulse);
    }

    [Fact]
    public void NewId_Twice_Distinct32HexCharacters()
    {
        var first = PulseRecord.NewId();
        var second = PulseRecord.NewId();

        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task TryOpenAsync_NothingOpen_StoresPulseThatGetReadsBackWholly()
    {
        var store = NewStore();
        var pulse = NewPulse();

        var opened = await store.TryOpenAsync(pulse, CancellationToken.None);
        var read = await store.GetAsync(Channel, Conversation, pulse.PulseId, CancellationToken.None);
        var open = await store.GetOpenAsync(Channel, Conversation, CancellationToken.None);

        Assert.NotNull(opened);
        Assert.NotEqual(default, opened.ETag);
        Assert.Equal(opened, read);
        Assert.Equal(opened, open);
        Assert.Equal(pulse with { ETag = opened.ETag, AnswerFence = true }, read);
        Assert.True(read!.IsOpen);
        Assert.Equal(Opened, read.OpenedAt);
    }

    [Fact]
    public async Task TryOpenAsync_FromAThread_BelongsToTheChannel()
    {
        var store = NewStore();
        var pulse = NewPulse(Conversation + ";messageid=1717171717171");

        var opened = await store.TryOpenAsync(pulse, CancellationToken.None);
        var open = await store.GetOpenAsync(Channel, Conversation + ";messageid=42", CancellationToken.None);

        Assert.Equal(Conversation, opened!.ConversationId);
        Assert.Equal(pulse.PulseId, open?.PulseId);
        Assert.Equal(Conversation, open!.ConversationId);
    }

    [Fact]
    public async Task TryOpenAsync_AlreadyOpen_ReturnsNullAndKeepsTheFirst()
    {
        var store = NewStore();
        var first = NewPulse();
        var second = NewPulse();
        await store.TryOpenAsync(first, CancellationToken.None);

        var result = await store.TryOpenAsync(second, CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(first.PulseId, (await store.GetOpenAsync(Channel, Conversation, CancellationToken.None))?.PulseId);
        Assert.Null(await store.GetAsync(Channel, Conversation, second.PulseId, CancellationToken.None));
    }

    [Fact]
    public async Task TryOpenAsync_OtherConversation_OpensIndependently()
    {
        var store = NewStore();
        await store.TryOpenAsync(NewPulse(), CancellationToken.None);

        var other = await store.TryOpenAsync(NewPulse("19:other@thread.tacv2"), CancellationToken.None);

        Assert.NotNull(other);
    }

    [Fact]
    public async Task TryOpenAsync_TwoConcurrentCoordinators_ExactlyOnePulse()
    {
        var store = NewStore();
        var candidates = new[] { NewPulse(), NewPulse() };

        var results = await Task.WhenAll(candidates.Select(p => Task.Run(() => store.TryOpenAsync(p, CancellationToken.None))));

        var winner = Assert.Single(results.OfType<PulseRecord>());
        var rows = await ToListAsync(Table(PulseStore.PulsesTable).QueryAsync<TableEntity>());
        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { "open", winner.PulseId }.Order(StringComparer.Ordinal), rows.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        Assert.Equal(winner.PulseId, (await store.GetOpenAsync(Channel, Conversation, CancellationToken.None))?.PulseId);
    }

    [Fact]
    public async Task TryOpenAsync_TenConcurrentCoordinators_ExactlyOnePulse()
    {
        var store = NewStore();
        var candidates = Enumerable.Range(0, 10).Select(_ => NewPulse()).ToList();

        var results = await Task.WhenAll(candidates.Select(p => Task.Run(() => store.TryOpenAsync(p, CancellationToken.None))));

        var winner = Assert.Single(results.OfType<PulseRecord>());
        var pulseRows = (await ToListAsync(Table(PulseStore.PulsesTable).QueryAsync<TableEntity>())).Where(r => r.RowKey != "open");
        Assert.Equal(winner.PulseId, Assert.Single(pulseRows).RowKey);
    }

    [Fact]
    public async Task TryOpenAsync_LanguageNotFrOrEn_Throws()
    {
        var store = NewStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.TryOpenAsync(NewPulse() with { Language = "French" }, CancellationToken.None));
    }

    [Fact]
    public async Task GetOpenAsync_NothingOpened_ReturnsNull()
    {
        var store = NewStore();

        Assert.Null(await store.GetOpenAsync(Channel, Conversation, CancellationToken.None));
    }

    [Fact]
    public async Task SetCardActivityIdAsync_OpenPulse_StoresItWithNewETag()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewPulse(), CancellationToken.None))!;

        var updated = await store.SetCardActivityIdAsync(opened, "1717171717171", CancellationToken.None);
        var read = await store.GetAsync(Channel, Conversation, opened.PulseId, CancellationToken.None);

        Assert.Equal("1717171717171", updated.CardActivityId);
        Assert.NotEqual(opened.ETag, updated.ETag);
        Assert.Equal(updated, read);
    }

    [Fact]
    public async Task TryCloseAsync_OpenPulse_ClosesItAndFreesTheConversation()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewPulse(), CancellationToken.None))!;
        var at = Opened.AddDays(3);

        var closed = await store.TryCloseAsync(opened, at, CancellationToken.None);
        var next = await store.TryOpenAsync(NewPulse(), CancellationToken.None);

        Assert.Equal(at, closed?.ClosedAt);
        Assert.False(closed!.IsOpen);
        Assert.Equal(at, (await store.GetAsync(Channel, Conversation, opened.PulseId, CancellationToken.None))?.ClosedAt);
        Assert.NotNull(next);
        Assert.Equal(next.PulseId, (await store.GetOpenAsync(Channel, Conversation, CancellationToken.None))?.PulseId);
    }

    [Fact]
    public async Task TryCloseAsync_AlreadyClosed_ReturnsNull()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewPulse(), CancellationToken.None))!;
        await store.TryCloseAsync(opened, Opened.AddDays(1), CancellationToken.None);

        var again = await store.TryCloseAsync(opened, Opened.AddDays(2), CancellationToken.None);

        Assert.Null(again);
        Assert.Equal(Opened.AddDays(1), (await store.GetAsync(Channel, Conversation, opened.PulseId, CancellationToken.None))?.ClosedAt);
    }

    [Fact]
    public async Task TryCloseAsync_ManyConcurrentClosers_ExactlyOneCloses()
    {
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewPulse(), CancellationToken.None))!;

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Task.Run(() => store.TryCloseAsync(opened, Opened.AddHours(i + 1), CancellationToken.None))));

        var closed = Assert.Single(results.OfType<PulseRecord>());
        Assert.Equal(closed.ClosedAt, (await store.GetAsync(Channel, Conversation, opened.PulseId, CancellationToken.None))?.ClosedAt);
    }

    [Fact]
    public async Task SaveAnswerAsync_TwiceForOneRespondent_OneEntityWithLatestValuesAndTheDayOnly()
    {
        var store = NewStore();
        var pulseId = PulseRecord.NewId();
        var first = Opened.AddMinutes(5);
        var second = Opened.AddMinutes(9);
        await store.SaveAnswerAsync(pulseId, "respondent-a", new Dictionary<string, object> { ["RoleClarity"] = 2, ["Frein_Agenda"] = "Pas de temps" }, first, CancellationToken.None);

        await store.SaveAnswerAsync(pulseId, "respondent-a", new Dictionary<string, object> { ["RoleClarity"] = 4, ["Continuum"] = "coordination" }, second, CancellationToken.None);

        var entity = Assert.Single(await ToListAsync(Table(PulseStore.AnswersTable).QueryAsync<TableEntity>()));
        Assert.Equal(pulseId, entity.PartitionKey);
        Assert.Equal("respondent-a", entity.RowKey);
        Assert.Equal(4, entity.GetInt32("RoleClarity"));
        Assert.Equal("coordination", entity.GetString("Continuum"));
        Assert.False(entity.ContainsKey("Frein_Agenda"));
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero), entity.GetDateTimeOffset("AnsweredOn"));
        Assert.False(entity.ContainsKey("UpdatedAt"));
        Assert.False(entity.ContainsKey("FirstSubmittedAt"));
    }

    [Fact]
    public async Task SaveAnswerAsync_KeyedByRespondentKey_NoPropertyHoldsUserIdEntraIdOrName()
    {
        var store = NewStore();
        var pulseId = PulseRecord.NewId();
        var keys = new RespondentKeys(Options.Create(new ConcertationOptions { HashKey = BotApplicationFactory.TestHashKey }));
        var respondentKey = keys.ForPulse(pulseId, PersonId.Of(Nadia));

        await store.SaveAnswerAsync(pulseId, respondentKey, new Dictionary<string, object> { ["RoleClarity"] = 3, ["Levier_Communication"] = "Un canal commun" }, Opened, CancellationToken.None);

        var entity = Assert.Single(await ToListAsync(Table(PulseStore.AnswersTable).QueryAsync<TableEntity>()));
        var texts = entity.Select(p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)
            .Append(entity.PartitionKey).Append(entity.RowKey).Concat(entity.Keys).ToList();
        foreach (var secret in new[] { Nadia.Id!, Nadia.AadObjectId!, Nadia.Name!, "nadia" })
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Equal(respondentKey, entity.RowKey);
    }

    [Fact]
    public async Task SaveAnswerAsync_ConcurrentResendsOfOneRespondent_OneEntityWithOneOfTheSentValues()
    {
        var store = NewStore();
        var pulseId = PulseRecord.NewId();
        await store.SaveAnswerAsync(pulseId, "respondent-a", new Dictionary<string, object> { ["RoleClarity"] = 1 }, Opened, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(2, 5).Select(i => Task.Run(() =>
            store.SaveAnswerAsync(pulseId, "respondent-a", new Dictionary<string, object> { ["RoleClarity"] = i }, Opened.AddMinutes(i), CancellationToken.None))));

        var entity = Assert.Single(await ToListAsync(Table(PulseStore.AnswersTable).QueryAsync<TableEntity>()));
        Assert.InRange(entity.GetInt32("RoleClarity")!.Value, 2, 6);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero), entity.GetDateTimeOffset("AnsweredOn"));
    }

    [Theory]
    [InlineData("UpdatedAt")]
    [InlineData("RowKey")]
    [InlineData("has-dash")]
    [InlineData("")]
    public async Task SaveAnswerAsync_ReservedOrInvalidFieldName_Throws(string name)
    {
        var store = NewStore();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.SaveAnswerAsync(PulseRecord.NewId(), "respondent-a", new Dictionary<string, object> { [name] = 1 }, Opened, CancellationToken.None));
    }

    [Fact]
    public async Task CountAnswersAsync_ThreeRespondentsOneResending_CountsThreeInThatPulseOnly()
    {
        var store = NewStore();
        var pulseId = await ThreeRespondentsOneResendingAsync(store, elsewhere: "r1");

        Assert.Equal(3, await store.CountAnswersAsync(pulseId, CancellationToken.None));
        Assert.Equal(0, await store.CountAnswersAsync(PulseRecord.NewId(), CancellationToken.None));
    }

    [Fact]
    public async Task ReadAnswersAsync_StoredAnswers_ReturnsFieldsWithoutBookkeeping()
    {
        var store = NewStore();
        var pulseId = PulseRecord.NewId();
        await store.SaveAnswerAsync(pulseId, "r1", new Dictionary<string, object> { ["RoleClarity"] = 5, ["Change"] = "Une salle partagée", ["ChangePositive"] = true }, Opened, CancellationToken.None);
        await store.SaveAnswerAsync(pulseId, "r2", new Dictionary<string, object> { ["RoleClarity"] = 2 }, Opened.AddHours(1), CancellationToken.None);

        var rows = await ToListAsync(store.ReadAnswersAsync(pulseId, CancellationToken.None));

        Assert.Equal(["r1", "r2"], rows.Select(r => r.RespondentKey).Order(StringComparer.Ordinal));
        var r1 = rows.Single(r => r.RespondentKey == "r1");
        Assert.Equal(["Change", "ChangePositive", "RoleClarity"], r1.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(5, r1.Fields["RoleClarity"]);
        Assert.Equal("Une salle partagée", r1.Fields["Change"]);
        Assert.Equal(true, r1.Fields["ChangePositive"]);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero), r1.AnsweredOn);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero), rows.Single(r => r.RespondentKey == "r2").AnsweredOn);
    }

    [Fact]
    public async Task ReadAnswersAsync_MoreAnswersThanTwoPages_EveryRowOnceInSmallPages()
    {
        // Arrange: 250 answers with long texts, written in batches; a client that counts the queries it sends.
        var pulseId = PulseRecord.NewId();
        var table = Table(PulseStore.AnswersTable);
        await table.CreateIfNotExistsAsync();
        var text = new string('x', 500);
        for (var batch = 0; batch < 3; batch++)
        {
            var actions = Enumerable.Range(batch * 100, Math.Min(100, 250 - (batch * 100)))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(pulseId, $"r{i:D3}") { ["Change"] = text, ["RoleClarity"] = 3 }))
                .ToList();
            await table.SubmitTransactionAsync(actions);
        }

        var counter = new QueryCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var store = new PulseStore(new TableServiceClient(azurite.ConnectionString, options), _prefix);

        // Act
        var rows = await ToListAsync(store.ReadAnswersAsync(pulseId, CancellationToken.None));

        // Assert: every row once, read in pages of PulseStore.AnswerPageSize (a default page would be one query).
        Assert.Equal(250, rows.Count);
        Assert.Equal(250, rows.Select(r => r.RespondentKey).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, r => Assert.Equal(text, r.Fields["Change"]));
        Assert.Equal(3, counter.Queries);
    }

    private sealed class QueryCounter : HttpPipelineSynchronousPolicy
    {
        private int _queries;

        public int Queries => Volatile.Read(ref _queries);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.Contains(PulseStore.AnswersTable, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _queries);
            }
        }
    }

    [Fact]
    public async Task ReadRespondentKeysAsync_ThreeRespondentsOneResending_TheirKeysInThatPulseOnly()
    {
        var store = NewStore();
        var pulseId = await ThreeRespondentsOneResendingAsync(store, elsewhere: "r4");

        var keys = await store.ReadRespondentKeysAsync(pulseId, CancellationToken.None);

        Assert.Equal(["r1", "r2", "r3"], keys.Order(StringComparer.Ordinal));
        Assert.Empty(await store.ReadRespondentKeysAsync(PulseRecord.NewId(), CancellationToken.None));
    }

    [Fact]
    public void RespondentStateKey_PulseAndRespondent_KeyedWithoutNames()
    {
        var key = PulseStateKeys.Respondent("0197a0b1c2d3", "ab12");

        Assert.Equal(new BotStateKey("pulse|0197a0b1c2d3", "respondent|ab12"), key);
    }

    /// <summary>
    /// r1, r2 and r3 answer a new pulse (r2 sends again) and <paramref name="elsewhere"/> answers another one, each with a
    /// role clarity of 3. Returns the first pulse's id.
    /// </summary>
    private static async Task<string> ThreeRespondentsOneResendingAsync(PulseStore store, string elsewhere)
    {
        var pulseId = PulseRecord.NewId();
        foreach (var (pulse, respondent) in new[] { (pulseId, "r1"), (pulseId, "r2"), (pulseId, "r3"), (pulseId, "r2"), (PulseRecord.NewId(), elsewhere) })
        {
            await store.SaveAnswerAsync(pulse, respondent, new Dictionary<string, object> { ["RoleClarity"] = 3 }, Opened, CancellationToken.None);
        }

        return pulseId;
    }
}
