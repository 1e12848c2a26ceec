using System.Collections.Concurrent;
using ConcertationBot.Tests.Bot.Connector;

namespace ConcertationBot.Tests.Bot.LiveCards;

/// <summary>
/// Real connector clients (real pipeline, real HTTP) with two retries and short back-off; URLs checked like the real
/// factory; outbound tokens from <paramref name="tokens"/> when given (none otherwise).
/// </summary>
internal sealed class LoopbackConnectorFactory(int maxRetries = 2, IAccessTokenProvider? tokens = null) : IConnectorClientFactory
{
    private readonly ConcurrentDictionary<string, IConnectorClient> _clients = new(StringComparer.Ordinal);

    public IConnectorClient Create(string serviceUrl) =>
        _clients.GetOrAdd(
            ConnectorClientFactory.NormalizeServiceUrl(serviceUrl).AbsoluteUri,
            url => ConnectorTestSupport.CreateClient(url, tokens, ConnectorTestSupport.FastRetries(maxRetries)));
}

/// <summary>Keeps every log entry (level, event name, formatted message).</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string? EventName, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string? EventName, string Message)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, eventId.Name, formatter(state, exception)));

    public int Count(string eventName) => Entries.Count(e => e.EventName == eventName);
}

/// <summary>Builds updaters over a <see cref="CaptureConnector"/>, and the cards they send.</summary>
internal static class LiveCardTestSupport
{
    /// <summary>Short back-off so failure tests stay quick; the interval stays at the product's one second unless given.</summary>
    public static LiveCardOptions Options(TimeSpan? minInterval = null, TimeSpan? shutdownTimeout = null) => new()
    {
        MinInterval = minInterval ?? TimeSpan.FromSeconds(1),
        InitialBackoff = TimeSpan.FromMilliseconds(200),
        MaxBackoff = TimeSpan.FromSeconds(2),
        MaxTransientFailures = 3,
        ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(20),
    };

    public static LiveCardUpdater CreateUpdater(
        RecordingLogger<LiveCardUpdater> logger,
        LiveCardOptions? options = null,
        OutboundPacingOptions? pacing = null,
        IConnectorClientFactory? connectors = null) =>
        new(
            connectors ?? new LoopbackConnectorFactory(),
            new ConversationRateLimiter(Microsoft.Extensions.Options.Options.Create(pacing ?? new OutboundPacingOptions()), TimeProvider.System),
            Microsoft.Extensions.Options.Options.Create(options ?? Options()),
            TimeProvider.System,
            logger);

    /// <summary>A message activity with one Adaptive Card whose only text is <c>count = n</c>.</summary>
    public static Activity CountCard(int count) => new()
    {
        Type = ActivityTypes.Message,
        Attachments =
        [
            new Attachment
            {
                ContentType = ContentTypes.AdaptiveCard,
                Content = AdaptiveCardSerializer.ToElement(new AdaptiveCard
                {
                    Body = [new TextBlock { Text = "count = " + count.ToString(CultureInfo.InvariantCulture) }],
                }),
            },
        ],
    };

    /// <summary>The text of the first text block of the card a request carried.</summary>
    public static string CardText(CapturedRequest request)
    {
        var attachment = Assert.Single(request.Activity?.Attachments ?? []);
        Assert.Equal(ContentTypes.AdaptiveCard, attachment.ContentType);
        return attachment.Content!.Value.GetProperty("body")[0].GetProperty("text").GetString()!;
    }

    /// <summary>The count a request's card showed.</summary>
    public static int CardCount(CapturedRequest request) =>
        int.Parse(CardText(request).AsSpan("count = ".Length), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The updates of one card, in arrival order.</summary>
    public static List<CapturedRequest> Puts(CaptureConnector connector, LiveCardTarget target) =>
        [.. connector.Requests.Where(r => r.Operation == ConnectorOperation.UpdateActivity
            && r.ConversationId == target.ConversationId && r.ActivityId == target.ActivityId)];

    public static Func<CancellationToken, Task<Activity>> RenderCount(Func<int> read) => _ => Task.FromResult(CountCard(read()));
}
