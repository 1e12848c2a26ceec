using System.Security.Claims;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Authentication;

/// <summary>Validates the bearer token of an inbound activity (Bot Framework channel or Entra/emulator token).</summary>
public interface IBotAuthenticator
{
    /// <param name="authorizationHeader">The raw <c>Authorization</c> header, or null when absent.</param>
    /// <param name="activity">The parsed activity (its <c>channelId</c> and <c>serviceUrl</c> are checked against the token).</param>
    /// <param name="isLoopbackRequest">True when the request arrived on a loopback connection (or an in-process test host).</param>
    /// <param name="cancellationToken">Cancels the metadata fetch.</param>
    Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, bool isLoopbackRequest, CancellationToken cancellationToken);
}

/// <summary>The outcome of inbound authentication; the endpoint maps it to 200 / 401 / 403.</summary>
public sealed record BotAuthenticationResult
{
    public required BotAuthenticationStatus Status { get; init; }
    public ClaimsIdentity? Identity { get; init; }

    /// <summary>Why it failed, for the log only (never sent to the caller in detail).</summary>
    public string? FailureReason { get; init; }

    public static BotAuthenticationResult Anonymous() => new() { Status = BotAuthenticationStatus.Anonymous, Identity = new ClaimsIdentity() };
    public static BotAuthenticationResult Authenticated(ClaimsIdentity identity) => new() { Status = BotAuthenticationStatus.Authenticated, Identity = identity };
    public static BotAuthenticationResult Unauthorized(string reason) => new() { Status = BotAuthenticationStatus.Unauthorized, FailureReason = reason };
    public static BotAuthenticationResult Forbidden(string reason) => new() { Status = BotAuthenticationStatus.Forbidden, FailureReason = reason };
}

public enum BotAuthenticationStatus
{
    /// <summary>Valid token.</summary>
    Authenticated,
    /// <summary>No app id configured and no token sent, in an allowed setting (loopback or Bot:AllowUnauthenticated).</summary>
    Anonymous,
    /// <summary>401: missing, malformed, expired, wrongly signed or wrongly addressed token.</summary>
    Unauthorized,
    /// <summary>403: a valid signature from a key not endorsed for the activity's channel.</summary>
    Forbidden,
}
