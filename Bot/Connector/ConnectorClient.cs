using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Connector;

/// <summary>The v3 Connector REST API over an Azure.Core <see cref="HttpPipeline"/> (retries and bearer token live in the pipeline).</summary>
internal sealed partial class ConnectorClient : IConnectorClient
{
    private static readonly int[] WriteSuccess = [200, 201, 202];
    private static readonly int[] DeleteSuccess = [200, 202, 204];
    private static readonly int[] ReadSuccess = [200];

    private readonly HttpPipeline _pipeline;
    private readonly ILogger _logger;

    public ConnectorClient(Uri serviceUrl, HttpPipeline pipeline, ILogger<ConnectorClient> logger)
    {
        ServiceUrl = ConnectorClientFactory.NormalizeServiceUrl(serviceUrl.OriginalString);
        _pipeline = pipeline;
        _logger = logger;
    }

    public Uri ServiceUrl { get; }

    public async Task<ResourceResponse> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        return await SendAsync(
            "SendToConversation", RequestMethod.Post, uri => AppendActivities(uri, conversationId, activityId: null),
            Json(activity, ProtocolJsonContext.Default.Activity), WriteSuccess, ProtocolJsonContext.Default.ResourceResponse, cancellationToken)
            .ConfigureAwait(false) ?? new ResourceResponse();
    }

    public Task<ResourceResponse> ReplyToActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        WriteToActivityAsync("ReplyToActivity", RequestMethod.Post, conversationId, activityId, activity, cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        WriteToActivityAsync("UpdateActivity", RequestMethod.Put, conversationId, activityId, activity, cancellationToken);

    public async Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        await SendAsync<ResourceResponse>(
            "DeleteActivity", RequestMethod.Delete, uri => AppendActivities(uri, conversationId, activityId),
            content: null, DeleteSuccess, responseType: null, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>A reply to, or the update of, one activity: the same checks, request and response, another verb.</summary>
    private async Task<ResourceResponse> WriteToActivityAsync(
        string operation, RequestMethod method, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        return await SendAsync(
            operation, method, uri => AppendActivities(uri, conversationId, activityId),
            Json(activity, ProtocolJsonContext.Default.Activity), WriteSuccess, ProtocolJsonContext.Default.ResourceResponse, cancellationToken)
            .ConfigureAwait(false) ?? new ResourceResponse();
    }

    public async Task<PagedMembersResult> GetConversationPagedMembersAsync(string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        if (pageSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be positive.");
        }

        return await SendAsync(
            "GetConversationPagedMembers", RequestMethod.Get,
            uri =>
            {
                uri.AppendPath("v3/conversations/", escape: false);
                uri.AppendPath(conversationId, escape: true);
                uri.AppendPath("/pagedmembers", escape: false);
                if (pageSize is { } size)
                {
                    uri.AppendQuery("pageSize", size.ToString(CultureInfo.InvariantCulture), escapeValue: true);
                }

                if (!string.IsNullOrEmpty(continuationToken))
                {
                    uri.AppendQuery("continuationToken", continuationToken, escapeValue: true);
                }
            },
            content: null, ReadSuccess, ProtocolJsonContext.Default.PagedMembersResult, cancellationToken)
            .ConfigureAwait(false) ?? new PagedMembersResult();
    }

    public async Task<ConversationResourceResponse> CreateConversationAsync(ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return await SendAsync(
            "CreateConversation", RequestMethod.Post, uri => uri.AppendPath("v3/conversations", escape: false),
            Json(parameters, ProtocolJsonContext.Default.ConversationParameters), WriteSuccess,
            ProtocolJsonContext.Default.ConversationResourceResponse, cancellationToken)
            .ConfigureAwait(false) ?? new ConversationResourceResponse();
    }

    private static void AppendActivities(RequestUriBuilder uri, string conversationId, string? activityId)
    {
        uri.AppendPath("v3/conversations/", escape: false);
        uri.AppendPath(conversationId, escape: true);
        uri.AppendPath("/activities", escape: false);
        if (activityId is not null)
        {
            uri.AppendPath("/", escape: false);
            uri.AppendPath(activityId, escape: true);
        }
    }

    private static RequestContent Json<T>(T value, JsonTypeInfo<T> typeInfo) =>
        RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    private async Task<T?> SendAsync<T>(
        string operation,
        RequestMethod method,
        Action<RequestUriBuilder> buildPath,
        RequestContent? content,
        int[] successStatuses,
        JsonTypeInfo<T>? responseType,
        CancellationToken cancellationToken)
        where T : class
    {
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(ServiceUrl);
        buildPath(request.Uri);
        request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");
        if (content is not null)
        {
            request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json; charset=utf-8");
            request.Content = content;
        }

        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is RequestFailedException or IOException or HttpRequestException or OperationCanceledException or AggregateException)
        {
            LogNoAnswer(_logger, operation, ServiceUrl, ex);
            throw new ConnectorException(0, null, $"Connector {operation} got no answer from {ServiceUrl}: {ex.Message}", ex);
        }

        var response = message.Response;
        if (Array.IndexOf(successStatuses, response.Status) < 0)
        {
            throw CreateException(operation, response);
        }

        LogSucceeded(_logger, operation, response.Status);
        if (responseType is null || response.Content.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(response.Content.ToMemory().Span, responseType);
        }
        catch (JsonException ex)
        {
            throw new ConnectorException(response.Status, "InvalidResponse", $"Connector {operation} answered {response.Status} with an unreadable body.", ex);
        }
    }

    private ConnectorException CreateException(string operation, Response response)
    {
        ConnectorError? error = null;
        if (!response.Content.ToMemory().IsEmpty)
        {
            try
            {
                error = JsonSerializer.Deserialize(response.Content.ToMemory().Span, ProtocolJsonContext.Default.ErrorResponse)?.Error;
            }
            catch (JsonException)
            {
                error = null;
            }
        }

        response.Headers.TryGetValue("X-Correlating-OperationId", out var correlationId);
        LogFailed(_logger, operation, response.Status, error?.Code, correlationId);
        var text = $"Connector {operation} answered {response.Status}"
            + (error?.Code is { } code ? $" {code}" : string.Empty)
            + (error?.Message is { } detail ? $": {detail}" : string.Empty)
            + (correlationId is null ? string.Empty : $" (operation {correlationId})");
        return new ConnectorException(response.Status, error?.Code, text);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connector {Operation} answered {Status}")]
    private static partial void LogSucceeded(ILogger logger, string operation, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Operation} failed with {Status} {ErrorCode} (correlation {CorrelationId})")]
    private static partial void LogFailed(ILogger logger, string operation, int status, string? errorCode, string? correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Operation} got no answer from {ServiceUrl}")]
    private static partial void LogNoAnswer(ILogger logger, string operation, Uri serviceUrl, Exception exception);
}
