using ConcertationBot.Bot.Changes;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Dialogs.Roadmap;
using ConcertationBot.Dialogs.Templates;
using ConcertationBot.Tests.Bot.Pulses;
using ConcertationBot.Tests.Bot.Roadmap;
using ConcertationBot.Tests.Bot.Votes;
using static ConcertationBot.Tests.Bot.Changes.ChangesRoundTests;

namespace ConcertationBot.Tests.Bot.Changes;

/// <summary>
/// The changes round's third step (issue #17) over real HTTP <c>/api/messages</c>, a real Azurite and the loopback
/// capture connector: twelve changes grouped in four categories, a vote ranks them, <c>changements approfondir</c> opens
/// the deepening round (a pulse with a generated template) on the top three, partners answer it through the pulse's
/// own card invokes, <c>pulse clore</c> posts its summary, and "Ajouter à la feuille de route" adds the categories.
/// </summary>
public sealed class DeepeningRoundTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] TopThree = ["Logement", "Mobilité", "Jeunesse"];

    /// <summary>Twelve changes grouped in four categories, a vote (Logement 3, Mobilité 2, Jeunesse 1, Alimentation 0) closed.</summary>
    private static async Task GroupedAndRankedAsync(ConversationTestBed bed)
    {
        await ClosedPulseAsync(bed, TwelveChanges);
        await GroupAsync(bed, FourCategories, TwelveChanges);
        await RankedByThreeAsync(bed);
    }

    /// <summary>Nadia types <c>changements approfondir</c>; the deepening pulse's id from the posted card's "Répondre".</summary>
    private static async Task<string> DeepenAsync(ConversationTestBed bed)
    {
        var card = await SendAsync(bed, TestPerson.Nadia, "changements approfondir");
        Assert.Contains("Approfondir les changements", Text(card), StringComparison.Ordinal);
        return (string?)ConversationTestBed.FindAction(card, CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId]
            ?? throw new InvalidOperationException("The deepening card has no Répondre action: " + Text(card));
    }

    /// <summary>What partner <paramref name="i"/> writes for the category at <paramref name="step"/> (0-based).</summary>
    private static Dictionary<string, string> Answer(int i, int step) => new()
    {
        [PulseInputIds.Facilitant] = $"Facilitant {i} pour la catégorie {step + 1}.",
        [PulseInputIds.Ecueil] = $"Écueil {i} pour la catégorie {step + 1}.",
        [PulseInputIds.Souhait] = $"Souhait {i} pour la catégorie {step + 1}.",
    };

    /// <summary>"Répondre", each category step with its three texts and "Suivant" (no profile step first), then "Envoyer".</summary>
    private static async Task AnswerDeepeningAsync(ConversationTestBed bed, TestPerson person, string pulseId, int i, int steps)
    {
        var card = await bed.InvokeForCardAsync(bed.Invoke(person, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));
        for (var step = 0; step < steps; step++)
        {
            Assert.Equal(DeepeningTemplate.StepId(step), PulseFlows.StepOf(card));
            card = await bed.ClickAsync(person, card, CardVerbs.PulseNext, Answer(i, step));
        }

        var thanks = await bed.ClickAsync(person, card, CardVerbs.PulseSubmit);
        Assert.Null(PulseFlows.StepOf(thanks));
    }

    /// <summary>The last summary card posted in the conversation.</summary>
    private static JsonObject LastSummary(ConversationTestBed bed)
    {
        for (var i = bed.Posts.Count - 1; i >= 0; i--)
        {
            if (bed.Posts[i].Activity?.Attachments is { Count: > 0 } && PulseFlows.TextOf(bed.Posts[i]).Contains("Synthèse du pouls", StringComparison.Ordinal))
            {
                return PulseFlows.CardOf(bed.Posts[i]);
            }
        }

        throw new InvalidOperationException("No summary card was posted.");
    }

    private static Task<PulseRecord?> PulseAsync(ConversationTestBed bed, string pulseId) =>
        bed.Factory.Services.GetRequiredService<IPulseStore>().GetAsync("msteams", bed.ConversationId, pulseId, CancellationToken.None);

    [Fact]
    public async Task Deepen_FivePartnersAnswerTheTopThreeRankedByTheVote_SummaryShowsEachCategorysTextsAndTheRoadmapGetsThemOnce()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await GroupedAndRankedAsync(bed);

        // Act: the round opens on the vote's top three; five partners answer it; Nadia closes it.
        var deepeningId = await DeepenAsync(bed);
        var deepening = await PulseAsync(bed, deepeningId);
        for (var i = 0; i < 5; i++)
        {
            await AnswerDeepeningAsync(bed, Partner(20 + i), deepeningId, 20 + i, TopThree.Length);
        }

        await PulseFlows.CloseAsync(bed);
        var summary = LastSummary(bed);
        var text = Text(summary);

        // Assert: the record knows its categories in the vote's order and asks no profile.
        Assert.NotNull(deepening);
        Assert.Equal(DeepeningTemplate.Id, deepening.TemplateId);
        Assert.Equal(TopThree, PulseRecordTemplate.Categories(deepening));
        Assert.True(deepening.ProfilesHidden);
        // The summary: each category in order, with every partner's facilitant, écueil and souhait; no trend.
        var positions = TopThree.Select(c => text.IndexOf("Catégorie : " + c, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain("Catégorie : Alimentation", text, StringComparison.Ordinal);
        for (var i = 20; i < 25; i++)
        {
            for (var step = 0; step < TopThree.Length; step++)
            {
                Assert.All(Answer(i, step).Values, t => Assert.True(text.Contains(t, StringComparison.Ordinal), text));
            }
        }

        Assert.Contains("Facilitants", text, StringComparison.Ordinal);
        Assert.Contains("Écueils", text, StringComparison.Ordinal);
        Assert.Contains("Souhaits", text, StringComparison.Ordinal);

        // The roadmap: Amélie refused and nothing stored; Nadia adds the three categories; a second click adds nothing.
        var refused = await bed.ClickAsync(TestPerson.Amelie, summary, CardVerbs.RoadmapFromDeepening);
        Assert.Contains("Réservé à la coordination", Text(refused), StringComparison.Ordinal);
        Assert.Empty((await RoadmapFlows.PlanAsync(bed)).Items);
        var added = await bed.ClickAsync(TestPerson.Nadia, summary, CardVerbs.RoadmapFromDeepening);
        var again = await bed.ClickAsync(TestPerson.Nadia, summary, CardVerbs.RoadmapFromDeepening);
        var items = (await RoadmapFlows.PlanAsync(bed)).Items;
        Assert.Equal(TopThree, items.Select(item => item.Text));
        Assert.All(items, item => Assert.Equal((RoadmapHorizon.Court, ChangesConversation.DeepeningSource(deepeningId)), (item.Horizon, item.Source)));
        Assert.Contains("Les catégories approfondies sont ajoutées au court terme.", Text(added), StringComparison.Ordinal);
        Assert.Contains("déjà sur la feuille de route", Text(again), StringComparison.Ordinal);

        // The compte-rendu of the round: each category's lists.
        var markdown = await CompteRenduAsync(bed);
        var section = markdown[markdown.IndexOf("## Approfondissement des changements\n", StringComparison.Ordinal)..];
        Assert.Equal(TopThree.Select(c => "### " + c), section.Split('\n').Where(l => l.StartsWith("### ", StringComparison.Ordinal)).Take(3));
        Assert.Contains("- " + MarkdownText.Escape(Answer(22, 1)[PulseInputIds.Ecueil]) + "\n", section, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deepen_TwoPartnersUnderK_SummaryShowsNoTextOnlyTheSmallGroupLine()
    {
        // Arrange: grouped in four categories without a vote: the coordinator's order.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await ClosedPulseAsync(bed, TwelveChanges);
        await GroupAsync(bed, FourCategories, TwelveChanges);
        var deepeningId = await DeepenAsync(bed);

        // Act
        for (var i = 0; i < 2; i++)
        {
            await AnswerDeepeningAsync(bed, Partner(20 + i), deepeningId, 20 + i, 3);
        }

        await PulseFlows.CloseAsync(bed);
        var text = Text(LastSummary(bed));

        // Assert: the coordinator's first three categories, no text anywhere.
        Assert.Equal(FourCategories.Take(3), PulseRecordTemplate.Categories((await PulseAsync(bed, deepeningId))!));
        Assert.Contains("Catégorie : Mobilité", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Facilitant 20", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Souhait 21", text, StringComparison.Ordinal);
        Assert.Contains("Pas assez de réponses pour afficher les textes (minimum 3).", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deepen_PartnerNotCoordinator_RefusedAndNoPulseOpened()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await ClosedPulseAsync(bed, TwelveChanges.Take(4));
        await GroupAsync(bed, ["Mobilité", "Logement"], TwelveChanges.Take(4));

        // Act
        var card = await SendAsync(bed, TestPerson.Amelie, "changements approfondir");

        // Assert
        Assert.Contains("Seule la coordination de la table peut utiliser « changements approfondir ».", Text(card), StringComparison.Ordinal);
        Assert.Null(await bed.Factory.Services.GetRequiredService<IPulseStore>().GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None));
    }

    [Fact]
    public async Task Deepen_NoCategoryThenVoteOpenThenPulseOpen_EachSaysWhyAndOpensNothingNew()
    {
        // Arrange: changes named, nothing grouped.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await ClosedPulseAsync(bed, TwelveChanges.Take(4));
        var store = bed.Factory.Services.GetRequiredService<IPulseStore>();

        // Act / Assert: no category.
        var none = await SendAsync(bed, TestPerson.Nadia, "changements approfondir");
        Assert.Contains("Aucune catégorie nommée ne contient de changement", Text(none), StringComparison.Ordinal);
        Assert.Null(await store.GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None));

        // The vote on the categories still open.
        await GroupAsync(bed, ["Mobilité", "Logement"], TwelveChanges.Take(4));
        await SendAsync(bed, TestPerson.Nadia, "vote changements");
        var voteOpen = await SendAsync(bed, TestPerson.Nadia, "changements approfondir");
        Assert.Contains("Le vote sur les catégories est encore ouvert.", Text(voteOpen), StringComparison.Ordinal);
        Assert.Null(await store.GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None));

        // Vote closed (no ballot: the coordinator's order); a first deepening opens, a second is told a pulse is open.
        await CloseVoteAsync(bed);
        var first = await DeepenAsync(bed);
        var second = await SendAsync(bed, TestPerson.Nadia, "changements approfondir");
        Assert.Equal(first, (string?)ConversationTestBed.FindAction(second, CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId]);
        Assert.Equal(["Mobilité", "Logement"], PulseRecordTemplate.Categories((await store.GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None))!));
    }
}
