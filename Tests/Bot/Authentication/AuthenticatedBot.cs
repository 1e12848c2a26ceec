using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace ConcertationBot.Tests.Bot.Authentication;

/// <summary>
/// The real bot host with authentication ON (MicrosoftAppId set), a local Bot Framework OpenID provider whose key is
/// endorsed for msteams, the genuine Teams connector on loopback, and an ATTACKER listener on loopback that records
/// every request it gets. Outbound tokens come from a fixed provider (no Entra here); everything else is real.
/// </summary>
internal sealed class AuthenticatedBot : LocalIssuers
{
    public const string AppId = "5d0c7a51-2f3e-4b6a-8c9d-0e1f2a3b4c5d";
    public const string OutboundToken = "outbound-test-token";

    private readonly BotApplicationFactory _inner;

    private AuthenticatedBot(LocalOpenIdProvider channel, LocalOpenIdProvider emulator, CaptureConnector teams, CaptureConnector attacker, BotApplicationFactory inner, WebApplicationFactory<Program> factory)
        : base(channel, emulator, "msteams")
    {
        Teams = teams;
        Attacker = attacker;
        _inner = inner;
        Factory = factory;
        Http = factory.CreateClient();
        var unique = Guid.NewGuid().ToString("N")[..12];
        ConversationId = $"19:{unique}@thread.tacv2";
        TeamId = $"19:team-{unique}@thread.tacv2";
    }

    /// <summary>The genuine connector: the serviceUrl Bot Framework vouches for.</summary>
    public CaptureConnector Teams { get; }

    /// <summary>A host an attacker wants the bot to call (and send its outbound token to).</summary>
    public CaptureConnector Attacker { get; }

    public WebApplicationFactory<Program> Factory { get; }
    public HttpClient Http { get; }
    public string ConversationId { get; }
    public string TeamId { get; }

    /// <summary>Nadia is the configured coordinator; the host stores on the run's shared Azurite.</summary>
    public static async Task<AuthenticatedBot> StartAsync()
    {
        var (channel, emulator) = await StartProvidersAsync();
        var teams = await CaptureConnector.StartAsync();
        var attacker = await CaptureConnector.StartAsync();
        var inner = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "never-sent-anywhere",
            ["Bot:ChannelOpenIdMetadataUrl"] = channel.MetadataUrl,
            ["Bot:EmulatorOpenIdMetadataUrl"] = emulator.MetadataUrl,
            ["Bot:Connector:MaxRetries"] = "0",
            ["Concertation:Coordinators:0"] = TestPerson.Nadia.AadObjectId,
        });
        var factory = inner.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IAccessTokenProvider>(new FixedAccessTokenProvider(OutboundToken))));
        return new AuthenticatedBot(channel, emulator, teams, attacker, inner, factory);
    }

    /// <summary>A genuine channel token: signed by the endorsed key, for this bot, vouching for <paramref name="serviceUrl"/>.</summary>
    public LocalTokenRequest ChannelToken(string serviceUrl) => new()
    {
        SigningKey = ChannelKey,
        Issuer = BotAuthenticator.ChannelIssuer,
        Audience = AppId,
        ServiceUrl = serviceUrl,
    };

    /// <summary>A channel message from <paramref name="person"/> to the bot in the test's channel, sent from <paramref name="serviceUrl"/>.</summary>
    public JsonObject ChannelMessage(TestPerson person, string text, string serviceUrl) =>
        TestActivities.MentioningBot(Base("message", person, serviceUrl, ConversationId, "channel"), text);

    /// <summary>An <c>adaptiveCard/action</c> invoke from <paramref name="person"/> in <paramref name="conversationId"/>.</summary>
    public JsonObject Invoke(TestPerson person, string verb, JsonObject data, string serviceUrl, string conversationId, string conversationType) =>
        TestActivities.ClickOf(Base("invoke", person, serviceUrl, conversationId, conversationType), verb, data);

    /// <summary>POSTs <paramref name="activity"/> with the raw <c>Authorization</c> header <paramref name="authorization"/> (none when null).</summary>
    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = TestActivities.Json(activity) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>POSTs with a genuine channel token for the activity's own serviceUrl.</summary>
    public Task<HttpResponseMessage> PostGenuineAsync(JsonObject activity) =>
        PostAsync(activity, "Bearer " + LocalOpenIdProvider.MintToken(ChannelToken((string)activity["serviceUrl"]!)));

    public override async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Factory.DisposeAsync();
        await _inner.DisposeAsync();
        await Attacker.DisposeAsync();
        await Teams.DisposeAsync();
        await base.DisposeAsync();
    }

    private JsonObject Base(string type, TestPerson person, string serviceUrl, string conversationId, string conversationType) =>
        TestActivities.FromPerson(type, person, serviceUrl, conversationId, conversationType, TeamId, ConversationId);

    private sealed class FixedAccessTokenProvider(string token) : IAccessTokenProvider
    {
        public Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => Task.FromResult<string?>(token);
    }
}
