using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Authentication;

/// <summary>
/// Validates the bearer token of an inbound activity: Bot Framework channel tokens (issuer
/// <c>https://api.botframework.com</c>, endorsed signing key, <c>serviceurl</c> claim) or Entra / emulator tokens
/// (Microsoft issuers, <c>ver</c> with <c>appid</c> / <c>azp</c>). The path is chosen by the token's unvalidated issuer.
/// </summary>
internal sealed class BotAuthenticator : IBotAuthenticator
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Public-cloud issuers of Entra tokens the Emulator and self-issued tokens use.</summary>
    public static readonly IReadOnlyList<string> EmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    private readonly BotFrameworkOptions _appOptions;
    private readonly BotHostOptions _hostOptions;
    private readonly ILogger<BotAuthenticator> _logger;
    private readonly OpenIdMetadataCache _channelMetadata;
    private readonly OpenIdMetadataCache _emulatorMetadata;
    private readonly HashSet<string> _emulatorIssuers;
    private readonly JsonWebTokenHandler _handler = new();

    public BotAuthenticator(
        IOptions<BotFrameworkOptions> appOptions,
        IOptions<BotHostOptions> hostOptions,
        HttpClient metadataHttpClient,
        ILogger<BotAuthenticator> logger,
        TimeProvider? timeProvider = null)
    {
        _appOptions = appOptions.Value;
        _hostOptions = hostOptions.Value;
        _logger = logger;
        var clock = timeProvider ?? TimeProvider.System;
        _channelMetadata = new OpenIdMetadataCache(_hostOptions.ChannelOpenIdMetadataUrl, metadataHttpClient, clock, logger);
        _emulatorMetadata = new OpenIdMetadataCache(_hostOptions.EmulatorOpenIdMetadataUrl, metadataHttpClient, clock, logger);
        _emulatorIssuers = new HashSet<string>(EmulatorIssuers, StringComparer.Ordinal);
        if (_appOptions.MicrosoftAppType == BotAppType.SingleTenant && !string.IsNullOrWhiteSpace(_appOptions.MicrosoftAppTenantId))
        {
            var tenant = _appOptions.MicrosoftAppTenantId.Trim();
            _emulatorIssuers.Add($"https://sts.windows.net/{tenant}/");
            _emulatorIssuers.Add($"https://login.microsoftonline.com/{tenant}/v2.0");
        }
    }

    public async Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, bool isLoopbackRequest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (result, tokenKind) = await AuthenticateCoreAsync(authorizationHeader, activity, isLoopbackRequest, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case BotAuthenticationStatus.Forbidden:
                BotAuthenticationLog.RejectedForbidden(_logger, result.Status, result.FailureReason ?? "unspecified");
                break;
            case BotAuthenticationStatus.Unauthorized:
                BotAuthenticationLog.Rejected(_logger, result.Status, result.FailureReason ?? "unspecified");
                break;
            default:
                BotAuthenticationLog.Accepted(_logger, result.Status, tokenKind);
                break;
        }

        return result;
    }

    private async Task<(BotAuthenticationResult Result, string TokenKind)> AuthenticateCoreAsync(string? authorizationHeader, Activity activity, bool isLoopbackRequest, CancellationToken cancellationToken)
    {
        var appId = _appOptions.MicrosoftAppId?.Trim();
        if (authorizationHeader is null)
        {
            if (!string.IsNullOrEmpty(appId))
            {
                return (BotAuthenticationResult.Unauthorized("no Authorization header"), "none");
            }

            return isLoopbackRequest || _hostOptions.AllowUnauthenticated
                ? (BotAuthenticationResult.Anonymous(), "none")
                : (BotAuthenticationResult.Unauthorized("no Authorization header on a non-loopback request, MicrosoftAppId is empty and Bot:AllowUnauthenticated is false"), "none");
        }

        if (!JwtChecks.TryReadBearer(authorizationHeader, out var rawToken))
        {
            return (BotAuthenticationResult.Unauthorized("Authorization header is not a Bearer token"), "malformed");
        }

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(rawToken);
        }
        catch (ArgumentException)
        {
            return (BotAuthenticationResult.Unauthorized("bearer token is not a well-formed JWT"), "malformed");
        }

        if (!JwtChecks.AllowedAlgorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return (BotAuthenticationResult.Unauthorized(JwtChecks.AlgorithmNotAllowed), "malformed");
        }

        if (string.IsNullOrEmpty(appId))
        {
            // A token that is sent is always validated; with no app id there is no audience it could be addressed to.
            return (BotAuthenticationResult.Unauthorized("a bearer token was sent but MicrosoftAppId is empty, so no audience can match"), "unvalidated");
        }

        if (string.Equals(token.Issuer, ChannelIssuer, StringComparison.Ordinal))
        {
            return (await ValidateChannelTokenAsync(rawToken, token, appId, activity, cancellationToken).ConfigureAwait(false), "channel");
        }

        if (_emulatorIssuers.Contains(token.Issuer))
        {
            return (await ValidateEmulatorTokenAsync(rawToken, token, appId, activity, cancellationToken).ConfigureAwait(false), "emulator");
        }

        return (BotAuthenticationResult.Unauthorized("token issuer is neither the Bot Framework nor an accepted Entra issuer"), "unknown issuer");
    }

    private async Task<BotAuthenticationResult> ValidateChannelTokenAsync(string rawToken, JsonWebToken token, string appId, Activity activity, CancellationToken cancellationToken)
    {
        var (validation, keys, failure) = await ValidateSignedTokenAsync(rawToken, token, _channelMetadata, [ChannelIssuer], appId, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var endorsement = CheckEndorsements(keys!, validation!, token, activity.ChannelId, keyWithoutEndorsementsAccepted: false);
        if (endorsement is not null)
        {
            return endorsement;
        }

        if (!token.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) || string.IsNullOrEmpty(serviceUrl))
        {
            return BotAuthenticationResult.Unauthorized("missing serviceurl claim");
        }

        if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationResult.Unauthorized("serviceurl claim mismatch");
        }

        return BotAuthenticationResult.Authenticated(validation!.ClaimsIdentity);
    }

    private async Task<BotAuthenticationResult> ValidateEmulatorTokenAsync(string rawToken, JsonWebToken token, string appId, Activity activity, CancellationToken cancellationToken)
    {
        var (validation, keys, failure) = await ValidateSignedTokenAsync(rawToken, token, _emulatorMetadata, _emulatorIssuers, appId, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var endorsement = CheckEndorsements(keys!, validation!, token, activity.ChannelId, keyWithoutEndorsementsAccepted: true);
        if (endorsement is not null)
        {
            return endorsement;
        }

        if (!token.TryGetPayloadValue<string>("ver", out var version) || string.IsNullOrEmpty(version))
        {
            return BotAuthenticationResult.Unauthorized("missing ver claim");
        }

        var appIdClaim = version switch
        {
            "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (appIdClaim is null)
        {
            return BotAuthenticationResult.Unauthorized("unsupported ver claim");
        }

        if (!token.TryGetPayloadValue<string>(appIdClaim, out var tokenAppId) || string.IsNullOrEmpty(tokenAppId))
        {
            return BotAuthenticationResult.Unauthorized($"missing {appIdClaim} claim");
        }

        if (!string.Equals(tokenAppId, appId, StringComparison.Ordinal))
        {
            return BotAuthenticationResult.Unauthorized($"{appIdClaim} claim does not match MicrosoftAppId");
        }

        return BotAuthenticationResult.Authenticated(validation!.ClaimsIdentity);
    }

    private async Task<(TokenValidationResult? Validation, OpenIdKeySet? Keys, BotAuthenticationResult? Failure)> ValidateSignedTokenAsync(
        string rawToken, JsonWebToken token, OpenIdMetadataCache metadata, IEnumerable<string> issuers, string appId, CancellationToken cancellationToken)
    {
        OpenIdKeySet keys;
        try
        {
            keys = await metadata.GetKeysAsync(token.Kid, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return (null, null, BotAuthenticationResult.Unauthorized("signing keys unavailable: OpenID metadata could not be fetched"));
        }

        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = issuers,
            ValidateAudience = true,
            ValidAudience = appId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            RequireSignedTokens = true,
            IssuerSigningKeys = keys.SigningKeys,
            // The kid must name the signing key: no trying every key, so the endorsements checked are the key's own.
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = JwtChecks.AllowedAlgorithms,
        };

        var validation = await _handler.ValidateTokenAsync(rawToken, parameters).ConfigureAwait(false);
        return validation.IsValid
            ? (validation, keys, null)
            : (null, null, BotAuthenticationResult.Unauthorized(Describe(validation.Exception)));
    }

    /// <summary>
    /// The signing key must be endorsed for the activity's channel (empty channel id passes). A key with no
    /// <c>endorsements</c> member is accepted only on the emulator path.
    /// </summary>
    private static BotAuthenticationResult? CheckEndorsements(OpenIdKeySet keys, TokenValidationResult validation, JsonWebToken token, string? channelId, bool keyWithoutEndorsementsAccepted)
    {
        if (string.IsNullOrEmpty(channelId))
        {
            return null;
        }

        var keyId = (validation.SecurityToken as JsonWebToken)?.SigningKey?.KeyId ?? token.Kid;
        if (string.IsNullOrEmpty(keyId) || !keys.EndorsementsByKeyId.TryGetValue(keyId, out var endorsements))
        {
            return BotAuthenticationResult.Forbidden("signing key is unknown, so its endorsements cannot be checked");
        }

        if (endorsements is null)
        {
            return keyWithoutEndorsementsAccepted ? null : BotAuthenticationResult.Forbidden("signing key carries no endorsements");
        }

        return endorsements.Contains(channelId, StringComparer.Ordinal)
            ? null
            : BotAuthenticationResult.Forbidden("signing key is not endorsed for the activity's channel");
    }

    private static string Describe(Exception? exception) =>
        JwtChecks.Describe(exception, badAudience: "audience does not match MicrosoftAppId", badIssuer: "issuer not accepted");
}
