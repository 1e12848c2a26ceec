namespace ConcertationBot.Tests.Dialogs.Votes;

public sealed class VoteTalliesTests
{
    private static VoteDefinition Vote(VoteMode mode, int limit, int options = 4, bool hidden = false) =>
        new("Quelle priorité ?", [.. Enumerable.Range(0, options).Select(i => $"Option {(char)('A' + i)}")], new VoteRules(mode, limit, hidden));

    private static VoteBallot B(params int[] points) => new(points);

    /// <summary>The French card model of a three-option single-choice vote (k = 3) after <paramref name="ballots"/>.</summary>
    private static VoteCardModel ThreeOptionCard(bool isClosed, IEnumerable<VoteBallot> ballots, bool hidden = false)
    {
        var vote = Vote(VoteMode.Single, 1, options: 3, hidden);
        return VoteTallies.Card("v1", vote, VoteTallies.Compute(vote, ballots), isClosed, Language.French, minimumBallots: 3);
    }

    private static (int Score, int Rank, bool Tied)[] Scores(IEnumerable<VoteOptionScore> scores) =>
        [.. scores.Select(s => (s.Score, s.Rank, s.Tied))];

    [Fact]
    public void Compute_SingleChoice_CountsAndRanks()
    {
        // Arrange
        var vote = Vote(VoteMode.Single, 1);
        VoteBallot[] ballots = [B(0, 1, 0, 0), B(0, 1, 0, 0), B(1, 0, 0, 0), B(0, 1, 0, 0), B(0, 0, 0, 1)];

        // Act
        var tally = VoteTallies.Compute(vote, ballots);

        // Assert
        Assert.Equal(5, tally.Participation);
        Assert.Equal([(1, 2, true), (3, 1, false), (0, 4, false), (1, 2, true)], Scores(tally.InVoteOrder));
        Assert.Equal([1, 0, 3, 2], tally.Ranked.Select(s => s.Index));
        Assert.Equal(["Option B", "Option A", "Option D", "Option C"], tally.Ranked.Select(s => s.Option));
    }

    [Fact]
    public void Compute_TopN_OneVotePerChosenOption()
    {
        // Arrange
        var vote = Vote(VoteMode.TopN, 2);
        VoteBallot[] ballots = [B(1, 1, 0, 0), B(0, 1, 1, 0), B(0, 1, 0, 1)];

        // Act
        var tally = VoteTallies.Compute(vote, ballots);

        // Assert
        Assert.Equal(3, tally.Participation);
        Assert.Equal([1, 3, 1, 1], tally.InVoteOrder.Select(s => s.Score));
        Assert.Equal([(3, 1, false), (1, 2, true), (1, 2, true), (1, 2, true)], Scores(tally.Ranked));
    }

    [Fact]
    public void Compute_Points_SumsPoints()
    {
        // Arrange
        var vote = Vote(VoteMode.Points, 3);
        VoteBallot[] ballots = [B(3, 0, 0, 0), B(1, 1, 1, 0), B(0, 2, 0, 1)];

        // Act
        var tally = VoteTallies.Compute(vote, ballots);

        // Assert
        Assert.Equal([4, 3, 1, 1], tally.InVoteOrder.Select(s => s.Score));
        Assert.Equal([1, 2, 3, 3], tally.InVoteOrder.Select(s => s.Rank));
    }

    [Fact]
    public void Compute_InvalidBallots_SkippedAndNotCounted()
    {
        // Arrange
        var vote = Vote(VoteMode.Points, 3);
        VoteBallot[] ballots = [B(2, 0, 0, 0), B(4, 0, 0, 0), B(0, 0, 0), B(-1, 2, 0, 0), B(0, 0, 0, 0), B(0, 0, 1, 0)];

        // Act
        var tally = VoteTallies.Compute(vote, ballots);

        // Assert
        Assert.Equal(2, tally.Participation);
        Assert.Equal([2, 0, 1, 0], tally.InVoteOrder.Select(s => s.Score));
    }

