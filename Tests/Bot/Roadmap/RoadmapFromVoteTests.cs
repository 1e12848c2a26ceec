using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Roadmap;
using ConcertationBot.Dialogs.Roadmap;
using ConcertationBot.Tests.Bot.Votes;

namespace ConcertationBot.Tests.Bot.Roadmap;

/// <summary>
/// "Ajouter à la feuille de route" on a closed vote's result card, over real HTTP <c>/api/messages</c>, a real Azurite
/// and the loopback capture connector: Nadia is the coordinator, Amélie a partner.
/// </summary>
public sealed class RoadmapFromVoteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Priorities = "vote Nos priorités pour 2027 : Logement ; Mobilité ; Emploi des jeunes";

    private static Task<ConversationTestBed> StartAsync(AzuriteFixture azurite) =>
        ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

    private static CoordinatorScope Scope(ConversationTestBed bed) => RoadmapFlows.Scope(bed);

    private static Task<RoadmapPlan> PlanAsync(ConversationTestBed bed) => RoadmapFlows.PlanAsync(bed);

    private Task<List<TableEntity>> RowsAsync(ConversationTestBed bed) => RoadmapFlows.RowsAsync(azurite.ConnectionString, bed);

    private static string Text(JsonObject card) => RoadmapFlows.Text(card);

    /// <summary>Opens the priorities vote, casts the single-choice ballots, closes it; the vote id and the results card the channel now sees.</summary>
    private static async Task<(string VoteId, JsonObject Results)> CloseWithBallotsAsync(ConversationTestBed bed, params (TestPerson Voter, int Option)[] ballots)
    {
        var voteId = await VoteFlows.OpenWithBallotsAsync(bed, Priorities, ballots);
        using var response = await VoteFlows.CloseAsync(bed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await VoteFlows.FlushAsync(bed, voteId);
        var results = VoteFlows.LastLiveCard(bed);
        Assert.NotNull(results);
        Assert.True(VoteFlows.IsResultsCard(results));
        return (voteId, results);
    }

    [Fact]
    public async Task FromVote_CoordinatorClicksOnTheResultsCard_TopOptionIsACourtTermeItemFromTheVote()
    {
        // Arrange: Logement 2, Mobilité 1.
        await using var bed = await StartAsync(azurite);
        var (voteId, results) = await CloseWithBallotsAsync(bed, (TestPerson.Amelie, 0), (TestPerson.Bruno, 0), (TestPerson.Chris, 1));

        // Act
        var card = await bed.ClickAsync(TestPerson.Nadia, results, CardVerbs.RoadmapFromVote);

        // Assert: the item, its source, and Nadia's own (editable) view saying so.
        var item = Assert.Single((await PlanAsync(bed)).Items);
        Assert.Equal(("Logement", RoadmapHorizon.Court, "vote:" + voteId), (item.Text, item.Horizon, item.Source));
        Assert.Contains("Les options en tête du vote sont ajoutées au court terme.", Text(card), StringComparison.Ordinal);
        Assert.Contains("Logement", Text(card), StringComparison.Ordinal);
        Assert.NotNull(CardActions.Find(card["body"], CardVerbs.RoadmapItemEdit));
        Assert.Equal([TestPerson.Nadia.Id], card["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task FromVote_FourOptionsTiedFirst_TheFirstThreeInTheVotesOrderAdded()
    {
        // Arrange: one ballot for each of four options.
        await using var bed = await StartAsync(azurite);
        var voteId = await VoteFlows.OpenWithBallotsAsync(
            bed, "vote Nos priorités : Logement ; Mobilité ; Emploi ; Santé", (TestPerson.Amelie, 0), (TestPerson.Bruno, 1), (TestPerson.Chris, 2), (TestPerson.Nadia, 3));
        using (var response = await VoteFlows.CloseAsync(bed))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await VoteFlows.FlushAsync(bed, voteId);

        // Act
        await bed.ClickAsync(TestPerson.Nadia, VoteFlows.LastLiveCard(bed)!, CardVerbs.RoadmapFromVote);

        // Assert
        Assert.Equal(["Logement", "Mobilité", "Emploi"], (await PlanAsync(bed)).Items.Select(i => i.Text));
    }

    [Fact]
    public async Task FromVote_TwoOptionsTiedFirst_BothAddedInTheVotesOrder()
    {
        // Arrange: Logement 2, Mobilité 2, Emploi 0.
        await using var bed = await StartAsync(azurite);
        var (voteId, results) = await CloseWithBallotsAsync(
            bed, (TestPerson.Amelie, 0), (TestPerson.Bruno, 0), (TestPerson.Chris, 1), (TestPerson.Nadia, 1));

        // Act
        await bed.ClickAsync(TestPerson.Nadia, results, CardVerbs.RoadmapFromVote);

        // Assert
        var plan = await PlanAsync(bed);
        Assert.Equal(
            [("Logement", RoadmapHorizon.Court, "vote:" + voteId), ("Mobilité", RoadmapHorizon.Court, "vote:" + voteId)],
            plan.Items.Select(i => (i.Text, i.Horizon, i.Source)));
    }

    [Fact]
    public async Task FromVote_ClickedTwice_NothingAddedTheSecondTimeAndTheCardSaysSo()
    {
        // Arrange
        await using var bed = await StartAsync(azurite);
        var (_, results) = await CloseWithBallotsAsync(bed, (TestPerson.Amelie, 0), (TestPerson.Bruno, 0), (TestPerson.Chris, 1));
        await bed.ClickAsync(TestPerson.Nadia, results, CardVerbs.RoadmapFromVote);
        var before = await RowsAsync(bed);

        // Act
        var card = await bed.ClickAsync(TestPerson.Nadia, results, CardVerbs.RoadmapFromVote);

        // Assert
        Assert.Single((await PlanAsync(bed)).Items);
        Assert.Equal(before.Select(r => (r.RowKey, r.ETag)), (await RowsAsync(bed)).Select(r => (r.RowKey, r.ETag)));
        Assert.Contains("déjà sur la feuille de route : rien n'a été ajouté", Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromVote_PartnerClicks_RefusalAndNothingStored()
    {
        // Arrange
        await using var bed = await StartAsync(azurite);
        var (_, results) = await CloseWithBallotsAsync(bed, (TestPerson.Amelie, 0), (TestPerson.Bruno, 0), (TestPerson.Chris, 1));

        // Act
        var card = await bed.ClickAsync(TestPerson.Amelie, results, CardVerbs.RoadmapFromVote);

        // Assert
        Assert.Contains("Seule la coordination", Text(card), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(bed));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task FromVote_ClosedWithoutARanking_NoActionAndAForgedClickAddsNothing(int ballots)
    {
        // Arrange: no ballot, or two under k = 3 (the tallies withheld): either way no ranking to show.
        await using var bed = await StartAsync(azurite);
        var (voteId, results) = await CloseWithBallotsAsync(bed, [.. new[] { TestPerson.Amelie, TestPerson.Bruno }.Take(ballots).Select(p => (p, 0))]);

        // Act
        var card = await bed.InvokeForCardAsync(bed.Invoke(
            TestPerson.Nadia, CardVerbs.RoadmapFromVote, new JsonObject { [CardDataFields.VoteId] = voteId }, "vote-card"));

        // Assert
        Assert.Null(ConversationTestBed.FindAction(results, CardVerbs.RoadmapFromVote));
        Assert.Contains("Ce vote n'a pas de classement à ajouter", Text(card), StringComparison.Ordinal);
        Assert.Empty((await PlanAsync(bed)).Items);
    }

    [Fact]
    public async Task FromVote_RoadmapFull_NothingAddedAndTheCardSaysItIsFull()
    {
        // Arrange: 30 items already.
        await using var bed = await StartAsync(azurite);
        var (_, results) = await CloseWithBallotsAsync(bed, (TestPerson.Amelie, 0), (TestPerson.Bruno, 0), (TestPerson.Chris, 1));
        var store = bed.Factory.Services.GetRequiredService<IRoadmapStore>();
        for (var i = 0; i < RoadmapSteps.MaxItems; i++)
        {
            await store.ApplyAsync(Scope(bed), new AddItem($"item{i:D2}", $"Changement {i}", RoadmapHorizon.Moyen, "command"), DateTimeOffset.UtcNow, CancellationToken.None);
        }

        // Act
        var card = await bed.ClickAsync(TestPerson.Nadia, results, CardVerbs.RoadmapFromVote);

        // Assert
        var plan = await PlanAsync(bed);
        Assert.Equal(RoadmapSteps.MaxItems, plan.Items.Count);
        Assert.DoesNotContain(plan.Items, i => i.Source.StartsWith("vote:", StringComparison.Ordinal));
        Assert.Contains("La feuille de route compte déjà 30 changements", Text(card), StringComparison.Ordinal);
    }
}
