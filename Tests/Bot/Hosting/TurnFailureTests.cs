using System.Net.Sockets;
using Microsoft.AspNetCore.TestHost;

namespace ConcertationBot.Tests.Bot.Hosting;

/// <summary>
/// What a person sees when a turn fails: storage cut (a relay in front of a real Azurite is cut, then restored),
/// storage frozen (it accepts and never answers), and a bug. Never a 500, never exception text; nothing acknowledged lost.
/// </summary>
public sealed class TurnFailureTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task VoteCast_StorageCutThenRestored_TryAgainCardThenRetryStoresTheBallot()
    {
        // Arrange
        await using var gate = TcpGate.Start(azurite.TableEndpoint);
        await using var bed = await ConversationTestBed.StartAsync(gate.Relay(azurite.ConnectionString, azurite.TableEndpoint), [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Emploi");
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 0));

        // Act
        gate.Cut();
        using var during = await bed.PostAsync(bed.Invoke(TestPerson.Bruno, CardVerbs.VoteCast, VoteFlows.Single(voteId, 1), replyToId: "vote-card"));
        var duringBody = await during.Content.ReadAsStringAsync();
        var storedDuring = await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3);
        gate.Restore();
        var tryAgain = JsonNode.Parse(duringBody)!["value"]!.AsObject();
        var afterRetry = await bed.ClickAsync(TestPerson.Bruno, tryAgain, CardVerbs.VoteCast);

        // Assert
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Equal(NoticeCards.TryAgainId, (string?)tryAgain["body"]![0]!["id"]);
        Assert.DoesNotContain("Exception", duringBody, StringComparison.Ordinal);
        var retry = ConversationTestBed.FindAction(tryAgain, CardVerbs.VoteCast)!;
        Assert.Equal(NoticeCards.RetryActionId, (string?)retry["id"]);
        Assert.Equal("1", (string?)retry["data"]!["choice"]);
        Assert.Single(storedDuring);
        Assert.NotNull(ConversationTestBed.FindAction(afterRetry, CardVerbs.VoteOpen));
        var stored = await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3);
        Assert.Equal(2, stored.Count);
        Assert.Equal([[1, 0, 0], [0, 1, 0]], stored.Values.OrderByDescending(p => p[0]).ToArray());
    }

    [Fact]
    public async Task Message_StorageCut_RepliesTryAgainCardWith200()
    {
        // Arrange
        await using var gate = TcpGate.Start(azurite.TableEndpoint);
        await using var bed = await ConversationTestBed.StartAsync(gate.Relay(azurite.ConnectionString, azurite.TableEndpoint), [TestPerson.Nadia]);
        gate.Cut();

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote Nos priorités : Logement ; Mobilité"));
        var card = await bed.SentCardAsync(0);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(NoticeCards.TryAgainId, (string?)card["body"]![0]!["id"]);
        Assert.Null(card["actions"]);
        Assert.DoesNotContain("Exception", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_StorageFrozen_TryAgainCardWhenTheInvokeTimeoutEnds()
    {
        // Arrange: a "storage" that accepts connections and never answers.
        using var frozen = new TcpListener(IPAddress.Loopback, 0);
        frozen.Start();
        var port = ((IPEndPoint)frozen.LocalEndpoint).Port;
        var connectionString = $"AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};TableEndpoint=http://127.0.0.1:{port}/{AzuriteFixture.AccountName}";
        await using var bed = await ConversationTestBed.StartAsync(connectionString, [TestPerson.Nadia], new Dictionary<string, string?> { ["Bot:InvokeTimeout"] = "00:00:01" });

        // Act
        var card = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Bruno, CardVerbs.VoteCast, VoteFlows.Single("v-frozen", 0), replyToId: "vote-card"));

        // Assert
        Assert.Equal(NoticeCards.TryAgainId, (string?)card["body"]![0]!["id"]);
        Assert.Equal("v-frozen", (string?)ConversationTestBed.FindAction(card, CardVerbs.VoteCast)!["data"]![CardDataFields.VoteId]);
    }

    [Fact]
    public async Task Invoke_Bug_Returns200ApologyCardWithoutExceptionText()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        await using var broken = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IConversationSettingsStore>(new BrokenSettingsStore())));
        using var client = broken.CreateClient();

        // Act
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TestActivities.Json(TestActivities.CardAction(CardVerbs.HelpShow)));
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(body)!;
        Assert.Equal(200, (int?)json["statusCode"]);
        Assert.Equal(NoticeCards.ApologyId, (string?)json["value"]!["body"]![0]!["id"]);
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("message", "conversation")]
    [InlineData("message", "channelId")]
    [InlineData("message", "from")]
    [InlineData("message", "serviceUrl")]
    [InlineData("invoke", "serviceUrl")]
    [InlineData("conversationUpdate", "conversation")]
    public async Task ApiMessages_RoutedActivityWithoutAddress_Returns400(string type, string missing)
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();
        var activity = TestActivities.Base(type);
        activity.Remove(missing);

        // Act
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TestActivities.Json(activity));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/relative/path")]
    public async Task ApiMessages_ServiceUrlNotAbsoluteHttp_Returns400(string serviceUrl)
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TestActivities.Json(TestActivities.Message("aide", serviceUrl: serviceUrl)));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ApiMessages_UnknownTypeWithoutAddress_Returns200()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), TestActivities.Raw("""{"type":"messageReaction"}"""));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed class BrokenSettingsStore : IConversationSettingsStore
    {
        public Task<string?> GetLanguageAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("secret internal detail");

        public Task SetLanguageAsync(string channelId, string conversationId, string? languageCode, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("secret internal detail");
    }
}
