using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Tests.Cards.Pulse;

namespace ConcertationBot.Tests.Cards.Votes;

public sealed class VoteCardTests
{
    private const char Nbsp = FrenchTypography.NoBreakSpace;

    private static bool HasBar(string text) => text.Contains('█', StringComparison.Ordinal) || text.Contains('░', StringComparison.Ordinal);

    /// <summary>The <c>vote.choose</c> buttons of a card, in order: one per ActionSet in the body.</summary>
    private static List<JsonObject> ChooseButtons(JsonNode card) =>
        [.. CardJson.OfType(card, "ActionSet").SelectMany(set => set["actions"]!.AsArray().Cast<JsonObject>()).Where(a => (string?)a["verb"] == CardVerbs.VoteChoose)];

    [Fact]
    public void Build_OpenSharedCard_HasVoteButtonOpeningTheBallot()
    {
        // Arrange: top-N votes keep the ballot form, opened by "Voter".
        var model = VoteFixtures.Open(Language.French, VoteCardMode.TopN);

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        var action = Assert.Single(CardJson.Actions(json));
        Assert.Equal(
            """{"type":"Action.Execute","verb":"vote.open","data":{"voteId":"v-2026-12-cdn"},"title":"Voter","style":"positive"}""",
            action.ToJsonString());
        Assert.Equal("1.5", (string?)json["version"]);
        Assert.Null(json["lang"]);
        Assert.Null(json["msteams"]);
    }

    [Theory]
    [InlineData(Language.French, "Mon bulletin", "Votez en un clic" + "\u00A0:")]
    [InlineData(Language.English, "My ballot", "Vote in one click:")]
    public void Build_OpenSingleChoice_OneButtonPerOptionInItsOwnRowWithTheIndexAsData(Language language, string ballotTitle, string lead)
    {
        // Arrange
        var model = VoteFixtures.Open(language, VoteCardMode.Single);

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert: one ActionSet per option (one button a row), data = voteId + index; the card's own action opens the ballot.
        var sets = CardJson.OfType(json, "ActionSet").ToList();
        Assert.Equal(model.Options.Count, sets.Count);
        Assert.All(sets, set => Assert.Single(set["actions"]!.AsArray()));
        var buttons = ChooseButtons(json);
        Assert.Equal(model.Options.Count, buttons.Count);
        for (var i = 0; i < buttons.Count; i++)
        {
            Assert.Equal(new JsonObject { ["voteId"] = VoteFixtures.VoteId, ["option"] = i }.ToJsonString(), buttons[i]["data"]!.ToJsonString());
            Assert.Null(buttons[i]["style"]);
        }

        Assert.Equal(model.Options[2].Option, (string?)buttons[2]["title"]);
        Assert.All(buttons, b => Assert.InRange(((string)b["title"]!).Length, 1, VoteCard.ButtonTitleLength));
        Assert.Contains(lead, CardJson.TextBlocks(json));
        var action = Assert.Single(CardJson.Actions(json));
        Assert.Equal(CardVerbs.VoteOpen, (string?)action["verb"]);
        Assert.Equal(ballotTitle, (string?)action["title"]);
        Assert.Null(action["style"]);
    }

    [Fact]
    public void Build_OpenSingleChoiceLongAndMarkdownOptions_ButtonTitlesAreTheOptionsAsTypedCutTo40()
    {
        // Arrange
        var options = VoteFixtures.TwelveLong().Take(11).Append(VoteFixtures.MarkdownText[..30]).ToList();
        var model = VoteFixtures.Open(Language.French, VoteCardMode.Single) with
        {
            Options = [.. options.Select(o => new VoteOptionLine(o, 1, 1, false))],
        };

        // Act
        var buttons = ChooseButtons(CardJson.Of(VoteCard.Build(model)));

        // Assert: at most 40 characters, a cut one ends with "…" and starts as typed; a short one is exactly as typed.
        Assert.Equal(12, buttons.Count);
        var titles = buttons.Select(b => (string)b["title"]!).ToList();
        Assert.All(titles, title => Assert.InRange(title.Length, 1, VoteCard.ButtonTitleLength));
        for (var i = 0; i < 11; i++)
        {
            Assert.EndsWith("…", titles[i], StringComparison.Ordinal);
            Assert.StartsWith(titles[i][..^1].TrimEnd(), options[i], StringComparison.Ordinal);
        }

        Assert.Equal(VoteFixtures.MarkdownText[..30], titles[11]);
        Assert.Equal(Enumerable.Range(0, 12), buttons.Select(b => (int)b["data"]!["option"]!));
    }

