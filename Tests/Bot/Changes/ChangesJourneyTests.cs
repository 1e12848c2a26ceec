using ConcertationBot.Bot.Changes;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Dialogs.Roadmap;
using ConcertationBot.Dialogs.Templates;
using ConcertationBot.Tests.Bot.Pulses;
using ConcertationBot.Tests.Bot.Roadmap;
using ConcertationBot.Tests.Bot.Votes;
using ConcertationBot.Tests.Dialogs.Export;
using static ConcertationBot.Tests.Bot.Changes.ChangesRoundTests;

namespace ConcertationBot.Tests.Bot.Changes;

/// <summary>
/// Issue #17's changes round end to end, as one table lives it, over real HTTP <c>/api/messages</c>, a real Azurite and
/// the loopback capture connector, on a fixed date: Nadia opens a rencontre; twelve partners each name a change in a
/// pulse, which closes; Nadia groups the changes in four categories and puts them to a vote that three partners rank;
/// <c>changements approfondir 2</c> opens the deepening round on the top two, which five partners answer in full
/// sentences; it closes, and "Ajouter à la feuille de route" on its summary adds the two categories. The compte-rendu
/// shows all of it, byte for byte.
/// </summary>
public sealed class ChangesJourneyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] TopTwo = ["Logement", "Mobilité"];

    /// <summary>What five partners write for Logement, then for Mobilité: a facilitant, an écueil and a souhait each (one left blank).</summary>
    private static readonly (string Facilitant, string Ecueil, string Souhait)[][] Deepening =
    [
        [
            ("Le comité logement connaît déjà les propriétaires du secteur.", "Promettre des logements que la table ne peut pas construire.", "Un registre des logements vacants tenu avec les locataires."),
            ("La navette du samedi montre qu'un essai court convainc la ville.", "Oublier les personnes âgées qui ne prennent pas le vélo.", "Un circuit de navette en semaine vers le CLSC."),
        ],
        [
            ("La coopérative d'habitation a un conseil actif et motivé.", "Laisser les hausses de loyer sans suivi d'une année à l'autre.", "Une clinique juridique mensuelle pour les locataires."),
            ("Les pistes cyclables ont été bien reçues par les familles.", "Compter seulement sur la ville pour le transport collectif.", ""),
        ],
        [
            ("Trois organismes partagent déjà un intervenant en logement.", "Ne parler que des logements sociaux et oublier le privé.", "Des visites de logements avec les nouveaux arrivants."),
            ("La STM accepte de présenter son plan à la table.", "Multiplier les demandes sans priorité claire.", "Une seule demande commune à la STM cette année."),
        ],
        [
            ("Les locataires viennent plus nombreux aux assemblées du printemps.", "Épuiser les mêmes bénévoles dans chaque comité.", "Un comité logement avec des locataires élus."),
            ("Le CLSC finance déjà une partie des déplacements.", "Oublier les horaires de soir pour les travailleurs.", "Des horaires de bus adaptés aux quarts de travail."),
        ],
        [
            ("La ville a annoncé un fonds pour le logement abordable.", "Attendre le fonds sans préparer de projet.", "Déposer un projet commun au fonds de la ville."),
            ("Le comptoir alimentaire prête sa camionnette le samedi.", "Laisser la navette reposer sur un seul bénévole.", "Former trois chauffeurs bénévoles."),
        ],
    ];

    [Fact]
    public async Task ChangesRound_TwelveChangesFourCategoriesVoteDeepeningOfTwoAndRoadmap_CompteRenduShowsAllOfIt()
    {
        // Arrange: a rencontre on 14 September; twelve partners name a change each in a pulse, which closes.
        var clock = new OffsetClock();
        clock.Advance(new DateTimeOffset(2026, 9, 14, 13, 30, 0, TimeSpan.Zero) - TimeProvider.System.GetUtcNow());
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], time: clock);
        bed.Connector.Roster.AddRange(new[] { TestPerson.Nadia }
            .Concat(Enumerable.Range(0, TwelveChanges.Length).Concat(Enumerable.Range(30, Deepening.Length)).Select(Partner))
            .Select(p => new TeamsChannelAccount { Id = p.Id, Name = p.Name, AadObjectId = p.AadObjectId }));
        await SendAsync(bed, TestPerson.Nadia, "rencontre 14 septembre : Les changements vécus dans le quartier");
        await ClosedPulseAsync(bed, TwelveChanges);
        clock.Advance(TimeSpan.FromMinutes(10));

        // Act: Nadia groups the changes in four categories; three partners rank them (Logement 3, Mobilité 2, Jeunesse 1).
        await GroupAsync(bed, FourCategories, TwelveChanges);
        await RankedByThreeAsync(bed);
        clock.Advance(TimeSpan.FromMinutes(10));

        // The deepening round on the top two; five partners answer both categories; Nadia closes it.
        var opened = await SendAsync(bed, TestPerson.Nadia, "changements approfondir 2");
        var deepeningId = (string?)ConversationTestBed.FindAction(opened, CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId]
            ?? throw new InvalidOperationException("The deepening card has no Répondre action: " + Text(opened));
        for (var i = 0; i < Deepening.Length; i++)
        {
            await AnswerAsync(bed, Partner(30 + i), deepeningId, Deepening[i]);
        }

        clock.Advance(TimeSpan.FromMinutes(20));
        var summary = await SendAsync(bed, TestPerson.Nadia, "pulse clore");
        var added = await bed.ClickAsync(TestPerson.Nadia, summary, CardVerbs.RoadmapFromDeepening);
        var markdown = await CompteRenduAsync(bed);

        // Assert: the round asked the vote's top two, in its order.
        var deepening = await bed.Factory.Services.GetRequiredService<IPulseStore>().GetAsync("msteams", bed.ConversationId, deepeningId, CancellationToken.None);
        Assert.Equal(TopTwo, PulseRecordTemplate.Categories(deepening!));
        // The summary shows every text of both categories (five answers, above the k of 3).
        var text = Text(summary);
        Assert.All(Deepening.SelectMany(a => a).SelectMany(t => new[] { t.Facilitant, t.Ecueil, t.Souhait }).Where(t => t.Length > 0), t => Assert.Contains(t, text, StringComparison.Ordinal));
        // The feuille de route holds the two categories, court terme, from this round.
        Assert.Contains("Les catégories approfondies sont ajoutées au court terme.", Text(added), StringComparison.Ordinal);
        var items = (await RoadmapFlows.PlanAsync(bed)).Items;
        Assert.Equal(TopTwo, items.Select(item => item.Text));
        Assert.All(items, item => Assert.Equal((RoadmapHorizon.Court, ChangesConversation.DeepeningSource(deepeningId)), (item.Horizon, item.Source)));
        // The compte-rendu, byte for byte: the changes, their grouping, the vote, the deepening and the feuille de route.
        GoldenFile.AssertMatches(["Tests", "Bot", "Changes", "Golden"], "changes-journey.md", markdown);
    }

    [Theory]
    [InlineData("changements approfondir 9")]
    [InlineData("changements approfondir deux")]
    public async Task Deepen_CountNotFromOneToFive_SaysHowToWriteItAndOpensNothing(string command)
    {
        // Arrange: twelve changes grouped in four categories.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await ClosedPulseAsync(bed, TwelveChanges);
        await GroupAsync(bed, FourCategories, TwelveChanges);
        var pulses = bed.Factory.Services.GetRequiredService<IPulseStore>();

        // Act
        var card = await SendAsync(bed, TestPerson.Nadia, command);

        // Assert
        Assert.Contains("de 1 à 5", Text(card), StringComparison.Ordinal);
        Assert.Contains("changements approfondir 2", Text(card), StringComparison.Ordinal);
        Assert.Null(ConversationTestBed.FindAction(card, CardVerbs.PulseOpen));
        var open = 0;
        await foreach (var pulse in pulses.ListAsync("msteams", bed.ConversationId, CancellationToken.None))
        {
            open += pulse.IsOpen ? 1 : 0;
        }

        Assert.Equal(0, open);
    }

    /// <summary>"Répondre", each category's three texts and "Suivant", then "Envoyer".</summary>
    private static async Task AnswerAsync(ConversationTestBed bed, TestPerson person, string pulseId, (string Facilitant, string Ecueil, string Souhait)[] answers)
    {
        var card = await bed.InvokeForCardAsync(bed.Invoke(person, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));
        for (var step = 0; step < answers.Length; step++)
        {
            Assert.Equal(DeepeningTemplate.StepId(step), PulseFlows.StepOf(card));
            var (facilitant, ecueil, souhait) = answers[step];
            card = await bed.ClickAsync(person, card, CardVerbs.PulseNext, new Dictionary<string, string>
            {
                [PulseInputIds.Facilitant] = facilitant,
                [PulseInputIds.Ecueil] = ecueil,
                [PulseInputIds.Souhait] = souhait,
            });
        }

        var thanks = await bed.ClickAsync(person, card, CardVerbs.PulseSubmit);
        Assert.Null(PulseFlows.StepOf(thanks));
    }
}
