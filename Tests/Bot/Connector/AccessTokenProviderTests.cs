using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Identity.Client;

namespace ConcertationBot.Tests.Bot.Connector;

public sealed class AccessTokenProviderTests
{
    private const string AppId = "00000000-0000-0000-0000-0000000000a1";
    private const string TenantId = "00000000-0000-0000-0000-0000000000b2";

    private static IAccessTokenProvider Select(BotFrameworkOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(TimeProvider.System);
        using var provider = services.BuildServiceProvider();
        return ConnectorServiceCollectionExtensions.CreateTokenProvider(provider);
    }

    [Theory]
    [InlineData(BotAppType.MultiTenant)]
    [InlineData(BotAppType.SingleTenant)]
    [InlineData(BotAppType.UserAssignedMsi)]
    public async Task CreateTokenProvider_NoAppId_ReturnsProviderThatGivesNull(BotAppType type)
    {
        var provider = Select(new BotFrameworkOptions { MicrosoftAppType = type, MicrosoftAppId = " " });

        Assert.IsType<NullAccessTokenProvider>(provider);
        Assert.Null(await provider.GetAccessTokenAsync(forceRefresh: true, CancellationToken.None));
    }

    [Fact]
    public void CreateTokenProvider_MultiTenant_UsesMsalWithBotFrameworkAuthority()
    {
        var provider = Select(new BotFrameworkOptions { MicrosoftAppType = BotAppType.MultiTenant, MicrosoftAppId = AppId, MicrosoftAppPassword = "secret" });

        var msal = Assert.IsType<MsalAccessTokenProvider>(provider);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/", msal.Authority);
    }

    [Fact]
    public void CreateTokenProvider_SingleTenant_UsesMsalWithTenantAuthority()
    {
        var provider = Select(new BotFrameworkOptions
        {
            MicrosoftAppType = BotAppType.SingleTenant, MicrosoftAppId = AppId, MicrosoftAppPassword = "secret", MicrosoftAppTenantId = TenantId,
        });

        var msal = Assert.IsType<MsalAccessTokenProvider>(provider);
        Assert.Equal($"https://login.microsoftonline.com/{TenantId}/", msal.Authority);
    }

    [Fact]
    public void CreateTokenProvider_UserAssignedMsi_UsesManagedIdentity()
    {
        var provider = Select(new BotFrameworkOptions { MicrosoftAppType = BotAppType.UserAssignedMsi, MicrosoftAppId = AppId, MicrosoftAppTenantId = TenantId });

        Assert.IsType<ManagedIdentityAccessTokenProvider>(provider);
    }

    [Fact]
    public async Task ManagedIdentityProvider_FreshToken_IsReusedUntilNearExpiry()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        var credential = new CountingCredential(clock, lifetime: TimeSpan.FromHours(1));
        var provider = new ManagedIdentityAccessTokenProvider(credential, clock);

        var first = await provider.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(50));
        var second = await provider.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(6));
        var third = await provider.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);
        var forced = await provider.GetAccessTokenAsync(forceRefresh: true, CancellationToken.None);

        Assert.Equal("msi-1", first);
        Assert.Equal("msi-1", second);
        Assert.Equal("msi-2", third);
        Assert.Equal("msi-3", forced);
        Assert.All(credential.Scopes, scopes => Assert.Equal(["https://api.botframework.com/.default"], scopes));
    }

    [Fact]
    public async Task MsalProvider_AgainstLocalTokenEndpoint_PostsClientCredentialsAndCachesToken()
    {
        await using var endpoint = await LocalTokenEndpoint.StartAsync();
        var provider = new MsalAccessTokenProvider(
            AppId, "s3cret", $"https://localhost:{endpoint.Port}/botframework.com",
            builder => builder.WithInstanceDiscovery(false).WithHttpClientFactory(endpoint));

        var first = await provider.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);
        var cached = await provider.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);
        var forced = await provider.GetAccessTokenAsync(forceRefresh: true, CancellationToken.None);

        Assert.Equal("issued-1", first);
        Assert.Equal("issued-1", cached);
        Assert.Equal("issued-2", forced);
        var tokenRequests = endpoint.Requests.Where(r => r.Path.EndsWith("/token", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, tokenRequests.Count);
        var form = tokenRequests[0];
        Assert.Equal("POST", form.Method);
        Assert.Equal("/botframework.com/oauth2/v2.0/token", form.Path);
        Assert.Equal("client_credentials", form.Form["grant_type"]);
        Assert.Equal(AppId, form.Form["client_id"]);
        Assert.Equal("s3cret", form.Form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form.Form["scope"]);
    }

    private sealed class CountingCredential(TimeProvider clock, TimeSpan lifetime) : TokenCredential
    {
        private int _issued;

        public ConcurrentQueue<string[]> Scopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Only the asynchronous path is used.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Enqueue(requestContext.Scopes);
            var number = Interlocked.Increment(ref _issued);
            return ValueTask.FromResult(new AccessToken("msi-" + number, clock.GetUtcNow() + lifetime));
        }
    }

    private sealed record TokenRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form);

    /// <summary>An HTTPS Entra-like token endpoint on loopback with a throw-away self-signed certificate.</summary>
    private sealed class LocalTokenEndpoint : IMsalHttpClientFactory, IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly X509Certificate2 _certificate;
        private readonly HttpClient _client;
        private readonly ConcurrentQueue<TokenRequest> _requests = new();
        private int _issued;

        private LocalTokenEndpoint(WebApplication app, X509Certificate2 certificate)
        {
            _app = app;
            _certificate = certificate;
            var thumbprint = certificate.Thumbprint;
            _client = new HttpClient(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == thumbprint },
            });
        }

        public int Port { get; private set; }

        public IReadOnlyList<TokenRequest> Requests => [.. _requests];

        public static async Task<LocalTokenEndpoint> StartAsync()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
            var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
            var app = builder.Build();
            var endpoint = new LocalTokenEndpoint(app, certificate);
            app.Run(endpoint.HandleAsync);
            await app.StartAsync();
            endpoint.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single()).Port;
            return endpoint;
        }

        public HttpClient GetHttpClient() => _client;

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
            _certificate.Dispose();
        }

        private async Task HandleAsync(HttpContext context)
        {
            var form = context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
                : [];
            _requests.Enqueue(new TokenRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, form));
            if (!(context.Request.Path.Value ?? string.Empty).EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var number = Interlocked.Increment(ref _issued);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                $$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"issued-{{number}}"}""");
        }
    }
}
