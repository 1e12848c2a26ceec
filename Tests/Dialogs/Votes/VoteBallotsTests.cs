namespace ConcertationBot.Tests.Dialogs.Votes;

public sealed class VoteBallotsTests
{
    private static VoteDefinition Vote(VoteMode mode, int limit, int options = 4) =>
        new("Q", [.. Enumerable.Range(0, options).Select(i => $"Option {i}")], new VoteRules(mode, limit, false));

    private static JsonObject Data(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Read_SingleChoice_OnePointOnChosenOption()
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Single, 1), Data("""{"voteId":"v1","choice":"2"}"""));

        // Assert
        Assert.Equal(VoteBallotProblem.None, reading.Problem);
        Assert.Equal([0, 0, 1, 0], reading.Ballot!.Points);
        Assert.Equal([0, 0, 1, 0], reading.Typed!);
    }

    [Fact]
    public void Choose_SingleChoiceKnownIndex_TheSameBallotAsTheFormWouldStore()
    {
        // Arrange
        var vote = Vote(VoteMode.Single, 1);

        // Act
        var click = VoteBallots.Choose(vote, 2);
        var form = VoteBallots.Read(vote, Data("""{"choice":"2"}"""));

        // Assert
        Assert.Equal(VoteBallotProblem.None, click.Problem);
        Assert.Equal(VoteBallots.Encode(form.Ballot!), VoteBallots.Encode(click.Ballot!));
        Assert.True(VoteBallots.IsValid(vote, click.Ballot!));
    }

    [Theory]
    [InlineData(VoteMode.Single, null)]
    [InlineData(VoteMode.Single, -1)]
    [InlineData(VoteMode.Single, 4)]
    [InlineData(VoteMode.Single, int.MaxValue)]
    [InlineData(VoteMode.TopN, 1)]
    [InlineData(VoteMode.Points, 1)]
    public void Choose_UnknownIndexOrNotSingleChoice_UnknownOptionAndNoBallot(VoteMode mode, int? option)
    {
        // Act
        var reading = VoteBallots.Choose(Vote(mode, mode == VoteMode.Single ? 1 : 2), option);

        // Assert
        Assert.Null(reading.Ballot);
        Assert.Equal(VoteBallotProblem.UnknownOption, reading.Problem);
        Assert.False(string.IsNullOrWhiteSpace(VoteBallots.UnknownChoice(Language.French)));
    }

    [Theory]
    [InlineData("""{"choice":""}""")]
    [InlineData("""{"choice":null}""")]
    [InlineData("""{"voteId":"v1"}""")]
    [InlineData("""{}""")]
    public void Read_SingleChoiceNothing_NothingChosen(string json)
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Single, 1), Data(json));

        // Assert
        Assert.Equal(VoteBallotProblem.NothingChosen, reading.Problem);
        Assert.Null(reading.Ballot);
        Assert.Null(reading.Typed);
    }

    [Fact]
    public void Read_NullData_NothingChosen()
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Points, 3), null);

        // Assert
        Assert.Equal(VoteBallotProblem.NothingChosen, reading.Problem);
        Assert.Null(reading.Ballot);
    }

    [Theory]
    [InlineData("""{"choice":"4"}""")]
    [InlineData("""{"choice":"-1"}""")]
    [InlineData("""{"choice":"abc"}""")]
    [InlineData("""{"choice":"99999999999999999999"}""")]
    [InlineData("""{"choice":true}""")]
    [InlineData("""{"choice":{"a":1}}""")]
    [InlineData("""{"choice":[[0]]}""")]
    [InlineData("""{"choice":1.5}""")]
    public void Read_SingleChoiceNotAnOption_UnknownOption(string json)
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Single, 1), Data(json));

        // Assert
        Assert.Equal(VoteBallotProblem.UnknownOption, reading.Problem);
        Assert.Null(reading.Ballot);
    }

    [Theory]
    [InlineData("""{"choice":3}""")]
    [InlineData("""{"choice":[3]}""")]
    [InlineData("""{"choice":" 3 "}""")]
    public void Read_SingleChoiceOtherShapes_Accepted(string json)
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Single, 1), Data(json));

        // Assert
        Assert.Equal([0, 0, 0, 1], reading.Ballot!.Points);
    }

    [Fact]
    public void Read_SingleChoiceTwoIndexes_TooManyChoices()
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Single, 1), Data("""{"choice":"0,1"}"""));

        // Assert
        Assert.Equal(VoteBallotProblem.TooManyChoices, reading.Problem);
        Assert.Equal([1, 1, 0, 0], reading.Typed!);
    }

    [Theory]
    [InlineData("""{"choices":"0,2"}""")]
    [InlineData("""{"choices":"2, 0,"}""")]
    [InlineData("""{"choices":["0","2"]}""")]
    [InlineData("""{"choices":[0,2]}""")]
    [InlineData("""{"choices":"0,2,2"}""")]
    public void Read_TopNShapes_OnePointEach(string json)
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.TopN, 2), Data(json));

        // Assert
        Assert.Equal(VoteBallotProblem.None, reading.Problem);
        Assert.Equal([1, 0, 1, 0], reading.Ballot!.Points);
    }

    [Fact]
    public void Read_TopNSingleNumber_Accepted()
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.TopN, 2), Data("""{"choices":1}"""));

        // Assert
        Assert.Equal([0, 1, 0, 0], reading.Ballot!.Points);
    }

    [Fact]
    public void Read_TopNTooMany_TooManyChoicesAndTypedForCorrection()
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.TopN, 2), Data("""{"choices":"0,1,3"}"""));

        // Assert
        Assert.Equal(VoteBallotProblem.TooManyChoices, reading.Problem);
        Assert.Null(reading.Ballot);
        Assert.Equal([1, 1, 0, 1], reading.Typed!);
    }

    [Theory]
    [InlineData("""{"choices":""}""")]
    [InlineData("""{"choices":" , "}""")]
    [InlineData("""{"choices":[]}""")]
    [InlineData("""{"choice":"1"}""")]
    public void Read_TopNNothing_NothingChosen(string json)
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.TopN, 2), Data(json));

        // Assert
        Assert.Equal(VoteBallotProblem.NothingChosen, reading.Problem);
    }

    [Theory]
    [InlineData("""{"choices":"0,7"}""")]
    [InlineData("""{"choices":"0,x"}""")]
    [InlineData("""{"choices":[0,{"x":1}]}""")]
    [InlineData("""{"choices":[0,null,false]}""")]
    public void Read_TopNUnknownIndex_UnknownOptionKeepingKnownOnes(string json)
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.TopN, 2), Data(json));

        // Assert
        Assert.Equal(VoteBallotProblem.UnknownOption, reading.Problem);
        Assert.Null(reading.Ballot);
        Assert.Equal([1, 0, 0, 0], reading.Typed!);
    }

    [Theory]
    [InlineData("""{"points0":"2","points1":"","points3":"1"}""", new[] { 2, 0, 0, 1 })]
    [InlineData("""{"points0":2,"points1":null,"points2":"0","points3":1}""", new[] { 2, 0, 0, 1 })]
    [InlineData("""{"points1":" 3 "}""", new[] { 0, 3, 0, 0 })]
    [InlineData("""{"points1":"+3"}""", new[] { 0, 3, 0, 0 })]
    [InlineData("""{"points1":3.0}""", new[] { 0, 3, 0, 0 })]
    [InlineData("""{"points1":"-0","points2":"03"}""", new[] { 0, 0, 3, 0 })]
    public void Read_PointsShapes_PointsPerOption(string json, int[] expected)
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Points, 3), Data(json));

        // Assert
        Assert.Equal(VoteBallotProblem.None, reading.Problem);
        Assert.Equal(expected, reading.Ballot!.Points);
        Assert.Equal(expected, reading.Typed!);
    }

    [Theory]
    [InlineData("""{"points0":"1.5"}""")]
    [InlineData("""{"points0":"1,5"}""")]
    [InlineData("""{"points0":"abc"}""")]
    [InlineData("""{"points0":"1e2"}""")]
    [InlineData("""{"points0":1.5}""")]
    [InlineData("""{"points0":true}""")]
    [InlineData("""{"points0":[1]}""")]
    [InlineData("""{"points0":{"value":1}}""")]
    [InlineData("""{"points0":"-"}""")]
    [InlineData("""{"points0":"1.5","points1":"-1"}""")]
    public void Read_PointsNotWhole_NotWhole(string json)
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Points, 3), Data(json));

        // Assert
        Assert.Equal(VoteBallotProblem.NotWhole, reading.Problem);
        Assert.Null(reading.Ballot);
    }

    [Fact]
    public void Read_PointsNotWholeBesideGoodOnes_TypedKeepsGoodOnesInvalidAsZero()
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Points, 3), Data("""{"points0":"abc","points2":"2"}"""));

        // Assert
        Assert.Equal([0, 0, 2, 0], reading.Typed!);
    }

    [Theory]
    [InlineData("""{"points0":"-1","points1":"2"}""")]
    [InlineData("""{"points0":-1,"points1":2}""")]
    [InlineData("""{"points0":"-99999999999999999999999"}""")]
    public void Read_PointsNegative_Negative(string json)
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Points, 3), Data(json));

        // Assert
        Assert.Equal(VoteBallotProblem.Negative, reading.Problem);
        Assert.Null(reading.Ballot);
    }

    [Theory]
    [InlineData("""{"points0":"2","points1":"2"}""")]
    [InlineData("""{"points0":"4"}""")]
    [InlineData("""{"points0":"99999999999999999999999"}""")]
    [InlineData("""{"points0":2147483647,"points1":2147483647}""")]
    [InlineData("""{"points0":1e20}""")]
    public void Read_PointsOverBudget_OverBudget(string json)
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Points, 3), Data(json));

        // Assert
        Assert.Equal(VoteBallotProblem.OverBudget, reading.Problem);
        Assert.Null(reading.Ballot);
        Assert.NotNull(reading.Typed);
    }

    [Fact]
    public void Read_PointsExactlyBudget_Valid()
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Points, 3), Data("""{"points0":"1","points1":"1","points3":"1"}"""));

        // Assert
        Assert.Equal([1, 1, 0, 1], reading.Ballot!.Points);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"points0":"","points1":"0","points2":0,"points3":null}""")]
    public void Read_PointsAllZero_NothingChosen(string json)
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Points, 3), Data(json));

        // Assert
        Assert.Equal(VoteBallotProblem.NothingChosen, reading.Problem);
        Assert.Null(reading.Typed);
    }

    [Fact]
    public void Read_PointsForAnOptionTheVoteLacks_UnknownOption()
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Points, 3), Data("""{"points0":"1","points4":"1"}"""));

        // Assert
        Assert.Equal(VoteBallotProblem.UnknownOption, reading.Problem);
        Assert.Equal([1, 0, 0, 0], reading.Typed!);
    }

    [Fact]
    public void Read_PointsZeroForAnOptionTheVoteLacks_Ignored()
    {
        // Act
        var reading = VoteBallots.Read(Vote(VoteMode.Points, 3), Data("""{"points0":"1","points4":"","points5":"0"}"""));

        // Assert
        Assert.Equal(VoteBallotProblem.None, reading.Problem);
    }

    [Theory]
    [InlineData(VoteMode.Single)]
    [InlineData(VoteMode.TopN)]
    [InlineData(VoteMode.Points)]
    public void Read_HostileShapes_NeverThrows(VoteMode mode)
    {
        // Arrange
        var huge = new string('9', 100_000);
        var longList = string.Join(',', Enumerable.Repeat("0", 50_000));
        string[] shapes =
        [
            $$"""{"choice":"{{huge}}","choices":"{{huge}}","points0":"{{huge}}"}""",
            $$"""{"choices":"{{longList}}","choice":"{{longList}}"}""",
            """{"choice":[],"choices":{},"points0":[],"points1":{},"points2":false}""",
            """{"choice":1e400,"choices":-0,"points0":1e400,"points1":-1e400}""",
            """{"choice":"\u0000","choices":"٣","points0":"٣","points1":"１"}""",
            """{"choice":[[[[1]]]],"choices":[["0"],"1"],"points0":[[1]]}""",
        ];
        var vote = Vote(mode, mode == VoteMode.Single ? 1 : 2);

        foreach (var json in shapes)
        {
            // Act
            var reading = VoteBallots.Read(vote, Data(json));

            // Assert
            Assert.True(reading.Ballot is null == (reading.Problem != VoteBallotProblem.None), json[..Math.Min(60, json.Length)]);
            Assert.True(reading.Ballot is null || VoteBallots.IsValid(vote, reading.Ballot));
        }
    }

    [Theory]
    [InlineData(VoteMode.Single, 1, new[] { 0, 1, 0, 0 }, true)]
    [InlineData(VoteMode.Single, 1, new[] { 0, 1, 1, 0 }, false)]
    [InlineData(VoteMode.Single, 1, new[] { 0, 2, 0, 0 }, false)]
    [InlineData(VoteMode.Single, 1, new[] { 0, 0, 0, 0 }, false)]
    [InlineData(VoteMode.TopN, 2, new[] { 1, 0, 1, 0 }, true)]
    [InlineData(VoteMode.TopN, 2, new[] { 1, 1, 1, 0 }, false)]
    [InlineData(VoteMode.TopN, 2, new[] { 2, 0, 0, 0 }, false)]
    [InlineData(VoteMode.Points, 3, new[] { 2, 0, 1, 0 }, true)]
    [InlineData(VoteMode.Points, 3, new[] { 3, 0, 0, 0 }, true)]
    [InlineData(VoteMode.Points, 3, new[] { 2, 2, 0, 0 }, false)]
    [InlineData(VoteMode.Points, 3, new[] { -1, 2, 0, 0 }, false)]
    [InlineData(VoteMode.Points, 3, new[] { 0, 0, 0, 0 }, false)]
    [InlineData(VoteMode.Points, 3, new[] { 1, 1, 1 }, false)]
    [InlineData(VoteMode.Points, 3, new[] { 1, 0, 0, 0, 0 }, false)]
    [InlineData(VoteMode.Points, 3, new[] { int.MaxValue, int.MaxValue, 0, 0 }, false)]
    public void IsValid_Ballot_FitsRules(VoteMode mode, int limit, int[] points, bool expected)
    {
        // Act
        var valid = VoteBallots.IsValid(Vote(mode, limit), new VoteBallot(points));

        // Assert
        Assert.Equal(expected, valid);
    }

    [Fact]
    public void EncodeTryDecode_RoundTrip_SamePoints()
    {
        // Arrange
        var ballot = new VoteBallot([0, 2, 1, 10]);

        // Act
        var stored = VoteBallots.Encode(ballot);
        var decoded = VoteBallots.TryDecode(stored, 4, out var back);

        // Assert
        Assert.Equal("0,2,1,10", stored);
        Assert.True(decoded);
        Assert.Equal(ballot.Points, back.Points);
    }

    [Theory]
    [InlineData(null, 3)]
    [InlineData("", 3)]
    [InlineData("0,1", 3)]
    [InlineData("0,1,0,0", 3)]
    [InlineData("0,-1,2", 3)]
    [InlineData("0,1.5,2", 3)]
    [InlineData("0, 1,2", 3)]
    [InlineData("0,,2", 3)]
    [InlineData("0,1,2,", 3)]
    [InlineData("0;1;2", 3)]
    [InlineData("0,x,2", 3)]
    [InlineData("0,99999999999,2", 3)]
    [InlineData("0,+1,2", 3)]
    [InlineData("0,١,2", 3)]
    [InlineData("1", 0)]
    public void TryDecode_Malformed_False(string? stored, int optionCount)
    {
        // Act
        var decoded = VoteBallots.TryDecode(stored, optionCount, out var ballot);

        // Assert
        Assert.False(decoded);
        Assert.NotNull(ballot);
    }

    [Theory]
    [InlineData(VoteBallotProblem.NothingChosen)]
    [InlineData(VoteBallotProblem.TooManyChoices)]
    [InlineData(VoteBallotProblem.NotWhole)]
    [InlineData(VoteBallotProblem.Negative)]
    [InlineData(VoteBallotProblem.OverBudget)]
    [InlineData(VoteBallotProblem.UnknownOption)]
    public void Describe_EveryProblemEveryMode_PoliteSentenceInBothLanguages(VoteBallotProblem problem)
    {
        foreach (var vote in new[] { Vote(VoteMode.Single, 1), Vote(VoteMode.TopN, 2), Vote(VoteMode.Points, 5) })
        {
            // Act
            var french = VoteBallots.Describe(problem, vote, Language.French);
            var english = VoteBallots.Describe(problem, vote, Language.English);

            // Assert
            Assert.False(string.IsNullOrWhiteSpace(french));
            Assert.False(string.IsNullOrWhiteSpace(english));
            Assert.NotEqual(french, english);
        }
    }

    [Fact]
    public void Describe_OverBudget_SaysTheBudget()
    {
        // Act
        var french = VoteBallots.Describe(VoteBallotProblem.OverBudget, Vote(VoteMode.Points, 5), Language.French);
        var english = VoteBallots.Describe(VoteBallotProblem.OverBudget, Vote(VoteMode.Points, 5), Language.English);

        // Assert
        Assert.Equal("Vous avez 5 points à répartir, pas plus.", french);
        Assert.Equal("You have 5 points to spread, no more.", english);
    }

    [Fact]
    public void Describe_TooManyChoicesTopThree_SaysThree()
    {
        // Act
        var text = VoteBallots.Describe(VoteBallotProblem.TooManyChoices, Vote(VoteMode.TopN, 3), Language.English);

        // Assert
        Assert.Equal("Please choose 3 options at most.", text);
    }

    [Fact]
    public void Describe_None_Null()
    {
        // Act
        var text = VoteBallots.Describe(VoteBallotProblem.None, Vote(VoteMode.Single, 1), Language.French);

        // Assert
        Assert.Null(text);
    }

    [Theory]
    [InlineData(Language.French, "Vous avez réparti 7 points sur 5\u00A0: retirez-en 2.")]
    [InlineData(Language.English, "You spread 7 points out of 5: please take off 2.")]
    public void Describe_ReadingOverBudget_SaysHowManyPointsWereSpread(Language language, string expected)
    {
        // Arrange
        var vote = Vote(VoteMode.Points, 5);
        var reading = VoteBallots.Read(vote, Data("""{"points0":"4","points1":"3"}"""));

        // Act
        var text = VoteBallots.Describe(reading, vote, language);

        // Assert
        Assert.Equal(VoteBallotProblem.OverBudget, reading.Problem);
        Assert.Equal(expected, text);
        Assert.Equal([4, 3, 0, 0], reading.Typed!);
    }

    [Fact]
    public void Describe_ReadingNegative_NamesTheNumberAndTheFormKeepsIt()
    {
        // Arrange
        var vote = Vote(VoteMode.Points, 3);
        var reading = VoteBallots.Read(vote, Data("""{"points0":"2","points1":"-1"}"""));

        // Act
        var text = VoteBallots.Describe(reading, vote, Language.French);

        // Assert
        Assert.Equal(VoteBallotProblem.Negative, reading.Problem);
        Assert.Equal("Les points ne peuvent pas être négatifs\u00A0: vous avez mis -1. Mettez 0 ou plus.", text);
        Assert.Equal([2, -1, 0, 0], reading.Typed!);
        Assert.Null(reading.Ballot);
    }

    [Fact]
    public void Describe_ReadingValid_Null()
    {
        // Arrange
        var vote = Vote(VoteMode.Points, 3);
        var reading = VoteBallots.Read(vote, Data("""{"points0":"2"}"""));

        // Act
        var text = VoteBallots.Describe(reading, vote, Language.French);

        // Assert
        Assert.Null(text);
        Assert.Equal(2, reading.Given);
    }
}
