using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Connector;

/// <summary>
/// The Bot Framework v3 Connector REST API for one <c>serviceUrl</c>
/// (the shape of the SDK's <c>ConnectorClient.Conversations</c>).
/// Transient failures (429 honouring Retry-After, 412, 502, 503, 504) are retried inside;
/// anything else surfaces as <see cref="ConnectorException"/>.
/// </summary>
public interface IConnectorClient
{
    Uri ServiceUrl { get; }

    Task<ResourceResponse> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> ReplyToActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    Task<PagedMembersResult> GetConversationPagedMembersAsync(string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken);

    Task<ConversationResourceResponse> CreateConversationAsync(ConversationParameters parameters, CancellationToken cancellationToken);
}

/// <summary>Gives a connector client for an absolute <c>serviceUrl</c> (taken from a validated inbound activity).</summary>
public interface IConnectorClientFactory
{
    IConnectorClient Create(string serviceUrl);
}

/// <summary>Outbound bearer tokens for the connector; null when no app id is configured.</summary>
public interface IAccessTokenProvider
{
    Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}

/// <summary>A connector call that failed for good (non-retryable status, or retries exhausted).</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(int status, string? errorCode, string message)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public ConnectorException(int status, string? errorCode, string message, Exception? innerException)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status the connector answered, or 0 when no answer came (network failure, timeout).</summary>
    public int Status { get; }

    /// <summary>The <c>error.code</c> of the connector's <c>ErrorResponse</c>, when it sent one.</summary>
    public string? ErrorCode { get; }
}
