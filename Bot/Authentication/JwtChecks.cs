using Microsoft.IdentityModel.Tokens;

namespace ConcertationBot.Bot.Authentication;

/// <summary>The small checks <see cref="BotAuthenticator"/> and <see cref="TabTokenValidator"/> share.</summary>
internal static class JwtChecks
{
    /// <summary>The only signing algorithms accepted: RSA with SHA-256, -384 or -512.</summary>
    public static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    /// <summary>The reason given when a token's <c>alg</c> is not one of <see cref="AllowedAlgorithms"/>.</summary>
    public const string AlgorithmNotAllowed = "signing algorithm not allowed (RS256, RS384, RS512 only)";

    /// <summary>
    /// The token of an <c>Authorization: Bearer &lt;token&gt;</c> header (scheme in any case): false for another scheme,
    /// no token, or a token with whitespace inside.
    /// </summary>
    public static bool TryReadBearer(string header, out string token)
    {
        token = string.Empty;
        var trimmed = header.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !trimmed.AsSpan(0, space).Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var candidate = trimmed[(space + 1)..].Trim();
        if (candidate.Length == 0 || candidate.Any(char.IsWhiteSpace))
        {
            return false;
        }

        token = candidate;
        return true;
    }

    /// <summary>
    /// A fixed reason per validation failure kind (exception messages are not used because they may quote the token);
    /// <paramref name="badAudience"/> and <paramref name="badIssuer"/> say what the caller expected.
    /// </summary>
    public static string Describe(Exception? exception, string badAudience, string badIssuer) => exception switch
    {
        SecurityTokenExpiredException => "token expired (beyond the 5-minute clock skew)",
        SecurityTokenNotYetValidException => "token not yet valid (beyond the 5-minute clock skew)",
        SecurityTokenNoExpirationException => "token has no expiration",
        SecurityTokenInvalidAudienceException => badAudience,
        SecurityTokenInvalidIssuerException => badIssuer,
        SecurityTokenInvalidAlgorithmException => AlgorithmNotAllowed,
        SecurityTokenSignatureKeyNotFoundException => "signing key not found in the published keys",
        SecurityTokenInvalidSignatureException => "invalid signature",
        SecurityTokenMalformedException => "bearer token is not a well-formed JWT",
        null => "token validation failed",
        _ => $"token validation failed ({exception.GetType().Name})",
    };
}
