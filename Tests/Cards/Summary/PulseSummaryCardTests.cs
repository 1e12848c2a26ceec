using ConcertationBot.Tests.Dialogs.Summaries;

namespace ConcertationBot.Tests.Cards.Summary;

public sealed class PulseSummaryCardTests
{
    [Fact]
    public void Build_French_HeadingParticipationBarsFiguresAndTrend()
    {
        // Act
        var card = CardJson.Of(PulseSummaryCard.Build(SummaryCardFixtures.Twelve(Language.French)));

        // Assert
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Null(card["msteams"]);
        var texts = CardJson.TextBlocks(card);
        Assert.Equal("Synthèse du pouls", texts[0]);
        Assert.Contains("12 réponses sur 12 membres (100\u00A0%)", texts);
        Assert.Contains("Moyenne\u00A0: 3,4 / 5 · écart 1,2", texts);
        Assert.Contains("↑ +0,6 depuis le pouls précédent", texts);
        var facts = CardJson.OfType(card, "FactSet").First()["facts"]!.AsArray();
        Assert.Equal("1 — pas du tout", (string?)facts[0]!["title"]);
        Assert.Equal("█░░░░░░░░░ 1", (string?)facts[0]!["value"]);
        Assert.Equal("███░░░░░░░ 3", (string?)facts[2]!["value"]);
        Assert.Equal("Je ne sais pas", (string?)facts[5]!["title"]);
    }

    [Fact]
    public void Build_UserText_OnlyInPlainRunsWithCounts()
    {
        // Act
        var card = CardJson.Of(PulseSummaryCard.Build(SummaryCardFixtures.Twelve(Language.French)));

        // Assert
        var runs = CardJson.TextRuns(card);
        Assert.Contains("• " + SummaryFixtures.Hostile, runs);
        Assert.Contains("• Manque de temps", runs);
        Assert.Contains(" ×3", runs);
        Assert.DoesNotContain(CardJson.TextBlocks(card), t => t.Contains("urgent", StringComparison.Ordinal));
        Assert.Contains("Freins", CardJson.TextBlocks(card));
        Assert.Contains("Leviers", CardJson.TextBlocks(card));
    }

    [Theory]
    [InlineData(Language.French, "Pas assez de réponses pour afficher la répartition (minimum 3).", "Pas assez de réponses pour afficher les textes (minimum 3).")]
    [InlineData(Language.English, "Not enough answers to show (minimum 3).", "Not enough answers to show the texts (minimum 3).")]
    public void Build_TwoAnswers_NoBarsNoTextsButNotices(Language language, string notice, string textsNotice)
    {
        // Act
        var card = CardJson.Of(PulseSummaryCard.Build(SummaryCardFixtures.TwoAnswers(language)));

        // Assert: in a table of two, a frein word for word could name who wrote it.
        Assert.Empty(CardJson.OfType(card, "FactSet"));
        Assert.Equal(2, CardJson.TextBlocks(card).Count(t => t == notice));
        Assert.Contains(textsNotice, CardJson.TextBlocks(card).Concat(CardJson.TextRuns(card)));
        Assert.DoesNotContain(CardJson.TextRuns(card), r => r.Contains(SummaryFixtures.Hostile, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Language.French, "… et ", " autres dans le compte-rendu")]
    [InlineData(Language.English, "… and ", " more in the compte-rendu")]
    public void Build_SixtyLongAnswers_UnderBudgetWithOverflowLines(Language language, string prefix, string suffix)
    {
        // Act
        var built = PulseSummaryCard.Build(SummaryCardFixtures.SixtyLong(language));

        // Assert
        Assert.True(AdaptiveCardSerializer.MeasureUtf16Bytes(built) <= 80 * 1024, $"{AdaptiveCardSerializer.MeasureUtf16Bytes(built)} bytes");
        var card = CardJson.Of(built);
        var overflow = CardJson.TextBlocks(card).Where(t => t.StartsWith(prefix, StringComparison.Ordinal) && t.EndsWith(suffix, StringComparison.Ordinal)).ToList();
        Assert.Equal(12, overflow.Count); // 5 conditions × 2 lists + positive and negative changes
        Assert.All(CardJson.TextRuns(card).Where(r => r.StartsWith("• ", StringComparison.Ordinal)), r => Assert.True(r.Length <= 502));
        Assert.True(CardJson.TextRuns(card).Count(r => r.StartsWith("• ", StringComparison.Ordinal)) >= 12);
    }

    [Fact]
    public void Build_ListsCut_EachListKeepsItsShare()
    {
        // Act
        var card = CardJson.Of(PulseSummaryCard.Build(SummaryCardFixtures.SixtyLong(Language.French)));

        // Assert: every condition's freins and leviers show at least one answer.
        var runs = CardJson.TextRuns(card);
        foreach (var condition in new[] { "agenda", "mesures", "activites", "communication", "soutien" })
        {
            Assert.Contains(runs, r => r.StartsWith("• frein " + condition, StringComparison.Ordinal));
            Assert.Contains(runs, r => r.StartsWith("• levier " + condition, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(0, 10, "░░░░░░░░░░ 0")]
    [InlineData(1, 60, "█░░░░░░░░░ 1")]
    [InlineData(5, 10, "█████░░░░░ 5")]
    [InlineData(10, 10, "██████████ 10")]
    [InlineData(3, 0, "░░░░░░░░░░ 3")]
    public void Bar_Count_ShareOfTen(int count, int total, string expected)
    {
        // Act & Assert
        Assert.Equal(expected, PulseSummaryCard.Bar(count, total));
    }
}