    [Theory]
    [InlineData(VoteCardMode.TopN)]
    [InlineData(VoteCardMode.Points)]
    public void Build_OpenTopNOrDotVoting_NoOptionButtonsAndVoterOpensTheForm(VoteCardMode mode)
    {
        // Act
        var json = CardJson.Of(VoteCard.Build(VoteFixtures.Open(Language.French, mode)));

        // Assert
        Assert.Empty(ChooseButtons(json));
        Assert.Empty(CardJson.OfType(json, "ActionSet"));
        var action = Assert.Single(CardJson.Actions(json));
        Assert.Equal("Voter", (string?)action["title"]);
        Assert.Equal(CardVerbs.VoteOpen, (string?)action["verb"]);
    }

    [Fact]
    public void Build_ClosedSingleChoice_NoOptionButtons()
    {
        // Act
        var json = CardJson.Of(VoteCard.Build(VoteFixtures.Closed(Language.French, VoteCardMode.Single)));

        // Assert: no vote verb left, only the roadmap's.
        Assert.Empty(ChooseButtons(json));
        Assert.Equal(CardVerbs.RoadmapFromVote, (string?)Assert.Single(CardJson.Actions(json))["verb"]);
    }

    [Theory]
    [InlineData(Language.French, VoteCardMode.Single, "Ajouter à la feuille de route")]
    [InlineData(Language.English, VoteCardMode.Points, "Add to the roadmap")]
    public void Build_ClosedWithARanking_OneAddToRoadmapActionCarryingTheVoteId(Language language, VoteCardMode mode, string title)
    {
        // Act
        var json = CardJson.Of(VoteCard.Build(VoteFixtures.Closed(language, mode)));

        // Assert
        var action = Assert.Single(json["actions"]!.AsArray())!.AsObject();
        Assert.Equal("Action.Execute", (string?)action["type"]);
        Assert.Equal(CardVerbs.RoadmapFromVote, (string?)action["verb"]);
        Assert.Equal(title, (string?)action["title"]);
        Assert.Equal(VoteFixtures.VoteId, (string?)action["data"]![CardDataFields.VoteId]);
    }

    [Theory]
    [InlineData("closed without a ballot")]
    [InlineData("closed under k, tallies withheld")]
    [InlineData("open")]
    public void Build_NoRankingToShow_NoAddToRoadmapAction(string card)
    {
        // Arrange
        var model = card switch
        {
            "closed without a ballot" => VoteFixtures.ClosedAtZero(Language.French, participation: 0, tied: true),
            "closed under k, tallies withheld" => VoteFixtures.Closed(Language.French, VoteCardMode.Single) with { Participation = 2, WithheldBelow = 3 },
            _ => VoteFixtures.Open(Language.French, VoteCardMode.TopN),
        };

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        Assert.DoesNotContain(CardVerbs.RoadmapFromVote, json.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.French, "Modifier mon vote")]
    [InlineData(Language.English, "Change my vote")]
    public void Build_OwnViewSingleChoice_MarksTheChosenButtonAndOffersToChangeTheVote(Language language, string change)
    {
        // Arrange: the voter chose option 1.
        var model = VoteFixtures.OwnView(language, VoteCardMode.Single);

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        var buttons = ChooseButtons(json);
        Assert.Equal(model.Options.Count, buttons.Count);
        Assert.StartsWith("✓ ", (string)buttons[1]["title"]!, StringComparison.Ordinal);
        Assert.Equal("positive", (string?)buttons[1]["style"]);
        Assert.All(buttons.Where((_, i) => i != 1), b => Assert.DoesNotContain("✓", (string)b["title"]!, StringComparison.Ordinal));
        Assert.True(buttons.All(b => ((string)b["title"]!).Length <= VoteCard.ButtonTitleLength));
        Assert.Equal(change, (string?)Assert.Single(CardJson.Actions(json))["title"]);
        Assert.Equal([VoteFixtures.UserId], json["refresh"]!["userIds"]!.AsArray().Select(id => (string?)id));
    }

