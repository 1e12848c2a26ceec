namespace ConcertationBot.Tests.Dialogs.Commands;

public sealed class CommandSuggestionsTests
{
    [Theory]
    [InlineData("puls état", "pulse état")]
    [InlineData("pulse démarer", "pulse démarrer")]
    [InlineData("pulse demarer 3j", "pulse démarrer 3j")]
    [InlineData("vote clôturer", "vote clore")]
    [InlineData("PULS ETAT", "pulse état")]
    [InlineData("pulse rapel", "pulse rappel")]
    [InlineData("vot leviers", "vote leviers")]
    [InlineData("pulse etta", "pulse état")]
    [InlineData("puls", "pulse démarrer")]
    [InlineData("expor", "export")]
    [InlineData("vote fermr", "vote clore")]
    [InlineData("profl", "profil")]
    public void Find_FrenchTypo_NearestCommandInFrench(string typed, string expected)
    {
        // Act
        var suggestion = CommandSuggestions.Find(typed, Language.French);

        // Assert
        Assert.NotNull(suggestion);
        Assert.Equal(expected, suggestion.Suggested);
        Assert.Equal(typed, suggestion.Typed);
    }

    [Theory]
    [InlineData("puls status", "pulse status")]
    [InlineData("puls état", "pulse status")]
    [InlineData("vote clôturer", "vote close")]
    [InlineData("pulse strat", "pulse start")]
    public void Find_TypoInEnglishConversation_EnglishEquivalent(string typed, string expected)
    {
        // Act
        var suggestion = CommandSuggestions.Find(typed, Language.English);

        // Assert
        Assert.Equal(expected, suggestion?.Suggested);
    }

    [Theory]
    [InlineData("pulse état")]
    [InlineData("pulse démarrer 0j")]
    [InlineData("vote fermer")]
    [InlineData("pulse terminer")]
    [InlineData("aide")]
    [InlineData("bonjour")]
    [InlineData("hello")]
    [InlineData("merci beaucoup")]
    [InlineData("vote Logement ou mobilité")]
    [InlineData("pulse blabla")]
    [InlineData("pulse état de la table et des partenaires")]
    [InlineData("")]
    [InlineData("   ")]
    public void Find_CommandAsTypedOrOrdinaryText_NoSuggestion(string typed)
    {
        // Act
        var suggestion = CommandSuggestions.Find(typed, Language.French);

        // Assert
        Assert.Null(suggestion);
    }

    [Theory]
    [InlineData("pouls etta", "pouls état")]
    [InlineData("poul état", "pouls état")]
    [InlineData("POULS CLOR", "pouls clore")]
    [InlineData("pouls rapel", "pouls rappel")]
    [InlineData("pouls demarer 3j", "pouls démarrer 3j")]
    [InlineData("pouls suprimer", "pouls supprimer")]
    public void Find_PoulsTypo_PoulsCommandInFrench(string typed, string expected)
    {
        // Act
        var suggestion = CommandSuggestions.Find(typed, Language.French);

        // Assert
        Assert.Equal(expected, suggestion?.Suggested);
    }

    [Theory]
    [InlineData("pouls etta", "pulse status")]
    [InlineData("pouls clor", "pulse close")]
    public void Find_PoulsTypoInEnglishConversation_PulseCommand(string typed, string expected)
    {
        // Act
        var suggestion = CommandSuggestions.Find(typed, Language.English);

        // Assert
        Assert.Equal(expected, suggestion?.Suggested);
    }

    [Theory]
    [InlineData("pouls")]
    [InlineData("pouls état")]
    [InlineData("Pouls Démarrer 3j")]
    [InlineData("pouls rappel")]
    [InlineData("pouls clore")]
    [InlineData("pouls fermer")]
    [InlineData("pouls supprimer")]
    [InlineData("pouls blabla")]
    public void Find_PoulsCommandAsTyped_NoSuggestion(string typed)
    {
        // Act
        var suggestion = CommandSuggestions.Find(typed, Language.French);

        // Assert
        Assert.Null(suggestion);
    }

    [Theory]
    [InlineData("cloturer", "clore", 3)]
    [InlineData("puls", "pulse", 1)]
    [InlineData("etta", "etat", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Edits_TwoWords_OptimalStringAlignmentDistance(string a, string b, int expected)
    {
        // Act
        var distance = CommandSuggestions.Edits(a, b);

        // Assert
        Assert.Equal(expected, distance);
    }
}
