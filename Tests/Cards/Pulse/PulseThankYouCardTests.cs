namespace ConcertationBot.Tests.Cards.Pulse;

public sealed class PulseThankYouCardTests
{
    [Fact]
    public void Build_ThankYou_ShowsAnswersAndOneEditWithoutStep()
    {
        // Act
        var json = CardJson.Of(PulseThankYouCard.Build(PulseFixtures.ThankYou(Language.French)));

        // Assert
        Assert.Empty(CardJson.OfType(json, "ActionSet"));
        var edit = Assert.Single(CardJson.Actions(json));
        Assert.Equal("Modifier mes réponses", (string?)edit["title"]);
        Assert.Equal(CardVerbs.PulseEdit, (string?)edit["verb"]);
        Assert.Equal("""{"pulseId":"p-2026-11-cdn","rev":4}""", edit["data"]!.ToJsonString());
        var texts = CardJson.TextBlocks(json);
        Assert.Contains("Merci\u202F!", texts);
        Assert.Contains("Vos réponses sont enregistrées. Vous pouvez les modifier jusqu'au dimanche 29 novembre 2026, 17 h 00 (UTC).", texts);
        Assert.Contains(PulseFixtures.MarkdownText, CardJson.TextRuns(json));
        Assert.Equal($"[\"{PulseFixtures.UserId}\"]", json["refresh"]!["userIds"]!.ToJsonString());
    }

    [Fact]
    public void Build_English_SaysThankYou()
    {
        // Act
        var json = CardJson.Of(PulseThankYouCard.Build(PulseFixtures.ThankYou(Language.English)));

        // Assert
        Assert.Contains("Thank you!", CardJson.TextBlocks(json));
        Assert.Equal("Edit my answers", (string?)CardJson.Actions(json)[0]["title"]);
    }
}
