using Azure.Core;
using Azure.Core.Pipeline;

namespace ConcertationBot.Tests.Infrastructure;

/// <summary>
/// A Table client whose HTTP requests pass through <see cref="StorageHooks"/> before reaching Azurite: a test can run
/// something at the moment a chosen request is about to be sent (another writer landing in between), or lose the answer
/// of a request that storage did execute (a network timeout after the write), so that the client's own retry policy
/// sends it again.
/// </summary>
internal sealed class StorageHooks : DelegatingHandler
{
    private readonly object _gate = new();
    private readonly List<(Func<HttpRequestMessage, string, bool> Match, Func<Task>? Before, bool LoseResponse)> _rules = [];
    private readonly List<(Func<HttpRequestMessage, string, bool> Match, int Remaining)> _failures = [];

    public StorageHooks()
        : base(new HttpClientHandler())
    {
    }

    /// <summary>How many responses were lost so far.</summary>
    public int LostResponses { get; private set; }

    /// <summary>Every request seen: method and path (for assertions and diagnostics).</summary>
    public List<string> Seen { get; } = [];

    /// <summary>The next request matching <paramref name="match"/> (method, path + query and body) first runs <paramref name="before"/>.</summary>
    public void BeforeNext(Func<HttpRequestMessage, string, bool> match, Func<Task> before)
    {
        lock (_gate)
        {
            _rules.Add((match, before, false));
        }
    }

    /// <summary>The next request matching <paramref name="match"/> reaches storage, but its answer is lost (the client sees a network error).</summary>
    public void LoseNextResponse(Func<HttpRequestMessage, string, bool> match)
    {
        lock (_gate)
        {
            _rules.Add((match, null, true));
        }
    }

    /// <summary>The next <paramref name="times"/> requests matching <paramref name="match"/> get 503 from "storage" without reaching it.</summary>
    public void FailNext(Func<HttpRequestMessage, string, bool> match, int times)
    {
        lock (_gate)
        {
            _failures.Add((match, times));
        }
    }

    /// <summary>How many requests got an injected 503.</summary>
    public int Failed { get; private set; }

    /// <summary>A service client on <paramref name="connectionString"/> through these hooks, with quick retries (3, from 50 ms).</summary>
    public TableServiceClient Client(string connectionString)
    {
        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(this, disposeHandler: false)) };
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        return new TableServiceClient(connectionString, options);
    }

    public static bool IsBatch(HttpRequestMessage request) => request.RequestUri?.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal) == true;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        (Func<HttpRequestMessage, string, bool> Match, Func<Task>? Before, bool LoseResponse)? rule = null;
        lock (_gate)
        {
            Seen.Add($"{request.Method} {request.RequestUri?.PathAndQuery}");
            var failure = _failures.FindIndex(f => f.Remaining > 0 && f.Match(request, body));
            if (failure >= 0)
            {
                _failures[failure] = (_failures[failure].Match, _failures[failure].Remaining - 1);
                Failed++;
                return new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable)
                {
                    RequestMessage = request,
                    Content = new StringContent("""{"odata.error":{"code":"ServerBusy","message":{"lang":"en-US","value":"Injected by the test."}}}""", System.Text.Encoding.UTF8, "application/json"),
                };
            }

            var index = _rules.FindIndex(r => r.Match(request, body));
            if (index >= 0)
            {
                rule = _rules[index];
                _rules.RemoveAt(index);
            }
        }

        if (rule?.Before is { } before)
        {
            await before().ConfigureAwait(false);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (rule is { LoseResponse: true })
        {
            response.Dispose();
            lock (_gate)
            {
                LostResponses++;
            }

            throw new HttpRequestException("The answer was lost on the way back (test fault).", new IOException("connection reset"));
        }

        return response;
    }
}
