namespace ConcertationBot.Tests.Dialogs.Commands;

public sealed class CommandTextTests
{
    [Theory]
    [InlineData("  Pulse  ÉTAT ", new[] { "pulse", "etat" })]
    [InlineData("pulse\tdémarrer 3j", new[] { "pulse", "demarrer", "3j" })]
    [InlineData("LANGUE Français", new[] { "langue", "francais" })]
    [InlineData("", new string[0])]
    [InlineData("   ", new string[0])]
    public void Words_MixedCaseAccentsAndSpaces_FoldsToWords(string text, string[] expected)
    {
        // Act
        var words = CommandText.Words(text);

        // Assert
        Assert.Equal(expected, words);
    }

    [Fact]
    public void Help_EveryCommandAvailable_ListedAsUsableNothingComingSoon()
    {
        // Act
        var model = CommandCatalog.Help(Language.French, isGroupConversation: false);

        // Assert
        var aide = Assert.Single(model.ForEveryone);
        Assert.Equal("aide", aide.Syntax);
        Assert.Equal(
            [
                "pulse démarrer [durée]", "pulse état", "pulse rappel", "pulse clore",
                "vote [top 3 | points 5 | résultats cachés] question : option ; option", "vote leviers", "vote clore", "pulse supprimer", "vote supprimer",
                "export", "coordination ajouter @nom", "langue français | english | auto",
            ],
            model.ForCoordinators.Select(c => c.Syntax.Replace('\u00A0', ' ').Replace('\u202F', ' ')));
        Assert.Empty(model.ComingSoon);
    }

    [Fact]
    public void Help_English_UsesEnglishSyntax()
    {
        // Act
        var model = CommandCatalog.Help(Language.English, isGroupConversation: true);

        // Assert
        Assert.Equal("help", Assert.Single(model.ForEveryone).Syntax);
        Assert.True(model.IsGroupConversation);
        Assert.Contains(model.ForCoordinators, c => c.Syntax == "vote levers");
    }
}
