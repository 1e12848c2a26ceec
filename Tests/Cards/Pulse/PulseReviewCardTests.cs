using ConcertationBot.Cards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;

namespace ConcertationBot.Tests.Cards.Pulse;

public sealed class PulseReviewCardTests
{
    [Fact]
    public void Build_Review_OneEditPerSectionThenSend()
    {
        // Arrange
        var model = PulseFixtures.Review(Language.French);

        // Act
        var json = CardJson.Of(PulseReviewCard.Build(model));

        // Assert
        // The first action set is "Envoyer" at the top; then one "Modifier" per section.
        var sets = CardJson.OfType(json, "ActionSet").Select(s => s["actions"]!.AsArray().Single()!).ToList();
        var top = sets[0];
        Assert.Equal(("Envoyer", CardVerbs.PulseSubmit), ((string?)top["title"], (string?)top["verb"]));
        Assert.Equal(""""{"pulseId":"p-2026-11-cdn","rev":4}"""", top["data"]!.ToJsonString());
        var edits = sets.Skip(1).ToList();
        Assert.Equal(model.Sections.Count, edits.Count);
        Assert.All(edits, e => Assert.Equal(CardVerbs.PulseEdit, (string?)e["verb"]));
        Assert.All(edits, e => Assert.Equal("Modifier", (string?)e["title"]));
        Assert.Equal(
            model.Sections.Select(s => $$"""{"pulseId":"p-2026-11-cdn","step":"{{s.StepId}}","rev":4}"""),
            edits.Select(e => e["data"]!.ToJsonString()));
        var send = Assert.Single(CardJson.Actions(json));
        Assert.Equal("Envoyer", (string?)send["title"]);
        Assert.Equal(CardVerbs.PulseSubmit, (string?)send["verb"]);
        Assert.Equal("""{"pulseId":"p-2026-11-cdn","rev":4}""", send["data"]!.ToJsonString());
        Assert.Equal("Vérifiez vos réponses", CardJson.TextBlocks(json)[1]);
    }

    [Fact]
    public void Build_Review_EachModifierSitsOnItsSectionTitleLine()
    {
        // Arrange
        var model = PulseFixtures.Review(Language.French);

        // Act
        var json = CardJson.Of(PulseReviewCard.Build(model));

        // Assert: one column set per section, the title in the first column and its "Modifier" in the second.
        var rows = CardJson.OfType(json, "ColumnSet").ToList();
        Assert.Equal(model.Sections.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var columns = rows[i]["columns"]!.AsArray();
            Assert.Equal(model.Sections[i].Title, (string?)columns[0]!["items"]![0]!["text"]);
            Assert.Equal(model.Sections[i].StepId, (string?)columns[1]!["items"]![0]!["actions"]![0]!["data"]!["step"]);
        }
    }

    [Fact]
    public void Build_UserTextWithMarkdown_IsOnlyInPlainRuns()
    {
        // Act
        var json = CardJson.Of(PulseReviewCard.Build(PulseFixtures.Review(Language.French)));

        // Assert
        Assert.Contains(PulseFixtures.MarkdownText, CardJson.TextRuns(json));
        // The long frein is shortened to its beginning and "…" (phone width); its whole text is under "Modifier".
        Assert.Contains(CardJson.TextRuns(json), t => t.EndsWith('…') && PulseFixtures.LongFrench.StartsWith(t[..^1], StringComparison.Ordinal));
        Assert.DoesNotContain(CardJson.TextBlocks(json), t => t.Contains("lien", StringComparison.Ordinal) || t.Contains("écoles", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_SkippedAnswer_ShowsSubtleNoAnswer()
    {
        // Act
        var fr = CardJson.Of(PulseReviewCard.Build(PulseFixtures.Review(Language.French)));
        var en = CardJson.Of(PulseReviewCard.Build(PulseFixtures.Review(Language.English)));

        // Assert
        var skipped = CardJson.OfType(fr, "TextRun").Where(r => (string?)r["text"] == "Sans réponse").ToList();
        Assert.Equal(2, skipped.Count); // the wholly skipped step shows one "Sans réponse", the half-answered one shows its empty field
        Assert.All(skipped, r => Assert.True((bool?)r["isSubtle"]));
        Assert.Equal(2, CardJson.TextRuns(en).Count(t => t == "No answer"));
        Assert.DoesNotContain("Passé", CardJson.TextRuns(fr));
        Assert.Contains("Frein\u00A0: ", CardJson.TextRuns(fr));
        Assert.Contains("Barrier: ", CardJson.TextRuns(en));
    }

    [Theory]
    [InlineData(Language.French, "Mettre à jour", "Déjà envoyées\u00A0: vous pouvez les modifier jusqu'au dimanche 29 novembre 2026, 17 h 00 (UTC).")]
    [InlineData(Language.English, "Update", "Already sent: you can change them until Sunday, November 29, 2026, 5:00 PM (UTC).")]
    public void Build_AlreadySubmitted_SaysSoAndUpdates(Language language, string update, string line)
    {
        // Act
        var json = CardJson.Of(PulseReviewCard.Build(PulseFixtures.Review(language, alreadySubmitted: true)));

        // Assert
        Assert.Equal(update, (string?)CardJson.Actions(json)[0]["title"]);
        Assert.Contains(line, CardJson.TextBlocks(json));
    }

    [Fact]
    public void Build_NotSubmitted_HasNoAlreadySentLine()
    {
        // Act
        var json = CardJson.Of(PulseReviewCard.Build(PulseFixtures.Review(Language.English)));

        // Assert
        Assert.DoesNotContain(CardJson.TextBlocks(json), t => t.StartsWith("Already sent", StringComparison.Ordinal));
        Assert.Equal("Send", (string?)CardJson.Actions(json)[0]["title"]);
        Assert.Equal($"[\"{PulseFixtures.UserId}\"]", json["refresh"]!["userIds"]!.ToJsonString());
    }
}