    [Fact]
    public void Build_SeventyFiveRefreshIds_KeepsTheFirstSixtyWithVoteOpen()
    {
        // Arrange
        var model = VoteFixtures.Open(Language.English, refreshIds: 75);

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        var userIds = json["refresh"]!["userIds"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(CardRefresh.MaxUserIds, userIds.Count);
        Assert.Equal(model.RefreshUserIds.Take(60), userIds);
        Assert.Equal(
            """{"type":"Action.Execute","verb":"vote.open","data":{"voteId":"v-2026-12-cdn"},"title":"Refresh"}""",
            json["refresh"]!["action"]!.ToJsonString());
    }

    [Fact]
    public void Build_NoRefreshIds_HasNoRefreshButKeepsTheButton()
    {
        // Act
        var json = CardJson.Of(VoteCard.Build(VoteFixtures.Open(Language.French, refreshIds: 0)));

        // Assert
        Assert.Null(json["refresh"]);
        Assert.Single(CardJson.Actions(json));
    }

    /// <summary>Per mode: the bars of the four options and the words the mode shows.</summary>
    public static TheoryData<Language, VoteCardMode, string[], string[]> BarsByMode => new()
    {
        // 12 ballots; 5, 4, 3 and 0 of them for the four options: a bar, a count and a share of ballots per option.
        {
            Language.French, VoteCardMode.Single,
            ["████░░░░░░ 5 · 42" + Nbsp + "%", "███░░░░░░░ 4 · 33" + Nbsp + "%", "███░░░░░░░ 3 · 25" + Nbsp + "%", "░░░░░░░░░░ 0 · 0" + Nbsp + "%"],
            ["Un choix", "12 votes"]
        },
        // 12 ballots choosing 2 options each; 9, 7, 7, 1: shares are of ballots, not of choices.
        {
            Language.English, VoteCardMode.TopN,
            ["████████░░ 9 · 75%", "██████░░░░ 7 · 58%", "██████░░░░ 7 · 58%", "█░░░░░░░░░ 1 · 8%"],
            ["Up to 2 choices", "% of voters; each can choose up to 2 options"]
        },
        // 60 points given: 27, 18, 14 and 1: points, with the singular, and bars of all points.
        {
            Language.French, VoteCardMode.Points,
            ["█████░░░░░ 27 points", "███░░░░░░░ 18 points", "██░░░░░░░░ 14 points", "█░░░░░░░░░ 1 point"],
            ["5 points à répartir"]
        },
    };

    [Theory]
    [MemberData(nameof(BarsByMode))]
    public void Build_BallotsInEachMode_ShowsTheModesBarsAndWords(Language language, VoteCardMode mode, string[] bars, string[] words)
    {
        // Arrange
        var model = VoteFixtures.Open(language, mode);

        // Act
        var texts = CardJson.TextBlocks(CardJson.Of(VoteCard.Build(model)));

        // Assert
        Assert.Equal(bars, texts.Where(HasBar));
        Assert.All(words, word => Assert.Contains(word, texts));
    }

    [Fact]
    public void Build_NoBallotYet_ShowsEmptyBarsWithoutShares()
    {
        // Act
        var texts = CardJson.TextBlocks(CardJson.Of(VoteCard.Build(VoteFixtures.Open(Language.English, VoteCardMode.Single, participation: 0))));

        // Assert
        Assert.All(texts.Where(HasBar), t => Assert.Equal("░░░░░░░░░░ 0", t));
        Assert.Equal(4, texts.Count(HasBar));
        Assert.Contains("No votes yet", texts);
    }

    [Theory]
    [InlineData(VoteCardMode.Single)]
    [InlineData(VoteCardMode.TopN)]
    [InlineData(VoteCardMode.Points)]
    public void Build_HiddenResultsWhileOpen_ListsOptionsWithoutScoresOrBars(VoteCardMode mode)
    {
        // Arrange
        var model = VoteFixtures.Open(Language.French, mode, hidden: true);

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        var texts = CardJson.TextBlocks(json);
        List<string> expected = ["Vote de priorités", CardText.Inert(model.Question), VoteCardParts.Rules(Language.French, model.Rules), "12 votes"];
        if (mode == VoteCardMode.Single)
        {
            // Single choice: the same one-click buttons, without tallies.
            expected.Add("Votez en un clic" + Nbsp + ":");
            Assert.Equal(model.Options.Count, ChooseButtons(json).Count);
        }

        expected.Add("Vote anonyme" + Nbsp + ": seuls les totaux sont affichés.");
        Assert.Equal(expected, texts);
        Assert.EndsWith(" · Résultats cachés jusqu'à la clôture", texts[2], StringComparison.Ordinal);
        Assert.Equal(model.Options.Select(o => o.Option), CardJson.TextRuns(json));
    }

    [Fact]
    public void Build_OpenOneBallotUnderK_ParticipationOnlyAndSaysFromHowManyVotes()
    {
        // Arrange: one ballot, k = 3 (the model as the small-group rule gives it: no score, no rank).
        var model = VoteFixtures.Open(Language.French, VoteCardMode.Single, participation: 1) with
        {
            Options = [.. VoteFixtures.Options(Language.French).Select(o => new VoteOptionLine(o, 0, 1, false))],
            WithheldBelow = 3,
        };

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        var texts = CardJson.TextBlocks(json);
        Assert.Contains("1 vote", texts);
        Assert.Contains("Les résultats s'afficheront à partir de 3 votes", texts);
        Assert.DoesNotContain(texts, HasBar);
        Assert.DoesNotContain(texts, t => t.Contains('%', StringComparison.Ordinal));
        Assert.Equal(VoteFixtures.Options(Language.French), CardJson.TextRuns(json));
        Assert.NotNull(json["actions"]);
    }

    [Theory]
    [InlineData(Language.French, "Pas assez de votes pour publier le détail\u00A0: il en faut au moins 3.")]
    [InlineData(Language.English, "Not enough votes to publish the details: at least 3 are needed.")]
    public void Build_ClosedUnderK_ParticipationAndNotEnoughVotesWithoutRanking(Language language, string expected)
    {
        // Arrange
        var model = VoteFixtures.ClosedAtZero(language, participation: 2, tied: false) with { WithheldBelow = 3 };

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        var texts = CardJson.TextBlocks(json);
        Assert.Contains("2 votes", texts);
        Assert.Contains(expected, texts);
        Assert.DoesNotContain(texts, HasBar);
        Assert.Equal(VoteFixtures.Options(language), CardJson.TextRuns(json));
    }

    [Fact]
    public void Rules_PublicResults_SaysSo()
    {
        // Act
        var text = VoteCardParts.Rules(Language.French, new VoteCardRules(VoteCardMode.TopN, 2, HiddenResults: false, PublicResults: true));

        // Assert
        Assert.Equal("Jusqu'à 2 choix · Résultats publics dès le premier vote", text);
    }

    [Fact]
    public void Build_Closed_RanksWithTiesShowsHiddenScoresAndHasNoVoteButtonOrRefresh()
    {
        // Arrange: hidden results, ranked 9, 7, 7, 1.
        var model = VoteFixtures.Closed(Language.French, VoteCardMode.TopN, hidden: true);

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert: the one action left is the roadmap's.
        Assert.Equal([CardVerbs.RoadmapFromVote], CardJson.Actions(json).Select(a => (string?)a["verb"]));
        Assert.Null(json["refresh"]);
        var texts = CardJson.TextBlocks(json);
        Assert.Equal("Résultats du vote", texts[0]);
        Assert.Equal(CardText.Inert(model.Question), texts[1]);
        Assert.Equal("Jusqu'à 2 choix", texts[2]);
        Assert.Equal(4, texts.Count(HasBar));
        var options = VoteFixtures.Options(Language.French);
        Assert.Equal(
            ["1. ", options[0], "2. ", "(ex æquo) ", options[1], "2. ", "(ex æquo) ", options[2], "4. ", options[3]],
            CardJson.TextRuns(json));
    }

    [Fact]
    public void Build_ClosedEnglish_SaysTied()
    {
        // Arrange
        var model = VoteFixtures.Closed(Language.English, VoteCardMode.Single);

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        Assert.Contains("(tied) ", CardJson.TextRuns(json));
        Assert.Contains("Vote results", CardJson.TextBlocks(json));
    }

    [Theory]
    [InlineData(Language.English, "No votes")]
    [InlineData(Language.French, "Aucun vote")]
    public void Build_ClosedWithoutBallot_SaysNoVotesAndRanksNothing(Language language, string noVotes)
    {
        // Arrange: closed with no ballot, every option at 0 (the tally ranks them all first, tied).
        var model = VoteFixtures.ClosedAtZero(language, participation: 0, tied: true);

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        var texts = CardJson.TextBlocks(json);
        Assert.Contains(noVotes, texts);
        Assert.DoesNotContain(texts, HasBar);
        Assert.Equal(VoteFixtures.Options(language), CardJson.TextRuns(json));
    }

    [Fact]
    public void Build_TopNFrenchClosed_SaysThePercentagesAreOfVotersWhoCouldChooseSeveral()
    {
        // Arrange: 12 ballots of up to 2 choices: the shares add up to more than 100 %.
        var model = VoteFixtures.Closed(Language.French, VoteCardMode.TopN);

        // Act
        var texts = CardJson.TextBlocks(CardJson.Of(VoteCard.Build(model)));

        // Assert
        Assert.Contains("% des votant·es ; chacun pouvait choisir jusqu'à 2 options", texts.Select(t => t.Replace('\u202F', ' ').Replace('\u00A0', ' ')));
    }

    [Theory]
    [InlineData(VoteCardMode.Single)]
    [InlineData(VoteCardMode.Points)]
    public void Build_SharesThatAddUp_NoPercentageNote(VoteCardMode mode)
    {
        // Act
        var texts = CardJson.TextBlocks(CardJson.Of(VoteCard.Build(VoteFixtures.Open(Language.French, mode))));

        // Assert
        Assert.DoesNotContain(texts, t => t.Contains("votant·es", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Language.French, 0, false, "Aucun vote pour l'instant")]
    [InlineData(Language.French, 0, true, "Aucun vote")]
    [InlineData(Language.French, 1, false, "1 vote")]
    [InlineData(Language.French, 2, false, "2 votes")]
    [InlineData(Language.English, 0, false, "No votes yet")]
    [InlineData(Language.English, 1, true, "1 vote")]
    [InlineData(Language.English, 12, false, "12 votes")]
    public void Participation_Count_SaysItInTheLanguage(Language language, int ballots, bool closed, string expected)
    {
        // Act
        var text = VoteCardParts.Participation(language, ballots, closed);

        // Assert
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(Language.French, 0, "0 point")]
    [InlineData(Language.French, 1, "1 point")]
    [InlineData(Language.French, 2, "2 points")]
    [InlineData(Language.English, 0, "0 points")]
    [InlineData(Language.English, 1, "1 point")]
    [InlineData(Language.English, 7, "7 points")]
    public void Points_Count_IsSingularOrPlural(Language language, int points, string expected)
    {
        // Act
        var text = VoteCardParts.Points(language, points);

        // Assert
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(Language.French, VoteCardMode.Single, 1, false, "Un choix")]
    [InlineData(Language.French, VoteCardMode.TopN, 3, false, "Jusqu'à 3 choix")]
    [InlineData(Language.French, VoteCardMode.TopN, 1, false, "Un choix au plus")]
    [InlineData(Language.French, VoteCardMode.Points, 3, true, "3 points à répartir · Résultats cachés jusqu'à la clôture")]
    [InlineData(Language.French, VoteCardMode.Points, 1, false, "1 point à donner")]
    [InlineData(Language.English, VoteCardMode.Single, 1, true, "One choice · Results hidden until the close")]
    [InlineData(Language.English, VoteCardMode.TopN, 3, false, "Up to 3 choices")]
    [InlineData(Language.English, VoteCardMode.Points, 5, false, "5 points to spread")]
    public void Rules_EveryMode_SaysTheRule(Language language, VoteCardMode mode, int limit, bool hidden, string expected)
    {
        // Act
        var text = VoteCardParts.Rules(language, new VoteCardRules(mode, limit, hidden));

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Build_OwnViewDotVoting_ConfirmsTheBallotWithPointsAndRefreshesOnlyTheVoter()
    {
        // Arrange
        var model = VoteFixtures.OwnView(Language.French, VoteCardMode.Points);

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        var texts = CardJson.TextBlocks(json);
        Assert.Contains("Votre vote est enregistré", texts);
        Assert.Contains("Vous pouvez le modifier jusqu'à la clôture.", texts);
        var runs = CardJson.TextRuns(json);
        var options = VoteFixtures.Options(Language.French);
        Assert.Equal(["• " + options[0], Nbsp + ": 4 points", "• " + options[3], Nbsp + ": 1 point"], runs.Skip(options.Count));
        var action = Assert.Single(CardJson.Actions(json));
        Assert.Equal(
            """{"type":"Action.Execute","verb":"vote.open","data":{"voteId":"v-2026-12-cdn"},"title":"Modifier mon vote"}""",
            action.ToJsonString());
        Assert.Equal($$"""["{{VoteFixtures.UserId}}"]""", json["refresh"]!["userIds"]!.ToJsonString());
        Assert.Equal(CardVerbs.VoteOpen, (string?)json["refresh"]!["action"]!["verb"]);
    }

    [Fact]
    public void Build_OwnViewTopNEnglish_ListsChoicesWithoutPoints()
    {
        // Arrange
        var model = VoteFixtures.OwnView(Language.English, VoteCardMode.TopN);

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        var options = VoteFixtures.Options(Language.English);
        Assert.Equal(["• " + options[0], "• " + options[2]], CardJson.TextRuns(json).Skip(options.Count));
        Assert.Contains("Your vote is recorded", CardJson.TextBlocks(json));
        Assert.Equal("Change my vote", (string?)CardJson.Actions(json)[0]["title"]);
    }

    [Fact]
    public void Build_OwnViewHiddenResults_KeepsScoresHidden()
    {
        // Act
        var json = CardJson.Of(VoteCard.Build(VoteFixtures.OwnView(Language.French, VoteCardMode.Single, hidden: true)));

        // Assert
        Assert.DoesNotContain(CardJson.TextBlocks(json), HasBar);
        Assert.Contains("Votre vote est enregistré", CardJson.TextBlocks(json));
    }

    [Fact]
    public void Build_Notice_IsTheFirstLine()
    {
        // Act
        var json = CardJson.Of(VoteCard.Build(VoteFixtures.Open(Language.French, notice: "Un vote est déjà ouvert ici.")));

        // Assert
        Assert.Equal("Un vote est déjà ouvert ici.", (string?)json["body"]![0]!["text"]);
        Assert.Equal("Attention", (string?)json["body"]![0]!["color"]);
    }

    [Fact]
    public void Build_MarkdownInQuestionAndOptions_StaysInert()
    {
        // Arrange
        var model = VoteFixtures.Open(Language.English) with { Question = VoteFixtures.MarkdownText };

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        var texts = CardJson.TextBlocks(json);
        Assert.Contains(@"\*Logement\* \_abordable\_ \[lien\]\(https://exemple.org\) \<at\>Karim\</at\> \# \~x\~ \| \`c\` \\", texts);
        Assert.DoesNotContain(VoteFixtures.MarkdownText, texts);
        Assert.Equal(VoteFixtures.MarkdownText, CardJson.TextRuns(json)[0]);
    }

    [Fact]
    public void Build_FrenchQuestion_IsShownAsTypedWhileBotTextGetsFrenchSpacing()
    {
        // Arrange: the question's " ?" keeps its plain space; the bot's own " : " gets a no-break space.
        var model = VoteFixtures.OwnView(Language.French, VoteCardMode.Points) with { Question = "Quoi : maintenant ?" };

        // Act
        var json = CardJson.Of(VoteCard.Build(model));

        // Assert
        Assert.Contains("Quoi : maintenant ?", CardJson.TextBlocks(json));
        Assert.Contains(Nbsp + ": 4 points", CardJson.TextRuns(json));
    }

    [Theory]
    [InlineData(VoteCardMode.Single, false)]
    [InlineData(VoteCardMode.TopN, true)]
    [InlineData(VoteCardMode.Points, false)]
    public void Build_TwelveOptionsOfAHundredCharacters_StaysUnder80KB(VoteCardMode mode, bool closed)
    {
        // Arrange
        var options = VoteFixtures.TwelveLong();
        var model = VoteFixtures.Open(Language.French, mode, refreshIds: 75) with
        {
            Question = new string('é', 200),
            Options = [.. options.Select((o, i) => new VoteOptionLine(o, 12 - i, i + 1, false))],
            IsClosed = closed,
            YourBallot = closed ? null : new VoteBallotView { UserId = VoteFixtures.UserId, Lines = [.. options.Select(o => new VoteBallotLine(o, 1))] },
        };

        // Act
        var card = VoteCard.Build(model);

        // Assert
        Assert.All(options, o => Assert.Equal(100, o.Length));
        Assert.InRange(AdaptiveCardSerializer.MeasureUtf16Bytes(card), 1, 80 * 1024);
        Assert.Equal(12, CardJson.TextBlocks(CardJson.Of(card)).Count(HasBar));
    }
}
