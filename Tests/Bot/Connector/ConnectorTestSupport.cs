using Microsoft.Extensions.Logging.Abstractions;

namespace ConcertationBot.Tests.Bot.Connector;

/// <summary>Builds a real <see cref="ConnectorClient"/> (real pipeline, real HTTP) with short back-off delays.</summary>
internal static class ConnectorTestSupport
{
    public static ConnectorOptions FastRetries(int maxRetries = 5) => new()
    {
        MaxRetries = maxRetries,
        InitialDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        MaxRetryAfter = TimeSpan.FromSeconds(10),
        NetworkTimeout = TimeSpan.FromSeconds(20),
    };

    public static IConnectorClient CreateClient(string serviceUrl, IAccessTokenProvider? tokenProvider = null, ConnectorOptions? options = null)
    {
        var pipeline = ConnectorPipeline.Build(new HttpClient(), tokenProvider ?? new NullAccessTokenProvider(), options ?? FastRetries(), TimeProvider.System);
        return new ConnectorClient(new Uri(serviceUrl), pipeline, NullLogger<ConnectorClient>.Instance);
    }
}

/// <summary>Hands out numbered tokens and counts how often it was asked.</summary>
internal sealed class CountingTokenProvider : IAccessTokenProvider
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
        Task.FromResult<string?>("token-" + Interlocked.Increment(ref _calls));
}

/// <summary>A clock that moves only when told to.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
