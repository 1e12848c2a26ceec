using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConcertationBot.Bot.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConcertationBot.Tests.Support;

/// <summary>
/// A fake Bot Framework v3 connector on loopback Kestrel (port 0), the Teams connector of the xunit tests and of the
/// load tool. It records every request, answers <c>201 {"id":"n"}</c> to sends / replies, <c>200</c> to updates,
/// <c>{id, activityId}</c> to create-conversation, pages a configurable roster, and can be told to fail (queued
/// <see cref="CannedResponse"/>s, a <see cref="Responder"/>, or Teams' per-conversation rate limits).
/// </summary>
public sealed class CaptureConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CaptureConnectorOptions _options;
    private readonly object _gate = new();
    private readonly List<CapturedRequest> _requests = [];
    private readonly Queue<CannedResponse> _queued = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private readonly Dictionary<string, List<DateTimeOffset>> _writesByConversation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private int _nextId;
    private int _sequence;

    private CaptureConnector(WebApplication app, CaptureConnectorOptions options)
    {
        _app = app;
        _options = options;
        Roster = [.. options.Roster];
    }

    /// <summary>The serviceUrl to give the bot, e.g. <c>http://127.0.0.1:54321/</c> (plus the path base, if any).</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>The roster <c>pagedmembers</c> answers with (any conversation id).</summary>
    public List<TeamsChannelAccount> Roster { get; }

    /// <summary>Decides a response per request before the normal handling; return null to fall through.</summary>
    public Func<CapturedRequest, CannedResponse?>? Responder { get; set; }

    /// <summary>When true, sends / replies / updates / creates over Teams' per-thread limits get 429 + Retry-After.</summary>
    public bool EnforceTeamsRateLimits { get; set; }

    /// <summary>The connector's clock (<see cref="CaptureConnectorOptions.TimeProvider"/>), as stamped on <see cref="CapturedRequest.ReceivedAt"/>.</summary>
    public DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The activities accepted so far (sends, replies, updates answered with a success status).</summary>
    public IReadOnlyList<CapturedRequest> AcceptedActivities
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests.Where(IsAcceptedActivity)];
            }
        }
    }

    public static async Task<CaptureConnector> StartAsync(CaptureConnectorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CaptureConnectorOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var connector = new CaptureConnector(app, options);
        connector.Map(app, options.PathBase.TrimEnd('/'));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var port = new Uri(address).Port;
        var pathBase = options.PathBase.Trim('/');
        connector.ServiceUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/" + (pathBase.Length == 0 ? string.Empty : pathBase + "/");
        return connector;
    }

    /// <summary>Answers the next request(s) with these responses, in order, before normal handling resumes.</summary>
    public void Enqueue(params CannedResponse[] responses)
    {
        lock (_gate)
        {
            foreach (var response in responses)
            {
                _queued.Enqueue(response);
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> activities were accepted; throws <see cref="TimeoutException"/> otherwise.</summary>
    public async Task<IReadOnlyList<CapturedRequest>> WaitForActivitiesAsync(int count, TimeSpan timeout)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_requests.Count(IsAcceptedActivity) >= count)
            {
                return [.. _requests.Where(IsAcceptedActivity)];
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
        }

        try
        {
            await done.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Expected {count} activities within {timeout}, got {AcceptedActivities.Count} (requests: {Requests.Count}).", ex);
        }

        return AcceptedActivities;
    }

    /// <summary>Waits until a recorded request matches; null after <paramref name="timeout"/> (real time).</summary>
    public async Task<CapturedRequest?> WaitForAsync(Func<CapturedRequest, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var found = Requests.FirstOrDefault(match);
            if (found is not null || waited.Elapsed > timeout)
            {
                return found;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until no request arrived for <paramref name="quiet"/> (at most <paramref name="timeout"/>).</summary>
    public async Task WaitForQuietAsync(TimeSpan quiet, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var started = Now;
        while (waited.Elapsed < timeout)
        {
            var last = Requests.LastOrDefault()?.ReceivedAt ?? started;
            if (Now - last >= quiet)
            {
                return;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static bool IsAcceptedActivity(CapturedRequest request) =>
        request.Activity is not null && request.Succeeded
        && request.Operation is ConnectorOperation.SendToConversation or ConnectorOperation.ReplyToActivity or ConnectorOperation.UpdateActivity;

    private void Map(WebApplication app, string pathBase)
    {
        var root = pathBase.Length == 0 ? (IEndpointRouteBuilder)app : app.MapGroup(pathBase);
        root.MapPost("/v3/conversations", context => HandleAsync(context, ConnectorOperation.CreateConversation));
        root.MapPost("/v3/conversations/{conversationId}/activities", context => HandleAsync(context, ConnectorOperation.SendToConversation));
        root.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", context => HandleAsync(context, ConnectorOperation.ReplyToActivity));
        root.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", context => HandleAsync(context, ConnectorOperation.UpdateActivity));
        root.MapDelete("/v3/conversations/{conversationId}/activities/{activityId}", context => HandleAsync(context, ConnectorOperation.DeleteActivity));
        root.MapGet("/v3/conversations/{conversationId}/pagedmembers", context => HandleAsync(context, ConnectorOperation.GetPagedMembers));
        app.MapFallback(context => HandleAsync(context, ConnectorOperation.Unknown));
    }

    private async Task HandleAsync(HttpContext context, ConnectorOperation operation)
    {
        var received = _options.TimeProvider.GetUtcNow();
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        Activity? activity = null;
        ConversationParameters? parameters = null;
        if (body.Length > 0)
        {
            if (operation is ConnectorOperation.CreateConversation)
            {
                parameters = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.ConversationParameters);
            }
            else if (operation is not ConnectorOperation.Unknown)
            {
                activity = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.Activity);
            }
        }

        var captured = new CapturedRequest
        {
            ReceivedAt = received,
            Operation = operation,
            Method = context.Request.Method,
            Path = context.Request.Path.Value ?? string.Empty,
            RawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            Query = context.Request.QueryString.Value ?? string.Empty,
            ConversationId = context.Request.RouteValues["conversationId"] as string,
            ActivityId = context.Request.RouteValues["activityId"] as string,
            Authorization = context.Request.Headers.Authorization.Count == 0 ? null : context.Request.Headers.Authorization.ToString(),
            ContentType = context.Request.ContentType,
            Body = body,
            Activity = activity,
            Parameters = parameters,
            AttemptKey = context.Request.Headers["x-ms-client-request-id"].FirstOrDefault() is { Length: > 0 } requestId
                ? requestId
                : $"{context.Request.Method} {context.Request.Path.Value} {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}",
        };

        var (response, final) = Decide(captured, context.Request.Query);
        if (response.AbortConnection)
        {
            Record(final with { ResponseStatus = 0 });
            context.Abort();
            return;
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        Record(final with { ResponseStatus = response.Status });
        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private (CannedResponse Response, CapturedRequest Captured) Decide(CapturedRequest captured, IQueryCollection query)
    {
        lock (_gate)
        {
            _attempts[captured.AttemptKey] = _attempts.GetValueOrDefault(captured.AttemptKey) + 1;
            captured = captured with { Sequence = ++_sequence, Attempt = _attempts[captured.AttemptKey] };
            if (_queued.TryDequeue(out var queued))
            {
                return (queued, captured);
            }

            if (Responder?.Invoke(captured) is { } programmed)
            {
                return (programmed, captured);
            }

            if (EnforceTeamsRateLimits && captured.IsWrite && RateLimited(captured) is { } limited)
            {
                return (limited, captured);
            }

            var (answer, assignedId) = Answer(captured, query);
            return (answer, captured with { AssignedId = assignedId });
        }
    }

    /// <summary>Teams per bot per thread: 7 per 1 s, 8 per 2 s, 60 per 30 s, 1800 per hour; rejected calls are not counted.</summary>
    private CannedResponse? RateLimited(CapturedRequest captured)
    {
        var key = captured.ConversationId ?? "(create)";
        if (_options.CountRepliesWithTheirChannel)
        {
            key = key.Split(";messageid=", 2)[0];
        }

        if (!_writesByConversation.TryGetValue(key, out var times))
        {
            times = [];
            _writesByConversation[key] = times;
        }

        var now = captured.ReceivedAt;
        times.RemoveAll(t => now - t >= TimeSpan.FromHours(1));
        TimeSpan? wait = null;
        foreach (var (window, limit) in CaptureConnectorOptions.TeamsPerThreadLimits)
        {
            var inWindow = times.Where(t => now - t < window).OrderBy(t => t).ToList();
            if (inWindow.Count >= limit)
            {
                var until = inWindow[inWindow.Count - limit] + window - now;
                wait = wait is null || until > wait ? until : wait;
            }
        }

        if (wait is { } delay)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds));
            return CannedResponse.TooManyRequests(seconds);
        }

        times.Add(now);
        return null;
    }

    /// <summary>The normal answer, and the activity id it gives the bot (null when none).</summary>
    private (CannedResponse Response, string? AssignedId) Answer(CapturedRequest captured, IQueryCollection query)
    {
        switch (captured.Operation)
        {
            case ConnectorOperation.SendToConversation or ConnectorOperation.ReplyToActivity:
                var sent = NextId();
                return (Created(JsonSerializer.Serialize(new ResourceResponse { Id = sent }, ProtocolJsonContext.Default.ResourceResponse)), sent);
            case ConnectorOperation.UpdateActivity:
                return (new CannedResponse(200, JsonSerializer.Serialize(new ResourceResponse { Id = captured.ActivityId }, ProtocolJsonContext.Default.ResourceResponse)), captured.ActivityId);
            case ConnectorOperation.DeleteActivity:
                return (new CannedResponse(200), null);
            case ConnectorOperation.CreateConversation:
                var id = "a:conversation-" + NextId();
                var activityId = captured.Parameters?.Activity is null ? null : NextId();
                var created = new ConversationResourceResponse { Id = activityId is null ? id : $"{id};messageid={activityId}", ActivityId = activityId };
                return (Created(JsonSerializer.Serialize(created, ProtocolJsonContext.Default.ConversationResourceResponse)), activityId);
            case ConnectorOperation.GetPagedMembers:
                return (Page(query), null);
            default:
                return (CannedResponse.Error(404, "NotFound", "No such connector route."), null);
        }
    }

    private CannedResponse Page(IQueryCollection query)
    {
        var pageSize = int.TryParse(query["pageSize"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0 ? size : _options.DefaultPageSize;
        pageSize = Math.Min(pageSize, _options.MaxPageSize);
        var start = 0;
        var token = query["continuationToken"].ToString();
        if (token.Length > 0 && !(token.StartsWith("page:", StringComparison.Ordinal)
            && int.TryParse(token.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out start)))
        {
            return CannedResponse.Error(400, "BadArgument", "Unknown continuation token.");
        }

        var members = Roster.Skip(start).Take(pageSize).ToList();
        var next = start + members.Count;
        var page = new PagedMembersResult
        {
            Members = members,
            ContinuationToken = next < Roster.Count ? "page:" + next.ToString(CultureInfo.InvariantCulture) : null,
        };
        return new CannedResponse(200, JsonSerializer.Serialize(page, ProtocolJsonContext.Default.PagedMembersResult));
    }

    private static CannedResponse Created(string body) => new(201, body);

    private string NextId() => (++_nextId).ToString(CultureInfo.InvariantCulture);

    private void Record(CapturedRequest captured)
    {
        List<TaskCompletionSource> release = [];
        lock (_gate)
        {
            _requests.Add(captured);
            var accepted = _requests.Count(IsAcceptedActivity);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (accepted >= _waiters[i].Count)
                {
                    release.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var done in release)
        {
            done.TrySetResult();
        }
    }
}

/// <summary>Start-up settings of a <see cref="CaptureConnector"/>.</summary>
public sealed record CaptureConnectorOptions
{
    /// <summary>Teams per-thread write limits (send / create conversation), as (window, max calls).</summary>
    public static readonly IReadOnlyList<(TimeSpan Window, int Limit)> TeamsPerThreadLimits =
    [
        (TimeSpan.FromSeconds(1), 7),
        (TimeSpan.FromSeconds(2), 8),
        (TimeSpan.FromSeconds(30), 60),
        (TimeSpan.FromHours(1), 1800),
    ];

    /// <summary>A path base such as <c>/teams</c> (the Teams serviceUrl has one); empty for none.</summary>
    public string PathBase { get; init; } = string.Empty;

    /// <summary>The initial roster for <c>pagedmembers</c>.</summary>
    public IReadOnlyList<TeamsChannelAccount> Roster { get; init; } = [];

    /// <summary>Page size when the request gives none.</summary>
    public int DefaultPageSize { get; init; } = 200;

    /// <summary>The most members one page holds, whatever the request asks (Teams serves at most 500).</summary>
    public int MaxPageSize { get; init; } = 500;

    /// <summary>
    /// When true, a reply chain (<c>…;messageid=…</c>) counts toward its channel's rate limits, the stricter reading the
    /// load tool uses; when false (the default), each conversation id is counted on its own.
    /// </summary>
    public bool CountRepliesWithTheirChannel { get; init; }

    /// <summary>The clock stamping <see cref="CapturedRequest.ReceivedAt"/> and driving the rate limiter.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>What the fake connector answers; <see cref="AbortConnection"/> drops the connection instead (a network error).</summary>
public sealed record CannedResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public bool AbortConnection { get; init; }

    public static CannedResponse TooManyRequests(int retryAfterSeconds) =>
        Error(429, "TooManyRequests", "Too many requests.") with
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) },
        };

    public static CannedResponse TooManyRequestsUntil(DateTimeOffset retryAt) =>
        Error(429, "TooManyRequests", "Too many requests.") with
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = retryAt.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture) },
        };

    public static CannedResponse Error(int status, string code, string message) =>
        new(status, JsonSerializer.Serialize(
            new ErrorResponse { Error = new ConnectorError { Code = code, Message = message } },
            ProtocolJsonContext.Default.ErrorResponse));

    public static CannedResponse Dropped() => new(0) { AbortConnection = true };
}

