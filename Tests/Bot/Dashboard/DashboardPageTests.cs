using System.Buffers.Text;
using ConcertationBot.Bot.Dashboard;

namespace ConcertationBot.Tests.Bot.Dashboard;

/// <summary>
/// The dashboard through the real host on Azurite: <c>tableau de bord</c> gives anyone in the conversation a signed
/// link; the page it opens holds aggregates only, under the small-group rule, with a strict Content-Security-Policy.
/// </summary>
public sealed class DashboardPageTests
{
    private const string FreinOfTwo = "Frein-secret-de-deux-personnes";
    private const string FreinOfThree = "Frein-de-trois-personnes";

    [Fact]
    public async Task DashboardCommand_AskedByAMemberWhoIsNoCoordinator_LinkOpensThePageWithItsStrictPolicy()
    {
        // Arrange: a rencontre, a feuille de route and a closed vote with three ballots.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        await SendAsync(bed, TestPerson.Nadia, "rencontre 14 septembre : Mobilité active");
        await SendAsync(bed, TestPerson.Nadia, "feuille de route vision : Un quartier où chacun marche sans crainte");
        await SendAsync(bed, TestPerson.Nadia, "feuille de route ajouter court : Trottoirs déneigés");
        await DashboardFlows.ClosedVoteAsync(bed, "vote Priorité : Trottoirs ; Pistes ; Bancs", (TestPerson.Amelie, 1), (TestPerson.Bruno, 1), (TestPerson.Chris, 0));

        // Act
        var (card, link) = await DashboardFlows.LinkAsync(bed, TestPerson.Bruno);
        using var response = await bed.Http.GetAsync(link);
        var html = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Contains("Tableau de bord", TestActivities.CardText(card), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DashboardEndpoints.ContentSecurityPolicy, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("script-src 'self'", DashboardEndpoints.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", DashboardEndpoints.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.Contains("Un quartier où chacun marche sans crainte", html, StringComparison.Ordinal);
        Assert.Contains("Trottoirs déneigés", html, StringComparison.Ordinal);
        Assert.Contains(DashboardHtml.Rows(html, "rencontres-table"), row => row[1].Text == "Mobilité active");
        var ranking = DashboardHtml.Rows(html, "vote-1-table");
        Assert.Equal(["Pistes", "Trottoirs", "Bancs"], ranking.Select(row => row[0].Text));
        Assert.Equal(["2", "1", "0"], ranking.Select(row => row[2].Value));
        foreach (var person in new[] { TestPerson.Nadia, TestPerson.Amelie, TestPerson.Bruno, TestPerson.Chris })
        {
            Assert.DoesNotContain(person.Name, html, StringComparison.Ordinal);
            Assert.DoesNotContain(person.AadObjectId, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DashboardPage_PulseOfTwoAnswersBesideOneOfThree_TwoShowsCountsOnlyThreeShowsFigures()
    {
        // Arrange: k = 3 (the default). The first pulse has two answers, the second three.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        await DashboardFlows.ClosedPulseAsync(bed, (TestPerson.Amelie, "2", "coordination", FreinOfTwo), (TestPerson.Bruno, "5", "collaboration", null));
        await DashboardFlows.ClosedPulseAsync(
            bed, (TestPerson.Amelie, "4", "coordination", FreinOfThree), (TestPerson.Bruno, "4", "coordination", FreinOfThree), (TestPerson.Chris, "5", "collaboration", FreinOfThree));
        var (_, link) = await DashboardFlows.LinkAsync(bed, TestPerson.Amelie);

        // Act
        var html = await bed.Http.GetStringAsync(link);

        // Assert: no text at all, of either pulse.
        Assert.DoesNotContain(FreinOfTwo, html, StringComparison.Ordinal);
        Assert.DoesNotContain(FreinOfThree, html, StringComparison.Ordinal);

        // Role clarity: date, ratings, je ne sais pas, mean, spread, 1…5, note.
        var clarity = DashboardHtml.Rows(html, "role-clarity-table");
        Assert.Equal(2, clarity.Count);
        var two = clarity[0];
        Assert.Equal("2", two[1].Value);
        Assert.All(two.Skip(3).Take(7), cell => Assert.Null(cell.Value));
        Assert.StartsWith("Moins de 3 réponses", two[^1].Text, StringComparison.Ordinal);
        var three = clarity[1];
        Assert.Equal("3", three[1].Value);
        Assert.Equal("4.33", three[3].Value);
        Assert.Equal("4,33", three[3].Text);
        Assert.Equal("0.47", three[4].Value);
        Assert.Equal(["0", "0", "0", "2", "1"], three.Skip(5).Take(5).Select(c => c.Value));
        Assert.Equal(string.Empty, three[^1].Text);

        // Continuum: date, answers, median, the seven levels, note.
        var continuum = DashboardHtml.Rows(html, "continuum-table");
        Assert.Equal("—", continuum[0][2].Text);
        Assert.All(continuum[0].Skip(3).Take(7), cell => Assert.Null(cell.Value));
        Assert.Equal("Coordination", continuum[1][2].Text);
        Assert.Equal(["0", "0", "0", "0", "2", "1", "0"], continuum[1].Skip(3).Take(7).Select(c => c.Value));

        // Participation per pulse: the answers are always counted, as on the summary card.
        Assert.Equal(["2", "3"], DashboardHtml.Rows(html, "participation-table").Select(row => row[1].Value));
    }

    [Fact]
    public async Task DashboardCommand_InEnglish_PageInEnglish()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        var (_, link) = await DashboardFlows.LinkAsync(bed, TestPerson.Chris, "dashboard");
        var html = await bed.Http.GetStringAsync(link);

        // Assert
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("The table&#39;s dashboard", html, StringComparison.Ordinal);
        Assert.Contains("No closed pulse yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardLink_TamperedUnsignedOrMalformed_403WithoutData()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        await SendAsync(bed, TestPerson.Nadia, "feuille de route vision : Vision-secrète");
        var (_, link) = await DashboardFlows.LinkAsync(bed, TestPerson.Nadia);
        var token = DashboardFlows.TokenOf(link);
        var (payload, signature) = (token.Split('.')[0], token.Split('.')[1]);
        var grant = JsonNode.Parse(Base64Url.DecodeFromChars(payload))!.AsObject();
        grant["expiresAt"] = DateTimeOffset.UtcNow.AddYears(1).ToString("O");
        var extended = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(grant.ToJsonString()));
        string[] forged = [extended + "." + signature, payload, payload + ".", payload + "." + signature[..^2], "garbage", string.Empty, token + "." + signature];

        // Act / Assert
        using (var genuine = await bed.Http.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        }

        foreach (var bad in forged)
        {
            using var response = await bed.Http.GetAsync(new Uri("/dashboard?grant=" + Uri.EscapeDataString(bad), UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{(int)response.StatusCode} for '{bad}'");
            Assert.DoesNotContain("Vision-secrète", body, StringComparison.Ordinal);
            Assert.True(response.Headers.Contains("Content-Security-Policy"));
        }
    }

    [Fact]
    public async Task DashboardLink_Expired_403()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        var links = bed.Factory.Services.GetRequiredService<DashboardLinks>();
        var expired = links.CreateToken(new DashboardGrant("msteams", bed.ConversationId, bed.TeamId, "fr", DateTimeOffset.UtcNow.AddSeconds(-1)));
        var valid = links.CreateToken(new DashboardGrant("msteams", bed.ConversationId, bed.TeamId, "fr", DateTimeOffset.UtcNow.AddHours(1)));

        // Act
        using var old = await bed.Http.GetAsync(DashboardLinks.Link(new Uri("http://localhost/"), expired));
        using var fresh = await bed.Http.GetAsync(DashboardLinks.Link(new Uri("http://localhost/"), valid));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task DashboardLink_EditedToAnotherConversationOrAnExportGrant_403AndTheOtherDataNeverServed()
    {
        // Arrange: two conversations on one storage and one key, B with a feuille de route of its own.
        await using var a = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        await using var b = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        await SendAsync(b, TestPerson.Nadia, "feuille de route vision : Vision-de-la-table-B");
        var tokenA = DashboardFlows.TokenOf((await DashboardFlows.LinkAsync(a, TestPerson.Nadia)).Link);
        var tokenB = DashboardFlows.TokenOf((await DashboardFlows.LinkAsync(b, TestPerson.Nadia)).Link);
        var (payloadA, signatureA) = (tokenA.Split('.')[0], tokenA.Split('.')[1]);
        var grantA = JsonNode.Parse(Base64Url.DecodeFromChars(payloadA))!.AsObject();
        var grantB = JsonNode.Parse(Base64Url.DecodeFromChars(tokenB.Split('.')[0]))!.AsObject();
        grantA["conversationId"] = grantB["conversationId"]!.DeepClone();
        grantA["roadmapScopeId"] = grantB["roadmapScopeId"]!.DeepClone();
        var exportLinks = a.Factory.Services.GetRequiredService<ExportLinks>();
        var exportToken = exportLinks.CreateToken(exportLinks.GrantFor("msteams", (string)grantB["conversationId"]!, ExportGrant.VotesOnly));
        string[] refused = [Base64Url.EncodeToString(Encoding.UTF8.GetBytes(grantA.ToJsonString())) + "." + signatureA, tokenB.Split('.')[0] + "." + signatureA, exportToken];

        // Act / Assert: B's genuine link shows B's vision, from A's host too…
        Assert.Contains("Vision-de-la-table-B", await a.Http.GetStringAsync(DashboardLinks.Link(new Uri("http://localhost/"), tokenB)), StringComparison.Ordinal);

        // …and no edit of A's link, nor an export link's grant, opens it.
        foreach (var token in refused)
        {
            using var response = await a.Http.GetAsync(DashboardLinks.Link(new Uri("http://localhost/"), token));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("Vision-de-la-table-B", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("dashboard.js", "text/javascript")]
    [InlineData("dashboard.css", "text/css")]
    [InlineData(DashboardAssets.ChartFile, "text/javascript")]
    [InlineData("favicon.svg", "image/svg+xml")]
    public async Task DashboardAsset_OwnFile_ServedWithThePolicy(string file, string mediaType)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.Http.GetAsync(new Uri("/dashboard/assets/" + file, UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("..%2F..%2Fappsettings.json")]
    [InlineData("appsettings.json")]
    [InlineData("ConcertationBot.Bot.dll")]
    [InlineData("chart.js")]
    [InlineData("DASHBOARD.JS")]
    public async Task DashboardAsset_AnyOtherName_404(string file)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.Http.GetAsync(new Uri("/dashboard/assets/" + file, UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task SendAsync(ConversationTestBed bed, TestPerson person, string text)
    {
        using var response = await bed.PostAsync(bed.ChannelMessage(person, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