    [Fact]
    public void Compute_NoBallots_AllZeroAllTiedFirst()
    {
        // Act
        var tally = VoteTallies.Compute(Vote(VoteMode.Single, 1, options: 3), []);

        // Assert
        Assert.Equal(0, tally.Participation);
        Assert.Equal([(0, 1, true), (0, 1, true), (0, 1, true)], Scores(tally.Ranked));
        Assert.Equal([0, 1, 2], tally.Ranked.Select(s => s.Index));
    }

    [Fact]
    public void Compute_AllTied_SameRankVoteOrder()
    {
        // Arrange
        var vote = Vote(VoteMode.Single, 1, options: 3);

        // Act
        var tally = VoteTallies.Compute(vote, [B(0, 0, 1), B(0, 1, 0), B(1, 0, 0)]);

        // Assert
        Assert.All(tally.Ranked, s => Assert.Equal((1, 1, true), (s.Score, s.Rank, s.Tied)));
        Assert.Equal([0, 1, 2], tally.Ranked.Select(s => s.Index));
    }

    [Fact]
    public void Compute_TieForFirstAndZeroScores_CompetitionRanking()
    {
        // Arrange: A 2, B 2, C 0, D 1, E 0 → ranks 1, 1, 4, 3, 4.
        var vote = Vote(VoteMode.Single, 1, options: 5);

        // Act
        var tally = VoteTallies.Compute(vote, [B(1, 0, 0, 0, 0), B(0, 1, 0, 0, 0), B(0, 0, 0, 1, 0), B(1, 0, 0, 0, 0), B(0, 1, 0, 0, 0)]);

        // Assert
        Assert.Equal([(2, 1, true), (2, 1, true), (1, 3, false), (0, 4, true), (0, 4, true)], Scores(tally.Ranked));
        Assert.Equal([0, 1, 3, 2, 4], tally.Ranked.Select(s => s.Index));
    }

    [Fact]
    public void Compute_ReVoteSequence_FinalBallotsMatchGroundTruth()
    {
        // Arrange: the caller keeps one ballot per voter, a re-vote replacing the previous one.
        var vote = Vote(VoteMode.Points, 3);
        var stored = new Dictionary<string, VoteBallot>();
        (string Voter, VoteBallot Ballot)[] casts =
        [
            ("ana", B(3, 0, 0, 0)), ("bob", B(0, 3, 0, 0)), ("ana", B(0, 0, 2, 1)),
            ("cleo", B(1, 1, 1, 0)), ("bob", B(0, 0, 0, 3)), ("ana", B(0, 0, 3, 0)),
        ];

        // Act
        foreach (var (voter, ballot) in casts)
        {
            stored[voter] = ballot;
        }

        var tally = VoteTallies.Compute(vote, stored.Values);

        // Assert: ana 0,0,3,0; bob 0,0,0,3; cleo 1,1,1,0.
        Assert.Equal(3, tally.Participation);
        Assert.Equal([1, 1, 4, 3], tally.InVoteOrder.Select(s => s.Score));
        Assert.Equal([2, 3, 0, 1], tally.Ranked.Select(s => s.Index));
    }

    [Fact]
    public void Card_Open_VoteOrderWithScores()
    {
        // Arrange
        var vote = Vote(VoteMode.Single, 1, options: 3);
        var tally = VoteTallies.Compute(vote, [B(0, 0, 1), B(0, 0, 1), B(1, 0, 0)]);

        // Act
        var card = VoteTallies.Card("v1", vote, tally, isClosed: false, Language.English, minimumBallots: 3);

        // Assert
        Assert.Equal("v1", card.VoteId);
        Assert.Equal(Language.English, card.Language);
        Assert.Equal(vote.Question, card.Question);
        Assert.Equal(vote.Rules.ForCard(), card.Rules);
        Assert.Equal(new VoteCardRules(VoteCardMode.Single, 1, HiddenResults: false), card.Rules);
        Assert.Equal(3, card.Participation);
        Assert.False(card.IsClosed);
        Assert.Null(card.YourBallot);
        Assert.Equal(
            [new VoteOptionLine("Option A", 1, 2, false), new VoteOptionLine("Option B", 0, 3, false), new VoteOptionLine("Option C", 2, 1, false)],
            card.Options);
    }

