using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Load;

/// <summary>What the bot asked of the connector.</summary>
public enum ConnectorCall
{
    Send,
    Reply,
    Update,
    Delete,
    CreateConversation,
    Members,
    PagedMembers,
    Unknown,
}

/// <summary>
/// One request the bot made, with its body, when it arrived (since the connector started) and the status it got.
/// <see cref="AttemptKey"/> is the same for every attempt of one call (its <c>x-ms-client-request-id</c>, which the bot's
/// retry policy keeps across retries); <see cref="Injected"/> marks a 503 the connector answered on purpose.
/// </summary>
public sealed record ConnectorRequest(
    int Sequence,
    TimeSpan At,
    ConnectorCall Call,
    string Method,
    string Path,
    string? ConversationId,
    string? ActivityId,
    string Body,
    int Status,
    string? AssignedId,
    string? AttemptKey = null,
    bool Injected = false)
{
    public bool IsWrite => Call is ConnectorCall.Send or ConnectorCall.Reply or ConnectorCall.Update or ConnectorCall.CreateConversation;

    public bool IsPost => Call is ConnectorCall.Send or ConnectorCall.Reply;

    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// The Teams connector as the bot sees it, on loopback Kestrel: sends and replies get <c>201 {id}</c>, updates
/// <c>200 {id}</c>, create-conversation <c>201 {id, activityId}</c>, members a roster (paged members in pages of at most 200). Writes over Teams' per-conversation
/// limits (7 per 1 s, 8 per 2 s, 60 per 30 s) get <c>429</c> with <c>Retry-After</c>. Every request is recorded.
/// A fault can be switched on for one conversation: every Nth new write call (first attempts only) gets <c>503</c>.
/// </summary>
public sealed class TeamsConnector : IAsyncDisposable
{
    /// <summary>The most members one roster page holds (Teams serves pages of at most 500; the bot asks for 200).</summary>
    public const int MaxPageSize = 200;

    private static readonly (TimeSpan Window, int Limit)[] Limits =
    [
        (TimeSpan.FromSeconds(1), 7),
        (TimeSpan.FromSeconds(2), 8),
        (TimeSpan.FromSeconds(30), 60),
    ];

    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private readonly List<ConnectorRequest> _requests = [];
    private readonly Dictionary<string, List<TimeSpan>> _writes = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<TeamsChannelAccount> _roster;
    private readonly HashSet<string> _attempted = new(StringComparer.Ordinal);
    private int _sequence;
    private int _nextId;
    private string? _unavailableThread;
    private int _unavailableEvery;
    private int _newWrites;

    private TeamsConnector(WebApplication app, IReadOnlyList<TeamsChannelAccount> roster)
    {
        _app = app;
        _roster = roster;
    }

    /// <summary>The serviceUrl to put in activities, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>Time since the connector started (the clock of <see cref="ConnectorRequest.At"/>).</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<ConnectorRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<TeamsConnector> StartAsync(IReadOnlyList<TeamsChannelAccount> roster, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new TeamsConnector(app, roster);
        app.MapPost("/v3/conversations", context => connector.HandleAsync(context, ConnectorCall.CreateConversation));
        app.MapPost("/v3/conversations/{conversationId}/activities", context => connector.HandleAsync(context, ConnectorCall.Send));
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", context => connector.HandleAsync(context, ConnectorCall.Reply));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", context => connector.HandleAsync(context, ConnectorCall.Update));
        app.MapDelete("/v3/conversations/{conversationId}/activities/{activityId}", context => connector.HandleAsync(context, ConnectorCall.Delete));
        app.MapGet("/v3/conversations/{conversationId}/members", context => connector.HandleAsync(context, ConnectorCall.Members));
        app.MapGet("/v3/conversations/{conversationId}/pagedmembers", context => connector.HandleAsync(context, ConnectorCall.PagedMembers));
        app.MapFallback(context => connector.HandleAsync(context, ConnectorCall.Unknown));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        connector.ServiceUrl = $"http://127.0.0.1:{new Uri(address).Port.ToString(CultureInfo.InvariantCulture)}/";
        return connector;
    }

    /// <summary>Waits until a recorded request matches; null after <paramref name="timeout"/>.</summary>
    public async Task<ConnectorRequest?> WaitForAsync(Func<ConnectorRequest, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Now + timeout;
        while (true)
        {
            var found = Requests.FirstOrDefault(match);
            if (found is not null || Now > deadline)
            {
                return found;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until no request arrived for <paramref name="quiet"/> (at most <paramref name="timeout"/>).</summary>
    public async Task WaitForQuietAsync(TimeSpan quiet, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Now + timeout;
        while (Now < deadline)
        {
            var last = Requests.LastOrDefault()?.At ?? TimeSpan.Zero;
            if (Now - last >= quiet)
            {
                return;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// From now on, in <paramref name="conversationId"/> (any thread of it), every <paramref name="every"/>th new send,
    /// reply or update gets <c>503 ServiceUnavailable</c> on its first attempt (no Retry-After); retries go through.
    /// Deterministic: the 2nd, 4th… new calls when <paramref name="every"/> is 2.
    /// </summary>
    public void InjectUnavailable(string conversationId, int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        lock (_gate)
        {
            _unavailableThread = conversationId.Split(";messageid=", 2)[0];
            _unavailableEvery = every;
            _newWrites = 0;
        }
    }

    /// <summary>Ends <see cref="InjectUnavailable"/>.</summary>
    public void StopInjecting()
    {
        lock (_gate)
        {
            _unavailableThread = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context, ConnectorCall call)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var conversationId = context.Request.RouteValues["conversationId"] as string;
        var activityId = context.Request.RouteValues["activityId"] as string;
        var attemptKey = context.Request.Headers["x-ms-client-request-id"].FirstOrDefault() is { Length: > 0 } requestId
            ? requestId
            : $"{context.Request.Method} {context.Request.Path.Value} {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}";
        var injected = false;
        int status;
        string? responseBody;
        string? assignedId = null;
        string? retryAfter = null;
        lock (_gate)
        {
            var at = _clock.Elapsed;
            var firstAttempt = _attempted.Add(attemptKey);
            if (firstAttempt && _unavailableThread is { } thread && conversationId is not null
                && call is ConnectorCall.Send or ConnectorCall.Reply or ConnectorCall.Update
                && conversationId.Split(";messageid=", 2)[0] == thread)
            {
                injected = ++_newWrites % _unavailableEvery == 0;
            }

            var wait = injected ? null : call is ConnectorCall.Send or ConnectorCall.Reply or ConnectorCall.Update or ConnectorCall.CreateConversation
                ? Admit(conversationId ?? "(create)", at)
                : null;
            if (injected)
            {
                status = 503;
                responseBody = Error("ServiceUnavailable", "Injected fault: the service is unavailable.");
            }
            else if (wait is { } delay)
            {
                status = 429;
                retryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                responseBody = Error("TooManyRequests", "Too many requests.");
            }
            else
            {
                (status, responseBody, assignedId) = Answer(call, activityId, context.Request.Query);
            }

            _requests.Add(new ConnectorRequest(++_sequence, at, call, context.Request.Method, context.Request.Path.Value ?? string.Empty,
                conversationId, activityId, body, status, assignedId, attemptKey, injected));
        }

        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        if (responseBody is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(responseBody, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Null when the write fits every window (and is counted), else how long until it would.</summary>
    private TimeSpan? Admit(string conversationId, TimeSpan now)
    {
        var thread = conversationId.Split(";messageid=", 2)[0];
        if (!_writes.TryGetValue(thread, out var times))
        {
            times = [];
            _writes[thread] = times;
        }

        times.RemoveAll(t => now - t >= TimeSpan.FromSeconds(30));
        TimeSpan? wait = null;
        foreach (var (window, limit) in Limits)
        {
            var inWindow = times.Where(t => now - t < window).ToList();
            if (inWindow.Count >= limit)
            {
                var until = inWindow[inWindow.Count - limit] + window - now;
                wait = wait is null || until > wait ? until : wait;
            }
        }

        if (wait is null)
        {
            times.Add(now);
        }

        return wait;
    }

    private (int Status, string? Body, string? AssignedId) Answer(ConnectorCall call, string? activityId, IQueryCollection query)
    {
        switch (call)
        {
            case ConnectorCall.Send or ConnectorCall.Reply:
                var id = NextId();
                return (201, Json(new JsonObject { ["id"] = id }), id);
            case ConnectorCall.Update:
                return (200, Json(new JsonObject { ["id"] = activityId }), activityId);
            case ConnectorCall.Delete:
                return (200, null, null);
            case ConnectorCall.CreateConversation:
                var conversation = "a:load-" + NextId();
                var first = NextId();
                return (201, Json(new JsonObject { ["id"] = conversation, ["activityId"] = first }), first);
            case ConnectorCall.Members:
                return (200, JsonSerializer.Serialize(_roster.ToList(), ProtocolJsonContext.Default.ListTeamsChannelAccount), null);
            case ConnectorCall.PagedMembers:
                // As Teams: at most MaxPageSize members a page, and a continuation token while more remain.
                var size = int.TryParse(query["pageSize"], CultureInfo.InvariantCulture, out var asked) && asked > 0 ? Math.Min(asked, MaxPageSize) : MaxPageSize;
                var from = int.TryParse(query["continuationToken"], CultureInfo.InvariantCulture, out var offset) && offset > 0 ? offset : 0;
                var page = new PagedMembersResult
                {
                    Members = [.. _roster.Skip(from).Take(size)],
                    ContinuationToken = from + size < _roster.Count ? (from + size).ToString(CultureInfo.InvariantCulture) : null,
                };
                return (200, JsonSerializer.Serialize(page, ProtocolJsonContext.Default.PagedMembersResult), null);
            default:
                return (404, Error("NotFound", "No such connector route."), null);
        }
    }

    private string NextId() => "activity-" + (++_nextId).ToString(CultureInfo.InvariantCulture);

    private static string Json(JsonObject value) => value.ToJsonString();

    private static string Error(string code, string message) =>
        Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
}
