namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>The pulse deadline over HTTP when Teams sends no time zone: the configured zone, named, never "UTC".</summary>
public sealed class DeadlineTimeZoneTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(null, "America/Toronto", "heure de l'Est")]
    [InlineData("America/Halifax", "America/Halifax", "heure de l'Atlantique")]
    public async Task PulseOpen_TeamsSendsNoTimeZone_DeadlineInTheConfiguredZoneNamedWithoutUtc(string? configured, string storedZone, string zoneName)
    {
        // Arrange
        var settings = new Dictionary<string, string?>();
        if (configured is not null)
        {
            settings["Concertation:TimeZone"] = configured;
        }

        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], settings);
        var message = bed.ChannelMessage(TestPerson.Nadia, "pulse démarrer 3j");
        var entities = message["entities"]!.AsArray();
        foreach (var clientInfo in entities.Where(e => (string?)e?["type"] == "clientInfo").ToList())
        {
            entities.Remove(clientInfo);
        }

        // Act
        using var response = await bed.PostAsync(message);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = TestActivities.CardText(await bed.SentCardAsync(0)).Replace('\u2019', '\'');
        Assert.Contains(zoneName, text, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", text, StringComparison.Ordinal);
        Assert.DoesNotContain("((", text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var pulse = await bed.Factory.Services.GetRequiredService<IPulseStore>().GetLatestAsync("msteams", bed.ConversationId, closedOnly: false, exceptPulseId: null, CancellationToken.None);
        Assert.Equal(storedZone, pulse?.TimeZone);
    }
}
