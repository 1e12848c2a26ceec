using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConcertationBot.Tests.Infrastructure;

/// <summary>
/// A local OpenID provider for tests: RSA keys generated in-process, OpenID metadata and a JWKS (with per-key
/// Bot Framework <c>endorsements</c>) served by Kestrel on 127.0.0.1 with a free port, and a token minter.
/// Published keys can be added and removed while it runs, to simulate key rotation.
/// </summary>
public sealed class LocalOpenIdProvider : IAsyncDisposable
{
    public const string MetadataPath = "/.well-known/openid-configuration";
    public const string KeysPath = "/keys";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<LocalSigningKey> _published = [];
    private readonly List<LocalSigningKey> _owned = [];
    private int _metadataRequests;
    private int _keysRequests;

    private LocalOpenIdProvider(WebApplication app, string issuer)
    {
        _app = app;
        Issuer = issuer;
    }

    /// <summary>The <c>issuer</c> written in the metadata document.</summary>
    public string Issuer { get; }

    /// <summary>For example <c>http://127.0.0.1:54321</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public string MetadataUrl => BaseUrl + MetadataPath;

    public int MetadataRequestCount => Volatile.Read(ref _metadataRequests);

    public int KeysRequestCount => Volatile.Read(ref _keysRequests);

    /// <summary>When true, both endpoints answer 503 (an identity-provider outage).</summary>
    public bool Unavailable { get; set; }

    /// <summary>Starts the provider on 127.0.0.1, port chosen by the OS.</summary>
    public static async Task<LocalOpenIdProvider> StartAsync(string issuer, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var provider = new LocalOpenIdProvider(app, issuer);
        app.MapGet(MetadataPath, provider.ServeMetadata);
        app.MapGet(KeysPath, provider.ServeKeys);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        provider.BaseUrl = address.TrimEnd('/');
        return provider;
    }

    /// <summary>Generates a key and publishes it in the JWKS. <paramref name="endorsements"/> null means no <c>endorsements</c> member.</summary>
    public LocalSigningKey PublishKey(string? keyId = null, params string[]? endorsements)
    {
        var key = CreateKey(keyId, endorsements);
        lock (_gate)
        {
            _published.Add(key);
            _owned.Add(key);
        }

        return key;
    }

    /// <summary>Removes a key from the JWKS (the next fetch no longer sees it).</summary>
    public void Unpublish(LocalSigningKey key)
    {
        lock (_gate)
        {
            _published.Remove(key);
        }
    }

    /// <summary>Generates a key that is NOT published (for bad-signature and unknown-kid tokens).</summary>
    public static LocalSigningKey CreateKey(string? keyId = null, params string[]? endorsements) =>
        new(keyId ?? "kid-" + Guid.NewGuid().ToString("N")[..12], RSA.Create(2048), endorsements);

    /// <summary>Mints a signed JWT as described by <paramref name="request"/> (times are UTC).</summary>
    public static string MintToken(LocalTokenRequest request)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (request.ServiceUrl is not null)
        {
            claims["serviceurl"] = request.ServiceUrl;
        }

        foreach (var (name, value) in request.Claims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        var signingKey = new RsaSecurityKey(request.SigningKey.Rsa) { KeyId = request.HeaderKeyId ?? request.SigningKey.KeyId };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = request.Issuer,
            Audience = request.Audience,
            IssuedAt = request.NotBefore ?? now.AddMinutes(-1),
            NotBefore = request.NotBefore ?? now.AddMinutes(-1),
            Expires = request.Expires ?? now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey, request.Algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        lock (_gate)
        {
            foreach (var key in _owned)
            {
                key.Dispose();
            }

            _published.Clear();
            _owned.Clear();
        }
    }

    private IResult ServeMetadata()
    {
        Interlocked.Increment(ref _metadataRequests);
        if (Unavailable)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var document = new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = BaseUrl + "/authorize",
            ["jwks_uri"] = BaseUrl + KeysPath,
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        };
        return Results.Text(document.ToJsonString(), "application/json");
    }

    private IResult ServeKeys()
    {
        Interlocked.Increment(ref _keysRequests);
        if (Unavailable)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var keys = new JsonArray();
        lock (_gate)
        {
            foreach (var key in _published)
            {
                keys.Add(key.ToJwk());
            }
        }

        return Results.Text(new JsonObject { ["keys"] = keys }.ToJsonString(), "application/json");
    }
}

/// <summary>An RSA key pair with its <c>kid</c> and the endorsements it is published with.</summary>
public sealed class LocalSigningKey(string keyId, RSA rsa, IReadOnlyList<string>? endorsements) : IDisposable
{
    public string KeyId { get; } = keyId;
    public RSA Rsa { get; } = rsa;
    public IReadOnlyList<string>? Endorsements { get; } = endorsements;

    public JsonObject ToJwk()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray([.. Endorsements.Select(e => (JsonNode?)JsonValue.Create(e))]);
        }

        return jwk;
    }

    public void Dispose() => Rsa.Dispose();
}

/// <summary>What to put in a minted token. Times default to "valid now for an hour".</summary>
public sealed record LocalTokenRequest
{
    public required LocalSigningKey SigningKey { get; init; }
    public string? Issuer { get; init; }
    public string? Audience { get; init; }
    public DateTime? NotBefore { get; init; }
    public DateTime? Expires { get; init; }
    public string? ServiceUrl { get; init; }

    /// <summary>The <c>kid</c> header; defaults to the signing key's own id (set another to forge a bad signature).</summary>
    public string? HeaderKeyId { get; init; }

    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha256;
    public IReadOnlyDictionary<string, object>? Claims { get; init; }
}
