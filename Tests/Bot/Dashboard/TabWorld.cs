using ConcertationBot.Bot.Dashboard;
using Microsoft.IdentityModel.Tokens;

namespace ConcertationBot.Tests.Bot.Dashboard;

/// <summary>
/// The Teams tabs' world: the real host on Azurite (<see cref="ConversationTestBed"/>) configured for tab SSO against a
/// local Entra-like OpenID provider (issuer <c>https://login.microsoftonline.com/{tid}/v2.0</c>), a roster holding
/// Nadia and Amélie, and tokens minted as Teams' <c>getAuthToken</c> would give them.
/// </summary>
internal sealed class TabWorld : IAsyncDisposable
{
    public const string ClientId = "5f0c9a3e-7d21-4b8e-9c3a-1e2f3a4b5c6d";
    public const string Tenant = "tenant-1";
    public const string ApplicationIdUri = "api://concertation.example.org/" + ClientId;

    private TabWorld(LocalOpenIdProvider entra, LocalSigningKey key, ConversationTestBed bed)
    {
        Entra = entra;
        Key = key;
        Bed = bed;
    }

    public LocalOpenIdProvider Entra { get; }
    public LocalSigningKey Key { get; }
    public ConversationTestBed Bed { get; }

    /// <summary>
    /// A world whose tabs accept <paramref name="tenant"/> only; null: any tenant (a multi-tenant bot without a tenant).
    /// <paramref name="logs"/>, when given, receives every line the host logs.
    /// </summary>
    public static async Task<TabWorld> StartAsync(string? tenant = Tenant, ILoggerProvider? logs = null)
    {
        var entra = await LocalOpenIdProvider.StartAsync("https://login.microsoftonline.com/{tenantid}/v2.0");
        var key = entra.PublishKey("entra-key-1", endorsements: null);
        var bed = await ConversationTestBed.StartAsync(
            SharedAzurite.ConnectionString,
            settings: new Dictionary<string, string?>
            {
                ["Dashboard:Tab:ClientId"] = ClientId,
                ["Dashboard:Tab:TenantId"] = tenant,
                ["Dashboard:Tab:ApplicationIdUri"] = ApplicationIdUri,
                ["Dashboard:Tab:OpenIdMetadataUrl"] = entra.MetadataUrl,
                // The tabs' directory is one entry per channel: a table of its own keeps other tests' conversations out.
                ["Storage:StateTableName"] = "TabState" + Guid.NewGuid().ToString("N")[..12],
            },
            services: logs is null ? null : services => services.AddSingleton(logs));
        foreach (var person in (TestPerson[])[TestPerson.Nadia, TestPerson.Amelie])
        {
            bed.Connector.Roster.Add(new TeamsChannelAccount { Id = person.Id, Name = person.Name, AadObjectId = person.AadObjectId, TenantId = Tenant });
        }

        return new TabWorld(entra, key, bed);
    }

    /// <summary>Someone types <c>tableau de bord</c> in the conversation: the bot learns where its roster is read.</summary>
    public async Task AskForTheDashboardAsync()
    {
        using var response = await Bed.PostAsync(Bed.ChannelMessage(TestPerson.Nadia, "tableau de bord"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// An SSO access token for <paramref name="person"/>, as Entra issues it for the tab (v2, <c>access_as_user</c>).
    /// <paramref name="scope"/> null leaves <c>scp</c> out; <paramref name="withObjectId"/> false leaves <c>oid</c> out;
    /// <paramref name="v1"/> gives a v1 token (issuer <c>https://sts.windows.net/{tid}/</c>, <c>ver</c> 1.0).
    /// </summary>
    public string TokenFor(
        TestPerson person,
        string audience = ApplicationIdUri,
        string tenant = Tenant,
        DateTime? expires = null,
        LocalSigningKey? key = null,
        string? scope = "access_as_user",
        bool withObjectId = true,
        bool v1 = false,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var claims = new Dictionary<string, object>();
        if (withObjectId)
        {
            claims["oid"] = person.AadObjectId;
        }

        claims["tid"] = tenant;
        if (scope is not null)
        {
            claims["scp"] = scope;
        }

        claims["ver"] = v1 ? "1.0" : "2.0";
        claims["azp"] = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";
        return LocalOpenIdProvider.MintToken(new LocalTokenRequest
        {
            SigningKey = key ?? Key,
            Issuer = v1 ? $"https://sts.windows.net/{tenant}/" : $"https://login.microsoftonline.com/{tenant}/v2.0",
            Audience = audience,
            NotBefore = expires is { } at ? at.AddHours(-1) : null,
            Expires = expires,
            Algorithm = algorithm,
            Claims = claims,
        });
    }

    /// <summary><c>POST /dashboard/tab/grant</c> for the bed's conversation, with <paramref name="token"/> when given.</summary>
    public async Task<HttpResponseMessage> GrantAsync(string? token, string? conversationId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/" + DashboardEndpoints.TabPath + "/grant", UriKind.Relative))
        {
            Content = new StringContent(new JsonObject { ["conversationId"] = conversationId ?? Bed.ConversationId }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await Bed.Http.SendAsync(request);
    }

    /// <summary><c>POST /dashboard/tab/tables</c> with <paramref name="token"/>.</summary>
    public async Task<HttpResponseMessage> TablesAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/" + DashboardEndpoints.TabPath + "/tables", UriKind.Relative))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await Bed.Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await Bed.DisposeAsync();
        await Entra.DisposeAsync();
    }
}