    [Fact]
    public void Card_Closed_Ranked()
    {
        // Act
        var card = ThreeOptionCard(isClosed: true, [B(0, 0, 1), B(0, 0, 1), B(1, 0, 0)]);

        // Assert
        Assert.True(card.IsClosed);
        Assert.Equal(["Option C", "Option A", "Option B"], card.Options.Select(o => o.Option));
        Assert.Equal([1, 2, 3], card.Options.Select(o => o.Rank));
    }

    [Fact]
    public void Card_HiddenResultsOpen_NoScoresInModel()
    {
        // Act
        var card = ThreeOptionCard(isClosed: false, [B(0, 0, 1), B(0, 0, 1), B(1, 0, 0)], hidden: true);

        // Assert
        Assert.Equal(3, card.Participation);
        Assert.Equal(["Option A", "Option B", "Option C"], card.Options.Select(o => o.Option));
        Assert.All(card.Options, o => Assert.Equal((0, 1, false), (o.Score, o.Rank, o.Tied)));
    }

    [Fact]
    public void Card_HiddenResultsClosed_ScoresShown()
    {
        // Act
        var card = ThreeOptionCard(isClosed: true, [B(0, 0, 1), B(0, 0, 1), B(1, 0, 0)], hidden: true);

        // Assert
        Assert.Equal([2, 1, 0], card.Options.Select(o => o.Score));
    }

    [Fact]
    public void Card_OpenOneBallotUnderK_ParticipationOnlyNoScoreNoRank()
    {
        // Act
        var card = ThreeOptionCard(isClosed: false, [B(0, 1, 0)]);

        // Assert
        Assert.Equal(1, card.Participation);
        Assert.Equal(3, card.WithheldBelow);
        Assert.All(card.Options, o => Assert.Equal((0, 1, false), (o.Score, o.Rank, o.Tied)));
    }

    [Fact]
    public void Card_ClosedTwoBallotsUnderK_VoteOrderWithoutScores()
    {
        // Act: Option C leads 2–0, which the card must not tell.
        var card = ThreeOptionCard(isClosed: true, [B(0, 0, 1), B(0, 0, 1)]);

        // Assert
        Assert.Equal(3, card.WithheldBelow);
        Assert.Equal(["Option A", "Option B", "Option C"], card.Options.Select(o => o.Option));
        Assert.All(card.Options, o => Assert.Equal((0, 1, false), (o.Score, o.Rank, o.Tied)));
    }

    [Fact]
    public void Card_ClosedKBallots_TalliesShown()
    {
        // Act
        var card = ThreeOptionCard(isClosed: true, [B(0, 0, 1), B(0, 0, 1), B(1, 0, 0)]);

        // Assert
        Assert.Null(card.WithheldBelow);
        Assert.Equal([2, 1, 0], card.Options.Select(o => o.Score));
    }

    [Fact]
    public void Card_PublicResultsOneBallot_TalliesShown()
    {
        // Arrange
        var vote = Vote(VoteMode.Single, 1, options: 3) with { Rules = new VoteRules(VoteMode.Single, 1, HiddenResults: false, PublicResults: true) };
        var tally = VoteTallies.Compute(vote, [B(0, 1, 0)]);

        // Act
        var open = VoteTallies.Card("v1", vote, tally, isClosed: false, Language.French, minimumBallots: 3);
        var closed = VoteTallies.Card("v1", vote, tally, isClosed: true, Language.French, minimumBallots: 3);

        // Assert
        Assert.Null(open.WithheldBelow);
        Assert.Equal([0, 1, 0], open.Options.Select(o => o.Score));
        Assert.Null(closed.WithheldBelow);
        Assert.Equal("Option B", closed.Options[0].Option);
        Assert.True(closed.Rules.PublicResults);
    }

