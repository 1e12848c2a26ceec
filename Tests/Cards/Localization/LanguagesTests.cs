namespace ConcertationBot.Tests.Cards.Localization;

public sealed class LanguagesTests
{
    [Theory]
    [InlineData(Language.French, "fr")]
    [InlineData(Language.English, "en")]
    public void ToCode_EachLanguage_StoredCodeAndBack(Language language, string code)
    {
        Assert.Equal(code, Languages.ToCode(language));
        Assert.Equal(language, Languages.FromCode(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("EN")]
    [InlineData("de")]
    public void FromCode_AnythingButEn_French(string? code)
    {
        Assert.Equal(Language.French, Languages.FromCode(code));
    }
}
