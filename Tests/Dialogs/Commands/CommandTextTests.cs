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
        // Act: in a channel or group chat, where every command works.
        var model = CommandCatalog.Help(Language.French, isGroupConversation: true);

        // Assert
        Assert.Equal(["aide", "rencontre", "feuille de route", "tableau de bord", "profil", "profil effacer"], model.ForEveryone.Select(c => c.Syntax));
        Assert.Equal(
            [
                "pulse démarrer [durée]", "pulse configurer", "pulse état", "pulse rappel", "pulse clore",
                "vote [top 3 | points 5 | résultats cachés] question : option ; option", "vote leviers",
                "changements regrouper", "vote changements", "changements approfondir", "vote clore", "pulse supprimer", "vote supprimer",
                "export", "coordination ajouter @nom", "langue français | english | bilingue | auto",
                "rencontre 14 septembre : thématique", "rencontre intention : texte",
                "feuille de route vision : texte", "feuille de route ajouter court | moyen | long : changement",
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
        Assert.Equal(["help", "meeting", "roadmap", "dashboard", "profile", "profile delete"], model.ForEveryone.Select(c => c.Syntax));
        Assert.True(model.IsGroupConversation);
        Assert.Contains(model.ForCoordinators, c => c.Syntax == "vote levers");
    }

    [Fact]
    public void Help_PersonalChat_ListsOnlyWhatWorksThereNoCoordinationAjouter()
    {
        // Act
        var personal = CommandCatalog.Help(Language.French, isGroupConversation: false);
        var group = CommandCatalog.Help(Language.French, isGroupConversation: true);

        // Assert
        Assert.DoesNotContain(personal.ForCoordinators, c => c.Syntax.StartsWith("coordination", StringComparison.Ordinal));
        Assert.Contains(group.ForCoordinators, c => c.Syntax.StartsWith("coordination", StringComparison.Ordinal));
        Assert.Equal(group.ForCoordinators.Count - 1, personal.ForCoordinators.Count);
        Assert.Contains(personal.ForCoordinators, c => c.Syntax.StartsWith("langue", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_ConfiguredK_CarriedToTheCard()
    {
        // Act
        var model = CommandCatalog.Help(Language.French, isGroupConversation: true, minimumGroupSize: 5);

        // Assert
        Assert.Equal(5, model.MinimumGroupSize);
    }
}