    [Fact]
    public void Card_ClosedWithoutBallot_NothingWithheld()
    {
        // Act
        var card = ThreeOptionCard(isClosed: true, []);

        // Assert
        Assert.Null(card.WithheldBelow);
        Assert.Equal(0, card.Participation);
    }

    [Fact]
    public void Lines_PointsBallot_OptionsWithPointsInVoteOrder()
    {
        // Act
        var lines = VoteTallies.Lines(Vote(VoteMode.Points, 3), B(0, 2, 0, 1));

        // Assert
        Assert.Equal([new VoteBallotLine("Option B", 2), new VoteBallotLine("Option D", 1)], lines);
    }

    [Fact]
    public void Lines_TopNBallot_OnePointEach()
    {
        // Act
        var lines = VoteTallies.Lines(Vote(VoteMode.TopN, 2), B(1, 0, 1, 0));

        // Assert
        Assert.Equal([new VoteBallotLine("Option A", 1), new VoteBallotLine("Option C", 1)], lines);
    }

    [Theory]
    [InlineData(VoteMode.Single, 1, VoteScoreUnit.Votes)]
    [InlineData(VoteMode.TopN, 2, VoteScoreUnit.Votes)]
    [InlineData(VoteMode.Points, 3, VoteScoreUnit.Points)]
    public void ToResult_AnyMode_RankedWithUnitAndNotHidden(VoteMode mode, int limit, VoteScoreUnit unit)
    {
        // Arrange
        var vote = Vote(mode, limit, options: 3, hidden: true);
        var tally = VoteTallies.Compute(vote, [B(0, 1, 0), B(0, 1, 0), B(1, 0, 0)]);

        // Act
        var result = VoteTallies.ToResult(vote, tally, minimumBallots: 3);

        // Assert
        Assert.Equal(vote.Question, result.Question);
        Assert.Equal(3, result.Participation);
        Assert.False(result.Hidden);
        Assert.Equal(unit, result.Unit);
        Assert.Equal(
            [new VoteOptionResult(1, "Option B", 2, false), new VoteOptionResult(2, "Option A", 1, false), new VoteOptionResult(3, "Option C", 0, false)],
            result.RankedOptions);
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(true, null)]
    public void ToResult_TwoBallotsUnderK_OptionsInTheVotesOrderWithoutScoresUnlessPublic(bool publicResults, int? withheldBelow)
    {
        // Arrange
        var vote = Vote(VoteMode.Single, 1, options: 3) with { Rules = new VoteRules(VoteMode.Single, 1, HiddenResults: false, PublicResults: publicResults) };
        var tally = VoteTallies.Compute(vote, [B(0, 0, 1), B(0, 0, 1)]);

        // Act
        var result = VoteTallies.ToResult(vote, tally, minimumBallots: 3);

        // Assert
        Assert.Equal(2, result.Participation);
        Assert.Equal(withheldBelow, result.WithheldBelow);
        if (publicResults)
        {
            Assert.Equal(new VoteOptionResult(1, "Option C", 2, false), result.RankedOptions[0]);
        }
        else
        {
            Assert.Equal(["Option A", "Option B", "Option C"], result.RankedOptions.Select(o => o.Option));
            Assert.All(result.RankedOptions, o => Assert.Equal(0, o.Score));
        }
    }

    [Fact]
    public void FromScores_RecordedResult_RankedLikeComputeOfTheSameBallots()
    {
        // Arrange
        var vote = Vote(VoteMode.Points, 3);
        VoteBallot[] ballots = [B(3, 0, 0, 0), B(0, 2, 1, 0), B(1, 1, 1, 0)];
        var computed = VoteTallies.Compute(vote, ballots);

        // Act
        var recorded = VoteTallies.FromScores(vote, computed.Participation, [.. computed.InVoteOrder.Select(o => o.Score)]);

        // Assert
        Assert.Equal(computed.Participation, recorded.Participation);
        Assert.Equal(computed.InVoteOrder, recorded.InVoteOrder);
        Assert.Equal(computed.Ranked, recorded.Ranked);
        Assert.Equal([(4, 1, false), (3, 2, false), (2, 3, false), (0, 4, false)], Scores(recorded.Ranked));
    }

