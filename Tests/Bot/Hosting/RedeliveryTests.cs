using ConcertationBot.Bot.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace ConcertationBot.Tests.Bot.Hosting;

/// <summary>
/// An activity Teams delivers again (same activity id, conversation and sender), over HTTP <c>/api/messages</c> against
/// Azurite: answered as the first time, nothing handled or sent again; a failed turn or a storage outage change nothing
/// of how the activity is handled.
/// </summary>
public sealed class RedeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task VoteCast_RedeliveredAfterANewerCast_SameAnswerAndTheNewerBallotKept()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Emploi");
        var first = bed.Invoke(TestPerson.Amelie, CardVerbs.VoteCast, VoteFlows.Single(voteId, 0), replyToId: "vote-card");
        var (firstStatus, firstBody) = await SendAsync(bed, first);
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 1));

        // Act
        var (status, body) = await SendAsync(bed, first);

        // Assert
        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.True(VoteFlows.IsConfirmation(firstBody), firstBody);
        Assert.Equal(firstStatus, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(firstBody), JsonNode.Parse(body)), $"first: {firstBody}\nagain: {body}");
        var stored = await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3);
        Assert.Equal([0, 1, 0], Assert.Single(stored).Value);
        var row = await DeliveryRowAsync(first);
        Assert.Equal("Answered", row.GetString("State"));
        Assert.False(Names(row, TestPerson.Amelie), "the Deliveries row names the voter");
    }

    [Fact]
    public async Task PulseSubmit_RedeliveredAfterANewerAnswer_SameAnswerAndTheNewerAnswerKept()
    {
        // Arrange: Amélie sends a 5, then edits her answer and sends a 2.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var review = await PulseFlows.WalkToReviewAsync(bed, TestPerson.Amelie, pulseId, PulseFlows.Rating("5"));
        var submit = bed.Invoke(TestPerson.Amelie, CardVerbs.PulseSubmit, (JsonObject)ConversationTestBed.FindAction(review, CardVerbs.PulseSubmit)!["data"]!.DeepClone());
        var (firstStatus, firstBody) = await SendAsync(bed, submit);
        var thanks = JsonNode.Parse(firstBody)!["value"]!.AsObject();
        var again = await bed.ClickAsync(TestPerson.Amelie, thanks, CardVerbs.PulseEdit);
        var roleStep = await bed.ClickAsync(TestPerson.Amelie, again, CardVerbs.PulseEdit, step: "roleClarity");
        var backToReview = await bed.ClickAsync(TestPerson.Amelie, roleStep, CardVerbs.PulseNext, new Dictionary<string, string> { [PulseInputIds.Rating] = "2" });
        await bed.ClickAsync(TestPerson.Amelie, backToReview, CardVerbs.PulseSubmit);
        var newer = Assert.Single(await PulseFlows.RowsAsync(azurite.ConnectionString, PulseStore.AnswersTable, pulseId));

        // Act
        var (status, body) = await SendAsync(bed, submit);

        // Assert
        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(firstStatus, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(firstBody), JsonNode.Parse(body)), $"first: {firstBody}\nagain: {body}");
        var after = Assert.Single(await PulseFlows.RowsAsync(azurite.ConnectionString, PulseStore.AnswersTable, pulseId));
        Assert.Equal(2, newer.GetInt32("roleClarity"));
        Assert.Equal(newer.ETag, after.ETag);
        Assert.False(Names(await DeliveryRowAsync(submit), TestPerson.Amelie), "the Deliveries row names the respondent");
    }

    [Fact]
    public async Task VoteCast_DeliveredTwiceAtOnce_BothGetTheSameAnswerAndOneBallot()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Emploi");
        var cast = bed.Invoke(TestPerson.Bruno, CardVerbs.VoteCast, VoteFlows.Single(voteId, 2), replyToId: "vote-card");

        // Act
        var answers = await Task.WhenAll(SendAsync(bed, cast), SendAsync(bed, cast));

        // Assert
        Assert.All(answers, answer => Assert.True(VoteFlows.IsConfirmation(answer.Body), answer.Body));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(answers[0].Body), JsonNode.Parse(answers[1].Body)));
        var stored = await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3);
        Assert.Equal([0, 0, 1], Assert.Single(stored).Value);
    }

    [Fact]
    public async Task VoteCast_HandledThenRedelivered_TwoDeliveriesRequestsEachAndNoOtherStorageOnReplay()
    {
        // Arrange: the bot's Table client goes through hooks that see every request.
        var hooks = new StorageHooks();
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], services: services =>
            {
                services.AddSingleton(hooks.Client(azurite.ConnectionString));
                services.AddSingleton<IDeliveryStore>(new DeliveryStore(hooks.Client(azurite.ConnectionString)));
            });
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Emploi");
        await VoteFlows.CastAsync(bed, TestPerson.Bruno, VoteFlows.Single(voteId, 0));
        await VoteFlows.FlushAsync(bed, voteId);
        var cast = bed.Invoke(TestPerson.Amelie, CardVerbs.VoteCast, VoteFlows.Single(voteId, 1), replyToId: "vote-card");

        // Act
        var before = Snapshot(hooks);
        await SendAsync(bed, cast);
        var handled = Snapshot(hooks)[before.Count..];
        await VoteFlows.FlushAsync(bed, voteId);
        var beforeReplay = Snapshot(hooks);
        await SendAsync(bed, cast);
        var replayed = Snapshot(hooks)[beforeReplay.Count..];

        // Assert: handled = insert the claim + record the answer; replayed = the refused insert + the read, nothing else.
        Assert.Equal(2, handled.Count(IsDeliveries));
        Assert.Equal(["POST", "GET"], replayed.Select(r => r.Split(' ')[0]).ToArray());
        Assert.All(replayed, r => Assert.True(IsDeliveries(r), r));
    }

    [Fact]
    public async Task MessageCommand_Redelivered_Returns200AndPostsNothingAgain()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var open = bed.ChannelMessage(TestPerson.Nadia, "vote Nos priorités : Logement ; Mobilité");
        using (var first = await bed.PostAsync(open))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var card = await bed.SentCardAsync(0);
        var voteId = VoteFlows.VoteIdOf(card);
        await VoteFlows.FlushAsync(bed, voteId!);
        var posts = bed.Posts.Count;
        var requests = bed.Connector.Requests.Count;

        // Act
        using var again = await bed.PostAsync(open);
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        // Assert
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsStringAsync());
        Assert.Equal(posts, bed.Posts.Count);
        Assert.Equal(requests, bed.Connector.Requests.Count);
        var vote = await VoteFlows.OpenVoteAsync(bed);
        Assert.Equal(voteId, vote?.VoteId);
    }

    [Fact]
    public async Task Invoke_TurnThrows_ClaimGivenUpSoTheRetryIsHandled()
    {
        // Arrange: conversation settings fail once (a bug on the first try), then work.
        var settings = new FailingOnceSettingsStore();
        await using var factory = new BotApplicationFactory(new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString });
        await using var host = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IConversationSettingsStore>(settings)));
        using var client = host.CreateClient();
        var click = TestActivities.CardAction(CardVerbs.HelpShow);
        var failed = await SendAsync(client, click);
        var claimAfterFailure = await FindDeliveryRowAsync(click);

        // Act
        var retried = await SendAsync(client, click);

        // Assert
        Assert.Equal(NoticeCards.ApologyId, (string?)JsonNode.Parse(failed.Body)!["value"]!["body"]![0]!["id"]);
        Assert.Null(claimAfterFailure);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.NotEqual(NoticeCards.ApologyId, (string?)JsonNode.Parse(retried.Body)!["value"]!["body"]![0]!["id"]);
        Assert.True(settings.Calls >= 2);
        Assert.Equal("Answered", (await DeliveryRowAsync(click)).GetString("State"));
    }

    [Fact]
    public async Task VoteCast_DeliveriesStoreDown_HandledAsBefore()
    {
        // Arrange: every call to the Deliveries store fails as an unreachable storage would.
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], services: services => services.AddSingleton<IDeliveryStore>(new UnreachableDeliveryStore()));
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Emploi");
        var cast = bed.Invoke(TestPerson.Chris, CardVerbs.VoteCast, VoteFlows.Single(voteId, 1), replyToId: "vote-card");

        // Act
        var (status, body) = await SendAsync(bed, cast);

        // Assert
        await AssertConfirmedAndTheOnlyBallotIsAsync(status, body, voteId, [0, 1, 0]);
        Assert.Null(await FindDeliveryRowAsync(cast));
    }

    [Fact]
    public async Task VoteCast_RecordUnreadable_HandledAsBefore()
    {
        // Arrange: the Deliveries row says "answered" but its body is not JSON (a corrupt or foreign row).
        var deliveries = new CorruptDeliveryStore();
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], services: services => services.AddSingleton<IDeliveryStore>(deliveries));
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Emploi");
        deliveries.Corrupt = true;
        var cast = bed.Invoke(TestPerson.Chris, CardVerbs.VoteCast, VoteFlows.Single(voteId, 2), replyToId: "vote-card");

        // Act
        var (status, body) = await SendAsync(bed, cast);

        // Assert
        await AssertConfirmedAndTheOnlyBallotIsAsync(status, body, voteId, [0, 0, 1]);
    }

    [Fact]
    public async Task VoteCast_RedeliveredWithTheFeatureOff_HandledAgain()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], new Dictionary<string, string?> { ["Bot:Redelivery:Enabled"] = "false" });
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Emploi");
        var first = bed.Invoke(TestPerson.Amelie, CardVerbs.VoteCast, VoteFlows.Single(voteId, 0), replyToId: "vote-card");
        await SendAsync(bed, first);
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 1));

        // Act
        await SendAsync(bed, first);

        // Assert: the old click replaced the newer ballot, which is what the feature prevents.
        var stored = await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3);
        Assert.Equal([1, 0, 0], Assert.Single(stored).Value);
        Assert.Null(await FindDeliveryRowAsync(first));
    }

    [Fact]
    public async Task VoteOpen_AutomaticRefresh_NotRecorded()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Emploi");
        var refresh = bed.Invoke(TestPerson.Bruno, CardVerbs.VoteOpen, new JsonObject { [CardDataFields.VoteId] = voteId }, replyToId: "vote-card", trigger: "automatic");

        // Act
        var (status, _) = await SendAsync(bed, refresh);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(await FindDeliveryRowAsync(refresh));
    }

    /// <summary>The requests seen so far (taken when no other storage request is under way: after a flush or a turn).</summary>
    private static List<string> Snapshot(StorageHooks hooks) => [.. hooks.Seen];

    private static bool IsDeliveries(string request) => request.Contains("/" + DeliveryStore.TableName, StringComparison.Ordinal);

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(ConversationTestBed bed, JsonObject activity)
    {
        using var response = await bed.PostAsync((JsonObject)activity.DeepClone());
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TestActivities.Json(activity.DeepClone()));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<TableEntity> DeliveryRowAsync(JsonObject activity) =>
        await FindDeliveryRowAsync(activity) ?? throw new InvalidOperationException("No Deliveries row for the activity.");

    /// <summary>The Deliveries row of an activity, found by its keyed hash under the test hash key.</summary>
    private async Task<TableEntity?> FindDeliveryRowAsync(JsonObject activity)
    {
        var keys = new DeliveryKeys(Options.Create(new ConcertationOptions { HashKey = BotApplicationFactory.TestHashKey }));
        var key = DeliveryKey.FromHash(keys.Of((string)activity["channelId"]!, (string)activity["conversation"]!["id"]!, (string)activity["from"]!["id"]!, (string)activity["id"]!));
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(DeliveryStore.TableName);
        await table.CreateIfNotExistsAsync();
        var response = await table.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey);
        return response.HasValue ? response.Value : null;
    }

    private static bool Names(TableEntity row, TestPerson person)
    {
        var text = string.Join('\n', row.Select(pair => pair.Value?.ToString()).Append(row.RowKey).Append(row.PartitionKey));
        var decoded = row.GetInt32("Chunks") is > 0 ? JsonNode.Parse(row.GetString("Body0")!)!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) : string.Empty;
        return new[] { person.Id, person.AadObjectId, person.Name }.Any(identity =>
            text.Contains(identity, StringComparison.OrdinalIgnoreCase) || decoded.Contains(identity, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class FailingOnceSettingsStore : IConversationSettingsStore
    {
        private int _calls;

        public int Calls => _calls;

        public Task<string?> GetLanguageAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new InvalidOperationException("a bug on the first try")
                : Task.FromResult<string?>(null);

        public Task SetLanguageAsync(string channelId, string conversationId, string? languageCode, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }

    /// <summary>Claims always succeed until <see cref="Corrupt"/>; then every activity meets an "answered" row whose body is not JSON.</summary>
    private sealed class CorruptDeliveryStore : IDeliveryStore
    {
        public volatile bool Corrupt;

        public Task<Azure.ETag?> TryAddAsync(DeliveryKey key, DeliveryRecord record, CancellationToken cancellationToken) =>
            Task.FromResult<Azure.ETag?>(Corrupt ? null : new Azure.ETag("W/\"1\""));

        public Task<StoredDelivery?> GetAsync(DeliveryKey key, CancellationToken cancellationToken) =>
            Task.FromResult<StoredDelivery?>(new StoredDelivery(new DeliveryRecord(DeliveryState.Answered, DateTimeOffset.UtcNow, 200, "{not json"), new Azure.ETag("W/\"1\"")));

        public Task<Azure.ETag?> TryReplaceAsync(DeliveryKey key, DeliveryRecord record, Azure.ETag expected, CancellationToken cancellationToken) => Task.FromResult<Azure.ETag?>(null);

        public Task DeleteAsync(DeliveryKey key, Azure.ETag expected, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => Task.FromResult(0);
    }

    private sealed class UnreachableDeliveryStore : IDeliveryStore
    {
        private static Exception Unreachable() => new Azure.RequestFailedException(0, "connection refused (test)");

        public Task<Azure.ETag?> TryAddAsync(DeliveryKey key, DeliveryRecord record, CancellationToken cancellationToken) => throw Unreachable();

        public Task<StoredDelivery?> GetAsync(DeliveryKey key, CancellationToken cancellationToken) => throw Unreachable();

        public Task<Azure.ETag?> TryReplaceAsync(DeliveryKey key, DeliveryRecord record, Azure.ETag expected, CancellationToken cancellationToken) => throw Unreachable();

        public Task DeleteAsync(DeliveryKey key, Azure.ETag expected, CancellationToken cancellationToken) => throw Unreachable();

        public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => throw Unreachable();
    }

    /// <summary>The cast was answered 200 with the confirmation, and the vote (3 options) holds that one ballot alone.</summary>
    private async Task AssertConfirmedAndTheOnlyBallotIsAsync(HttpStatusCode status, string body, string voteId, int[] ballot)
    {
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(VoteFlows.IsConfirmation(body), body);
        var stored = await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3);
        Assert.Equal(ballot, Assert.Single(stored).Value);
    }
}
