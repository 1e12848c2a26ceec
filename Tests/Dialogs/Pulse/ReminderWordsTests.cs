namespace ConcertationBot.Tests.Dialogs.Pulse;

/// <summary>What <c>pulse rappel</c> says (issue #20's honest messages, issue #23's progress), pure.</summary>
public sealed class ReminderWordsTests
{
    private const string Montreal = "America/Montreal";

    // 2026-12-05 14:36 in Montréal (UTC−05:00).
    private static readonly DateTimeOffset Afternoon = new(2026, 12, 5, 19, 36, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(5, Language.French, "Je relance 5 membres en privé")]
    [InlineData(1, Language.French, "Je relance 1 membre en privé")]
    [InlineData(5, Language.English, "I am reminding 5 members privately")]
    [InlineData(1, Language.English, "I am reminding 1 member privately")]
    public void Starting_Count_AgreesWithIt(int count, Language language, string expected)
    {
        // Act
        var text = ReminderWords.Starting(count, language);

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void EveryoneRecentlyReminded_NextTomorrow_SaysDemainAndTheHourInThePulseTimeZone()
    {
        // Arrange: reminded yesterday evening would give today; here the earliest was reminded at 14 h 36 today.
        var next = Afternoon.AddHours(24);

        // Act
        var text = ReminderWords.EveryoneRecentlyReminded(next, Afternoon.AddMinutes(5), Montreal, Language.French);

        // Assert
        Assert.Equal(
            "Tout le monde a été relancé il y a moins de 24 h\u202F; prochain rappel possible demain à 14\u00A0h\u00A036.",
            text);
    }

    [Fact]
    public void EveryoneRecentlyReminded_English_TomorrowAt12HourClock()
    {
        // Act
        var text = ReminderWords.EveryoneRecentlyReminded(Afternoon.AddHours(24), Afternoon, Montreal, Language.English);

        // Assert
        Assert.Equal("Everyone was reminded less than 24 h ago; next reminder possible tomorrow at 2:36 PM.", text);
    }

    [Theory]
    [InlineData(0, "aujourd'hui à 14\u00A0h\u00A036")]
    [InlineData(1, "demain à 14\u00A0h\u00A036")]
    [InlineData(3, "le mardi 8 décembre à 14\u00A0h\u00A036")]
    public void When_DaysAhead_TodayTomorrowOrTheDay(int days, string expected)
    {
        // Act
        var text = ReminderWords.When(Afternoon.AddDays(days), Afternoon.AddHours(-2), Montreal, Language.French);

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void When_UtcEveningIsTomorrowInUtcButTodayInMontreal_UsesThePulseTimeZone()
    {
        // Arrange: 23:30 in Montréal is 04:30 the next day in UTC.
        var now = new DateTimeOffset(2026, 12, 5, 15, 0, 0, TimeSpan.Zero);
        var at = new DateTimeOffset(2026, 12, 6, 4, 30, 0, TimeSpan.Zero);

        // Act
        var montreal = ReminderWords.When(at, now, Montreal, Language.French);
        var utc = ReminderWords.When(at, now, null, Language.French);

        // Assert
        Assert.Equal("aujourd'hui à 23\u00A0h\u00A030", montreal);
        Assert.Equal("demain à 4\u00A0h\u00A030", utc);
    }

    [Theory]
    [InlineData(120, 300, Language.French, "120 / 300 relancés · fin estimée vers 14\u00A0h\u00A052")]
    [InlineData(1, 300, Language.French, "1 / 300 relancé · fin estimée vers 14\u00A0h\u00A052")]
    [InlineData(120, 300, Language.English, "120 / 300 reminded · expected to finish around 2:52 PM")]
    public void Progress_WithEstimate_ReadsAsTheIssueShowsIt(int done, int total, Language language, string expected)
    {
        // Arrange
        var end = new DateTimeOffset(2026, 12, 5, 19, 52, 0, TimeSpan.Zero);

        // Act
        var text = ReminderWords.Progress(done, total, end, Afternoon, Montreal, language);

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Progress_NoEstimate_CountOnly()
    {
        // Act
        var text = ReminderWords.Progress(0, 5, estimatedEnd: null, Afternoon, Montreal, Language.French);

        // Assert
        Assert.Equal("0 / 5 relancé", text);
    }

    [Fact]
    public void EstimatedEnd_HalfDoneAfterTenMinutes_TenMoreMinutes()
    {
        // Act
        var end = ReminderWords.EstimatedEnd(Afternoon, Afternoon.AddMinutes(10), 150, 300);

        // Assert
        Assert.Equal(Afternoon.AddMinutes(20), end);
    }

    [Theory]
    [InlineData(0, 300)]
    [InlineData(300, 300)]
    public void EstimatedEnd_NothingDoneOrAllDone_None(int done, int total)
    {
        // Act
        var end = ReminderWords.EstimatedEnd(Afternoon, Afternoon.AddMinutes(1), done, total);

        // Assert
        Assert.Null(end);
    }

    [Fact]
    public void AlreadyRunning_French_SaysHowFarItIs()
    {
        // Act
        var text = ReminderWords.AlreadyRunning(120, 300, Language.French);

        // Assert
        Assert.Equal("Un rappel est déjà en cours (120 / 300 relancés)\u00A0: je fais le bilan sur sa carte quand il se termine.", text);
    }

    [Fact]
    public void AlreadyRunning_SizeNotKnownYet_NoCount()
    {
        // Act
        var text = ReminderWords.AlreadyRunning(0, 0, Language.English);

        // Assert
        Assert.Equal("A reminder run is already going: I will report on its card when it ends.", text);
    }
}
