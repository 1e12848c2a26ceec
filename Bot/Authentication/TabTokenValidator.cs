using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConcertationBot.Bot.Authentication;

/// <summary>What a Teams tab's SSO token must be to be accepted (see <see cref="TabTokenValidator"/>).</summary>
/// <param name="ClientId">The Entra app id the token is for (the manifest's <c>webApplicationInfo.id</c>).</param>
/// <param name="ApplicationIdUri">The Application ID URI, <c>api://&lt;host&gt;/&lt;app id&gt;</c> (the manifest's <c>webApplicationInfo.resource</c>).</param>
/// <param name="TenantId">The only tenant accepted; null accepts any tenant whose issuer matches the token's own <c>tid</c>.</param>
/// <param name="Scope">The delegated scope the token must carry in <c>scp</c>.</param>
public sealed record TabTokenRequirements(string ClientId, string ApplicationIdUri, string? TenantId, string Scope);

/// <summary>The user a valid tab token names: their Entra object id and tenant.</summary>
public sealed record TabUser(string ObjectId, string TenantId);

/// <summary>The outcome: <see cref="User"/> when valid, else a fixed <see cref="FailureReason"/> (never a token's text).</summary>
public sealed record TabTokenResult(TabUser? User, string? FailureReason)
{
    public static TabTokenResult Invalid(string reason) => new(null, reason);
}

/// <summary>
/// Validates the Entra access token Teams gives a tab (<c>authentication.getAuthToken</c>): a JWT signed with RS256,
/// RS384 or RS512 (<see cref="JwtChecks.AllowedAlgorithms"/>) by a key of the configured OpenID metadata, issuer
/// <c>https://login.microsoftonline.com/{tid}/v2.0</c> (v2 tokens) or <c>https://sts.windows.net/{tid}/</c> (v1) of the
/// configured tenant (or, with none configured, of the token's own <c>tid</c>), audience the Application ID URI or the
/// app id, within its lifetime (5-minute skew), carrying <see cref="TabTokenRequirements.Scope"/> in <c>scp</c>
/// (<c>access_as_user</c> unless configured otherwise) and <c>oid</c> and <c>tid</c> claims.
/// Built on Microsoft.IdentityModel as <see cref="BotAuthenticator"/> is, with its own instance of the same metadata cache class.
/// </summary>
public sealed class TabTokenValidator
{
    private readonly OpenIdMetadataCache _metadata;
    private readonly JsonWebTokenHandler _handler = new();

    public TabTokenValidator(string metadataUrl, HttpClient metadataHttpClient, TimeProvider timeProvider, ILogger logger)
    {
        _metadata = new OpenIdMetadataCache(metadataUrl, metadataHttpClient, timeProvider, logger);
    }

    /// <summary>The v2 and v1 issuers of a tenant's Entra tokens (public cloud).</summary>
    public static IReadOnlyList<string> IssuersOf(string tenantId) =>
        [$"https://login.microsoftonline.com/{tenantId}/v2.0", $"https://sts.windows.net/{tenantId}/"];

    public async Task<TabTokenResult> ValidateAsync(string? authorizationHeader, TabTokenRequirements requirements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        if (authorizationHeader is null)
        {
            return TabTokenResult.Invalid("no Authorization header");
        }

        if (!JwtChecks.TryReadBearer(authorizationHeader, out var raw))
        {
            return TabTokenResult.Invalid("Authorization header is not a Bearer token");
        }

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return TabTokenResult.Invalid("bearer token is not a well-formed JWT");
        }

        if (!JwtChecks.AllowedAlgorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return TabTokenResult.Invalid(JwtChecks.AlgorithmNotAllowed);
        }

        // The tenant whose issuers are accepted: the configured one, else the token's own (checked with the signature below).
        var unvalidatedTenant = token.TryGetPayloadValue<string>("tid", out var tid) ? tid : null;
        var tenant = requirements.TenantId ?? unvalidatedTenant;
        if (string.IsNullOrEmpty(tenant))
        {
            return TabTokenResult.Invalid("missing tid claim");
        }

        OpenIdKeySet keys;
        try
        {
            keys = await _metadata.GetKeysAsync(token.Kid, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return TabTokenResult.Invalid("signing keys unavailable: OpenID metadata could not be fetched");
        }

        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = IssuersOf(tenant),
            ValidateAudience = true,
            ValidAudiences = [requirements.ApplicationIdUri, requirements.ClientId],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = BotAuthenticator.ClockSkew,
            RequireSignedTokens = true,
            IssuerSigningKeys = keys.SigningKeys,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = JwtChecks.AllowedAlgorithms,
        };
        var validation = await _handler.ValidateTokenAsync(raw, parameters).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return TabTokenResult.Invalid(Describe(validation.Exception));
        }

        if (!string.Equals(unvalidatedTenant, tenant, StringComparison.OrdinalIgnoreCase))
        {
            return TabTokenResult.Invalid("tid claim is not the accepted tenant");
        }

        if (!token.TryGetPayloadValue<string>("scp", out var scopes) || !(scopes ?? string.Empty).Split(' ').Contains(requirements.Scope, StringComparer.Ordinal))
        {
            return TabTokenResult.Invalid("the token lacks the tab's scope");
        }

        if (!token.TryGetPayloadValue<string>("oid", out var objectId) || string.IsNullOrEmpty(objectId))
        {
            return TabTokenResult.Invalid("missing oid claim");
        }

        return new TabTokenResult(new TabUser(objectId, tenant), null);
    }

    private static string Describe(Exception? exception) =>
        JwtChecks.Describe(exception, badAudience: "audience is neither the Application ID URI nor the app id", badIssuer: "issuer is not the accepted tenant's");
}
