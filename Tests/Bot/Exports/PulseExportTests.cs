using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ConcertationBot.Cards;
using Microsoft.Extensions.DependencyInjection;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Exports;
using ConcertationBot.Bot.Roadmap;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Roadmap;
using ConcertationBot.Tests.Bot.Pulses;
using ConcertationBot.Tests.Bot.Votes;
using ConcertationBot.Tests.Infrastructure;

namespace ConcertationBot.Tests.Bot.Exports;

/// <summary><c>export</c> over HTTP: the card, the signed links, and what they serve.</summary>
public sealed class PulseExportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("fr-CA", "Télécharger")]
    [InlineData("en-US", "Download")]
    public async Task Export_Coordinator_CardWithMarkdownAndCsvLinks(string locale, string button)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], ConversationTestBed.EveryTextShown);
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, Answers("Pas de local commun à Saint-Michel", "Le café-rencontre « Chez Léa » 🎉"));

        // Act
        var (markdown, csv) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia with { Locale = locale });

        // Assert
        Assert.Contains(button, TestActivities.CardText(await bed.SentCardAsync(bed.Posts.Count - 1)), StringComparison.Ordinal);
        using var md = await bed.Http.GetAsync(markdown);
        Assert.Equal(HttpStatusCode.OK, md.StatusCode);
        Assert.Equal("text/markdown", md.Content.Headers.ContentType?.MediaType);
        var text = await md.Content.ReadAsStringAsync();
        Assert.StartsWith("# Compte-rendu", text, StringComparison.Ordinal);
        Assert.Contains("Pas de local commun à Saint-Michel", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPerson.Amelie.Name, text, StringComparison.Ordinal);
        using var file = await bed.Http.GetAsync(csv);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        Assert.Contains("compte-rendu-", file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCsv_AccentsAndEmoji_Utf8WithBomSoExcelReadsThem()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, Answers("Méfiance envers l'arrondissement", "Le café-rencontre « Chez Léa » 🎉"));
        await PulseFlows.AnswerAsync(bed, TestPerson.Chris, pulseId, Answers("=HYPERLINK(\"http://evil\")", "Ça avance"));
        await PulseFlows.AnswerAsync(bed, TestPerson.Bruno, pulseId, Answers("Peu de temps", "Une salle prêtée")); // k = 3: rows are published
        var (_, csv) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);

        // Act
        var bytes = await bed.Http.GetByteArrayAsync(csv);

        // Assert
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        Assert.Contains("Méfiance envers l'arrondissement", text, StringComparison.Ordinal);
        Assert.Contains("Le café-rencontre « Chez Léa » 🎉", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"=HYPERLINK", text, StringComparison.Ordinal);
        Assert.DoesNotContain(";=HYPERLINK", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("Clarté des rôles;", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-CA", "Clarté des rôles;Clarté des rôles — je ne sais pas;", "Moins de 3 réponses")]
    [InlineData("en-US", "Role clarity,Role clarity — don't know,", "Fewer than 3 answers")]
    public async Task ExportCsv_FewerAnswersThanK_HeaderAndNoteWithoutAnswerRows(string locale, string header, string note)
    {
        // Arrange: one answer in a conversation of the opener's language (the export follows the pulse's language).
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var before = bed.Posts.Count;
        using (var opening = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia with { Locale = locale }, "pulse démarrer")))
        {
            Assert.Equal(HttpStatusCode.OK, opening.StatusCode);
        }

        var pulseId = (string?)ConversationTestBed.FindAction(await bed.SentCardAsync(before), CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId];
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId!, Answers("Méfiance envers l'arrondissement", "Le café-rencontre « Chez Léa »"));
        var (_, csv) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia with { Locale = locale });

        // Act
        var bytes = await bed.Http.GetByteArrayAsync(csv);

        // Assert
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(header, lines[0], StringComparison.Ordinal);
        Assert.StartsWith(note, lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Méfiance", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Chez Léa", string.Join('\n', lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportLink_Tampered_403()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await PulseFlows.OpenAsync(bed);
        var (markdown, _) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        var path = markdown.OriginalString;
        var token = Uri.UnescapeDataString(path[(path.IndexOf("?grant=", StringComparison.Ordinal) + "?grant=".Length)..]);
        var payload = token.Split('.')[0];
        var flipped = payload[..^1] + (payload[^1] == 'A' ? 'B' : 'A');

        // Act
        using var tampered = await bed.Http.GetAsync(new Uri(path.Replace(payload, flipped, StringComparison.Ordinal), UriKind.Relative));
        using var unsigned = await bed.Http.GetAsync(new Uri($"/exports/{payload}/compte-rendu.md", UriKind.Relative));
        using var garbage = await bed.Http.GetAsync(new Uri("/exports/not-a-token/compte-rendu.csv", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, garbage.StatusCode);
    }

    [Fact]
    public async Task ExportLink_Expired_403()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var links = bed.Factory.Services.GetRequiredService<ExportLinks>();
        var expired = links.CreateToken(new ExportGrant("msteams", bed.ConversationId, pulseId, DateTimeOffset.UtcNow.AddSeconds(-1)));
        var valid = links.CreateToken(new ExportGrant("msteams", bed.ConversationId, pulseId, DateTimeOffset.UtcNow.AddHours(1)));

        // Act
        using var old = await bed.Http.GetAsync(new Uri($"/exports/{expired}/compte-rendu.md", UriKind.Relative));
        using var fresh = await bed.Http.GetAsync(new Uri($"/exports/{valid}/compte-rendu.md", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Export_NonCoordinator_RefusedWithoutLinks()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await PulseFlows.OpenAsync(bed);
        var before = bed.Posts.Count;

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Bruno, "export"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await bed.SentCardAsync(before);
        Assert.DoesNotContain("/exports/", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("export", TestActivities.CardText(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_PulseThenClosedVote_CompteRenduListsTheVoteRankedWithTies()
    {
        // Arrange: a pulse, then a vote closed with Logement 2, Mobilité 1, Emploi des jeunes 1.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], ConversationTestBed.EveryTextShown);
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, Answers("Peu de temps", "Un agenda commun"));
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Emploi des jeunes");
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 0));
        await VoteFlows.CastAsync(bed, TestPerson.Bruno, VoteFlows.Single(voteId, 0));
        await VoteFlows.CastAsync(bed, TestPerson.Chris, VoteFlows.Single(voteId, 1));
        await VoteFlows.CastAsync(bed, TestPerson.Nadia, VoteFlows.Single(voteId, 2));
        using (var closing = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote clore")))
        {
            Assert.Equal(HttpStatusCode.OK, closing.StatusCode);
        }

        // Act
        var (markdown, _) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);

        // Assert
        Assert.Contains("1 vote", TestActivities.CardText(await bed.SentCardAsync(bed.Posts.Count - 1)), StringComparison.Ordinal);
        using var md = await bed.Http.GetAsync(markdown);
        var text = await md.Content.ReadAsStringAsync();
        Assert.Contains("Peu de temps", text, StringComparison.Ordinal);
        Assert.Contains("### Nos priorités", text, StringComparison.Ordinal);
        Assert.Contains("4 votants", text, StringComparison.Ordinal);
        Assert.Contains("**1.** Logement — 2 voix", text, StringComparison.Ordinal);
        Assert.Contains("**2.** Mobilité — 1 voix (ex æquo)", text, StringComparison.Ordinal);
        Assert.Contains("**2.** Emploi des jeunes — 1 voix (ex æquo)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_VotesOnlyNoPulse_CompteRenduOfTheVotes()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        // One ballot, under k: the coordinator made the results public, so the ranking is published.
        var voteId = await VoteFlows.OpenAsync(bed, "vote points 3 résultats publics Nos priorités : Logement ; Mobilité");
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Points(voteId, 1, 2));
        using (var closing = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote clore")))
        {
            Assert.Equal(HttpStatusCode.OK, closing.StatusCode);
        }

        // Act
        var (markdown, csv) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);

        // Assert
        using var md = await bed.Http.GetAsync(markdown);
        Assert.Equal(HttpStatusCode.OK, md.StatusCode);
        var text = await md.Content.ReadAsStringAsync();
        Assert.Contains("**1.** Mobilité — 2 points", text, StringComparison.Ordinal);
        Assert.Contains("**2.** Logement — 1 point", text, StringComparison.Ordinal);
        using var file = await bed.Http.GetAsync(csv);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
    }

    [Fact]
    public async Task Export_VoteClosedWithTwoBallotsUnderK_OptionsWithoutRankingOrScores()
    {
        // Arrange: k is 3; Amélie and Bruno both chose Mobilité.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await CloseVoteAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Parc", 1, 1);

        // Act
        var (markdown, _) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        var text = await bed.Http.GetStringAsync(markdown);

        // Assert: as on the final card, how many voted and the options in the vote's order, nothing that tells who chose what.
        Assert.Contains("2 votants", text, StringComparison.Ordinal);
        Assert.Contains("*Pas assez de votes pour publier le détail", text, StringComparison.Ordinal);
        Assert.Contains("il en faut au moins 3.*", text, StringComparison.Ordinal);
        Assert.Contains("- Logement\n- Mobilité\n- Parc", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("voix", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**1.**", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_VoteClosedBetweenTwoPulses_InTheNextPulsesCompteRenduAndVotesOfTheEarlierCycleNotRepeated()
    {
        // Arrange: a vote closed while the first pulse runs, the pulse closed, a vote closed before the second pulse opens.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await PulseFlows.OpenAsync(bed);
        await CloseVoteAsync(bed, "vote Pendant le premier pulse : Logement ; Mobilité");
        await SendAsync(bed, "pulse clore");
        await CloseVoteAsync(bed, "vote Entre deux pulses : Parc ; Bibliothèque");
        await PulseFlows.OpenAsync(bed);

        // Act
        var (markdown, _) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        var text = await bed.Http.GetStringAsync(markdown);

        // Assert
        Assert.Contains("### Entre deux pulses", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pendant le premier pulse", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_VotesClosedBeforeTheFirstPulse_InItsCompteRendu()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await CloseVoteAsync(bed, "vote Avant tout pulse : Logement ; Mobilité");
        await PulseFlows.OpenAsync(bed);

        // Act
        var (markdown, _) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        var text = await bed.Http.GetStringAsync(markdown);

        // Assert
        Assert.Contains("### Avant tout pulse", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_PulseOfARencontre_CompteRenduOfTheRencontreWithItsVotesOnly()
    {
        // Arrange: a vote opened before the rencontre, then the rencontre and its intention, a pulse answered by three
        // partners and closed, the earlier vote closed, and a vote of the rencontre opened and closed.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var before = await VoteFlows.OpenAsync(bed, "vote Horaire des rencontres : Le matin ; Le soir");
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(before, 1));
        await SendAsync(bed, "rencontre 2026-09-14 : Les partenariats dans les projets de quartier");
        await SendAsync(bed, "rencontre intention : Identifier les freins et les leviers pour pérenniser le réseau");
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, Answers("Les objectifs suivent surtout les financements.", "Un comité de pilotage trimestriel."));
        await PulseFlows.AnswerAsync(bed, TestPerson.Bruno, pulseId, Answers("Des tensions entre partenaires pour les subventions.", "Clarifier ce que chacun y gagne."));
        await PulseFlows.AnswerAsync(bed, TestPerson.Chris, pulseId, Answers("Peu de temps entre deux rencontres.", "Un calendrier commun des activités."));
        await SendAsync(bed, "pulse clore");
        await SendAsync(bed, "vote clore");
        await CloseVoteAsync(bed, "vote Pistes à prioriser : Un calendrier commun ; Trois indicateurs simples", 0, 0, 1);
        Assert.Null((await VoteFlows.StoredAsync(bed, before))!.RencontreId);
        Assert.NotNull((await bed.Factory.Services.GetRequiredService<IPulseStore>().GetAsync("msteams", bed.ConversationId, pulseId, CancellationToken.None))?.RencontreId);

        // Act
        var (markdown, _) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        var text = await bed.Http.GetStringAsync(markdown);

        // Assert
        var card = TestActivities.CardText(await bed.SentCardAsync(bed.Posts.Count - 1));
        Assert.Contains("Rencontre du 14 septembre 2026", card, StringComparison.Ordinal);
        Assert.Contains("Les partenariats dans les projets de quartier", card, StringComparison.Ordinal);
        Assert.Contains("1 vote", card, StringComparison.Ordinal);
        Assert.StartsWith("# Compte-rendu de la rencontre du 14 septembre 2026\n\n", text, StringComparison.Ordinal);
        Assert.Contains("\nThématique\u00A0: Les partenariats dans les projets de quartier\n", text, StringComparison.Ordinal);
        Assert.Contains("\nIntention\u00A0: Identifier les freins et les leviers pour pérenniser le réseau\n", text, StringComparison.Ordinal);
        Assert.Contains("3 réponses", text, StringComparison.Ordinal);
        Assert.Contains("- Des tensions entre partenaires pour les subventions.\n", text, StringComparison.Ordinal);
        Assert.Contains("### Pistes à prioriser\n", text, StringComparison.Ordinal);
        Assert.Contains("**1.** Un calendrier commun — 2 voix", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Horaire des rencontres", text, StringComparison.Ordinal);
        Assert.EndsWith("## Pistes d'action et suite\n\n*À compléter\u00A0: la feuille de route de la table reprendra ces pistes.*\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_RencontreWithTwoPulses_CompteRenduHoldsEachPulseOldestFirst()
    {
        // Arrange: a pulse closed before the rencontre (not its work), then two pulses of the rencontre, each answered by
        // three partners and closed.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await AnsweredAndClosedPulseAsync(bed, "Avant la rencontre");
        await SendAsync(bed, "rencontre 2026-09-14 : Les partenariats dans les projets de quartier");
        await AnsweredAndClosedPulseAsync(bed, "Premier pouls");
        await AnsweredAndClosedPulseAsync(bed, "Second pouls");

        // Act
        var (markdown, _) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        var text = await bed.Http.GetStringAsync(markdown);

        // Assert
        Assert.StartsWith("# Compte-rendu de la rencontre du 14 septembre 2026\n\n", text, StringComparison.Ordinal);
        var first = text.IndexOf("- Premier pouls : frein d'Amélie.\n", StringComparison.Ordinal);
        var second = text.IndexOf("- Second pouls : frein d'Amélie.\n", StringComparison.Ordinal);
        Assert.True(first > 0 && second > first, "Both pulses of the rencontre, the older first:\n" + text);
        Assert.Equal(2, CountOf(text, "\nPouls «\u00A0"));
        Assert.Equal(1, CountOf(text, "\n---\n"));
        Assert.Equal(1, CountOf(text, "Document généré le"));
        Assert.DoesNotContain("Avant la rencontre", text, StringComparison.Ordinal);

        static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
    }

    [Fact]
    public async Task Export_RencontreWithRoadmapChanges_PistesDActionListAddedAndReachedSinceThePreviousRencontre()
    {
        // Arrange: a first rencontre adds a changement, which is reached before the second rencontre; during the second,
        // another changement is added and a pulse runs.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await SendAsync(bed, "rencontre 2026-09-01 : Première rencontre");
        await SendAsync(bed, "feuille de route ajouter court : Un calendrier commun des activités");
        var roadmaps = bed.Factory.Services.GetRequiredService<IRoadmapStore>();
        var scope = new CoordinatorScope("msteams", bed.TeamId);
        var calendar = Assert.Single((await roadmaps.GetAsync(scope, CancellationToken.None)).Items);
        await roadmaps.ApplyAsync(scope, new EditItem(calendar.Id, Status: RoadmapStatus.Atteint), DateTimeOffset.UtcNow, CancellationToken.None);
        await SendAsync(bed, "rencontre 2026-09-14 : Seconde rencontre");
        await SendAsync(bed, "feuille de route ajouter moyen : Trois indicateurs simples");
        await AnsweredAndClosedPulseAsync(bed, "Seconde");

        // Act
        var (markdown, _) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        var text = await bed.Http.GetStringAsync(markdown);

        // Assert
        var next = text[text.IndexOf("## Pistes d'action et suite\n", StringComparison.Ordinal)..];
        Assert.Contains("### Ajouté à la feuille de route\n\n- Moyen terme — Trois indicateurs simples (à venir)\n", next, StringComparison.Ordinal);
        Assert.Contains("### Atteint depuis la rencontre précédente\n\n- Court terme — Un calendrier commun des activités (atteint)\n", next, StringComparison.Ordinal);
        Assert.DoesNotContain("À compléter", next, StringComparison.Ordinal);
        Assert.DoesNotContain("Un calendrier commun des activités (à venir)", next, StringComparison.Ordinal);
    }

    /// <summary>Opens a pulse, has Amélie, Bruno and Chris name "<paramref name="prefix"/> : frein de …" on the agenda, and closes it.</summary>
    private static async Task AnsweredAndClosedPulseAsync(ConversationTestBed bed, string prefix)
    {
        var pulseId = await PulseFlows.OpenAsync(bed);
        foreach (var (person, name) in new[] { (TestPerson.Amelie, "d'Amélie"), (TestPerson.Bruno, "de Bruno"), (TestPerson.Chris, "de Chris") })
        {
            await PulseFlows.AnswerAsync(bed, person, pulseId, Answers($"{prefix} : frein {name}.", $"{prefix} : levier {name}."));
        }

        await SendAsync(bed, "pulse clore");
    }

    [Fact]
    public async Task Export_RencontreOpenedAfterThePulse_GeneralCompteRenduWithEveryVoteOfItsScope()
    {
        // Arrange: the pulse opened before any rencontre, so it belongs to none; a vote of the rencontre closes after it.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await PulseFlows.OpenAsync(bed);
        await SendAsync(bed, "rencontre 2026-09-14 : Les partenariats dans les projets de quartier");
        await SendAsync(bed, "pulse clore");
        await CloseVoteAsync(bed, "vote Pistes à prioriser : Un calendrier commun ; Trois indicateurs simples");

        // Act
        var (markdown, _) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        var text = await bed.Http.GetStringAsync(markdown);

        // Assert
        Assert.DoesNotContain("Rencontre du", TestActivities.CardText(await bed.SentCardAsync(bed.Posts.Count - 1)), StringComparison.Ordinal);
        Assert.StartsWith("# Compte-rendu — ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Thématique", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pistes d'action et suite", text, StringComparison.Ordinal);
        Assert.Contains("### Pistes à prioriser\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expired", HttpStatusCode.Forbidden)]
    [InlineData("tampered", HttpStatusCode.Forbidden)]
    [InlineData("garbage", HttpStatusCode.Forbidden)]
    [InlineData("unknown-file", HttpStatusCode.NotFound)]
    [InlineData("unknown-pulse", HttpStatusCode.NotFound)]
    public async Task ExportLink_ExpiredTamperedOrUnknown_SmallHtmlPageInFrenchAndEnglish(string kind, HttpStatusCode status)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var links = bed.Factory.Services.GetRequiredService<ExportLinks>();
        var valid = links.CreateToken(new ExportGrant("msteams", bed.ConversationId, pulseId, DateTimeOffset.UtcNow.AddHours(1)));
        var payload = valid.Split('.')[0];
        var token = kind switch
        {
            "expired" => links.CreateToken(new ExportGrant("msteams", bed.ConversationId, pulseId, DateTimeOffset.UtcNow.AddSeconds(-1))),
            "tampered" => valid.Replace(payload, payload[..^1] + (payload[^1] == 'A' ? 'B' : 'A'), StringComparison.Ordinal),
            "garbage" => "not-a-token",
            "unknown-pulse" => links.CreateToken(new ExportGrant("msteams", bed.ConversationId, "0123456789abcdef0123456789abcdef", DateTimeOffset.UtcNow.AddHours(1))),
            _ => valid,
        };
        var file = kind == "unknown-file" ? "compte-rendu.pdf" : "compte-rendu.md";

        // Act
        using var response = await bed.Http.GetAsync(new Uri($"/exports/{file}?grant={Uri.EscapeDataString(token)}", UriKind.Relative));

        // Assert
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Ce lien a expiré ou n'est pas valide : demandez un nouvel export dans Teams.", html, StringComparison.Ordinal);
        Assert.Contains("This link has expired or is not valid: ask for a new export in Teams.", html, StringComparison.Ordinal);
    }

    private static async Task SendAsync(ConversationTestBed bed, string command)
    {
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, command));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Opens a single-choice vote, casts Amélie's, Bruno's, Chris's choices in turn (Amélie's first option when none), closes it.</summary>
    private static async Task CloseVoteAsync(ConversationTestBed bed, string command, params int[] choices)
    {
        var voteId = await VoteFlows.OpenAsync(bed, command);
        TestPerson[] voters = [TestPerson.Amelie, TestPerson.Bruno, TestPerson.Chris];
        foreach (var (voter, choice) in voters.Zip(choices.Length == 0 ? [0] : choices))
        {
            await VoteFlows.CastAsync(bed, voter, VoteFlows.Single(voteId, choice));
        }

        await SendAsync(bed, "vote clore");
    }

    private static Dictionary<string, Dictionary<string, string>> Answers(string frein, string levier) => new()
    {
        ["roleClarity"] = new() { [PulseInputIds.Rating] = "4" },
        ["agenda"] = new() { [PulseInputIds.Frein] = frein, [PulseInputIds.Levier] = levier },
    };
}
