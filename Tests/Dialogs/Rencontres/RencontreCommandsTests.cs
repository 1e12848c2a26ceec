using ConcertationBot.Dialogs.Rencontres;

namespace ConcertationBot.Tests.Dialogs.Rencontres;

public sealed class RencontreCommandsTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    [Theory]
    [InlineData("rencontre")]
    [InlineData("  Rencontre  ")]
    [InlineData("meeting")]
    [InlineData("")]
    public void Parse_KeywordAlone_Show(string text)
    {
        // Act
        var command = RencontreCommands.Parse(text, Today);

        // Assert
        Assert.Equal(RencontreCommandKind.Show, command.Kind);
    }

    [Theory]
    [InlineData("rencontre 14 septembre : Mobilité", 2026, 9, 14, "Mobilité")]
    [InlineData("RENCONTRE 14 sept. : le développement de partenariats", 2026, 9, 14, "le développement de partenariats")]
    [InlineData("rencontre 14/09/2026: Logement : suite", 2026, 9, 14, "Logement : suite")]
    [InlineData("rencontre aujourd'hui : Mobilité\n  douce", 2026, 12, 6, "Mobilité douce")]
    [InlineData("meeting September 14: Mobility", 2026, 9, 14, "Mobility")]
    [InlineData("meeting today : *Mobility*", 2026, 12, 6, "*Mobility*")]
    public void Parse_DateColonTheme_OpenWithDateAndThemeAsTyped(string text, int year, int month, int day, string theme)
    {
        // Act
        var command = RencontreCommands.Parse(text, Today);

        // Assert
        Assert.Equal(RencontreCommandKind.Open, command.Kind);
        Assert.Equal(new DateOnly(year, month, day), command.Date);
        Assert.Equal(theme, command.Theme);
    }

    [Theory]
    [InlineData("rencontre 31/02 : Mobilité", "31/02")]
    [InlineData("rencontre 13/13 : Mobilité", "13/13")]
    [InlineData("rencontre n'importe quoi : Mobilité", "n'importe quoi")]
    [InlineData("meeting <b>x</b> : Mobility", "<b>x</b>")]
    public void Parse_BadDate_InvalidWithTheDateAsTyped(string text, string typed)
    {
        // Act
        var command = RencontreCommands.Parse(text, Today);

        // Assert
        Assert.Equal(RencontreCommandKind.Invalid, command.Kind);
        Assert.Equal(RencontreCommandProblem.BadDate, command.Problem);
        Assert.Equal(typed, command.Typed);
    }

    [Theory]
    [InlineData("rencontre 14 septembre Mobilité", "14 septembre Mobilité")]
    [InlineData("rencontre 14 septembre :", "14 septembre :")]
    [InlineData("rencontre 14 septembre :   ", "14 septembre :")]
    [InlineData("meeting September 14", "September 14")]
    public void Parse_NoColonOrNoTheme_NoThemeWithWhatWasTyped(string text, string typed)
    {
        // Act
        var command = RencontreCommands.Parse(text, Today);

        // Assert
        Assert.Equal(RencontreCommandKind.Invalid, command.Kind);
        Assert.Equal(RencontreCommandProblem.NoTheme, command.Problem);
        Assert.Equal(typed, command.Typed);
    }

    [Fact]
    public void Parse_ThemeOverTheLimit_ThemeTooLongKeepingTheWholeTheme()
    {
        // Arrange
        var theme = new string('é', RencontreCommands.MaxThemeLength + 1);

        // Act
        var command = RencontreCommands.Parse("rencontre 14 septembre : " + theme, Today);

        // Assert
        Assert.Equal(RencontreCommandProblem.ThemeTooLong, command.Problem);
        Assert.Equal(theme, command.Typed);
    }

    [Theory]
    [InlineData("rencontre intention : Faire ressortir les effets de notre travail", "Faire ressortir les effets de notre travail")]
    [InlineData("rencontre Intention: Mieux définir, ensemble : le plan", "Mieux définir, ensemble : le plan")]
    [InlineData("meeting purpose : Line one\nLine two", "Line one\nLine two")]
    [InlineData("meeting intention : Shared", "Shared")]
    public void Parse_Intention_SetIntentionKeepingTheText(string text, string intention)
    {
        // Act
        var command = RencontreCommands.Parse(text, Today);

        // Assert
        Assert.Equal(RencontreCommandKind.SetIntention, command.Kind);
        Assert.Equal(intention, command.Intention);
    }

    [Theory]
    [InlineData("rencontre intention")]
    [InlineData("rencontre intention :")]
    [InlineData("rencontre intention Faire ressortir")]
    [InlineData("meeting purpose")]
    public void Parse_IntentionWithoutText_NoIntention(string text)
    {
        // Act
        var command = RencontreCommands.Parse(text, Today);

        // Assert
        Assert.Equal(RencontreCommandKind.Invalid, command.Kind);
        Assert.Equal(RencontreCommandProblem.NoIntention, command.Problem);
    }

    [Theory]
    [InlineData(500, RencontreCommandKind.SetIntention)]
    [InlineData(501, RencontreCommandKind.Invalid)]
    public void Parse_IntentionAtAndOverTheLimit_AcceptedThenRefusedWithTheWholeText(int length, RencontreCommandKind expected)
    {
        // Arrange
        var intention = new string('a', length);

        // Act
        var command = RencontreCommands.Parse("rencontre intention : " + intention, Today);

        // Assert
        Assert.Equal(expected, command.Kind);
        Assert.Equal(intention, command.Intention);
        if (expected == RencontreCommandKind.Invalid)
        {
            Assert.Equal(RencontreCommandProblem.IntentionTooLong, command.Problem);
            Assert.Equal(intention, command.Typed);
        }
    }
}
