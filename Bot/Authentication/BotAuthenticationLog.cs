namespace ConcertationBot.Bot.Authentication;

/// <summary>Log events of inbound authentication. Reasons only: tokens and claim values are never logged.</summary>
internal static partial class BotAuthenticationLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Inbound activity rejected with {Status}: {Reason}")]
    public static partial void Rejected(ILogger logger, BotAuthenticationStatus status, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Inbound activity accepted ({Status}, {TokenKind} token)")]
    public static partial void Accepted(ILogger logger, BotAuthenticationStatus status, string tokenKind);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Inbound activity rejected with {Status}: {Reason}")]
    public static partial void RejectedForbidden(ILogger logger, BotAuthenticationStatus status, string reason);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Could not fetch OpenID metadata from {MetadataUrl}; keeping the previous keys when there are any")]
    public static partial void MetadataFetchFailed(ILogger logger, string metadataUrl, Exception exception);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Fetched OpenID metadata from {MetadataUrl}: {KeyCount} signing keys ({Trigger})")]
    public static partial void MetadataFetched(ILogger logger, string metadataUrl, int keyCount, string trigger);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Critical, Message = "{Explanation}")]
    public static partial void UnauthenticatedExposure(ILogger logger, string explanation);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Warning, Message = "MicrosoftAppId is empty and Bot:AllowUnauthenticated is true: inbound requests are accepted without a token on every address ({Addresses})")]
    public static partial void UnauthenticatedAllowed(ILogger logger, string addresses);
}
