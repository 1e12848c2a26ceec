namespace ConcertationBot.Tests.Dialogs.Export;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("Comité de pilotage", "Comité de pilotage")]
    [InlineData("**gras** et _penché_", "\\*\\*gras\\*\\* et \\_penché\\_")]
    [InlineData("[clic](https://evil.example)", "\\[clic\\](https\\://evil.example)")]
    [InlineData("![img](x.png)", "\\!\\[img\\](x.png)")]
    [InlineData("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>")]
    [InlineData("# Titre", "\\# Titre")]
    [InlineData("- puce", "\\- puce")]
    [InlineData("+ puce", "\\+ puce")]
    [InlineData("12. numéro", "12\\. numéro")]
    [InlineData("3) numéro", "3\\) numéro")]
    [InlineData("Il est 3. Pas une liste", "Il est 3. Pas une liste")]
    [InlineData("> citation", "\\> citation")]
    [InlineData("ligne 1\n# ligne 2\r\n\r\n- ligne 3", "ligne 1 \\# ligne 2 - ligne 3")]
    [InlineData("  espaces  ", "espaces")]
    [InlineData("a | b", "a \\| b")]
    [InlineData("&lt;b&gt;", "\\&lt;b\\&gt;")]
    [InlineData("voir www.site.org", "voir www\\.site.org")]
    [InlineData("\\*", "\\\\\\*")]
    [InlineData("« Wow » 😀 ç", "« Wow » 😀 ç")]
    public void Escape_Text_IsLiteral(string text, string expected)
    {
        // Act & Assert
        Assert.Equal(expected, MarkdownText.Escape(text));
    }
}