    [Fact]
    public void FromScores_WrongCount_Throws()
    {
        // Arrange
        var vote = Vote(VoteMode.Single, 1);

        // Act / Assert
        Assert.Throws<ArgumentException>(() => VoteTallies.FromScores(vote, 1, [1, 0]));
    }

    private const string Agenda = "Agenda partagé — ";
    private const string Mesures = "Mesures partagées et apprentissage stratégique — ";
    private const string Activites = "Activités qui se renforcent mutuellement — ";

    /// <summary>A summary with k met whose n-th list holds the leviers of the default template's n-th condition.</summary>
    private static PulseSummary Summary(params IReadOnlyList<SummaryText>[] leviersPerCondition)
    {
        var conditions = PulseTemplates.Default.Steps.OfType<FreinLevierStep>().ToArray();
        return new()
        {
            TemplateId = "t",
            TemplateVersion = 1,
            OpenedAt = DateTimeOffset.UnixEpoch,
            ClosedAt = DateTimeOffset.UnixEpoch,
            AnswerCount = 5,
            MinimumGroupSize = 3,
            FreinsLeviers = [.. leviersPerCondition.Select((l, i) => new FreinLevierSummary(conditions[i].Id, [new SummaryText("Un frein", 9)], l))],
        };
    }

    private static IReadOnlyList<string> FrenchLevers(PulseSummary summary) =>
        VoteTallies.Levers(summary, PulseTemplates.Default, Language.French);

    [Fact]
    public void Levers_SameLevierUnderTwoConditions_TwoOptionsEachNamingItsCondition()
    {
        // Arrange
        var summary = Summary([new SummaryText("Un calendrier commun", 1)], [new SummaryText("un  CALENDRIER commun", 1)]);

        // Act
        var options = FrenchLevers(summary);

        // Assert
        Assert.Equal([Agenda + "Un calendrier commun", Mesures + "un CALENDRIER commun"], options);
    }

    [Fact]
    public void Levers_DuplicatesWithinOneCondition_MergedCountsSummedMostCitedFirst()
    {
        // Arrange
        var summary = Summary(
            [new SummaryText("Confiance", 2), new SummaryText("Réunions régulières", 1), new SummaryText("CONFIANCE", 1), new SummaryText("Réunions  régulières", 1)],
            [new SummaryText("Financement stable", 3)]);

        // Act
        var options = FrenchLevers(summary);

        // Assert: Confiance 3 and Financement stable 3 (ties in the summary's order), Réunions régulières 2; freins never.
        Assert.Equal([Agenda + "Confiance", Mesures + "Financement stable", Agenda + "Réunions régulières"], options);
    }

    [Fact]
    public void Levers_EqualCounts_FirstAppearanceFirst()
    {
        // Arrange
        var summary = Summary([new SummaryText("B", 1), new SummaryText("A", 1)], [new SummaryText("C", 2)]);

        // Act
        var options = FrenchLevers(summary);

        // Assert
        Assert.Equal([Mesures + "C", Agenda + "B", Agenda + "A"], options);
    }

    [Fact]
    public void Levers_SpellingsTied_FirstSeenSpelling()
    {
        // Arrange
        var summary = Summary([new SummaryText("mobilité", 1), new SummaryText("Mobilité", 1), new SummaryText("MOBILITE", 1)]);

        // Act
        var options = FrenchLevers(summary);

        // Assert
        Assert.Equal([Agenda + "mobilité"], options);
    }

    [Fact]
    public void Levers_SpellingMoreFrequent_ThatSpelling()
    {
        // Arrange
        var summary = Summary([new SummaryText("mobilité", 1), new SummaryText("Mobilité", 3)]);

        // Act
        var options = FrenchLevers(summary);

        // Assert
        Assert.Equal([Agenda + "Mobilité"], options);
    }

