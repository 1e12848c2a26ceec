namespace ConcertationBot.Tests.Dialogs.Pulse;

public sealed class PulseDurationTests
{
    [Theory]
    [InlineData("", 168)]
    [InlineData("3j", 72)]
    [InlineData("3d", 72)]
    [InlineData("48h", 48)]
    [InlineData("48 H", 48)]
    [InlineData("2sem", 336)]
    [InlineData("2w", 336)]
    [InlineData("3 jours", 72)]
    [InlineData("1 jour", 24)]
    [InlineData("3 days", 72)]
    [InlineData("48 heures", 48)]
    [InlineData("1 semaine", 168)]
    [InlineData("2 Semaines", 336)]
    [InlineData("2 weeks", 336)]
    [InlineData("1h", 1)]
    [InlineData("90j", 2160)]
    [InlineData("2160h", 2160)]
    public void TryParse_KnownForms_Duration(string typed, int expectedHours)
    {
        // Arrange
        var words = CommandText.Words(typed);

        // Act
        var ok = PulseDuration.TryParse(words, out var duration);

        // Assert
        Assert.True(ok);
        Assert.Equal(TimeSpan.FromHours(expectedHours), duration);
    }

    [Theory]
    [InlineData("0h")]
    [InlineData("91j")]
    [InlineData("2161h")]
    [InlineData("14sem")]
    [InlineData("3")]
    [InlineData("j")]
    [InlineData("3x")]
    [InlineData("3.5j")]
    [InlineData("-3j")]
    [InlineData("3 3j")]
    [InlineData("3 jours demain")]
    [InlineData("trois jours")]
    [InlineData("99999999999j")]
    [InlineData("30m")]
    public void TryParse_AnythingElse_False(string typed)
    {
        // Arrange
        var words = CommandText.Words(typed);

        // Act
        var ok = PulseDuration.TryParse(words, out var duration);

        // Assert
        Assert.False(ok);
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Theory]
    [InlineData("0j", PulseDurationProblem.TooShort)]
    [InlineData("0h", PulseDurationProblem.TooShort)]
    [InlineData("91j", PulseDurationProblem.TooLong)]
    [InlineData("14sem", PulseDurationProblem.TooLong)]
    [InlineData("3x", PulseDurationProblem.Unreadable)]
    [InlineData("trois jours", PulseDurationProblem.Unreadable)]
    [InlineData("3j", PulseDurationProblem.None)]
    public void Read_TypedDuration_SaysWhyRefused(string typed, PulseDurationProblem expected)
    {
        // Arrange
        var words = CommandText.Words(typed);

        // Act
        var problem = PulseDuration.Read(words, out _);

        // Assert
        Assert.Equal(expected, problem);
    }
}
