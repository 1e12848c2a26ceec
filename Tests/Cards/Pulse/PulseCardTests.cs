namespace ConcertationBot.Tests.Cards.Pulse;

public sealed class PulseCardTests
{
    [Fact]
    public void Build_OpenPulse_HasAnswerButtonOpeningTheUsersView()
    {
        // Arrange
        var model = PulseFixtures.PulseCard(Language.French);

        // Act
        var json = CardJson.Of(PulseCard.Build(model));

        // Assert
        var action = Assert.Single(CardJson.Actions(json));
        Assert.Equal("Action.Execute", (string?)action["type"]);
        Assert.Equal("Répondre", (string?)action["title"]);
        Assert.Equal(CardVerbs.PulseOpen, (string?)action["verb"]);
        Assert.Equal("""{"pulseId":"p-2026-11-cdn"}""", action["data"]!.ToJsonString());
        var texts = CardJson.TextBlocks(json);
        Assert.Equal(model.Title, texts[0]);
        Assert.Contains("Réponses jusqu'au dimanche 29 novembre 2026, 17 h 00 (UTC)", texts);
        Assert.Contains("3 réponses", texts);
    }

    [Fact]
    public void Build_SeventyFiveRefreshIds_KeepsTheFirstSixty()
    {
        // Arrange
        var model = PulseFixtures.PulseCard(Language.English, refreshIds: 75);

        // Act
        var json = CardJson.Of(PulseCard.Build(model));

        // Assert
        var userIds = json["refresh"]!["userIds"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(CardRefresh.MaxUserIds, userIds.Count);
        Assert.Equal(model.RefreshUserIds.Take(60), userIds);
        Assert.Equal(CardVerbs.PulseOpen, (string?)json["refresh"]!["action"]!["verb"]);
        Assert.Equal("Action.Execute", (string?)json["refresh"]!["action"]!["type"]);
        Assert.Equal("""{"pulseId":"p-2026-11-cdn"}""", json["refresh"]!["action"]!["data"]!.ToJsonString());
    }

    [Fact]
    public void Build_NoRefreshIds_HasNoRefresh()
    {
        // Act
        var json = CardJson.Of(PulseCard.Build(PulseFixtures.PulseCard(Language.French, refreshIds: 0)));

        // Assert
        Assert.Null(json["refresh"]);
        Assert.NotEmpty(CardJson.Actions(json));
    }

    [Fact]
    public void Build_Closed_SaysSoWithoutActionsOrRefresh()
    {
        // Act
        var json = CardJson.Of(PulseCard.Build(PulseFixtures.PulseCard(Language.French, closed: true)));

        // Assert
        Assert.Null(json["actions"]);
        Assert.Null(json["refresh"]);
        Assert.Contains("Ce pouls est terminé", CardJson.TextBlocks(json));
        Assert.DoesNotContain(CardJson.TextBlocks(json), t => t.StartsWith("Réponses jusqu", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Language.French, 0, "0 réponse")]
    [InlineData(Language.French, 1, "1 réponse")]
    [InlineData(Language.French, 2, "2 réponses")]
    [InlineData(Language.French, 41, "41 réponses")]
    [InlineData(Language.English, 0, "0 answers")]
    [InlineData(Language.English, 1, "1 answer")]
    [InlineData(Language.English, 2, "2 answers")]
    public void Build_AnswerCount_UsesSingularAndPlural(Language language, int count, string expected)
    {
        // Act
        var json = CardJson.Of(PulseCard.Build(PulseFixtures.PulseCard(language, answers: count)));

        // Assert
        Assert.Contains(expected, CardJson.TextBlocks(json));
    }

    [Fact]
    public void Build_English_HasEnglishDeadlineAndButton()
    {
        // Act
        var json = CardJson.Of(PulseCard.Build(PulseFixtures.PulseCard(Language.English)));

        // Assert
        Assert.Contains("Answers until Sunday, November 29, 2026, 5:00 PM (UTC)", CardJson.TextBlocks(json));
        Assert.Equal("Answer", (string?)CardJson.Actions(json)[0]["title"]);
    }

    [Fact]
    public void Build_Notice_ComesFirstInAttentionColor()
    {
        // Act
        var json = CardJson.Of(PulseCard.Build(PulseFixtures.PulseCard(Language.French, notice: "Un pulse est déjà ouvert ici.")));

        // Assert
        Assert.Equal("Un pulse est déjà ouvert ici.", (string?)json["body"]![0]!["text"]);
        Assert.Equal("Attention", (string?)json["body"]![0]!["color"]);
    }

    [Fact]
    public void Build_NoIntroNoNotice_StartsWithTitle()
    {
        // Arrange
        var model = PulseFixtures.PulseCard(Language.French) with { Intro = null };

        // Act
        var json = CardJson.Of(PulseCard.Build(model));

        // Assert
        Assert.Equal(model.Title, (string?)json["body"]![0]!["text"]);
        Assert.Equal(3, json["body"]!.AsArray().Count);
    }
}
