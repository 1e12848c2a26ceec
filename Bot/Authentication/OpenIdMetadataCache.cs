using System.Collections;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ConcertationBot.Bot.Authentication;

/// <summary>The signing keys of one OpenID issuer at one moment, with each key's Bot Framework endorsements.</summary>
/// <param name="SigningKeys">Keys usable for signature validation.</param>
/// <param name="EndorsementsByKeyId">Per <c>kid</c>: the <c>endorsements</c> array of the JWK, or null when the key has none.</param>
internal sealed record OpenIdKeySet(IReadOnlyList<SecurityKey> SigningKeys, IReadOnlyDictionary<string, IReadOnlyList<string>?> EndorsementsByKeyId)
{
    public bool ContainsKeyId(string keyId) => EndorsementsByKeyId.ContainsKey(keyId);
}

/// <summary>
/// Fetches an OpenID configuration and its JWKS, and keeps them for <see cref="RefreshInterval"/> (well under the
/// 24 h the Bot Framework requires). A token whose <c>kid</c> is unknown triggers an immediate, awaited refresh
/// (at most once per <see cref="UnknownKeyRefreshInterval"/>), so the request that first carries a rotated key is
/// accepted rather than rejected while a background refresh runs.
/// </summary>
/// <remarks>
/// Built on <see cref="OpenIdConnectConfigurationRetriever"/> rather than <c>ConfigurationManager</c>:
/// in Microsoft.IdentityModel 8.x <c>ConfigurationManager.RequestRefresh</c> refreshes on a background thread and
/// the current call still sees the old keys, which would turn every key rotation into lost activities.
/// </remarks>
internal sealed class OpenIdMetadataCache
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(12);
    public static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan FailedFetchRetryInterval = TimeSpan.FromMinutes(1);

    private readonly string _metadataUrl;
    private readonly HttpDocumentRetriever _retriever;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _fetchLock = new(1, 1);

    // Written under _fetchLock, read without it: a reference and two UTC tick counts, each read atomically.
    private volatile OpenIdKeySet? _current;
    private long _refreshAfterTicks;
    private long _unknownKeyRefreshAllowedAfterTicks;

    public OpenIdMetadataCache(string metadataUrl, HttpClient httpClient, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metadataUrl);
        _metadataUrl = metadataUrl;
        _timeProvider = timeProvider;
        _logger = logger;
        _retriever = new HttpDocumentRetriever(httpClient)
        {
            // Plain http only for a loopback host (local test identity providers); production metadata must be https.
            RequireHttps = !(Uri.TryCreate(metadataUrl, UriKind.Absolute, out var uri)
                && uri.Scheme == Uri.UriSchemeHttp
                && LoopbackAddress.IsLoopbackUri(uri)),
        };
    }

    public string MetadataUrl => _metadataUrl;

    private long NowTicks => _timeProvider.GetUtcNow().UtcTicks;

    /// <summary>
    /// The current keys; refreshed when they are older than <see cref="RefreshInterval"/>, or when
    /// <paramref name="keyId"/> is not among them (rate-limited).
    /// </summary>
    /// <exception cref="InvalidOperationException">No keys could ever be fetched.</exception>
    public async Task<OpenIdKeySet> GetKeysAsync(string? keyId, CancellationToken cancellationToken)
    {
        var keys = _current;
        var justFetched = false;
        if (keys is null || NowTicks >= Interlocked.Read(ref _refreshAfterTicks))
        {
            keys = await RefreshAsync(force: false, cancellationToken).ConfigureAwait(false);
            justFetched = true;
        }

        if (!justFetched && !string.IsNullOrEmpty(keyId) && !keys.ContainsKeyId(keyId) && NowTicks >= Interlocked.Read(ref _unknownKeyRefreshAllowedAfterTicks))
        {
            keys = await RefreshAsync(force: true, cancellationToken).ConfigureAwait(false);
        }

        return keys;
    }

    private async Task<OpenIdKeySet> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _fetchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = NowTicks;
            if (force)
            {
                if (_current is not null && now < Interlocked.Read(ref _unknownKeyRefreshAllowedAfterTicks))
                {
                    return _current;
                }

                Interlocked.Exchange(ref _unknownKeyRefreshAllowedAfterTicks, now + UnknownKeyRefreshInterval.Ticks);
            }
            else if (_current is not null && now < Interlocked.Read(ref _refreshAfterTicks))
            {
                return _current;
            }

            try
            {
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(_metadataUrl, _retriever, cancellationToken).ConfigureAwait(false);
                var keys = ToKeySet(configuration);
                _current = keys;
                Interlocked.Exchange(ref _refreshAfterTicks, NowTicks + RefreshInterval.Ticks);
                BotAuthenticationLog.MetadataFetched(_logger, _metadataUrl, keys.SigningKeys.Count, force ? "unknown key id" : "scheduled");
                return keys;
            }
            catch (Exception exception) when (exception is IOException or HttpRequestException or InvalidOperationException or ArgumentException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                BotAuthenticationLog.MetadataFetchFailed(_logger, _metadataUrl, exception);
                if (_current is null)
                {
                    throw new InvalidOperationException($"OpenID metadata from {_metadataUrl} is unavailable.", exception);
                }

                Interlocked.Exchange(ref _refreshAfterTicks, NowTicks + FailedFetchRetryInterval.Ticks);
                return _current;
            }
        }
        finally
        {
            _fetchLock.Release();
        }
    }

    private static OpenIdKeySet ToKeySet(OpenIdConnectConfiguration configuration)
    {
        var endorsements = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        foreach (var key in configuration.JsonWebKeySet?.Keys ?? [])
        {
            if (!string.IsNullOrEmpty(key.Kid))
            {
                endorsements[key.Kid] = ReadEndorsements(key);
            }
        }

        foreach (var key in configuration.SigningKeys)
        {
            if (!string.IsNullOrEmpty(key.KeyId))
            {
                endorsements.TryAdd(key.KeyId, null);
            }
        }

        return new OpenIdKeySet([.. configuration.SigningKeys], endorsements);
    }

    /// <summary>Reads the JWK's <c>endorsements</c> member, whatever shape the JSON reader kept it in.</summary>
    private static IReadOnlyList<string>? ReadEndorsements(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            string single => [single],
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            JsonElement => [],
            IEnumerable items => [.. items.Cast<object?>().Select(item => item is JsonElement element ? element.ToString() : item?.ToString()).OfType<string>()],
            _ => [],
        };
    }
}
