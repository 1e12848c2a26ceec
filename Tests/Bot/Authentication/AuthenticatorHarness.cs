using Microsoft.Extensions.Logging.Abstractions;

namespace ConcertationBot.Tests.Bot.Authentication;

/// <summary>
/// One test's world: a local Bot Framework channel provider (one key endorsed for msteams), a local Entra/emulator
/// provider (one key without endorsements), and authenticators built from real options against them.
/// </summary>
internal sealed class AuthenticatorHarness : LocalIssuers
{
    public const string AppId = "0b6f3c1e-6a53-4a7e-9c2b-5d1e2f3a4b5c";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string ChannelId = "msteams";
    public const string EmulatorV1Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public const string EmulatorV2Issuer = "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";

    private readonly HttpClient _httpClient = new();

    private AuthenticatorHarness(LocalOpenIdProvider channel, LocalOpenIdProvider emulator)
        : base(channel, emulator, ChannelId, "webchat")
    {
    }

    public static async Task<AuthenticatorHarness> StartAsync()
    {
        var (channel, emulator) = await StartProvidersAsync();
        return new AuthenticatorHarness(channel, emulator);
    }

    public BotAuthenticator CreateAuthenticator(Action<BotFrameworkOptions>? configureApp = null, Action<BotHostOptions>? configureHost = null, TimeProvider? timeProvider = null)
    {
        var app = new BotFrameworkOptions { MicrosoftAppId = AppId };
        configureApp?.Invoke(app);
        var host = new BotHostOptions
        {
            ChannelOpenIdMetadataUrl = Channel.MetadataUrl,
            EmulatorOpenIdMetadataUrl = Emulator.MetadataUrl,
        };
        configureHost?.Invoke(host);
        return new BotAuthenticator(Options.Create(app), Options.Create(host), _httpClient, NullLogger<BotAuthenticator>.Instance, timeProvider);
    }

    public static Activity MessageActivity(string? channelId = ChannelId, string? serviceUrl = ServiceUrl) => new()
    {
        Type = ActivityTypes.Message,
        Id = "1",
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        Text = "bonjour",
    };

    /// <summary>A valid channel token request (signed by <see cref="ChannelKey"/>), to adjust with <c>with</c>.</summary>
    public LocalTokenRequest ChannelTokenRequest() => new()
    {
        SigningKey = ChannelKey,
        Issuer = BotAuthenticator.ChannelIssuer,
        Audience = AppId,
        ServiceUrl = ServiceUrl,
    };

    /// <summary>A valid Entra v1 (<c>ver</c> 1.0, <c>appid</c>) emulator token request.</summary>
    public LocalTokenRequest EmulatorV1TokenRequest(string appIdClaim = AppId) => new()
    {
        SigningKey = EmulatorKey,
        Issuer = EmulatorV1Issuer,
        Audience = AppId,
        Claims = new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = appIdClaim },
    };

    /// <summary>A valid Entra v2 (<c>ver</c> 2.0, <c>azp</c>) emulator token request.</summary>
    public LocalTokenRequest EmulatorV2TokenRequest(string azpClaim = AppId) => new()
    {
        SigningKey = EmulatorKey,
        Issuer = EmulatorV2Issuer,
        Audience = AppId,
        Claims = new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = azpClaim },
    };

    public static string Bearer(LocalTokenRequest request) => "Bearer " + LocalOpenIdProvider.MintToken(request);

    public override async ValueTask DisposeAsync()
    {
        _httpClient.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>A clock the test moves by hand (only the metadata cache reads it).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
