using ConcertationBot.Dialogs.Rencontres;

namespace ConcertationBot.Tests.Dialogs.Rencontres;

public sealed class RencontreDatesTests
{
    /// <summary>A December Sunday: "14 septembre" is under 6 months back, "14 mai" over.</summary>
    private static readonly DateOnly Today = new(2026, 12, 6);

    [Theory]
    [InlineData("14 septembre", 2026, 9, 14)]
    [InlineData("14 Septembre", 2026, 9, 14)]
    [InlineData("14 sept.", 2026, 9, 14)]
    [InlineData("14 sept", 2026, 9, 14)]
    [InlineData("1er octobre", 2026, 10, 1)]
    [InlineData("3 décembre", 2026, 12, 3)]
    [InlineData("3 decembre", 2026, 12, 3)]
    [InlineData("14 septembre 2025", 2025, 9, 14)]
    [InlineData("14/09", 2026, 9, 14)]
    [InlineData("14/09/2026", 2026, 9, 14)]
    [InlineData("2026-09-14", 2026, 9, 14)]
    [InlineData("aujourd'hui", 2026, 12, 6)]
    [InlineData("Aujourd’hui", 2026, 12, 6)]
    [InlineData("  14   septembre  ", 2026, 9, 14)]
    [InlineData("du 14 septembre", 2026, 9, 14)]
    [InlineData("le 14/09/2026", 2026, 9, 14)]
    public void TryRead_FrenchForms_ReadsTheDate(string typed, int year, int month, int day)
    {
        AssertReads(typed, Today, new DateOnly(year, month, day));
    }

    [Theory]
    [InlineData("September 14", 2026, 9, 14)]
    [InlineData("september 14, 2026", 2026, 9, 14)]
    [InlineData("Sept. 14", 2026, 9, 14)]
    [InlineData("14 September", 2026, 9, 14)]
    [InlineData("14 September 2027", 2027, 9, 14)]
    [InlineData("October 1st", 2026, 10, 1)]
    [InlineData("today", 2026, 12, 6)]
    [InlineData("on September 14", 2026, 9, 14)]
    [InlineData("TODAY", 2026, 12, 6)]
    public void TryRead_EnglishForms_ReadsTheDate(string typed, int year, int month, int day)
    {
        AssertReads(typed, Today, new DateOnly(year, month, day));
    }

    [Theory]
    [InlineData("14 mai", 2027, 5, 14)]
    [InlineData("May 14", 2027, 5, 14)]
    [InlineData("05/06", 2027, 6, 5)]
    [InlineData("6 juin", 2026, 6, 6)]
    [InlineData("7 juin", 2026, 6, 7)]
    [InlineData("14 septembre", 2026, 9, 14)]
    [InlineData("20 décembre", 2026, 12, 20)]
    public void TryRead_NoYearInDecember_RollsToNextYearOnlyWhenMoreThanSixMonthsPast(string typed, int year, int month, int day)
    {
        // 6 June is exactly 6 months back (stays), 5 June is one day more (rolls).
        AssertReads(typed, Today, new DateOnly(year, month, day));
    }

    [Theory]
    [InlineData("20 décembre", 2026, 12, 20)]
    [InlineData("14 janvier", 2026, 1, 14)]
    [InlineData("2 mars", 2026, 3, 2)]
    public void TryRead_NoYearInMarch_StaysInTheCurrentYearEvenWhenPast(string typed, int year, int month, int day)
    {
        // Arrange: in March, no date of the year is more than 6 months back.
        var march = new DateOnly(2026, 3, 10);

        // Act and assert
        AssertReads(typed, march, new DateOnly(year, month, day));
    }

    [Fact]
    public void TryRead_TwentyNinthOfFebruaryWithoutYear_ReadOnlyWhenTheChosenYearHasOne()
    {
        // Act
        var inLeapYear = RencontreDates.TryRead("29 février", new DateOnly(2028, 1, 10), out var leap);
        var inCommonYear = RencontreDates.TryRead("29 février", new DateOnly(2026, 1, 10), out _);

        // Assert
        Assert.True(inLeapYear);
        Assert.Equal(new DateOnly(2028, 2, 29), leap);
        Assert.False(inCommonYear);
    }

    [Theory]
    [InlineData("31/02")]
    [InlineData("31/02/2026")]
    [InlineData("13/13")]
    [InlineData("00/09")]
    [InlineData("09/14")]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("32 septembre")]
    [InlineData("31 avril")]
    [InlineData("14 septembre 26")]
    [InlineData("14/09/26")]
    [InlineData("demain")]
    [InlineData("14 blablabla")]
    [InlineData("septembre")]
    [InlineData("14")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("14 septembre 2026 à 18h")]
    [InlineData("+14/09")]
    [InlineData("du du 14 septembre")]
    [InlineData("le")]
    [InlineData("١٤/٠٩")]
    public void TryRead_InvalidOrNonsense_False(string typed)
    {
        // Act
        var ok = RencontreDates.TryRead(typed, Today, out _);

        // Assert
        Assert.False(ok);
    }

    [Theory]
    [InlineData(Language.French, 2026, 9, 14, "14 septembre 2026")]
    [InlineData(Language.French, 2026, 10, 1, "1er octobre 2026")]
    [InlineData(Language.French, 2027, 8, 3, "3 août 2027")]
    [InlineData(Language.English, 2026, 9, 14, "September 14, 2026")]
    [InlineData(Language.English, 2026, 10, 1, "October 1, 2026")]
    public void Write_EachLanguage_WritesTheDateOut(Language language, int year, int month, int day, string expected)
    {
        // Act
        var written = RencontreDates.Write(new DateOnly(year, month, day), language);

        // Assert
        Assert.Equal(expected, written);
    }

    /// <summary>Asserts that <paramref name="typed"/>, read on <paramref name="today"/>, is read as <paramref name="expected"/>.</summary>
    private static void AssertReads(string typed, DateOnly today, DateOnly expected)
    {
        var ok = RencontreDates.TryRead(typed, today, out var date);

        Assert.True(ok);
        Assert.Equal(expected, date);
    }
}
