using ConcertationBot.Bot.Dashboard;
using ConcertationBot.Tests.Bot.Exports;
using Microsoft.IdentityModel.Tokens;

namespace ConcertationBot.Tests.Bot.Dashboard;

/// <summary>
/// The Teams tabs through the real host on Azurite, with tokens from a local Entra-like OpenID provider: a member with a
/// valid SSO token (v2, or v1 for the Application ID URI) gets a short grant and the dashboard (framable by Teams); a
/// token for another audience, another tenant, an expired one, one without the tab's scope or an <c>oid</c>, one signed
/// with an algorithm other than RS256 to RS512, or none gets 401, and no token reaches the logs; a user outside the
/// conversation's roster gets 403. Outside Teams, the tab page only says how to open the dashboard.
/// </summary>
public sealed class DashboardTabTests
{
    [Fact]
    public async Task Grant_MemberWithValidToken_OpensThisConversationsDashboardFramableByTeams()
    {
        // Arrange
        await using var world = await TabWorld.StartAsync();
        await world.AskForTheDashboardAsync();

        // Act
        using var grant = await world.GrantAsync(world.TokenFor(TestPerson.Amelie));
        var url = new Uri((string)JsonNode.Parse(await grant.Content.ReadAsStringAsync())!["url"]!);
        using var page = await world.Bed.Http.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        var links = world.Bed.Factory.Services.GetRequiredService<DashboardLinks>();
        var granted = links.Verify(DashboardFlows.TokenOf(new Uri(url.PathAndQuery, UriKind.Relative)));
        Assert.NotNull(granted);
        Assert.Equal(world.Bed.ConversationId, granted.ConversationId);
        Assert.True(granted.InTab);
        Assert.True(granted.ExpiresAt <= DateTimeOffset.UtcNow + TimeSpan.FromMinutes(31), "a tab's grant is short-lived");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>", html, StringComparison.Ordinal);
        Assert.Equal(DashboardEndpoints.FramedPagePolicy, string.Join(";", page.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft", DashboardEndpoints.FramedPagePolicy, StringComparison.Ordinal);
        Assert.False(page.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task Page_LinkFromTheCommand_StillNeverFramed()
    {
        // Arrange
        await using var world = await TabWorld.StartAsync();
        var (_, link) = await DashboardFlows.LinkAsync(world.Bed, TestPerson.Nadia);

        // Act
        using var page = await world.Bed.Http.GetAsync(link);

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(DashboardEndpoints.ContentSecurityPolicy, string.Join(";", page.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", string.Join(",", page.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("another audience")]
    [InlineData("another tenant")]
    [InlineData("expired")]
    [InlineData("unpublished key")]
    [InlineData("no access_as_user scope")]
    [InlineData("no oid")]
    [InlineData("PS256 signature")]
    public async Task Grant_FlawedToken_Unauthorized(string flaw)
    {
        // Arrange
        await using var world = await TabWorld.StartAsync();
        await world.AskForTheDashboardAsync();
        using var forged = LocalOpenIdProvider.CreateKey("entra-key-1");
        var token = flaw switch
        {
            "another audience" => world.TokenFor(TestPerson.Nadia, audience: "api://other.example.org/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"),
            "another tenant" => world.TokenFor(TestPerson.Nadia, tenant: "tenant-2"),
            "expired" => world.TokenFor(TestPerson.Nadia, expires: DateTime.UtcNow.AddMinutes(-10)),
            "unpublished key" => world.TokenFor(TestPerson.Nadia, key: forged),
            "no access_as_user scope" => world.TokenFor(TestPerson.Nadia, scope: "User.Read"),
            "no oid" => world.TokenFor(TestPerson.Nadia, withObjectId: false),
            "PS256 signature" => world.TokenFor(TestPerson.Nadia, algorithm: SecurityAlgorithms.RsaSsaPssSha256),
            _ => throw new ArgumentOutOfRangeException(nameof(flaw), flaw, "no such flaw"),
        };

        // Act
        using var response = await world.GrantAsync(token);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Grant_AppIdAsAudience_Accepted()
    {
        // Arrange
        await using var world = await TabWorld.StartAsync();
        await world.AskForTheDashboardAsync();

        // Act
        using var response = await world.GrantAsync(world.TokenFor(TestPerson.Nadia, audience: TabWorld.ClientId));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Grant_V1TokenForTheApplicationIdUri_Accepted()
    {
        // Arrange
        await using var world = await TabWorld.StartAsync();
        await world.AskForTheDashboardAsync();

        // Act
        using var response = await world.GrantAsync(world.TokenFor(TestPerson.Nadia, v1: true));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Grant_AcceptedAndRejectedTokens_TokenNeverLogged()
    {
        // Arrange
        var logs = new ExportLinkLogTests.CapturingLoggerProvider();
        await using var world = await TabWorld.StartAsync(logs: logs);
        await world.AskForTheDashboardAsync();
        var accepted = world.TokenFor(TestPerson.Amelie);
        var rejected = world.TokenFor(TestPerson.Amelie, scope: "User.Read");

        // Act
        using var grant = await world.GrantAsync(accepted);
        using var refusal = await world.GrantAsync(rejected);

        // Assert
        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refusal.StatusCode);
        var lines = logs.Lines;
        Assert.Contains(lines, line => line.Contains("Dashboard tab grant made", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Dashboard tab request rejected with 401", StringComparison.Ordinal));
        foreach (var part in accepted.Split('.').Concat(rejected.Split('.')).Distinct(StringComparer.Ordinal))
        {
            Assert.DoesNotContain(lines, line => line.Contains(part, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Grant_NoToken_Unauthorized()
    {
        // Arrange
        await using var world = await TabWorld.StartAsync();
        await world.AskForTheDashboardAsync();

        // Act
        using var response = await world.GrantAsync(token: null);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("grant", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grant_ValidTokenOfSomeoneNotInTheRoster_Forbidden()
    {
        // Arrange
        await using var world = await TabWorld.StartAsync();
        await world.AskForTheDashboardAsync();

        // Act
        using var response = await world.GrantAsync(world.TokenFor(TestPerson.Chris));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("grant", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grant_AnyTenantAcceptedButTheConversationIsAnothers_Forbidden()
    {
        // Arrange
        await using var world = await TabWorld.StartAsync(tenant: null);
        await world.AskForTheDashboardAsync();

        // Act
        using var ownTenant = await world.GrantAsync(world.TokenFor(TestPerson.Nadia));
        using var otherTenant = await world.GrantAsync(world.TokenFor(TestPerson.Nadia, tenant: "tenant-2"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, ownTenant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTenant.StatusCode);
    }

    [Fact]
    public async Task Grant_ConversationWithAPulseButNoDashboardAsked_UsesThePulsesAddress()
    {
        // Arrange
        await using var world = await TabWorld.StartAsync();
        await global::ConcertationBot.Tests.Bot.Pulses.PulseFlows.OpenAsync(world.Bed);

        // Act
        using var response = await world.GrantAsync(world.TokenFor(TestPerson.Amelie));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Grant_ConversationTheBotNeverSaw_NotFound()
    {
        // Arrange
        await using var world = await TabWorld.StartAsync();

        // Act
        using var response = await world.GrantAsync(world.TokenFor(TestPerson.Nadia));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Tables_MemberAndStranger_OnlyTheMemberSeesTheTable()
    {
        // Arrange
        await using var world = await TabWorld.StartAsync();
        await world.AskForTheDashboardAsync();

        // Act
        using var member = await world.TablesAsync(world.TokenFor(TestPerson.Amelie));
        using var stranger = await world.TablesAsync(world.TokenFor(TestPerson.Chris));
        var memberList = JsonNode.Parse(await member.Content.ReadAsStringAsync())!;
        var strangerList = JsonNode.Parse(await stranger.Content.ReadAsStringAsync())!;

        // Assert
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        var links = world.Bed.Factory.Services.GetRequiredService<DashboardLinks>();
        var conversations = memberList["tables"]!.AsArray()
            .Select(t => links.Verify(DashboardFlows.TokenOf(new Uri(new Uri((string)t!["url"]!).PathAndQuery, UriKind.Relative)))?.ConversationId)
            .ToList();
        Assert.Contains(world.Bed.ConversationId, conversations);
        Assert.Equal(HttpStatusCode.OK, stranger.StatusCode);
        Assert.DoesNotContain(world.Bed.ConversationId, strangerList.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(
            world.Bed.ConversationId,
            strangerList["tables"]!.AsArray().Select(t => links.Verify(DashboardFlows.TokenOf(new Uri(new Uri((string)t!["url"]!).PathAndQuery, UriKind.Relative)))?.ConversationId));
    }

    [Fact]
    public async Task Tables_BotAddedAndNoDashboardAsked_TheMemberSeesTheTable()
    {
        // Arrange: the bot is added to the channel (Teams' conversationUpdate); nobody typed "tableau de bord".
        await using var world = await TabWorld.StartAsync();
        var added = world.Bed.ChannelMessage(TestPerson.Nadia, "unused");
        added["type"] = "conversationUpdate";
        added.Remove("text");
        added.Remove("entities");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = (string?)added["recipient"]!["id"] });
        using (var response = await world.Bed.PostAsync(added))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Act
        using var member = await world.TablesAsync(world.TokenFor(TestPerson.Amelie));

        // Assert
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        var links = world.Bed.Factory.Services.GetRequiredService<DashboardLinks>();
        var conversations = JsonNode.Parse(await member.Content.ReadAsStringAsync())!["tables"]!.AsArray()
            .Select(t => links.Verify(DashboardFlows.TokenOf(new Uri(new Uri((string)t!["url"]!).PathAndQuery, UriKind.Relative)))?.ConversationId);
        Assert.Contains(world.Bed.ConversationId, conversations);
    }

    [Fact]
    public async Task Tables_NoToken_Unauthorized()
    {
        // Arrange
        await using var world = await TabWorld.StartAsync();
        await world.AskForTheDashboardAsync();

        // Act
        using var response = await world.Bed.Http.PostAsync(new Uri("/" + DashboardEndpoints.TabPath + "/tables", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("channel")]
    [InlineData("personal")]
    [InlineData("config")]
    public async Task TabPage_OutsideTeams_SaysHowToOpenTheDashboardAndHoldsNoData(string view)
    {
        // Arrange
        await using var world = await TabWorld.StartAsync();
        await world.AskForTheDashboardAsync();

        // Act
        using var response = await world.Bed.Http.GetAsync(new Uri($"/{DashboardEndpoints.TabPath}?view={view}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        using var script = await world.Bed.Http.GetAsync(new Uri("/" + DashboardEndpoints.TabPath + "/assets/" + DashboardAssets.TabScriptFile, UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ailleurs, écrivez «\u00A0tableau de bord\u00A0» dans la conversation", html, StringComparison.Ordinal);
        Assert.Contains("Elsewhere, type &quot;dashboard&quot; in the conversation", html, StringComparison.Ordinal);
        Assert.Contains($"data-view=\"{view}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("grant=", html, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Bed.ConversationId, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"tab/assets/MicrosoftTeams.min.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Equal(DashboardEndpoints.TabPagePolicy, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("connect-src 'self'", DashboardEndpoints.TabPagePolicy, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("authentication.getAuthToken", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
