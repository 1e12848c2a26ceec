using ConcertationBot.Bot.Kernel;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Tests.Bot.Kernel;

public sealed class DeadlineTextTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 11, 29, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Format_FrenchInMontreal_LocalDateHourAndOffset()
    {
        // Act
        var text = DeadlineText.Format(Deadline, "America/Montreal", Language.French);

        // Assert
        Assert.Equal("dimanche 29 novembre 2026 à 17\u00A0h\u00A000 (UTC\u221205:00)", text);
    }

    [Fact]
    public void Format_EnglishWithoutTimeZone_Utc()
    {
        // Act
        var text = DeadlineText.Format(Deadline, null, Language.English);

        // Assert
        Assert.Equal("Sunday, November 29, 2026 at 10:00 PM (UTC)", text);
    }

    [Fact]
    public void Format_UnknownTimeZone_FallsBackToUtc()
    {
        // Act
        var text = DeadlineText.Format(Deadline, "Mars/Olympus", Language.French);

        // Assert
        Assert.EndsWith("22\u00A0h\u00A000 (UTC)", text, StringComparison.Ordinal);
    }
}