    [Fact]
    public void Levers_LongAndMultiline_LevierCutToHundredWithEllipsisConditionNameKept()
    {
        // Arrange
        var longText = string.Concat(Enumerable.Repeat("👍🏽", 150));
        var summary = Summary([], [new SummaryText(longText, 1), new SummaryText("Ligne un\nligne deux", 1)]);

        // Act
        var options = FrenchLevers(summary);

        // Assert: the condition name (49 characters with the dash) is whole, the levier gets the 50 left and "…".
        Assert.Equal(2, options.Count);
        Assert.Equal(100, new System.Globalization.StringInfo(options[0]).LengthInTextElements);
        Assert.Equal(Mesures + string.Concat(Enumerable.Repeat("👍🏽", 50)) + "…", options[0]);
        Assert.Equal(Mesures + "Ligne un ligne deux", options[1]);
    }

    [Fact]
    public void Levers_LongWordyLevier_EndsWithEllipsisAfterTheWholeConditionName()
    {
        // Arrange
        var longText = string.Join(' ', Enumerable.Repeat("Des rencontres régulières entre les partenaires du quartier", 3));
        var summary = Summary([], [], [new SummaryText(longText, 1)]);

        // Act
        var options = FrenchLevers(summary);

        // Assert
        var option = Assert.Single(options);
        Assert.StartsWith(Activites + "Des rencontres régulières", option, StringComparison.Ordinal);
        Assert.EndsWith("…", option, StringComparison.Ordinal);
        Assert.True(option.Length <= VoteCommands.MaxOptionLength, $"{option.Length} characters");
    }

    [Fact]
    public void Levers_ExactlyHundredWithConditionName_Unchanged()
    {
        // Arrange
        var text = new string('a', 100 - Agenda.Length);

        // Act
        var options = FrenchLevers(Summary([new SummaryText(text, 1)]));

        // Assert
        Assert.Equal([Agenda + text], options);
    }

    [Fact]
    public void Levers_OneOverHundredWithConditionName_LevierCut()
    {
        // Arrange
        var text = new string('a', 101 - Agenda.Length);

        // Act
        var options = FrenchLevers(Summary([new SummaryText(text, 1)]));

        // Assert
        Assert.Equal([Agenda + new string('a', 99 - Agenda.Length) + "…"], options);
    }

    [Fact]
    public void Levers_DifferOnlyAfterTheCut_OneOption()
    {
        // Arrange
        var start = new string('a', 120);
        var summary = Summary([new SummaryText(start + " x", 1), new SummaryText(start + " y", 1)]);

        // Act
        var options = FrenchLevers(summary);

        // Assert
        Assert.Single(options);
    }

    [Fact]
    public void Levers_EnglishVote_EnglishConditionNames()
    {
        // Arrange
        var summary = Summary([new SummaryText("A shared calendar", 1)], [new SummaryText("A shared calendar", 1)]);

        // Act
        var options = VoteTallies.Levers(summary, PulseTemplates.Default, Language.English);

        // Assert
        Assert.Equal(["Common agenda — A shared calendar", "Shared measurement — A shared calendar"], options);
    }

    [Fact]
    public void Levers_ConditionNotInTemplate_LeftOut()
    {
        // Arrange
        var summary = Summary([new SummaryText("Confiance", 1)]) with
        {
            FreinsLeviers = [new FreinLevierSummary("inconnue", [], [new SummaryText("Ailleurs", 5)]), new FreinLevierSummary("agenda", [], [new SummaryText("Confiance", 1)])],
        };

        // Act
        var options = FrenchLevers(summary);

        // Assert
        Assert.Equal([Agenda + "Confiance"], options);
    }

    [Fact]
    public void Levers_FewerAnswersThanK_Empty()
    {
        // Arrange
        var summary = Summary([new SummaryText("Confiance", 1)], [new SummaryText("Financement", 1)]) with { AnswerCount = 2 };

        // Act
        var options = FrenchLevers(summary);

        // Assert
        Assert.Empty(options);
    }

    [Fact]
    public void Levers_NoLeviers_Empty()
    {
        // Act
        var options = FrenchLevers(Summary([], [new SummaryText("  ", 1)]));

        // Assert
        Assert.Empty(options);
    }
}
