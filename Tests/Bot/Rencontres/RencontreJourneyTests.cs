using ConcertationBot.Tests.Dialogs.Export;
using ConcertationBot.Tests.Bot.Exports;

namespace ConcertationBot.Tests.Bot.Rencontres;

/// <summary>
/// Issue #16's journey end to end over real HTTP <c>/api/messages</c>, a real Azurite and the loopback capture connector:
/// a coordinator opens a rencontre and states its intention, chooses a pulse of four conditions with <c>pulse configurer</c>,
/// partners declare their profile with <c>profil</c> and answer through card clicks, the pulse closes, and the summary card,
/// the compte-rendu and the CSV are read as a table would read them.
/// </summary>
public sealed class RencontreJourneyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Nbsp = "\u00A0";
    private const string Theme = "Le développement de partenariats dans les projets de quartier social-santé";
    private const string Intention = "Identifier, grâce à l'expérience des participant·es, les freins et les leviers pour renforcer et pérenniser le réseau.";
    private const string FreeTextNotice = "Pas assez de réponses pour afficher les textes (minimum 3)";

    /// <summary>The steps the coordinator turns on: role clarity, four of the five conditions (as seed 000) and the most significant change.</summary>
    private static readonly string[] ChosenSteps = ["roleClarity", "agenda", "mesures", "activites", "communication", "change"];

    private static readonly string[] ChosenConditions =
        ["Agenda partagé", "Mesures partagées et apprentissage stratégique", "Activités qui se renforcent mutuellement", "Communication ouverte et continue"];

    private static readonly string[] AllConditions = [.. ChosenConditions, "Structure de soutien"];

    private static readonly TestPerson Fatou = new("29:fatou", "Fatou Diallo", "4e0a6051-bf53-4e99-a142-6fb0327e8d54", "fr-CA");
    private static readonly TestPerson Karim = new("29:karim", "Karim Haddad", "5f1b7162-c064-4faa-b253-70c1438f9e65", "fr-CA");
    private static readonly TestPerson Sophie = new("29:sophie", "Sophie Gagnon", "602c8273-d175-40bb-8364-81d2549a0f76", "fr-CA");

    /// <summary>Amélie, Bruno and Fatou work in community organizations, Karim in a health institution; Sophie never declared a profile.</summary>
    private static readonly (TestPerson Person, string Category, string Role)[] Declared =
    [
        (TestPerson.Amelie, "communautaire", "terrain"),
        (TestPerson.Bruno, "communautaire", "direction"),
        (Fatou, "communautaire", "terrain"),
        (Karim, "institution-sante", "aucun"),
    ];

    private static readonly TestPerson[] Partners = [TestPerson.Amelie, TestPerson.Bruno, Fatou, Karim, Sophie];

    /// <summary>What each partner answers, step by step, in the words of seeds 000 and 001; a step left out is skipped ("Passer").</summary>
    private static readonly Dictionary<TestPerson, Dictionary<string, Dictionary<string, string>>> Answers = new()
    {
        [TestPerson.Amelie] = new()
        {
            ["roleClarity"] = Rating("4"),
            ["agenda"] = FreinLevier(
                "Les objectifs de la table sont surtout fixés par les financements et les directives politiques.",
                "Un comité de pilotage qui réunit tous les partenaires chaque trimestre."),
            ["mesures"] = FreinLevier(
                "Nous avons du mal à nous entendre sur des indicateurs communs à tous les projets.",
                "Choisir trois indicateurs simples avec les personnes concernées."),
            ["activites"] = FreinLevier(
                "Trop d'activités dispersées dans le quartier, parfois le même soir.",
                "Un calendrier commun des activités, tenu à jour par l'agente de liaison."),
            ["communication"] = FreinLevier(
                "Certaines communautés ne reçoivent pas l'information à temps.",
                "Adapter les messages à chaque public et passer par les médias du quartier."),
            ["change"] = Change("Deux organismes portent maintenant ensemble l'aide aux devoirs.", PulseInputIds.Positive),
        },
        [TestPerson.Bruno] = new()
        {
            ["roleClarity"] = Rating("3"),
            ["agenda"] = FreinLevier(
                "Des tensions persistent entre partenaires qui demandent les mêmes subventions.",
                "Clarifier ce que chaque partenaire gagne à travailler ensemble."),
            ["activites"] = FreinLevier(
                "La compétition entre organismes pour les financements freine les projets communs.",
                "Monter les demandes de financement à plusieurs plutôt que chacun de son côté."),
            ["communication"] = FreinLevier(
                "La communication demande beaucoup de temps et certaines compétences.",
                "Créer un climat de confiance par le respect et l'humilité."),
            ["change"] = Change("L'intensification du travail collectif a creusé l'écart entre les équipes de terrain et les directions.", PulseInputIds.Negative),
        },
        [Fatou] = new()
        {
            ["roleClarity"] = Rating("4"),
            ["agenda"] = FreinLevier(
                "Les priorités changent à chaque nouvel appel de projets.",
                "Un comité de pilotage qui réunit tous les partenaires chaque trimestre."),
            ["mesures"] = FreinLevier(
                "Les données du quartier sont difficiles d'accès et rarement mises à jour.",
                "Partager les diagnostics que chaque organisme fait déjà."),
            ["communication"] = FreinLevier(
                "Les familles nouvellement arrivées ne lisent pas nos courriels.",
                "Passer par les agentes de participation citoyenne qui connaissent les familles."),
            ["change"] = Change("Plus de nouveaux acteurs participent aux projets en collaboration.", PulseInputIds.Positive),
        },
        [Karim] = new()
        {
            ["roleClarity"] = Rating("2"),
            ["agenda"] = FreinLevier(
                "Le CIUSSS et les organismes n'ont pas les mêmes échéances.",
                "Présenter à la table les orientations régionales dès qu'elles sont connues."),
            ["mesures"] = FreinLevier(
                "La mesure qualitative reste complexe pour nos équipes.",
                "Coordonner avec le public cible le choix des indicateurs significatifs."),
            ["activites"] = FreinLevier(
                "Nos services et ceux des organismes se chevauchent parfois.",
                "Un calendrier commun des activités, tenu à jour par l'agente de liaison."),
        },
        [Sophie] = new()
        {
            ["roleClarity"] = Rating(PulseInputIds.DontKnow),
            ["agenda"] = FreinLevier(
                "Les citoyennes et citoyens ne savent pas comment les priorités sont choisies.",
                "Inviter les résidentes et résidents aux rencontres du comité de pilotage."),
            ["communication"] = FreinLevier(
                "Les comptes-rendus arrivent longtemps après les rencontres.",
                "Un court message après chaque rencontre dans le groupe du quartier."),
            ["change"] = Change("La bibliothèque accueille désormais les rencontres de la table.", PulseInputIds.Positive),
        },
    };

    [Fact]
    public async Task Close_RencontreWithFourConditionsAndFivePartners_SummaryShowsThoseConditionsAndProfileCellsAndCompteRenduMatchesGolden()
    {
        // Arrange: Nadia coordinates; five partners are members, four of whom declare a profile (two categories) with
        // "profil", Sophie none; Nadia opens the rencontre, chooses four conditions and opens the pulse.
        await using var bed = await StartAsync();
        await DeclareProfilesAsync(bed);
        var rencontre = await SendAsync(bed, TestPerson.Nadia, "rencontre 14 septembre : " + Theme);
        var intention = await SendAsync(bed, TestPerson.Nadia, "rencontre intention : " + Intention);
        var pulseId = await ConfigureAndOpenAsync(bed);

        // Act: every partner answers through the card, then Nadia closes the pulse and asks for the export.
        foreach (var partner in Partners)
        {
            await AnswerAsync(bed, partner, pulseId);
        }

        var summary = await SendAsync(bed, TestPerson.Nadia, "pulse clore");
        var (markdownLink, _) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        var markdown = await bed.Http.GetStringAsync(markdownLink);

        // Assert: the rencontre's own words on its cards.
        Assert.Equal("Rencontre du 14 septembre 2026", Heading(rencontre));
        Assert.Equal("Intention de la rencontre du 14 septembre 2026", Heading(intention));

        // The summary: the four chosen conditions only, each with its texts, and participation by profile under the k rule.
        var text = Text(summary);
        Assert.Equal(ChosenConditions, AllConditions.Where(c => text.Contains(c, StringComparison.Ordinal)));
        Assert.Contains("Le CIUSSS et les organismes n'ont pas les mêmes échéances.", text, StringComparison.Ordinal);
        Assert.Contains("La bibliothèque accueille désormais les rencontres de la table.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(FreeTextNotice, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Continuum", text, StringComparison.Ordinal);
        Assert.Contains($"5 réponses sur 6 membres (83{Nbsp}%)", TestActivities.CardText(summary), StringComparison.Ordinal);
        Assert.Equal([("Organisme communautaire", "3 / 3"), ("Institution publique (santé)", "moins de 3")], ProfileCells(summary));

        // The compte-rendu, byte for byte.
        GoldenFile.AssertMatches(["Tests", "Bot", "Rencontres", "Golden"], "rencontre-journey.md", markdown);
    }

    [Fact]
    public async Task Close_RencontreWithTwoAnswers_NoFreeTextInSummaryCompteRenduOrCsv()
    {
        // Arrange: the same rencontre and pulse; only Amélie and Karim answer, each with freins, leviers and a change.
        await using var bed = await StartAsync();
        await DeclareProfilesAsync(bed);
        await SendAsync(bed, TestPerson.Nadia, "rencontre 14 septembre : " + Theme);
        await SendAsync(bed, TestPerson.Nadia, "rencontre intention : " + Intention);
        var pulseId = await ConfigureAndOpenAsync(bed);
        var karim = new Dictionary<string, Dictionary<string, string>>(Answers[Karim])
        {
            ["change"] = Change("Le CLSC prête maintenant une salle aux rencontres du soir.", PulseInputIds.Positive),
        };
        await AnswerAsync(bed, TestPerson.Amelie, pulseId);
        await AnswerAsync(bed, Karim, pulseId, karim);
        var typed = FreeTexts(Answers[TestPerson.Amelie]).Concat(FreeTexts(karim)).ToList();

        // Act
        var summary = await SendAsync(bed, TestPerson.Nadia, "pulse clore");
        var (markdownLink, csvLink) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        var markdown = await bed.Http.GetStringAsync(markdownLink);
        var csv = await bed.Http.GetStringAsync(csvLink);

        // Assert: how many answered is still said; no frein, levier or change is, anywhere.
        var text = Text(summary);
        Assert.Contains("2 réponses sur 6 membres", text, StringComparison.Ordinal);
        Assert.Contains(FreeTextNotice, text, StringComparison.Ordinal);
        Assert.Contains(FreeTextNotice, markdown.Replace(Nbsp, " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.StartsWith("# Compte-rendu de la rencontre du 14 septembre 2026\n", markdown, StringComparison.Ordinal);
        foreach (var freeText in typed)
        {
            Assert.DoesNotContain(freeText, text, StringComparison.Ordinal);
            Assert.DoesNotContain(freeText, markdown, StringComparison.Ordinal);
            Assert.DoesNotContain(freeText, csv, StringComparison.Ordinal);
        }

        var csvLines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, csvLines.Length);
        Assert.StartsWith("Moins de 3 réponses", csvLines[1], StringComparison.Ordinal);
    }

    /// <summary>A bed whose clock reads 14 September 2026, 9:30 in Montréal, so every date of the journey is that day.</summary>
    private async Task<ConversationTestBed> StartAsync()
    {
        var clock = new OffsetClock();
        clock.Advance(new DateTimeOffset(2026, 9, 14, 13, 30, 0, TimeSpan.Zero) - TimeProvider.System.GetUtcNow());
        var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], time: clock);
        bed.Connector.Roster.AddRange(new[] { TestPerson.Nadia }.Concat(Partners).Select(p => new TeamsChannelAccount { Id = p.Id, Name = p.Name, AadObjectId = p.AadObjectId }));
        return bed;
    }

    /// <summary>Each declaring partner sends <c>profil</c> and saves their category and role on the form posted in the channel.</summary>
    private static async Task DeclareProfilesAsync(ConversationTestBed bed)
    {
        foreach (var (person, category, role) in Declared)
        {
            var form = await SendAsync(bed, person, "profil");
            var saved = await bed.ClickAsync(person, form, CardVerbs.ProfileSave, new Dictionary<string, string>
            {
                [CardDataFields.ProfileCategory] = category,
                [CardDataFields.ProfileRole] = role,
            });
            Assert.Equal("Profil enregistré", Heading(saved));
        }
    }

    /// <summary>
    /// <c>pulse configurer</c> as Nadia, her own form (the shared card's refresh), the chosen steps with participation by
    /// profile for 72 hours, "Ouvrir le pulse"; returns the id on the pulse card posted in the channel.
    /// </summary>
    private static async Task<string> ConfigureAndOpenAsync(ConversationTestBed bed)
    {
        var shared = await SendAsync(bed, TestPerson.Nadia, "pulse configurer");
        Assert.Equal(CardVerbs.PulseSetupShow, (string?)shared["refresh"]?["action"]?["verb"]);
        var form = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Nadia, CardVerbs.PulseSetupShow, [], replyToId: "setup-card", trigger: "automatic"));
        var inputs = new Dictionary<string, string> { [CardDataFields.SetupDuration] = "72", [CardDataFields.SetupProfiles] = "true" };
        foreach (var step in PulseFlows.StepIds)
        {
            inputs[CardDataFields.SetupStepPrefix + step] = ChosenSteps.Contains(step) ? "true" : "false";
        }

        var before = bed.Posts.Count;
        await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.PulseSetupOpen, inputs);
        var pulseCard = await bed.SentCardAsync(before);
        return (string?)ConversationTestBed.FindAction(pulseCard, CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId]
            ?? throw new InvalidOperationException("The pulse card has no Répondre action: " + pulseCard.ToJsonString());
    }

    /// <summary>
    /// "Répondre", each step the pulse asks (its inputs with "Suivant", or "Passer"), then "Envoyer"; asserts the template
    /// steps walked were exactly the chosen ones (a step outside the template, such as a profile question, is skipped).
    /// </summary>
    private static async Task AnswerAsync(ConversationTestBed bed, TestPerson person, string pulseId, Dictionary<string, Dictionary<string, string>>? answers = null)
    {
        answers ??= Answers[person];
        var card = await bed.InvokeForCardAsync(bed.Invoke(person, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));
        var walked = new List<string>();
        while (PulseFlows.StepOf(card) is { } step)
        {
            walked.Add(step);
            Assert.True(walked.Count <= PulseFlows.StepIds.Length, "The walk does not end.");
            card = answers.TryGetValue(step, out var values)
                ? await bed.ClickAsync(person, card, CardVerbs.PulseNext, values)
                : await bed.ClickAsync(person, card, CardVerbs.PulseSkip);
        }

        Assert.Equal(ChosenSteps, walked.Where(PulseFlows.StepIds.Contains));
        var thanks = await bed.ClickAsync(person, card, CardVerbs.PulseSubmit);
        Assert.Null(ConversationTestBed.FindAction(thanks, CardVerbs.PulseSubmit));
    }

    private static async Task<JsonObject> SendAsync(ConversationTestBed bed, TestPerson person, string text)
    {
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(bed.ChannelMessage(person, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await bed.SentCardAsync(before);
    }

    private static Dictionary<string, string> Rating(string value) => new() { [PulseInputIds.Rating] = value };

    private static Dictionary<string, string> FreinLevier(string frein, string levier) =>
        new() { [PulseInputIds.Frein] = frein, [PulseInputIds.Levier] = levier };

    private static Dictionary<string, string> Change(string text, string direction) =>
        new() { [PulseInputIds.ChangeText] = text, [PulseInputIds.Direction] = direction };

    private static IEnumerable<string> FreeTexts(Dictionary<string, Dictionary<string, string>> answers) =>
        answers.Values.SelectMany(inputs => inputs.Where(i => i.Key is PulseInputIds.Frein or PulseInputIds.Levier or PulseInputIds.ChangeText).Select(i => i.Value));

    private static string Heading(JsonObject card) => (string)card["body"]![0]!["text"]!;

    private static string Text(JsonObject card) => TestActivities.CardText(card).Replace('\u00A0', ' ').Replace('\u202F', ' ');

    /// <summary>The fact set under "Participation par profil": each category and its cell, in card order.</summary>
    private static List<(string Profile, string Cell)> ProfileCells(JsonObject card)
    {
        var body = card["body"]!.AsArray();
        var title = body.Select((element, i) => (element, i)).Single(x => ((string?)x.element?["text"])?.StartsWith("Participation par profil", StringComparison.Ordinal) == true).i;
        var facts = body[title + 1]!;
        Assert.Equal("FactSet", (string?)facts["type"]);
        return [.. facts["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!))];
    }
}
