namespace ConcertationBot.Tests.Bot.Coordination;

public sealed class CoordinationConversationTests
{
    [Theory]
    [InlineData("français", Language.French)]
    [InlineData("FRANCAIS", Language.French)]
    [InlineData("english", Language.English)]
    [InlineData("anglais", Language.English)]
    [InlineData("auto", null)]
    public void TryReadLanguage_KnownWord_Reads(string word, Language? expected)
    {
        // Act
        var ok = CoordinationConversation.TryReadLanguage([word], out var language);

        // Assert
        Assert.True(ok);
        Assert.Equal(expected, language);
    }

    [Theory]
    [InlineData]
    [InlineData("klingon")]
    [InlineData("français", "auto")]
    public void TryReadLanguage_AnythingElse_Refused(params string[] words)
    {
        // Act
        var ok = CoordinationConversation.TryReadLanguage(words, out _);

        // Assert
        Assert.False(ok);
    }
}
