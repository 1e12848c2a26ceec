namespace ConcertationBot.Tests.Bot.Connector;

public sealed class ConnectorRetryTests : IAsyncLifetime
{
    private static readonly Activity Hello = new() { Type = ActivityTypes.Message, Text = "Bonjour" };
    private CaptureConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await CaptureConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task SendToConversationAsync_429WithRetryAfterOneSecond_WaitsThenSucceedsOnSecondRequest()
    {
        // Back-off is 20 ms here, so only the Retry-After header can explain a one-second gap.
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        _connector.Enqueue(CannedResponse.TooManyRequests(1));

        var result = await client.SendToConversationAsync("a:1", Hello, CancellationToken.None);

        Assert.Equal("1", result.Id);
        var requests = _connector.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal([429, 201], requests.Select(r => r.ResponseStatus));
        Assert.True(
            requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(950),
            $"second request came {(requests[1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds} ms after the first");
    }

    [Fact]
    public async Task SendToConversationAsync_429WithRetryAfterHttpDate_WaitsUntilThatDate()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        var retryAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var wholeSecond = new DateTimeOffset(retryAt.Year, retryAt.Month, retryAt.Day, retryAt.Hour, retryAt.Minute, retryAt.Second, TimeSpan.Zero);
        _connector.Enqueue(CannedResponse.TooManyRequestsUntil(wholeSecond));

        await client.SendToConversationAsync("a:1", Hello, CancellationToken.None);

        var requests = _connector.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(
            requests[1].ReceivedAt >= wholeSecond.AddMilliseconds(-100),
            $"retried at {requests[1].ReceivedAt:O}, Retry-After was {wholeSecond:O}");
    }

    [Theory]
    [InlineData(412)]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task SendToConversationAsync_TransientStatus_RetriesAndSucceeds(int status)
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        _connector.Enqueue(CannedResponse.Error(status, "Transient", "try again"));

        var result = await client.SendToConversationAsync("a:1", Hello, CancellationToken.None);

        Assert.Equal("1", result.Id);
        Assert.Equal([status, 201], _connector.Requests.Select(r => r.ResponseStatus));
    }

    [Theory]
    [InlineData(400, "BadSyntax")]
    [InlineData(401, "Unauthorized")]
    [InlineData(403, "MessageWritesBlocked")]
    [InlineData(404, "ConversationNotFound")]
    [InlineData(413, "MessageSizeTooBig")]
    [InlineData(500, "InternalServerError")]
    public async Task SendToConversationAsync_PermanentStatus_ThrowsWithoutRetry(int status, string code)
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        _connector.Enqueue(CannedResponse.Error(status, code, "nope"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync("a:1", Hello, CancellationToken.None));

        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.ErrorCode);
        Assert.Contains(status.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task UpdateActivityAsync_404WithoutErrorBody_ThrowsWithStatusAndNoCode()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        _connector.Enqueue(new CannedResponse(404, "not json"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.UpdateActivityAsync("a:1", "9", Hello, CancellationToken.None));

        Assert.Equal(404, error.Status);
        Assert.Null(error.ErrorCode);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_AlwaysUnavailable_GivesUpAfterMaxRetries()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl, options: ConnectorTestSupport.FastRetries(maxRetries: 3));
        _connector.Responder = _ => CannedResponse.Error(503, "ServiceUnavailable", "down");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync("a:1", Hello, CancellationToken.None));

        Assert.Equal(503, error.Status);
        Assert.Equal("ServiceUnavailable", error.ErrorCode);
        Assert.Equal(4, _connector.Requests.Count);
    }

    [Fact]
    public async Task SendToConversationAsync_RetryAfterBeyondCap_FailsWithoutWaiting()
    {
        var options = ConnectorTestSupport.FastRetries();
        options.MaxRetryAfter = TimeSpan.FromSeconds(5);
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl, options: options);
        _connector.Enqueue(CannedResponse.TooManyRequests(3600));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync("a:1", Hello, CancellationToken.None));

        Assert.Equal(429, error.Status);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task SendToConversationAsync_ConnectionDropped_RetriesAndSucceeds()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        _connector.Enqueue(CannedResponse.Dropped());

        var result = await client.SendToConversationAsync("a:1", Hello, CancellationToken.None);

        Assert.Equal("1", result.Id);
        Assert.Equal([0, 201], _connector.Requests.Select(r => r.ResponseStatus));
    }

    [Fact]
    public async Task SendToConversationAsync_NothingListening_ThrowsConnectorExceptionWithStatusZero()
    {
        var serviceUrl = _connector.ServiceUrl;
        await _connector.DisposeAsync();
        var client = ConnectorTestSupport.CreateClient(serviceUrl, options: ConnectorTestSupport.FastRetries(maxRetries: 1));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync("a:1", Hello, CancellationToken.None));

        Assert.Equal(0, error.Status);
        Assert.NotNull(error.InnerException);
        _connector = await CaptureConnector.StartAsync();
    }

    [Fact]
    public async Task SendToConversationAsync_CancelledDuringRetryAfter_ThrowsOperationCanceled()
    {
        var client = ConnectorTestSupport.CreateClient(_connector.ServiceUrl);
        _connector.Enqueue(CannedResponse.TooManyRequests(5));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendToConversationAsync("a:1", Hello, cancellation.Token));

        Assert.Single(_connector.Requests);
    }

    [Theory]
    [InlineData("1", 1000)]
    [InlineData(" 120 ", 120_000)]
    [InlineData("0", 0)]
    [InlineData("Sun, 22 Nov 2026 10:00:05 GMT", 5000)]
    [InlineData("Sun, 22 Nov 2026 09:59:00 GMT", 0)]
    public void TryParseRetryAfter_SecondsOrHttpDate_GivesDelay(string value, int expectedMilliseconds)
    {
        var now = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

        var parsed = ConnectorRetryPolicy.TryParseRetryAfter(value, now, out var delay);

        Assert.True(parsed);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), delay);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-3")]
    public void TryParseRetryAfter_Garbage_ReturnsFalse(string? value)
    {
        Assert.False(ConnectorRetryPolicy.TryParseRetryAfter(value, DateTimeOffset.UtcNow, out _));
    }

    [Theory]
    [InlineData(412, true)]
    [InlineData(429, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(408, false)]
    [InlineData(500, false)]
    public void IsRetriableStatus_Status_MatchesTeamsGuidance(int status, bool expected)
    {
        Assert.Equal(expected, ConnectorResponseClassifier.IsRetriableStatus(status));
    }
}
