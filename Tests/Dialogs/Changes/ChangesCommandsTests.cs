using ConcertationBot.Dialogs.Changes;

namespace ConcertationBot.Tests.Dialogs.Changes;

public sealed class ChangesCommandsTests
{
    [Theory]
    [InlineData("vote changements", VoteMode.Single, 1)]
    [InlineData("Vote Changes top 2", VoteMode.TopN, 2)]
    [InlineData("vote changements points 5 résultats cachés", VoteMode.Points, 5)]
    public void ParseVote_KeywordAndSettings_Rules(string text, VoteMode mode, int limit)
    {
        // Act
        var rules = ChangesCommands.ParseVote(text);

        // Assert
        Assert.NotNull(rules);
        Assert.Equal((mode, limit), (rules.Mode, rules.Limit));
    }

    [Theory]
    [InlineData("vote changes to the schedule : Monday ; Tuesday")]
    [InlineData("vote changements top deux")]
    [InlineData("vote leviers")]
    public void ParseVote_NotOnlySettings_NullForTheVoteCommand(string text)
    {
        // Act
        var rules = ChangesCommands.ParseVote(text);

        // Assert
        Assert.Null(rules);
    }

    [Theory]
    [InlineData("", 3)]
    [InlineData("2", 2)]
    [InlineData("1", 1)]
    [InlineData("5", 5)]
    public void DeepenCount_NothingOrOneToFive_TheCount(string arguments, int expected)
    {
        // Act
        var count = ChangesCommands.DeepenCount(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        // Assert
        Assert.Equal(expected, count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("deux")]
    [InlineData("-2")]
    [InlineData("2 3")]
    public void DeepenCount_AnythingElse_NullSoNothingOpens(string arguments)
    {
        // Act
        var count = ChangesCommands.DeepenCount(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        // Assert
        Assert.Null(count);
    }
}

