using ConcertationBot.Bot.Changes;
using ConcertationBot.Cards.Changes;
using ConcertationBot.Dialogs.Changes;
using ConcertationBot.Tests.Bot.Exports;
using ConcertationBot.Tests.Bot.Pulses;
using ConcertationBot.Tests.Bot.Votes;

namespace ConcertationBot.Tests.Bot.Changes;

/// <summary>
/// The changes round's first two steps (issue #17) over real HTTP <c>/api/messages</c>, a real Azurite and the loopback
/// capture connector: partners name changes in a pulse, Nadia (the coordinator) groups them and puts the categories to a
/// vote; Amélie, a partner, is refused everything.
/// </summary>
public sealed class ChangesRoundTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Twelve changes and the category each is put in (null: left out).</summary>
    internal static readonly (string Text, string Direction, int? Category)[] TwelveChanges =
    [
        ("Une navette relie le quartier au CLSC le samedi.", PulseInputIds.Positive, 0),
        ("Deux nouvelles pistes cyclables longent la rue principale.", PulseInputIds.Positive, 0),
        ("Le bus 45 passe deux fois moins souvent.", PulseInputIds.Negative, 0),
        ("Trois logements sociaux de plus rue Ontario.", PulseInputIds.Positive, 1),
        ("Les loyers ont monté de 12 % en un an.", PulseInputIds.Negative, 1),
        ("Une coopérative d'habitation est en projet.", PulseInputIds.Positive, 1),
        ("Le comptoir alimentaire ouvre aussi le soir.", PulseInputIds.Positive, 2),
        ("Le jardin collectif a doublé sa surface.", PulseInputIds.Positive, 2),
        ("L'épicerie du coin a fermé.", PulseInputIds.Negative, 2),
        ("Plus de jeunes participent aux projets.", PulseInputIds.Positive, 3),
        ("La maison des jeunes a perdu son local.", PulseInputIds.Negative, 3),
        ("La table a changé de salle de rencontre.", PulseInputIds.Positive, null),
    ];

    internal static readonly string[] FourCategories = ["Mobilité", "Logement", "Alimentation", "Jeunesse"];

    internal static TestPerson Partner(int i) =>
        new($"29:partner-{i}", $"Partenaire {i}", Guid.NewGuid().ToString(), "fr-CA");

    private static ChangeTone Tone(string direction) => direction == PulseInputIds.Positive ? ChangeTone.Positive : ChangeTone.Negative;

    /// <summary>Opens a pulse, has one partner per change name it (every other step skipped), closes the pulse; its id.</summary>
    internal static async Task<string> ClosedPulseAsync(ConversationTestBed bed, IEnumerable<(string Text, string Direction, int? Category)> changes)
    {
        var pulseId = await PulseFlows.OpenAsync(bed);
        var i = 0;
        foreach (var (text, direction, _) in changes)
        {
            await PulseFlows.AnswerAsync(bed, Partner(i++), pulseId, new()
            {
                ["change"] = new() { [PulseInputIds.ChangeText] = text, [PulseInputIds.Direction] = direction },
            });
        }

        await PulseFlows.CloseAsync(bed);
        return pulseId;
    }

    /// <summary><c>changements regrouper</c> as <paramref name="person"/> in the channel; the card the channel got.</summary>
    internal static async Task<JsonObject> SendAsync(ConversationTestBed bed, TestPerson person, string text)
    {
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(bed.ChannelMessage(person, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await bed.SentCardAsync(before);
    }

    /// <summary>Nadia asks for the grouping in the channel and opens her form from the shared card (its refresh action).</summary>
    private static async Task<JsonObject> NadiasFormAsync(ConversationTestBed bed)
    {
        var shared = await SendAsync(bed, TestPerson.Nadia, "changements regrouper");
        Assert.Equal([TestPerson.Nadia.Id], shared["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
        return await bed.ClickAsync(TestPerson.Nadia, shared, CardVerbs.ChangesShow);
    }

    /// <summary>Nadia opens her form and saves <paramref name="changes"/> in <paramref name="categories"/>.</summary>
    internal static async Task GroupAsync(ConversationTestBed bed, string[] categories, IEnumerable<(string Text, string Direction, int? Category)> changes)
    {
        var form = await NadiasFormAsync(bed);
        var saved = await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.ChangesSave, Inputs(form, Grouping(categories, changes)));
        Assert.Contains("Regroupement enregistré.", Text(saved), StringComparison.Ordinal);
    }

    /// <summary>The form's inputs as Teams sends them: every input's current value, then <paramref name="changed"/>.</summary>
    private static Dictionary<string, string> Inputs(JsonObject form, IReadOnlyDictionary<string, string> changed)
    {
        var inputs = form["body"]!.AsArray()
            .Where(e => e?["id"] is not null)
            .ToDictionary(e => (string)e!["id"]!, e => (string?)e!["value"] ?? string.Empty, StringComparer.Ordinal);
        foreach (var (id, value) in changed)
        {
            inputs[id] = value;
        }

        return inputs;
    }

    /// <summary>The inputs that name the categories and put each change where <paramref name="changes"/> says.</summary>
    private static Dictionary<string, string> Grouping(string[] categories, IEnumerable<(string Text, string Direction, int? Category)> changes)
    {
        var inputs = categories.Select((name, slot) => (Id: CardDataFields.ChangeCategoryPrefix + slot.ToString(CultureInfo.InvariantCulture), Value: name))
            .ToDictionary(i => i.Id, i => i.Value, StringComparer.Ordinal);
        foreach (var (text, direction, category) in changes)
        {
            inputs[CardDataFields.ChangeChoicePrefix + ChangeGroupings.Key(text, Tone(direction))] =
                category?.ToString(CultureInfo.InvariantCulture) ?? ChangeGroupingCard.NoCategory;
        }

        return inputs;
    }

    private static Task<StoredGrouping?> StoredAsync(ConversationTestBed bed, string pulseId) =>
        bed.Factory.Services.GetRequiredService<IChangeGroupingStore>().GetAsync(pulseId, CancellationToken.None);

    /// <summary>Nadia closes the open vote.</summary>
    internal static async Task CloseVoteAsync(ConversationTestBed bed)
    {
        using var close = await VoteFlows.CloseAsync(bed);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
    }

    /// <summary>Nadia asks for the export; the compte-rendu downloaded from its Markdown link, narrow spaces as plain ones.</summary>
    /// <summary>
    /// <c>vote changements top 2</c> on the four categories, three partners' ballots (Logement 3, Mobilité 2, Jeunesse 1,
    /// Alimentation 0), and Nadia closes it.
    /// </summary>
    internal static async Task RankedByThreeAsync(ConversationTestBed bed)
    {
        var voteId = VoteFlows.VoteIdOf(await SendAsync(bed, TestPerson.Nadia, "vote changements top 2"))!;
        foreach (var i in (int[])[0, 1, 2])
        {
            await VoteFlows.CastAsync(bed, Partner(i), VoteFlows.Choices(voteId, 1, i == 2 ? 3 : 0));
        }

        await CloseVoteAsync(bed);
    }

    internal static async Task<string> CompteRenduAsync(ConversationTestBed bed)
    {
        var (markdownLink, _) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        return (await bed.Http.GetStringAsync(markdownLink)).Replace('\u00A0', ' ').Replace('\u202F', ' ');
    }

    internal static string Text(JsonObject card) => TestActivities.CardText(card).Replace('\u00A0', ' ').Replace('\u202F', ' ');

    [Fact]
    public async Task VoteChanges_TwelveChangesGroupedInFourCategories_VoteOnTheFourCategoriesWithTheirCountsAndGroupingLocked()
    {
        // Arrange: twelve partners name a change each; Nadia puts eleven of them in four categories.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await ClosedPulseAsync(bed, TwelveChanges);
        var form = await NadiasFormAsync(bed);
        Assert.All(TwelveChanges, c => Assert.Contains(c.Text, Text(form), StringComparison.Ordinal));
        var saved = await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.ChangesSave, Inputs(form, Grouping(FourCategories, TwelveChanges)));
        Assert.Contains("Regroupement enregistré.", Text(saved), StringComparison.Ordinal);

        // Act
        var voteCard = await SendAsync(bed, TestPerson.Nadia, "vote changements top 2");

        // Assert: the vote's options are the categories with how many changes each holds; the grouping is locked.
        var vote = await VoteFlows.StoredAsync(bed, VoteFlows.VoteIdOf(voteCard)!);
        Assert.NotNull(vote);
        Assert.Equal(
            ["Mobilité (3 changements)", "Logement (3 changements)", "Alimentation (3 changements)", "Jeunesse (2 changements)"],
            vote.Options);
        Assert.Equal((VoteMode.TopN, 2, pulseId), (vote.Rules.Mode, vote.Rules.Limit, vote.SourcePulseId));
        Assert.Equal(vote.VoteId, (await StoredAsync(bed, pulseId))!.Grouping.VoteId);
        var again = await bed.ClickAsync(TestPerson.Nadia, saved, CardVerbs.ChangesSave, Inputs(saved, new Dictionary<string, string> { [CardDataFields.ChangeCategoryPrefix + "0"] = "Transport" }));
        Assert.Contains("Les catégories ont été mises au vote : rien n'a été enregistré.", Text(again), StringComparison.Ordinal);
        Assert.Equal("Mobilité", (await StoredAsync(bed, pulseId))!.Grouping.Categories[0]);
        var later = await NadiasFormAsync(bed);
        Assert.Contains("Les catégories ont été mises au vote : le regroupement ne change plus.", Text(later), StringComparison.Ordinal);
        Assert.Null(ConversationTestBed.FindAction(later, CardVerbs.ChangesSave));
    }

    [Fact]
    public async Task ChangesActions_PartnerNotCoordinator_RefusedEveryTimeAndNothingStored()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await ClosedPulseAsync(bed, TwelveChanges.Take(4));
        var shared = await SendAsync(bed, TestPerson.Nadia, "changements regrouper");
        var form = await bed.ClickAsync(TestPerson.Nadia, shared, CardVerbs.ChangesShow);

        // Act: Amélie types both commands, opens the shared card and sends Nadia's form as it was.
        var group = await SendAsync(bed, TestPerson.Amelie, "changements regrouper");
        var vote = await SendAsync(bed, TestPerson.Amelie, "vote changements");
        var show = await bed.ClickAsync(TestPerson.Amelie, shared, CardVerbs.ChangesShow);
        var save = await bed.ClickAsync(TestPerson.Amelie, form, CardVerbs.ChangesSave, Inputs(form, Grouping(["Mobilité", "Logement"], TwelveChanges.Take(4))));

        // Assert
        Assert.Contains("Seule la coordination de la table peut utiliser « changements regrouper ».", Text(group), StringComparison.Ordinal);
        Assert.Contains("Seule la coordination de la table peut utiliser « vote changements ».", Text(vote), StringComparison.Ordinal);
        Assert.All([show, save], card => Assert.Contains("Réservé à la coordination", Text(card), StringComparison.Ordinal));
        Assert.All([show, save], card => Assert.DoesNotContain(TwelveChanges[0].Text, Text(card), StringComparison.Ordinal));
        Assert.Null(await StoredAsync(bed, pulseId));
        Assert.Null(await VoteFlows.OpenVoteAsync(bed));
    }

    [Fact]
    public async Task OnSave_TwoSavesFromTheSameForm_SecondToldItIsStaleAndShownTheCurrentGrouping()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var changes = TwelveChanges.Take(4).ToList();
        var pulseId = await ClosedPulseAsync(bed, changes);
        var form = await NadiasFormAsync(bed);
        await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.ChangesSave, Inputs(form, Grouping(["Mobilité", "Logement"], changes)));

        // Act: the same form (the grouping as it was before the first save) saved again with other names.
        var stale = await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.ChangesSave, Inputs(form, Grouping(["Transport", "Habitation"], changes)));

        // Assert
        Assert.Contains("Quelqu'un a enregistré le regroupement entre-temps", Text(stale), StringComparison.Ordinal);
        Assert.Equal(["Mobilité", "Logement", "", "", ""], (await StoredAsync(bed, pulseId))!.Grouping.Categories);
        Assert.Equal("Mobilité", (string?)stale["body"]!.AsArray().Single(e => (string?)e?["id"] == CardDataFields.ChangeCategoryPrefix + "0")!["value"]);
    }

    [Fact]
    public async Task GroupAsync_TwoAnswersUnderK_NoChangeTextOnlyTheNotEnoughAnswersLine()
    {
        // Arrange: k is 3 by default.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await ClosedPulseAsync(bed, TwelveChanges.Take(2));

        // Act
        var form = await NadiasFormAsync(bed);

        // Assert
        Assert.Contains("Pas assez de réponses pour afficher les textes (minimum 3).", Text(form), StringComparison.Ordinal);
        Assert.All(TwelveChanges.Take(2), c => Assert.DoesNotContain(c.Text, Text(form), StringComparison.Ordinal));
        Assert.Null(ConversationTestBed.FindAction(form, CardVerbs.ChangesSave));
    }

    [Fact]
    public async Task VoteChanges_BilingualConversation_OptionsAndQuestionInBothHalves()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var changes = TwelveChanges.Take(4).ToList();
        await ClosedPulseAsync(bed, changes);
        await SendAsync(bed, TestPerson.Nadia, "langue bilingue");
        await GroupAsync(bed, ["Mobilité | Mobility", "Logement"], changes);

        // Act
        var voteCard = await SendAsync(bed, TestPerson.Nadia, "vote changes");

        // Assert
        var vote = (await VoteFlows.StoredAsync(bed, VoteFlows.VoteIdOf(voteCard)!))!;
        Assert.Equal(["Mobilité (3 changements) | Mobility (3 changes)", "Logement (1 changement) | Logement (1 change)"], vote.Options);
        Assert.Equal("Quelle catégorie de changements prioriser ? | Which category of changes should we prioritise?", vote.Question.Replace('\u202F', ' ').Replace('\u00A0', ' '));
        Assert.Contains("Mobility (3 changes)", Text(voteCard), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VoteChanges_AnotherVoteOpen_ThatVoteShownAndGroupingStillEditable()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var changes = TwelveChanges.Take(4).ToList();
        var pulseId = await ClosedPulseAsync(bed, changes);
        await GroupAsync(bed, ["Mobilité", "Logement"], changes);
        var otherVoteId = await VoteFlows.OpenAsync(bed, "vote Date de la prochaine rencontre : Mardi ; Jeudi");

        // Act
        var card = await SendAsync(bed, TestPerson.Nadia, "vote changements");

        // Assert: the open vote's card with its notice, no second vote, and the grouping not locked.
        Assert.Equal(otherVoteId, VoteFlows.VoteIdOf(card));
        Assert.Equal(otherVoteId, (await VoteFlows.OpenVoteAsync(bed))?.VoteId);
        Assert.Null((await StoredAsync(bed, pulseId))!.Grouping.VoteId);
    }

    [Fact]
    public async Task VoteChanges_OneCategoryOnly_PoliteCardAndNoVote()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var changes = TwelveChanges.Take(3).ToList();
        await ClosedPulseAsync(bed, changes);
        await GroupAsync(bed, ["Mobilité"], changes);

        // Act
        var card = await SendAsync(bed, TestPerson.Nadia, "vote changements");

        // Assert
        Assert.Contains("Il faut au moins 2 catégories nommées", Text(card), StringComparison.Ordinal);
        Assert.Null(await VoteFlows.OpenVoteAsync(bed));
    }

    [Fact]
    public async Task Export_TwelveChangesGroupedAndVoteClosed_CompteRenduHoldsTheCategoriesWithCountsAndPointsToTheVote()
    {
        // Arrange: the grouping of the first test, its vote cast by three partners and closed.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await ClosedPulseAsync(bed, TwelveChanges);
        await GroupAsync(bed, FourCategories, TwelveChanges);
        await RankedByThreeAsync(bed);

        // Act
        var markdown = await CompteRenduAsync(bed);

        // Assert: the section after the changes, before the votes, each category with its counts and its changes.
        var section = markdown[markdown.IndexOf("## Regroupement des changements\n", StringComparison.Ordinal)..markdown.IndexOf("## Résultats des votes", StringComparison.Ordinal)];
        Assert.True(markdown.IndexOf("## Changements les plus significatifs", StringComparison.Ordinal) < markdown.IndexOf(section, StringComparison.Ordinal));
        Assert.StartsWith("## Regroupement des changements\n\n*Priorisés par le vote « Quelles catégories de changements prioriser ? » ci-dessous.*\n", section, StringComparison.Ordinal);
        Assert.Equal(
            ["### Mobilité", "### Logement", "### Alimentation", "### Jeunesse"],
            section.Split('\n').Where(l => l.StartsWith("### ", StringComparison.Ordinal)));
        Assert.Equal(3, section.Split('\n').Count(l => l == "3 changements (2 positifs, 1 négatif)."));
        Assert.Contains("### Jeunesse\n\n2 changements (1 positif, 1 négatif).\n", section, StringComparison.Ordinal);
        Assert.All(TwelveChanges.Where(c => c.Category is not null), c => Assert.Contains("- " + MarkdownText.Escape(c.Text) + "\n", section, StringComparison.Ordinal));
        Assert.DoesNotContain(TwelveChanges[^1].Text, section, StringComparison.Ordinal);
        Assert.Contains("### Quelles catégories de changements prioriser ?", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_TwoAnswersUnderKWithAStoredGrouping_NoChangeTextNoCategoryOnlyTheSmallGroupLine()
    {
        // Arrange: k is 3; a grouping stored for the pulse anyway (the form never offers it under k).
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var changes = TwelveChanges.Take(2).ToList();
        var pulseId = await ClosedPulseAsync(bed, changes);
        var grouping = new ChangeGrouping
        {
            Categories = ["Mobilité", "Logement"],
            Assignments = changes.ToDictionary(c => ChangeGroupings.Key(c.Text, Tone(c.Direction)), _ => 0, StringComparer.Ordinal),
        };
        var store = bed.Factory.Services.GetRequiredService<IChangeGroupingStore>();
        Assert.Equal(GroupingSaveOutcome.Saved, (await store.SaveAsync(pulseId, grouping, expectedETag: null, CancellationToken.None)).Outcome);

        // Act
        var markdown = await CompteRenduAsync(bed);

        // Assert
        Assert.Contains("## Regroupement des changements\n\n*Pas assez de réponses pour afficher les textes (minimum 3).*\n", markdown, StringComparison.Ordinal);
        Assert.All(changes, c => Assert.DoesNotContain(c.Text, markdown, StringComparison.Ordinal));
        Assert.DoesNotContain("Mobilité", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("changements (", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_CategoriesVoteClosedWithoutBallot_SectionWithoutPointerToAVoteThatRanksNothing()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var changes = TwelveChanges.Take(4).ToList();
        await ClosedPulseAsync(bed, changes);
        await GroupAsync(bed, ["Mobilité", "Logement"], changes);
        await SendAsync(bed, TestPerson.Nadia, "vote changements");
        await CloseVoteAsync(bed);

        // Act
        var markdown = await CompteRenduAsync(bed);

        // Assert
        Assert.Contains("## Regroupement des changements\n\n### Mobilité\n\n3 changements (2 positifs, 1 négatif).\n", markdown, StringComparison.Ordinal);
        Assert.Contains("### Logement\n\n1 changement (1 positif).\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Priorisés par le vote", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_BilingualConversationGroupedAndRanked_EachHalfInItsLanguageWithItsHalfOfTheNames()
    {
        // Arrange: the conversation is bilingual before the pulse opens, so its compte-rendu is written in both languages.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await SendAsync(bed, TestPerson.Nadia, "langue bilingue");
        var changes = TwelveChanges.Take(4).ToList();
        await ClosedPulseAsync(bed, changes);
        await GroupAsync(bed, ["Mobilité | Mobility", "Logement | Housing"], changes);
        var voteId = VoteFlows.VoteIdOf(await SendAsync(bed, TestPerson.Nadia, "vote changes"))!;
        foreach (var i in (int[])[0, 1, 2])
        {
            await VoteFlows.CastAsync(bed, Partner(i), VoteFlows.Single(voteId, i % 2));
        }

        await CloseVoteAsync(bed);

        // Act
        var markdown = await CompteRenduAsync(bed);

        // Assert
        var rule = markdown.IndexOf(CompteRendu.BilingualRule, StringComparison.Ordinal);
        Assert.True(rule > 0, markdown);
        var (french, english) = (markdown[..rule], markdown[rule..]);
        Assert.Contains("## Regroupement des changements\n\n*Priorisés par le vote « Quelle catégorie de changements prioriser ? » ci-dessous.*\n\n### Mobilité\n\n3 changements (2 positifs, 1 négatif).\n", french, StringComparison.Ordinal);
        Assert.Contains("## Grouping of the changes\n\n*Prioritised by the vote “Which category of changes should we prioritise?” below.*\n\n### Mobility\n\n3 changes (2 positive, 1 negative).\n", english, StringComparison.Ordinal);
        Assert.Contains("### Housing\n\n1 change (1 positive).\n", english, StringComparison.Ordinal);
        Assert.DoesNotContain("| Mobility", markdown, StringComparison.Ordinal);
    }
}
