namespace ConcertationBot.Bot.Hosting;

/// <summary>
/// Source-generated log messages of the HTTP adapter. Event ids: 1000 rejected body, 1001 rejected token,
/// 1002 turn failed, 1003 apology failed, 1004 turn handled, 1005 turn met an outage.
/// </summary>
internal static partial class BotLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Rejected /api/messages body with {StatusCode}: {Reason}")]
    public static partial void RejectedBody(ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Rejected /api/messages token with {StatusCode}: {Reason}")]
    public static partial void RejectedToken(ILogger logger, int statusCode, string? reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Turn failed for {ActivityType} activity")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string? activityType);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Could not send the apology after a failed turn")]
    public static partial void ApologyFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Turn for {ActivityType} activity met an unavailable dependency or ran out of time; the user was asked to try again")]
    public static partial void TurnUnavailable(ILogger logger, Exception exception, string? activityType);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Handled {ActivityType} activity with {StatusCode}")]
    public static partial void TurnHandled(ILogger logger, string? activityType, int statusCode);
}
