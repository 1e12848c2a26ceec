using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Tests.Cards.Pulse;

namespace ConcertationBot.Tests.Cards.Votes;

public sealed class VoteBallotCardTests
{
    private const char Nbsp = FrenchTypography.NoBreakSpace;

    [Fact]
    public void Build_SingleChoice_IsARequiredRadioListOfIndexesPreFilled()
    {
        // Arrange
        var model = VoteFixtures.Ballot(Language.French, VoteCardMode.Single, current: [0, 1, 0, 0], hasVoted: true);

        // Act
        var json = CardJson.Of(VoteBallotCard.Build(model));

        // Assert
        var input = CardJson.Input(json, VoteInputIds.Choice);
        Assert.Equal("Input.ChoiceSet", (string?)input["type"]);
        Assert.Equal("expanded", (string?)input["style"]);
        Assert.Null(input["isMultiSelect"]);
        Assert.Equal("1", (string?)input["value"]);
        Assert.True((bool?)input["isRequired"]);
        Assert.Equal("Votre choix", (string?)input["label"]);
        Assert.Equal("Choisissez une option.", (string?)input["errorMessage"]);
        var options = VoteFixtures.Options(Language.French);
        Assert.Equal(
            $$"""[{"title":{{Quote(options[0])}},"value":"0"},{"title":{{Quote(options[1])}},"value":"1"},{"title":{{Quote(options[2])}},"value":"2"},{"title":{{Quote(options[3])}},"value":"3"}]""",
            input["choices"]!.ToJsonString());
    }

    [Fact]
    public void Build_TopN_IsAMultiSelectPreFilledWithCommaSeparatedIndexes()
    {
        // Arrange
        var model = VoteFixtures.Ballot(Language.English, VoteCardMode.TopN, current: [1, 0, 1, 0], hasVoted: true);

        // Act
        var json = CardJson.Of(VoteBallotCard.Build(model));

        // Assert
        var input = CardJson.Input(json, VoteInputIds.Choices);
        Assert.Equal("expanded", (string?)input["style"]);
        Assert.True((bool?)input["isMultiSelect"]);
        Assert.Equal("0,2", (string?)input["value"]);
        Assert.Equal(["0", "1", "2", "3"], input["choices"]!.AsArray().Select(c => (string)c!["value"]!));
        Assert.Contains("Choose up to 2 options.", CardJson.TextBlocks(json));
    }

    [Fact]
    public void Build_EmptyForm_HasNoPreselectionAndSaysSend()
    {
        // Act
        var json = CardJson.Of(VoteBallotCard.Build(VoteFixtures.Ballot(Language.French, VoteCardMode.Single)));

        // Assert
        Assert.Null(CardJson.Input(json, VoteInputIds.Choice)["value"]);
        Assert.Equal("Envoyer mon vote", (string?)CardJson.Actions(json)[0]["title"]);
    }

    [Fact]
    public void Build_DotVoting_HasOneNumberInputPerOptionLabelledWithItsText()
    {
        // Arrange: 5 points; 4 on the first option, 1 on the last.
        var model = VoteFixtures.Ballot(Language.French, VoteCardMode.Points, current: [4, 0, 0, 1], hasVoted: true);

        // Act
        var json = CardJson.Of(VoteBallotCard.Build(model));

        // Assert
        var options = VoteFixtures.Options(Language.French);
        var inputs = CardJson.OfType(json, "Input.Number").ToList();
        Assert.Equal(["points0", "points1", "points2", "points3"], inputs.Select(i => (string)i["id"]!));
        Assert.Equal(options, inputs.Select(i => (string)i["label"]!));
        Assert.All(inputs, i => Assert.Equal(0, (int)i["min"]!));
        Assert.All(inputs, i => Assert.Equal(5, (int)i["max"]!));
        Assert.Equal([4, 0, 0, 1], inputs.Select(i => (int?)i["value"]));
        Assert.Equal(
            $$"""{"type":"Input.Number","min":0,"max":5,"value":4,"placeholder":"0","id":"points0","label":{{Quote(options[0])}},"errorMessage":"Entre 0 et 5 points.","spacing":"Medium"}""",
            inputs[0].ToJsonString());
        Assert.Contains("Répartissez vos 5 points comme vous voulez" + Nbsp + ": plusieurs sur une même option si elle compte beaucoup pour vous.", CardJson.TextBlocks(json));
    }

