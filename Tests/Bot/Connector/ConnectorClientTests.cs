namespace ConcertationBot.Tests.Bot.Connector;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string TeamsChannelThread = "19:abc123@thread.tacv2;messageid=1699999999999";
    private CaptureConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await CaptureConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text, TextFormat = TextFormats.Plain };

    [Fact]
    public async Task SendToConversationAsync_TeamsThreadId_PostsEscapedPathWithActivityBody()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);

        var result = await client.SendToConversationAsync(TeamsChannelThread, Message("Bonjour à tous"), CancellationToken.None);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(ConnectorOperation.SendToConversation, request.Operation);
        Assert.Equal(
            "/v3/conversations/19%3Aabc123%40thread.tacv2%3Bmessageid%3D1699999999999/activities",
            request.RawTarget, ignoreCase: true);
        Assert.Equal(TeamsChannelThread, request.ConversationId);
        Assert.Equal("Bonjour à tous", request.Activity?.Text);
        Assert.Equal(ActivityTypes.Message, request.Activity?.Type);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Equal("1", result.Id);
    }

    [Fact]
    public async Task ReplyToActivityAsync_ActivityIdWithReservedCharacters_PostsToEscapedActivityPath()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);

        var result = await client.ReplyToActivityAsync("a:1xyz", "f:abc|0000001", Message("Merci"), CancellationToken.None);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(ConnectorOperation.ReplyToActivity, request.Operation);
        Assert.Equal("/v3/conversations/a%3A1xyz/activities/f%3Aabc%7C0000001", request.RawTarget, ignoreCase: true);
        Assert.Equal("a:1xyz", request.ConversationId);
        Assert.Equal("f:abc|0000001", request.ActivityId);
        Assert.Equal("Merci", request.Activity?.Text);
        Assert.Equal("1", result.Id);
    }

    [Fact]
    public async Task UpdateActivityAsync_ExistingActivity_PutsActivityBody()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        var card = new Activity
        {
            Type = ActivityTypes.Message,
            Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = JsonDocument.Parse("""{"type":"AdaptiveCard","version":"1.5"}""").RootElement }],
        };

        var result = await client.UpdateActivityAsync(TeamsChannelThread, "1700000000001", card, CancellationToken.None);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal(ConnectorOperation.UpdateActivity, request.Operation);
        Assert.Equal(TeamsChannelThread, request.ConversationId);
        Assert.Equal("1700000000001", request.ActivityId);
        var attachment = Assert.Single(request.Activity?.Attachments ?? []);
        Assert.Equal(ContentTypes.AdaptiveCard, attachment.ContentType);
        Assert.Equal("1.5", attachment.Content?.GetProperty("version").GetString());
        Assert.Equal("1700000000001", result.Id);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    [InlineData(204)]
    public async Task DeleteActivityAsync_SuccessStatus_SendsDeleteWithoutBody(int status)
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        _connector.Enqueue(new CannedResponse(status));

        await client.DeleteActivityAsync(TeamsChannelThread, "1700000000001", CancellationToken.None);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal(ConnectorOperation.DeleteActivity, request.Operation);
        Assert.Equal(TeamsChannelThread, request.ConversationId);
        Assert.Equal("1700000000001", request.ActivityId);
        Assert.Equal(string.Empty, request.Body);
    }

    [Fact]
    public async Task CreateConversationAsync_ChannelThread_PostsParametersAndReadsIds()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            TenantId = "tenant-1",
            Bot = new ChannelAccount { Id = "28:bot" },
            Activity = Message("Nouvelle concertation"),
            ChannelData = JsonDocument.Parse("""{"channel":{"id":"19:channel@thread.tacv2"}}""").RootElement,
        };

        var result = await client.CreateConversationAsync(parameters, CancellationToken.None);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/conversations", request.RawTarget);
        Assert.Equal(ConnectorOperation.CreateConversation, request.Operation);
        Assert.True(request.Parameters?.IsGroup);
        Assert.Equal("tenant-1", request.Parameters?.TenantId);
        Assert.Equal("Nouvelle concertation", request.Parameters?.Activity?.Text);
        Assert.Equal("19:channel@thread.tacv2", request.Parameters?.ChannelData?.GetProperty("channel").GetProperty("id").GetString());
        Assert.NotNull(result.ActivityId);
        Assert.Equal($"a:conversation-1;messageid={result.ActivityId}", result.Id);
    }

    [Fact]
    public async Task CreateConversationAsync_PersonalChatAnswerWithoutActivityId_ReturnsId()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        _connector.Enqueue(new CannedResponse(201, """{"id":"a:1personal"}"""));

        var result = await client.CreateConversationAsync(
            new ConversationParameters { IsGroup = false, TenantId = "t", Members = [new ChannelAccount { Id = "29:user" }] },
            CancellationToken.None);

        Assert.Equal("a:1personal", result.Id);
        Assert.Null(result.ActivityId);
        Assert.Equal("29:user", Assert.Single(Assert.Single(_connector.Requests).Parameters?.Members ?? []).Id);
    }

    [Fact]
    public async Task GetConversationPagedMembersAsync_RosterLargerThanPage_FollowsContinuationTokens()
    {
        _connector.Roster.AddRange(Enumerable.Range(1, 5).Select(i => new TeamsChannelAccount { Id = $"29:user{i}", Name = $"User {i}", Email = $"u{i}@example.org" }));
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);

        var ids = new List<string?>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.GetConversationPagedMembersAsync("19:team@thread.skype", 2, token, CancellationToken.None);
            ids.AddRange(page.Members.Select(m => m.Id));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(["29:user1", "29:user2", "29:user3", "29:user4", "29:user5"], ids);
        var requests = _connector.Requests;
        Assert.All(requests, r => Assert.Equal("GET", r.Method));
        Assert.All(requests, r => Assert.Equal("19:team@thread.skype", r.ConversationId));
        Assert.StartsWith("/v3/conversations/19%3Ateam%40thread.skype/pagedmembers?", requests[0].RawTarget, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("?pageSize=2", requests[0].Query);
        Assert.Equal("?pageSize=2&continuationToken=page%3A2", requests[1].Query, ignoreCase: true);
        Assert.Equal("?pageSize=2&continuationToken=page%3A4", requests[2].Query, ignoreCase: true);
    }

    [Fact]
    public async Task GetConversationPagedMembersAsync_NoPageSizeOrToken_SendsNoQuery()
    {
        _connector.Roster.Add(new TeamsChannelAccount { Id = "29:only", UserPrincipalName = "only@example.org" });
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);

        var page = await client.GetConversationPagedMembersAsync("a:chat", null, null, CancellationToken.None);

        Assert.Equal("only@example.org", Assert.Single(page.Members).UserPrincipalName);
        Assert.Null(page.ContinuationToken);
        Assert.Equal(string.Empty, Assert.Single(_connector.Requests).Query);
    }

    [Fact]
    public async Task SendToConversationAsync_TokenProvider_AddsBearerHeader()
    {
        var tokens = new CountingTokenProvider();
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl, tokens);

        await client.SendToConversationAsync("a:1", Message("x"), CancellationToken.None);

        Assert.Equal("Bearer token-1", Assert.Single(_connector.Requests).Authorization);
    }

    [Fact]
    public async Task SendToConversationAsync_NullTokenProvider_SendsNoAuthorizationHeader()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl, new NullAccessTokenProvider());

        await client.SendToConversationAsync("a:1", Message("x"), CancellationToken.None);

        Assert.Null(Assert.Single(_connector.Requests).Authorization);
    }

    [Fact]
    public async Task SendToConversationAsync_Retried_AsksTokenOnEveryAttempt()
    {
        var tokens = new CountingTokenProvider();
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl, tokens);
        _connector.Enqueue(CannedResponse.Error(503, "ServiceUnavailable", "busy"));

        await client.SendToConversationAsync("a:1", Message("x"), CancellationToken.None);

        Assert.Equal(["Bearer token-1", "Bearer token-2"], _connector.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task SendToConversationAsync_ServiceUrlWithPathBase_KeepsPathBase()
    {
        await using var teams = await CaptureConnector.StartAsync(new CaptureConnectorOptions { PathBase = "/teams" });
        Assert.EndsWith("/teams/", teams.ServiceUrl);
        var client = ConnectorTestSupport.CreateClient(teams.ServiceUrl.TrimEnd('/'));

        await client.SendToConversationAsync("a:1", Message("x"), CancellationToken.None);

        var request = Assert.Single(teams.Requests);
        Assert.Equal("/teams/v3/conversations/a%3A1/activities", request.RawTarget, ignoreCase: true);
        Assert.Equal(ConnectorOperation.SendToConversation, request.Operation);
    }

    [Fact]
    public async Task SendToConversationAsync_EmptySuccessBody_ReturnsEmptyResourceResponse()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        _connector.Enqueue(new CannedResponse(202));

        var result = await client.SendToConversationAsync("a:1", Message("x"), CancellationToken.None);

        Assert.Null(result.Id);
        Assert.Single(_connector.Requests);
    }
}
