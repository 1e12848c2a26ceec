namespace ConcertationBot.Tests.Dialogs.Summaries;

public sealed class DeadlineTextTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 11, 29, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Format_FrenchInMontreal_LocalDateHourAndEasternTime()
    {
        // Act
        var text = DeadlineText.Format(Deadline, "America/Montreal", Language.French);

        // Assert
        Assert.Equal("dimanche 29 novembre 2026 à 17\u00A0h\u00A000, heure de l'Est", text);
    }

    [Fact]
    public void Format_EnglishWithoutTimeZoneNorConfiguration_EasternTimeNeverUtc()
    {
        // Act
        var text = DeadlineText.Format(Deadline, null, Language.English);

        // Assert
        Assert.Equal("Sunday, November 29, 2026 at 5:00 PM Eastern Time", text);
    }

    [Fact]
    public void Format_WithoutTimeZone_UsesTheConfiguredZoneAndNamesIt()
    {
        // Act
        var text = DeadlineText.Format(Deadline, null, Language.French, fallbackTimeZoneId: "America/Halifax");

        // Assert
        Assert.Equal("dimanche 29 novembre 2026 à 18\u00A0h\u00A000, heure de l'Atlantique", text);
    }

    [Fact]
    public void Format_UnknownTimeZone_FallsBackToTheConfiguredZone()
    {
        // Act
        var text = DeadlineText.Format(Deadline, "Mars/Olympus", Language.French, fallbackTimeZoneId: "America/Toronto");

        // Assert
        Assert.EndsWith("17\u00A0h\u00A000, heure de l'Est", text, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_WindowsIdAsTeamsMaySendIt_NamedLikeItsIanaZone()
    {
        // Act
        var text = DeadlineText.Format(Deadline, "Eastern Standard Time", Language.English);

        // Assert
        Assert.Equal("Sunday, November 29, 2026 at 5:00 PM Eastern Time", text);
    }

    [Theory]
    [InlineData("Europe/Paris", Language.French, "heure de Paris")]
    [InlineData("Europe/Brussels", Language.French, "heure de Bruxelles")]
    [InlineData("Europe/Brussels", Language.English, "Brussels time")]
    [InlineData("America/Vancouver", Language.French, "heure du Pacifique")]
    [InlineData("UTC", Language.English, "UTC")]
    public void ZoneName_Zone_NamedAsAPersonSaysIt(string zone, Language language, string expected)
    {
        // Act
        var name = DeadlineText.ZoneName(zone, language);

        // Assert
        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData(Language.French)]
    [InlineData(Language.English)]
    public void Format_AnyZone_NoParenthesis(Language language)
    {
        // Act
        var text = DeadlineText.Format(Deadline, "Europe/Paris", language);

        // Assert
        Assert.DoesNotContain("(", text, StringComparison.Ordinal);
        Assert.DoesNotContain(")", text, StringComparison.Ordinal);
    }
}
