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
    public async Task DashboardPage_RencontreWithAClosedPulse_LinksToItsCompteRenduScopedToTheConversationUntilThePageExpires()
    {
        // Arrange: a rencontre with a pulse of three answers, then a newer rencontre with none yet.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        await SendAsync(bed, TestPerson.Nadia, "rencontre 7 septembre : Logement");
        await DashboardFlows.ClosedPulseAsync(
            bed, (TestPerson.Amelie, "4", "coordination", FreinOfThree), (TestPerson.Bruno, "4", "coordination", FreinOfThree), (TestPerson.Chris, "5", "collaboration", FreinOfThree));
        await SendAsync(bed, TestPerson.Nadia, "rencontre 14 septembre : Mobilité active");
        var (_, page) = await DashboardFlows.LinkAsync(bed, TestPerson.Bruno);
        var pageGrant = GrantOf(DashboardFlows.TokenOf(page));

        // Act
        var html = await bed.Http.GetStringAsync(page);
        var rows = DashboardHtml.Rows(html, "rencontres-table");
        var href = Assert.Single(DashboardHtml.Links(html, "rencontres-table"));
        var link = new Uri(new Uri("http://localhost/dashboard"), href);
        using var report = await bed.Http.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        var markdown = await report.Content.ReadAsStringAsync();

        // Assert: the older rencontre links to its compte-rendu, the newer says it has none yet.
        Assert.Equal(["Mobilité active", "Logement"], rows.Select(row => row[1].Text));
        Assert.Equal("Pas encore de pouls clos", rows[0][3].Text);
        Assert.Matches("^Compte-rendu du 7 septembre [0-9]{4}$", rows[1][3].Text);

        // A link on the bot's own origin (relative to the page), to the Markdown export, whose grant is this
        // conversation's and lasts no longer than the page's.
        Assert.False(Uri.IsWellFormedUriString(href, UriKind.Absolute), href);
        Assert.DoesNotContain("//", href, StringComparison.Ordinal);
        Assert.Equal("/exports/compte-rendu.md", link.AbsolutePath);
        var exportToken = DashboardFlows.TokenOf(new Uri(link.PathAndQuery, UriKind.Relative));
        var exportGrant = bed.Factory.Services.GetRequiredService<ExportLinks>().Verify(exportToken);
        Assert.NotNull(exportGrant);
        Assert.Equal(bed.ConversationId, exportGrant.ConversationId);
        Assert.Equal((string)pageGrant["conversationId"]!, exportGrant.ConversationId);
        Assert.Equal(DateTimeOffset.Parse((string)pageGrant["expiresAt"]!, CultureInfo.InvariantCulture), exportGrant.ExpiresAt);

        // Following it gives the rencontre's compte-rendu.
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/markdown", report.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# Compte-rendu de la rencontre du 7 septembre", markdown, StringComparison.Ordinal);
        Assert.Contains("Logement", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardPage_CompteRenduLinkTamperedOrMovedToAnotherConversation_403()
    {
        // Arrange: two conversations on one storage and one key, each with a rencontre and a closed pulse.
        await using var a = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        await using var b = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        await SendAsync(a, TestPerson.Nadia, "rencontre 7 septembre : Logement");
        await DashboardFlows.ClosedPulseAsync(a, (TestPerson.Amelie, "4", "coordination", null));
        await SendAsync(b, TestPerson.Nadia, "rencontre 8 septembre : Thème-de-la-table-B");
        await DashboardFlows.ClosedPulseAsync(b, (TestPerson.Amelie, "3", "coordination", null));
        var (_, page) = await DashboardFlows.LinkAsync(a, TestPerson.Amelie);
        var href = Assert.Single(DashboardHtml.Links(await a.Http.GetStringAsync(page), "rencontres-table"));
        var token = DashboardFlows.TokenOf(new Uri("/" + href, UriKind.Relative));
        var (payload, signature) = (token.Split('.')[0], token.Split('.')[1]);
        var grant = JsonNode.Parse(Base64Url.DecodeFromChars(payload))!.AsObject();
        var moved = grant.DeepClone().AsObject();
        moved["conversationId"] = b.ConversationId;
        var extended = grant.DeepClone().AsObject();
        extended["expiresAt"] = DateTimeOffset.UtcNow.AddYears(1).ToString("O");
        string[] refused = [Sign(moved), Sign(extended), payload + "." + signature[..^2]];

        // Act / Assert: the genuine link opens A's compte-rendu…
        using (var genuine = await a.Http.GetAsync(new Uri("/" + href, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        }

        // …no edit of it opens anything.
        foreach (var bad in refused)
        {
            using var response = await a.Http.GetAsync(new Uri("/exports/compte-rendu.md?grant=" + Uri.EscapeDataString(bad), UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("Thème-de-la-table-B", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        string Sign(JsonObject edited) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(edited.ToJsonString())) + "." + signature;
    }

    [Fact]
    public async Task DashboardPage_PulseOfAnotherTemplate_LeftOffTheTrends()
    {
        // Arrange: an ordinary pulse closed with three answers, then a pulse of another template (a changes round's
        // deepening) opened and closed in the same conversation.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        await DashboardFlows.ClosedPulseAsync(
            bed, (TestPerson.Amelie, "4", "coordination", null), (TestPerson.Bruno, "4", "coordination", null), (TestPerson.Chris, "5", "collaboration", null));
        var store = bed.Factory.Services.GetRequiredService<IPulseStore>();
        var now = DateTimeOffset.UtcNow;
        var deepening = await store.TryOpenAsync(
            new PulseRecord
            {
                PulseId = PulseRecord.NewId(),
                ChannelId = "msteams",
                ConversationId = bed.ConversationId,
                ServiceUrl = bed.Connector.ServiceUrl,
                ConversationType = "channel",
                TemplateId = "changes-deepening-" + PulseRecord.NewId(),
                TemplateVersion = 1,
                Language = "fr",
                OpenedAt = now.AddMinutes(-1),
                Deadline = now.AddDays(1),
                OpenedByUserId = TestPerson.Nadia.Id,
            },
            CancellationToken.None);
        Assert.NotNull(deepening);
        Assert.True(await bed.Factory.Services.GetRequiredService<PulseCloser>().CloseAsync(deepening, Language.French, CancellationToken.None));
        var closed = await store.GetAsync("msteams", bed.ConversationId, deepening.PulseId, CancellationToken.None);
        Assert.False(closed!.IsOpen || closed.SummaryPending);
        Assert.NotEqual(PulseTemplates.Default.Id, closed.TemplateId);
        var (_, link) = await DashboardFlows.LinkAsync(bed, TestPerson.Amelie);

        // Act
        var html = await bed.Http.GetStringAsync(link);

        // Assert: only the ordinary pulse, on every trend.
        Assert.Equal(["3"], DashboardHtml.Rows(html, "participation-table").Select(row => row[1].Value));
        Assert.Single(DashboardHtml.Rows(html, "role-clarity-table"));
        Assert.Single(DashboardHtml.Rows(html, "continuum-table"));
    }

    [Fact]
    public async Task DashboardCommand_InABilingualConversation_OnePageWithBothLabelsAndTheFiguresOnce()
    {
        // Arrange: a bilingual conversation, a rencontre with a closed pulse and a vote typed in both languages.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        await SendAsync(bed, TestPerson.Nadia, "langue bilingue");
        await SendAsync(bed, TestPerson.Nadia, "rencontre 7 septembre : Logement");
        await DashboardFlows.ClosedPulseAsync(
            bed, (TestPerson.Amelie, "4", "coordination", null), (TestPerson.Bruno, "4", "coordination", null), (TestPerson.Chris, "5", "collaboration", null));
        await DashboardFlows.ClosedVoteAsync(
            bed, "vote Quelle priorité ? | Which priority? : Logement abordable | Affordable housing ; Mobilité des aînés", (TestPerson.Amelie, 0), (TestPerson.Bruno, 0), (TestPerson.Chris, 1));

        // Act
        var (card, link) = await DashboardFlows.LinkAsync(bed, TestPerson.Chris, "dashboard");
        var html = await bed.Http.GetStringAsync(link);

        // Assert: French is the page's language, every English part is marked as such for screen readers.
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Tableau de bord de la table · The table&#39;s dashboard</title>", html, StringComparison.Ordinal);
        Assert.Contains("Feuille de route<span class=\"alt\"><span aria-hidden=\"true\"> / </span><span lang=\"en\">Roadmap</span></span>", html, StringComparison.Ordinal);
        Assert.Contains("Tendances des pouls<span class=\"alt\"><span aria-hidden=\"true\"> / </span><span lang=\"en\">Pulse trends</span></span>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"lede alt-block\" lang=\"en\">Overall figures only", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"alt-block\" lang=\"en\">This link expires on ", html, StringComparison.Ordinal);
        Assert.Equal(CountOf(html, "<p class=\"lede\">"), CountOf(html, "<p class=\"lede alt-block\" lang=\"en\">"));

        // The figures once, in French; the vote's question and options in both wordings; levels in both.
        var participation = DashboardHtml.Rows(html, "participation-table");
        Assert.Equal(["3"], participation.Select(row => row[1].Value));
        var clarity = Assert.Single(DashboardHtml.Rows(html, "role-clarity-table"));
        Assert.Equal("4,33", clarity[3].Text);
        var continuum = Assert.Single(DashboardHtml.Rows(html, "continuum-table"));
        Assert.Equal("Coordination", continuum[2].Text);
        Assert.Contains("Taux (%)<span class=\"alt\"><span aria-hidden=\"true\"> / </span><span lang=\"en\">Rate (%)</span></span>", html, StringComparison.Ordinal);
        Assert.Contains("Quelle priorité ?<span class=\"alt\"><span aria-hidden=\"true\"> / </span><span lang=\"en\">Which priority?</span></span>", html, StringComparison.Ordinal);
        var ranking = DashboardHtml.Rows(html, "vote-1-table");
        Assert.Equal(["Logement abordable / Affordable housing", "Mobilité des aînés"], ranking.Select(row => row[0].Text));
        Assert.Equal(["2", "1"], ranking.Select(row => row[2].Value));
        var rencontre = Assert.Single(DashboardHtml.Rows(html, "rencontres-table"));
        Assert.StartsWith("Compte-rendu du 7 septembre", rencontre[3].Text, StringComparison.Ordinal);
        Assert.Contains("/ Compte-rendu of September 7, ", rencontre[3].Text, StringComparison.Ordinal);

        // The card says it in both languages too.
        var text = TestActivities.CardText(card);
        Assert.Contains("Tableau de bord", text, StringComparison.Ordinal);
        Assert.Contains("dashboard", text, StringComparison.OrdinalIgnoreCase);
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

    private static JsonObject GrantOf(string token) => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[0]))!.AsObject();

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static async Task SendAsync(ConversationTestBed bed, TestPerson person, string text)
    {
        using var response = await bed.PostAsync(bed.ChannelMessage(person, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