/// <summary>The connector operation a request was routed to.</summary>
public enum ConnectorOperation
{
    Unknown,
    SendToConversation,
    ReplyToActivity,
    UpdateActivity,
    DeleteActivity,
    GetPagedMembers,
    CreateConversation,
}

/// <summary>One request the fake connector received, and the status it answered (0 when it dropped the connection).</summary>
public sealed record CapturedRequest
{
    public int Sequence { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public ConnectorOperation Operation { get; init; }
    public required string Method { get; init; }

    /// <summary>The decoded path (including any path base).</summary>
    public required string Path { get; init; }

    /// <summary>The request target exactly as sent (still percent-encoded).</summary>
    public required string RawTarget { get; init; }

    public string Query { get; init; } = string.Empty;
    public string? ConversationId { get; init; }
    public string? ActivityId { get; init; }
    public string? Authorization { get; init; }
    public string? ContentType { get; init; }
    public string Body { get; init; } = string.Empty;
    public Activity? Activity { get; init; }
    public ConversationParameters? Parameters { get; init; }
    public int ResponseStatus { get; init; }

    /// <summary>
    /// The same for every attempt of one call: its <c>x-ms-client-request-id</c> (the bot's retry policy keeps it across
    /// retries), else the method, path and a hash of the body.
    /// </summary>
    public string AttemptKey { get; init; } = string.Empty;

    /// <summary>1 for the first request with this <see cref="AttemptKey"/>, 2 for its first retry, and so on.</summary>
    public int Attempt { get; init; }

    /// <summary>The activity id the answer gave the bot (a new id for a send or reply, the updated one for an update).</summary>
    public string? AssignedId { get; init; }

    /// <summary>A send, reply, update or create-conversation: what Teams' rate limits count.</summary>
    public bool IsWrite => Operation is ConnectorOperation.SendToConversation or ConnectorOperation.ReplyToActivity
        or ConnectorOperation.UpdateActivity or ConnectorOperation.CreateConversation;

    /// <summary>A new message: a send or a reply.</summary>
    public bool IsPost => Operation is ConnectorOperation.SendToConversation or ConnectorOperation.ReplyToActivity;

    public bool Succeeded => ResponseStatus is >= 200 and < 300;
}