    [Fact]
    public void Build_EmptyDotVotingForm_StartsEveryFieldAtZero()
    {
        // Act
        var json = CardJson.Of(VoteBallotCard.Build(VoteFixtures.Ballot(Language.English, VoteCardMode.Points)));

        // Assert
        Assert.Equal([0, 0, 0, 0], CardJson.OfType(json, "Input.Number").Select(i => (int?)i["value"]));
        Assert.Contains("Spread your 5 points as you wish: several on one option if it matters a lot to you.", CardJson.TextBlocks(json));
    }

    [Theory]
    [InlineData(false, "Envoyer mon vote")]
    [InlineData(true, "Modifier mon vote")]
    public void Build_Button_CastsTheVoteWithItsIdAndInputs(bool hasVoted, string title)
    {
        // Act
        var json = CardJson.Of(VoteBallotCard.Build(VoteFixtures.Ballot(Language.French, VoteCardMode.TopN, hasVoted: hasVoted)));

        // Assert
        var action = Assert.Single(CardJson.Actions(json));
        Assert.Equal(
            $$"""{"type":"Action.Execute","verb":"vote.cast","data":{"voteId":"v-2026-12-cdn"},"associatedInputs":"auto","title":"{{title}}","style":"positive"}""",
            action.ToJsonString());
    }

    [Fact]
    public void Build_Refresh_ListsOnlyTheVoterWithVoteOpen()
    {
        // Act
        var json = CardJson.Of(VoteBallotCard.Build(VoteFixtures.Ballot(Language.English, VoteCardMode.Points)));

        // Assert
        Assert.Equal(
            """{"action":{"type":"Action.Execute","verb":"vote.open","data":{"voteId":"v-2026-12-cdn"},"title":"Refresh"},"userIds":["29:1a2b3c-user-nadia"]}""",
            json["refresh"]!.ToJsonString());
        Assert.Equal(CardVerbs.VoteOpen, (string?)json["refresh"]!["action"]!["verb"]);
    }

    [Fact]
    public void Build_Notice_IsShownInAnAttentionBoxAboveTheInputs()
    {
        // Arrange
        var model = VoteFixtures.Ballot(Language.French, VoteCardMode.Points, current: [4, 2, 0, 0], notice: "Vous avez donné 6 points ; 5 au plus.");

        // Act
        var json = CardJson.Of(VoteBallotCard.Build(model));

        // Assert
        var body = json["body"]!.AsArray();
        var noticeIndex = body.ToList().FindIndex(e => (string?)e!["style"] == "Attention");
        Assert.True(noticeIndex >= 0);
        Assert.Equal("Vous avez donné 6 points ; 5 au plus.", (string?)body[noticeIndex]!["items"]![0]!["text"]);
        Assert.Equal("Input.Number", (string?)body[noticeIndex + 1]!["type"]);
    }

    [Fact]
    public void Build_HiddenResults_SaysSoAndMarkdownQuestionStaysInert()
    {
        // Arrange
        var model = VoteFixtures.Ballot(Language.English, VoteCardMode.Single, hidden: true) with { Question = VoteFixtures.MarkdownText };

        // Act
        var json = CardJson.Of(VoteBallotCard.Build(model));

        // Assert
        var texts = CardJson.TextBlocks(json);
        Assert.Contains(CardText.Inert(VoteFixtures.MarkdownText), texts);
        Assert.DoesNotContain(VoteFixtures.MarkdownText, texts);
        Assert.Contains(texts, t => t.StartsWith("Results hidden until the close. ", StringComparison.Ordinal));
        Assert.Equal(VoteFixtures.MarkdownText, (string?)CardJson.Input(json, VoteInputIds.Choice)["choices"]![0]!["title"]);
    }

    [Fact]
    public void Build_TwelveOptionsOfAHundredCharactersInDotVoting_StaysUnder80KB()
    {
        // Arrange
        var options = VoteFixtures.TwelveLong();
        var model = VoteFixtures.Ballot(Language.French, VoteCardMode.Points) with
        {
            Question = new string('é', 200),
            Options = options,
            Current = [.. Enumerable.Range(0, 12).Select(i => i % 3)],
            Notice = "Vous avez donné 12 points ; 5 au plus.",
        };

        // Act
        var card = VoteBallotCard.Build(model);

        // Assert
        Assert.InRange(AdaptiveCardSerializer.MeasureUtf16Bytes(card), 1, 80 * 1024);
        Assert.Equal(12, CardJson.OfType(CardJson.Of(card), "Input.Number").Count());
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
