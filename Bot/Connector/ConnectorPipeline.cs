using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ConcertationBot.Bot.Connector;

/// <summary>Builds the Azure.Core pipeline shared by every connector client: retry, then a bearer token per attempt.</summary>
internal static class ConnectorPipeline
{
    public static HttpPipeline Build(HttpClient httpClient, IAccessTokenProvider tokenProvider, ConnectorOptions options, TimeProvider timeProvider)
    {
        var clientOptions = new ConnectorClientOptions
        {
            Transport = new HttpClientTransport(httpClient),
            RetryPolicy = new ConnectorRetryPolicy(options, timeProvider),
        };
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.Diagnostics.ApplicationId = "ConcertationBot";
        clientOptions.Diagnostics.IsDistributedTracingEnabled = false;

        var pipelineOptions = new HttpPipelineOptions(clientOptions)
        {
            ResponseClassifier = new ConnectorResponseClassifier(),
        };
        pipelineOptions.PerRetryPolicies.Add(new ConnectorAuthenticationPolicy(tokenProvider));
        return HttpPipelineBuilder.Build(pipelineOptions);
    }

    private sealed class ConnectorClientOptions : ClientOptions;
}

/// <summary>Which connector answers are worth another attempt (Teams rate-limit guidance).</summary>
internal sealed class ConnectorResponseClassifier : ResponseClassifier
{
    public static bool IsRetriableStatus(int status) => status is 412 or 429 or 502 or 503 or 504;

    public override bool IsErrorResponse(HttpMessage message) => message.Response.Status >= 400;

    public override bool IsRetriableResponse(HttpMessage message) => IsRetriableStatus(message.Response.Status);

    public override bool IsRetriableException(Exception exception) =>
        exception is IOException or HttpRequestException or RequestFailedException { Status: 0 };

    public override bool IsRetriable(HttpMessage message, Exception exception) =>
        IsRetriableException(exception)
        || (exception is OperationCanceledException && !message.CancellationToken.IsCancellationRequested);
}

/// <summary>
/// Bounded retries: exponential back-off from <see cref="ConnectorOptions.InitialDelay"/> with jitter, capped at
/// <see cref="ConnectorOptions.MaxDelay"/>; a <c>Retry-After</c> (seconds or HTTP-date) is honoured when it is longer,
/// and a <c>Retry-After</c> beyond <see cref="ConnectorOptions.MaxRetryAfter"/> ends the retries.
/// </summary>
internal sealed class ConnectorRetryPolicy(ConnectorOptions options, TimeProvider timeProvider)
    : RetryPolicy(options.MaxRetries, new ConnectorDelayStrategy(options.InitialDelay, options.MaxDelay))
{
    protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception)
    {
        if (exception is null && message.HasResponse
            && TryGetRetryAfter(message.Response, timeProvider.GetUtcNow(), out var retryAfter)
            && retryAfter > options.MaxRetryAfter)
        {
            return false;
        }

        return await base.ShouldRetryAsync(message, exception).ConfigureAwait(false);
    }

    /// <summary>Reads <c>Retry-After</c> as delta-seconds or an HTTP-date (a date in the past gives zero).</summary>
    internal static bool TryGetRetryAfter(Response response, DateTimeOffset now, out TimeSpan delay) =>
        TryParseRetryAfter(response.Headers.TryGetValue("Retry-After", out var value) ? value : null, now, out delay);

    internal static bool TryParseRetryAfter(string? value, DateTimeOffset now, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            delay = TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds - 1));
            return true;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            delay = date > now ? date - now : TimeSpan.Zero;
            return true;
        }

        return false;
    }
}

/// <summary><c>InitialDelay · 2^(retry-1)</c>, capped; Azure.Core applies ±20 % jitter and the cap.</summary>
internal sealed class ConnectorDelayStrategy(TimeSpan initialDelay, TimeSpan maxDelay) : DelayStrategy(maxDelay, JitterFactor)
{
    private const double JitterFactor = 0.2;

    protected override TimeSpan GetNextDelayCore(Response? response, int retryNumber)
    {
        var exponent = Math.Clamp(retryNumber - 1, 0, 30);
        var ticks = Math.Min(initialDelay.Ticks * Math.Pow(2, exponent), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}

/// <summary>Adds <c>Authorization: Bearer</c> on every attempt when the provider has a token; none when it gives null.</summary>
internal sealed class ConnectorAuthenticationPolicy(IAccessTokenProvider tokenProvider) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var token = await tokenProvider.GetAccessTokenAsync(forceRefresh: false, message.CancellationToken).ConfigureAwait(false);
        message.Request.Headers.Remove(HttpHeader.Names.Authorization);
        if (!string.IsNullOrEmpty(token))
        {
            message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token);
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The connector pipeline is used asynchronously only.");
}
