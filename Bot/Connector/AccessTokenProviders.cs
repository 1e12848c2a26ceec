using Azure.Core;
using Azure.Identity;
using Microsoft.Identity.Client;

namespace ConcertationBot.Bot.Connector;

/// <summary>Constants of the outbound (bot → connector) token.</summary>
internal static class BotFrameworkTokenConstants
{
    public const string Scope = "https://api.botframework.com/.default";
    public const string AuthorityHost = "https://login.microsoftonline.com/";
    public const string MultiTenantAuthorityTenant = "botframework.com";
}

/// <summary>No app id configured (Agents Playground, Emulator, local runs): outbound calls carry no token.</summary>
internal sealed class NullAccessTokenProvider : IAccessTokenProvider
{
    public Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>
/// Client-credentials token from Entra through MSAL (app id + secret), for MultiTenant (authority tenant
/// <c>botframework.com</c>) and SingleTenant (the bot's tenant). MSAL keeps the token in its in-memory app cache;
/// one acquisition runs at a time.
/// </summary>
internal sealed class MsalAccessTokenProvider : IAccessTokenProvider, IDisposable
{
    private static readonly string[] Scopes = [BotFrameworkTokenConstants.Scope];

    private readonly IConfidentialClientApplication _application;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public MsalAccessTokenProvider(string appId, string clientSecret, string authority)
        : this(appId, clientSecret, authority, customize: null)
    {
    }

    /// <param name="customize">Test seam: adjusts the MSAL builder (HTTP client, instance discovery) before it is built.</param>
    internal MsalAccessTokenProvider(string appId, string clientSecret, string authority, Func<ConfidentialClientApplicationBuilder, ConfidentialClientApplicationBuilder>? customize)
    {
        var builder = ConfidentialClientApplicationBuilder.Create(appId).WithClientSecret(clientSecret).WithAuthority(authority);
        _application = (customize is null ? builder : customize(builder)).Build();
    }

    /// <summary>The authority MSAL asks for tokens (for diagnostics and tests).</summary>
    public string Authority => _application.Authority;

    public async Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await _application.AcquireTokenForClient(Scopes)
                .WithForceRefresh(forceRefresh)
                .ExecuteAsync(cancellationToken)
                .ConfigureAwait(false);
            return result.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>
/// User-assigned managed identity (the app id is the identity's client id) through Azure.Identity;
/// the token is kept until five minutes before it expires (or until its refresh time, when given).
/// </summary>
internal sealed class ManagedIdentityAccessTokenProvider : IAccessTokenProvider, IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private static readonly TokenRequestContext Request = new([BotFrameworkTokenConstants.Scope]);

    private readonly TokenCredential _credential;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedToken? _cached;

    public ManagedIdentityAccessTokenProvider(string appId, TimeProvider timeProvider)
        : this(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(appId)), timeProvider)
    {
    }

    internal ManagedIdentityAccessTokenProvider(TokenCredential credential, TimeProvider timeProvider)
    {
        _credential = credential;
        _timeProvider = timeProvider;
    }

    public async Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (!forceRefresh && IsFresh(_cached) is { } fresh)
        {
            return fresh;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!forceRefresh && IsFresh(_cached) is { } again)
            {
                return again;
            }

            var token = await _credential.GetTokenAsync(Request, cancellationToken).ConfigureAwait(false);
            _cached = new CachedToken(token);
            return token.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string? IsFresh(CachedToken? cached)
    {
        if (cached is null)
        {
            return null;
        }

        var value = cached.Token;
        var now = _timeProvider.GetUtcNow();
        var refreshAt = value.RefreshOn is { } refreshOn && refreshOn < value.ExpiresOn - RefreshMargin
            ? refreshOn
            : value.ExpiresOn - RefreshMargin;
        return now < refreshAt ? value.Token : null;
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>A reference wrapper so the cached token is swapped atomically (the struct could tear).</summary>
    private sealed record CachedToken(AccessToken Token);
}
