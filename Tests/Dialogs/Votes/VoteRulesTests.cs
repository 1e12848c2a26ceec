namespace ConcertationBot.Tests.Dialogs.Votes;

public sealed class VoteRulesTests
{
    [Theory]
    [InlineData(VoteMode.Single, 1, false, VoteCardMode.Single)]
    [InlineData(VoteMode.TopN, 3, true, VoteCardMode.TopN)]
    [InlineData(VoteMode.Points, 5, false, VoteCardMode.Points)]
    public void ForCard_EachMode_SameModeLimitAndHiddenResults(VoteMode mode, int limit, bool hidden, VoteCardMode expected)
    {
        Assert.Equal(new VoteCardRules(expected, limit, hidden), new VoteRules(mode, limit, hidden).ForCard());
    }
}
