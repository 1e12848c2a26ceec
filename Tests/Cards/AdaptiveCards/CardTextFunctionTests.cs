namespace ConcertationBot.Tests.Cards.AdaptiveCards;

/// <summary>Adaptive Card text functions ({{DATE(…)}}, {{TIME(…)}}) in user text are never expanded.</summary>
public sealed class CardTextFunctionTests
{
    private const char WordJoiner = '\u2060';

    [Theory]
    [InlineData("{{DATE(2017-02-14T06:08:39Z, SHORT)}}")]
    [InlineData("{{TIME(2017-02-14T06:08:39Z)}}")]
    [InlineData("{{{DATE(2017-02-14T06:08:39Z)}}}")]
    [InlineData("a {{ b {{{{ c")]
    public void Inert_TextFunction_BracesBrokenAndNothingElseLost(string text)
    {
        // Act
        var inert = CardText.Inert(text);

        // Assert
        Assert.DoesNotContain("{{", inert, StringComparison.Ordinal);
        Assert.Equal(CardText.Inert(text.Replace("{", string.Empty, StringComparison.Ordinal)), inert.Replace("{", string.Empty, StringComparison.Ordinal).Replace(WordJoiner.ToString(), string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{{DATE(2017-02-14T06:08:39Z, SHORT)}}")]
    [InlineData("{{{TIME(2017-02-14T06:08:39Z)}}}")]
    [InlineData("{{{{")]
    public void TextRun_TextFunction_BracesBrokenOtherwiseAsTyped(string text)
    {
        // Act
        var run = new TextRun { Text = text };

        // Assert
        Assert.DoesNotContain("{{", run.Text, StringComparison.Ordinal);
        Assert.Equal(text, run.Text.Replace(WordJoiner.ToString(), string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("**gras** [lien](http://x.y) { }")]
    [InlineData("Éloïse 😀 — ok")]
    public void TextRun_NoDoubleBrace_Unchanged(string text)
    {
        // Act / Assert
        Assert.Equal(text, new TextRun { Text = text }.Text);
    }
}
