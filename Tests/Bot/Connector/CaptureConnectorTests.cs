namespace ConcertationBot.Tests.Bot.Connector;

public sealed class CaptureConnectorTests : IAsyncLifetime
{
    /// <summary>The clock of the rate-limit tests: it moves only when a test advances it.</summary>
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private CaptureConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await CaptureConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    /// <summary>A connector enforcing Teams' limits on <see cref="_clock"/>.</summary>
    private async Task<CaptureConnector> StartWithFrozenClockAsync(bool countRepliesWithTheirChannel = false)
    {
        var connector = await CaptureConnector.StartAsync(
            new CaptureConnectorOptions { TimeProvider = _clock, CountRepliesWithTheirChannel = countRepliesWithTheirChannel });
        connector.EnforceTeamsRateLimits = true;
        return connector;
    }

    private static readonly Activity Hello = new() { Type = ActivityTypes.Message, Text = "x" };

    private static IConnectorClient NoRetryClient(CaptureConnector connector) =>
        ConnectorTestSupport.CreateClient(connector.ServiceUrl, options: ConnectorTestSupport.FastRetries(maxRetries: 0));

    private static async Task SendHellosAsync(IConnectorClient client, string conversationId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await client.SendToConversationAsync(conversationId, Hello, CancellationToken.None);
        }
    }

    [Fact]
    public async Task TeamsRateLimits_EighthSendWithinOneSecond_Answers429WithRetryAfter()
    {
        await using var connector = await StartWithFrozenClockAsync();
        using var http = new HttpClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 9; i++)
        {
            var response = await http.PostAsync(
                connector.ServiceUrl + "v3/conversations/a%3A1/activities",
                new StringContent("""{"type":"message","text":"x"}""", Encoding.UTF8, "application/json"));
            statuses.Add(response.StatusCode);
            limited ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[7]);
        Assert.NotNull(limited);
        Assert.Equal(TimeSpan.FromSeconds(1), limited.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task TeamsRateLimits_NinthSendWithinTwoSeconds_Answers429UntilWindowPasses()
    {
        await using var connector = await StartWithFrozenClockAsync();
        var client = NoRetryClient(connector);
        await SendHellosAsync(client, "a:1", 7);

        _clock.Advance(TimeSpan.FromSeconds(1.2));
        await client.SendToConversationAsync("a:1", Hello, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync("a:1", Hello, CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(0.9));
        await client.SendToConversationAsync("a:1", Hello, CancellationToken.None);

        Assert.Equal(429, error.Status);
        Assert.Equal(9, connector.AcceptedActivities.Count);
    }

    [Fact]
    public async Task TeamsRateLimits_OtherConversation_IsCountedSeparately()
    {
        await using var connector = await StartWithFrozenClockAsync();
        var client = NoRetryClient(connector);
        await SendHellosAsync(client, "a:first", 7);

        await client.SendToConversationAsync("a:second", Hello, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync("a:first", Hello, CancellationToken.None));

        Assert.Equal(429, error.Status);
        Assert.Equal(8, connector.AcceptedActivities.Count);
    }

    [Theory]
    [InlineData(true, 429)]
    [InlineData(false, 201)]
    public async Task TeamsRateLimits_ReplyChainAfterSevenChannelSends_CountedWithTheChannelOnlyWhenAsked(bool countWithChannel, int expected)
    {
        // Arrange: the load tool's stricter reading puts a reply chain (…;messageid=…) under its channel's limits.
        await using var connector = await StartWithFrozenClockAsync(countWithChannel);
        await SendHellosAsync(NoRetryClient(connector), "19:busy@thread.tacv2", 7);
        using var http = new HttpClient();

        // Act
        using var reply = await http.PostAsync(
            connector.ServiceUrl + "v3/conversations/" + Uri.EscapeDataString("19:busy@thread.tacv2;messageid=1") + "/activities",
            new StringContent("""{"type":"message","text":"x"}""", Encoding.UTF8, "application/json"));

        // Assert
        Assert.Equal(expected, (int)reply.StatusCode);
    }

    [Fact]
    public async Task Requests_CallRetriedAfterA503_AttemptsShareTheirKeyAndTheSuccessCarriesTheAssignedId()
    {
        // Arrange
        _connector.Enqueue(CannedResponse.Error(503, "ServiceUnavailable", "down"));
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl, options: ConnectorTestSupport.FastRetries(maxRetries: 2));

        // Act
        var sent = await client.SendToConversationAsync("a:1", Hello, CancellationToken.None);

        // Assert
        var requests = _connector.Requests;
        Assert.Equal([503, 201], requests.Select(r => r.ResponseStatus));
        Assert.Equal([1, 2], requests.Select(r => r.Attempt));
        Assert.NotEmpty(requests[0].AttemptKey);
        Assert.Equal(requests[0].AttemptKey, requests[1].AttemptKey);
        Assert.Null(requests[0].AssignedId);
        Assert.Equal(sent.Id, requests[1].AssignedId);
        Assert.True(requests[1].IsPost && requests[1].IsWrite && requests[1].Succeeded);
    }

    [Fact]
    public async Task PagedMembers_PageSizeAboveTheMaximum_CappedToMaxPageSize()
    {
        // Arrange
        var roster = Enumerable.Range(1, 5).Select(i => new TeamsChannelAccount { Id = $"29:m{i}", Name = $"M{i}" }).ToList();
        await using var connector = await CaptureConnector.StartAsync(new CaptureConnectorOptions { Roster = roster, MaxPageSize = 2 });
        var client = NoRetryClient(connector);

        // Act
        var page = await client.GetConversationPagedMembersAsync("a:1", 500, null, CancellationToken.None);

        // Assert
        Assert.Equal(["29:m1", "29:m2"], (page.Members ?? []).Select(m => m.Id));
        Assert.Equal("page:2", page.ContinuationToken);
    }

    [Fact]
    public async Task TeamsRateLimits_BurstThroughRetryingClient_AllMessagesArriveWithinLimits()
    {
        _connector.EnforceTeamsRateLimits = true;
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);

        var sends = Enumerable.Range(1, 12).Select(i =>
            client.SendToConversationAsync("19:busy@thread.tacv2", new Activity { Type = ActivityTypes.Message, Text = $"m{i}" }, CancellationToken.None));
        await Task.WhenAll(sends);

        var accepted = await _connector.WaitForActivitiesAsync(12, TimeSpan.FromSeconds(30));
        Assert.Equal(12, accepted.Count);
        var times = accepted.Select(a => a.ReceivedAt).Order().ToList();
        for (var i = 7; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 7] >= TimeSpan.FromSeconds(1), $"8 accepted sends within one second (index {i})");
        }
    }

    [Fact]
    public async Task WaitForActivitiesAsync_TooFewArrive_ThrowsTimeout()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        await client.SendToConversationAsync("a:1", new Activity { Type = ActivityTypes.Message }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => _connector.WaitForActivitiesAsync(2, TimeSpan.FromMilliseconds(200)));

        Assert.Contains("got 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responder_ProgrammedPerRequest_DecidesAnswers()
    {
        _connector.Responder = request => request.ConversationId == "a:blocked"
            ? CannedResponse.Error(403, "MessageWritesBlocked", "uninstalled")
            : null;
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendToConversationAsync("a:blocked", new Activity { Type = ActivityTypes.Message }, CancellationToken.None));
        var ok = await client.SendToConversationAsync("a:open", new Activity { Type = ActivityTypes.Message }, CancellationToken.None);

        Assert.Equal("MessageWritesBlocked", error.ErrorCode);
        Assert.Equal("1", ok.Id);
        Assert.Equal([403, 201], _connector.Requests.Select(r => r.ResponseStatus));
    }

    [Fact]
    public async Task UnknownRoute_IsRecordedAndAnswered404()
    {
        using var http = new HttpClient();

        var response = await http.GetAsync(_connector.ServiceUrl + "v3/teams/19%3Ateam");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var request = Assert.Single(_connector.Requests);
        Assert.Equal(ConnectorOperation.Unknown, request.Operation);
        Assert.Equal("/v3/teams/19%3Ateam", request.RawTarget);
    }
}
