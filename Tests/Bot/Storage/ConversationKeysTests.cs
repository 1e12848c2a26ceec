namespace ConcertationBot.Tests.Bot.Storage;

public sealed class ConversationKeysTests
{
    [Theory]
    [InlineData("19:general@thread.tacv2;messageid=1717171717171", "19:general@thread.tacv2")]
    [InlineData("19:general@thread.tacv2;MessageId=42", "19:general@thread.tacv2")]
    [InlineData("19:general@thread.tacv2", "19:general@thread.tacv2")]
    [InlineData("19:meeting_abc@thread.v2", "19:meeting_abc@thread.v2")]
    [InlineData("a:personal-nadia", "a:personal-nadia")]
    public void Normalize_ConversationId_StripsOnlyTheThreadSuffix(string conversationId, string expected)
    {
        Assert.Equal(expected, ConversationKeys.Normalize(conversationId));
    }
}
