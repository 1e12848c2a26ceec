using ConcertationBot.Tests.Cards.Votes;

namespace ConcertationBot.Tests.Cards.Pulse;

/// <summary>Cards rendered by Microsoft's JS renderer in headless Chromium at phone width (400 px), then used like a person would.</summary>
public sealed class PulseCardRenderingTests
{
    private static async Task<JsonArray> RenderAsync(IEnumerable<(string Name, AdaptiveCard Card)> cards)
    {
        var input = new JsonArray([.. cards.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["card"] = JsonNode.Parse(AdaptiveCardSerializer.ToJson(c.Card)),
        })]);
        var output = await NodeScript.RunAsync(RepositoryPaths.Combine("Tests", "Node", "cards", "render-cards.mjs"), input.ToJsonString(), CancellationToken.None);
        return JsonNode.Parse(output)!.AsArray();
    }

    [Theory]
    [InlineData(Language.French)]
    [InlineData(Language.English)]
    public async Task Render_FreinLongerThanMaxLength_IsKeptWholeCannotGrowAndIsSent(Language language)
    {
        // Arrange
        var frein = new string('é', 612);
        var card = PulseStepCard.Build(PulseFixtures.Step(language, PulseFixtures.FreinLevier(frein: frein, levier: "Le CLSC *prête* une salle", maxLength: 500)));

        // Act
        var result = (await RenderAsync([("frein-overlong", card)]))[0]!;

        // Assert
        var inputs = result["inputs"]!.AsArray();
        Assert.Equal(PulseInputIds.Frein, (string?)inputs[0]!["id"]);
        Assert.Equal(612, (int?)inputs[0]!["valueLength"]);
        Assert.Equal(500, (int?)inputs[0]!["maxLength"]);
        Assert.Equal(612, (int?)inputs[0]!["lengthAfterTyping"]);
        Assert.Equal("Le CLSC *prête* une salle".Length + 1, (int?)inputs[1]!["lengthAfterTyping"]);
        var executed = result["executed"]!.AsArray();
        var next = executed.Single(e => (string?)e!["verb"] == CardVerbs.PulseNext)!;
        Assert.Equal(frein, (string?)next["data"]![PulseInputIds.Frein]);
        Assert.Equal("Le CLSC *prête* une salle", (string?)next["data"]![PulseInputIds.Levier]);
        Assert.Equal("condition-agenda", (string?)next["data"]![CardDataFields.Step]);
        Assert.Equal(4, (int?)next["data"]![CardDataFields.Revision]);
        var skip = executed.Single(e => (string?)e!["verb"] == CardVerbs.PulseSkip)!;
        Assert.Null(skip["data"]![PulseInputIds.Frein]);
        Assert.Equal(PulseFixtures.PulseId, (string?)skip["data"]![CardDataFields.PulseId]);
    }

    [Fact]
    public async Task Render_RatingStep_SendsThePreselectedValue()
    {
        // Arrange
        var card = PulseStepCard.Build(PulseFixtures.Step(Language.French, PulseFixtures.Rating(Language.French, value: PulseInputIds.DontKnow)));

        // Act
        var result = (await RenderAsync([("rating", card)]))[0]!;

        // Assert
        var next = result["executed"]!.AsArray().Single(e => (string?)e!["verb"] == CardVerbs.PulseNext)!;
        Assert.Equal(PulseInputIds.DontKnow, (string?)next["data"]![PulseInputIds.Rating]);
        var back = result["executed"]!.AsArray().Single(e => (string?)e!["verb"] == CardVerbs.PulseBack)!;
        Assert.Equal(PulseInputIds.DontKnow, (string?)back["data"]![PulseInputIds.Rating]); // kept as the step's draft
    }

    [Fact]
    public async Task Render_VoteBallots_SendThePreFilledBallotWithTheVoteId()
    {
        // Arrange
        var cards = new (string, AdaptiveCard)[]
        {
            ("single", VoteBallotCard.Build(VoteFixtures.Ballot(Language.French, VoteCardMode.Single, current: [0, 1, 0, 0], hasVoted: true))),
            ("top-n", VoteBallotCard.Build(VoteFixtures.Ballot(Language.English, VoteCardMode.TopN, current: [1, 0, 1, 0], hasVoted: true))),
            ("points", VoteBallotCard.Build(VoteFixtures.Ballot(Language.French, VoteCardMode.Points, current: [4, 0, 0, 1], hasVoted: true))),
        };

        // Act
        var results = await RenderAsync(cards);

        // Assert
        var sent = results.Select(r => r!["executed"]!.AsArray().Single(e => (string?)e!["verb"] == CardVerbs.VoteCast)!["data"]!.ToJsonString()).ToList();
        Assert.Equal(
            [
                """{"voteId":"v-2026-12-cdn","choice":"1"}""",
                """{"voteId":"v-2026-12-cdn","choices":"0,2"}""",
                """{"voteId":"v-2026-12-cdn","points0":"4","points1":"0","points2":"0","points3":"1"}""",
            ],
            sent);
    }

    [Fact]
    public async Task Render_VoteBallotsEmptyChoiceOrPointsOverBudget_AreNotSentButAnUntouchedPointsFormIs()
    {
        // Arrange: a single choice left empty (required), 7 points in a field whose max is the budget of 5, and an
        // untouched dot-voting form (every field at 0).
        var cards = new (string, AdaptiveCard)[]
        {
            ("single-empty", VoteBallotCard.Build(VoteFixtures.Ballot(Language.French, VoteCardMode.Single))),
            ("points-over", VoteBallotCard.Build(VoteFixtures.Ballot(Language.French, VoteCardMode.Points, current: [7, 0, 0, 0]))),
            ("points-empty", VoteBallotCard.Build(VoteFixtures.Ballot(Language.French, VoteCardMode.Points))),
        };

        // Act
        var results = await RenderAsync(cards);

        // Assert
        Assert.Empty(results[0]!["executed"]!.AsArray());
        Assert.Empty(results[1]!["executed"]!.AsArray());
        Assert.Equal("""{"voteId":"v-2026-12-cdn","points0":"0","points1":"0","points2":"0","points3":"0"}""", results[2]!["executed"]![0]!["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Render_VoteCards_OpenTheBallotWhileOpenAndNotOnceClosed()
    {
        // Arrange
        var cards = new (string, AdaptiveCard)[]
        {
            ("shared", VoteCard.Build(VoteFixtures.Open(Language.French, VoteCardMode.Points))),
            ("own", VoteCard.Build(VoteFixtures.OwnView(Language.English, VoteCardMode.TopN))),
            ("closed", VoteCard.Build(VoteFixtures.Closed(Language.French))),
        };

        // Act
        var results = await RenderAsync(cards);

        // Assert
        Assert.Equal(
            """[{"title":"Voter","verb":"vote.open","data":{"voteId":"v-2026-12-cdn"}}]""",
            results[0]!["executed"]!.ToJsonString());
        Assert.Equal(
            """[{"title":"Change my vote","verb":"vote.open","data":{"voteId":"v-2026-12-cdn"}}]""",
            results[1]!["executed"]!.ToJsonString());
        // Once closed, the only action left is the feuille de route's (issue #17), never the ballot.
        var closed = Assert.Single(results[2]!["executed"]!.AsArray())!;
        Assert.Equal(("Ajouter à la feuille de route", CardVerbs.RoadmapFromVote), ((string?)closed["title"], (string?)closed["verb"]));
        Assert.Equal("""{"voteId":"v-2026-12-cdn"}""", closed["data"]!.ToJsonString());
    }

    [Theory]
    [InlineData(Language.French)]
    [InlineData(Language.English)]
    public async Task Render_SingleChoiceSharedCardOnAPhone_EachOptionIsAFullWidthButtonSendingItsIndex(Language language)
    {
        // Arrange: twelve options of 100 characters, the most a vote may have.
        var model = VoteFixtures.Open(language, VoteCardMode.Single) with
        {
            Options = [.. VoteFixtures.TwelveLong().Select(o => new VoteOptionLine(o, 1, 1, false))],
        };
        var input = new JsonArray(new JsonObject
        {
            ["name"] = "single-twelve",
            ["card"] = JsonNode.Parse(AdaptiveCardSerializer.ToJson(VoteCard.Build(model))),
            ["clickAll"] = true,
        });

        // Act
        var output = await NodeScript.RunAsync(RepositoryPaths.Combine("Tests", "Node", "cards", "render-cards.mjs"), input.ToJsonString(), CancellationToken.None);
        var result = JsonNode.Parse(output)!.AsArray()[0]!;

        // Assert: no horizontal overflow; twelve option buttons, each below the one before (one a row), inside the 400 px, and "Mon bulletin".
        Assert.Equal(0, (int)result["overflowPx"]!);
        var clicked = result["clicked"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(13, clicked.Count);
        var options = clicked.Where(c => (string?)c["verb"] == CardVerbs.VoteChoose).ToList();
        Assert.Equal(12, options.Count);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(new JsonObject { ["voteId"] = VoteFixtures.VoteId, ["option"] = i }.ToJsonString(), options[i]["data"]!.ToJsonString());
            Assert.InRange((int)options[i]["rightPx"]!, 1, 400);
            if (i > 0)
            {
                Assert.True((int)options[i]["topPx"]! > (int)options[i - 1]["topPx"]!, $"Button {i} is not below button {i - 1}.");
            }
        }

        Assert.Equal(CardVerbs.VoteOpen, (string?)Assert.Single(clicked, c => (string?)c["verb"] != CardVerbs.VoteChoose)["verb"]);
    }

    [Fact]
    public async Task Render_EveryBotCard_FitsAPhoneWidth()
    {
        // Act
        var results = await RenderAsync(OfficialRendererValidationTests.AllCards());

        // Assert
        var overflowing = results.Where(r => (int)r!["overflowPx"]! > 0).Select(r => r!.ToJsonString()).ToList();
        Assert.True(overflowing.Count == 0, string.Join('\n', overflowing));
        Assert.Equal(OfficialRendererValidationTests.AllCards().Count(), results.Count);
    }
}
