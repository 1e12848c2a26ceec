namespace ConcertationBot.Tests.Cards.Localization;

public sealed class BilingualTextTests
{
    [Theory]
    [InlineData("Logement abordable | Affordable housing", Language.French, "Logement abordable")]
    [InlineData("Logement abordable | Affordable housing", Language.English, "Affordable housing")]
    [InlineData("  Logement|Housing  ", Language.English, "Housing")]
    public void For_TwoHalves_TheHalfOfTheLanguage(string text, Language language, string expected)
    {
        Assert.Equal(expected, BilingualText.For(text, language));
    }

    [Theory]
    [InlineData("Logement abordable")]
    [InlineData("Logement | ")]
    [InlineData(" | Housing")]
    [InlineData("a | b | c")]
    [InlineData("|")]
    public void For_NotTwoHalves_ShownAsTyped(string text)
    {
        Assert.Equal(text, BilingualText.For(text, Language.English));
        Assert.Null(BilingualText.Split(text));
    }
}
