using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Commands;

namespace ConcertationBot.Tests.Dialogs;

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
    public void Help_OnlyAvailableCommandsListedAsUsable_OthersComingSoon()
    {
        // Act
        var model = CommandCatalog.Help(Language.French, isGroupConversation: false);

        // Assert
        var aide = Assert.Single(model.ForEveryone);
        Assert.Equal("aide", aide.Syntax);
        Assert.Equal(
            ["pulse démarrer [durée]", "pulse état", "pulse rappel", "pulse clore", "export", "coordination ajouter @nom", "langue français | english | auto"],
            model.ForCoordinators.Select(c => c.Syntax));
        Assert.Equal(CommandCatalog.All.Count(c => !c.IsAvailable), model.ComingSoon.Count);
        Assert.Contains(model.ComingSoon, c => c.Syntax == "vote leviers");
    }

    [Fact]
    public void Help_English_UsesEnglishSyntax()
    {
        // Act
        var model = CommandCatalog.Help(Language.English, isGroupConversation: true);

        // Assert
        Assert.Equal("help", Assert.Single(model.ForEveryone).Syntax);
        Assert.True(model.IsGroupConversation);
        Assert.Contains(model.ComingSoon, c => c.Syntax == "vote levers");
    }
}
