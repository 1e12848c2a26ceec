using ConcertationBot.Tests.Cards.Summary;

namespace ConcertationBot.Tests.Cards.Export;

public sealed class ExportCardTests
{
    [Fact]
    public void Build_French_TwoDownloadLinksWithGivenUrls()
    {
        // Arrange
        var model = SummaryCardFixtures.Export(Language.French);

        // Act
        var card = CardJson.Of(ExportCard.Build(model));

        // Assert
        var actions = CardJson.Actions(card);
        Assert.Equal(["Action.OpenUrl", "Action.OpenUrl"], actions.Select(a => (string?)a["type"]));
        Assert.Equal(["Télécharger (Markdown)", "Télécharger (CSV)"], actions.Select(a => (string?)a["title"]));
        Assert.Equal(model.MarkdownUrl.AbsoluteUri, (string?)actions[0]["url"]);
        Assert.Equal(model.CsvUrl.AbsoluteUri, (string?)actions[1]["url"]);
    }

    [Fact]
    public void Build_French_SaysWhatIsIncludedAndUntilWhen()
    {
        // Act
        var card = CardJson.Of(ExportCard.Build(SummaryCardFixtures.Export(Language.French)));

        // Assert
        var texts = CardJson.TextBlocks(card);
        Assert.Equal("Compte-rendu prêt", texts[0]);
        Assert.Contains("Lien valable 24 h (jusqu'au jeudi 12 novembre 2026 à 9\u00A0h\u00A030 (UTC)).", texts);
        var facts = CardJson.OfType(card, "FactSet").Single()["facts"]!.AsArray();
        Assert.Equal("Du 3 novembre 2026 au 10 novembre 2026 · 12 réponses", (string?)facts[0]!["value"]);
        Assert.Equal("2 votes", (string?)facts[1]!["value"]);
        Assert.Equal(["Table *Côte-des-Neiges* [x](y) 😀"], CardJson.TextRuns(card));
    }

    [Fact]
    public void Build_EnglishWithoutPulse_SaysNoClosedPulse()
    {
        // Act
        var card = CardJson.Of(ExportCard.Build(SummaryCardFixtures.Export(Language.English, withPulse: false)));

        // Assert
        var facts = CardJson.OfType(card, "FactSet").Single()["facts"]!.AsArray();
        Assert.Equal("no closed pulse", (string?)facts[0]!["value"]);
        Assert.Equal("Compte-rendu ready", CardJson.TextBlocks(card)[0]);
        Assert.Equal(["Download (Markdown)", "Download (CSV)"], CardJson.Actions(card).Select(a => (string?)a["title"]));
        Assert.Contains("Links valid for 24 hours (until Thursday, November 12, 2026 at 9:30 AM (UTC)).", CardJson.TextBlocks(card));
    }

    [Theory]
    [InlineData(Language.French, "14 septembre 2026", "Rencontre du 14 septembre 2026 · Thématique\u00A0: Mobilité *des aînés* {{DATE(x)}}")]
    [InlineData(Language.English, "September 14, 2026", "Meeting of September 14, 2026 · Theme: Mobilité *des aînés* {{DATE(x)}}")]
    public void Build_WithRencontre_NamesItsDateAndThemeAsTyped(Language language, string date, string expected)
    {
        // Arrange
        var model = SummaryCardFixtures.Export(language) with { Rencontre = new ExportCardRencontre(date, "Mobilité *des aînés* {{DATE(x)}}") };

        // Act
        var card = CardJson.Of(ExportCard.Build(model));

        // Assert: a text run reads no Markdown, so the thématique is shown as typed; no text function can run in it.
        var runs = CardJson.TextRuns(card);
        Assert.Equal(2, runs.Count);
        Assert.Equal(expected.Replace("{{", "{\u2060{", StringComparison.Ordinal), runs[1]);
    }

    [Fact]
    public void Build_WithoutRencontre_NamesNone()
    {
        // Act
        var card = CardJson.Of(ExportCard.Build(SummaryCardFixtures.Export(Language.French)));

        // Assert
        Assert.DoesNotContain("Rencontre", card.ToJsonString(), StringComparison.Ordinal);
    }
}
