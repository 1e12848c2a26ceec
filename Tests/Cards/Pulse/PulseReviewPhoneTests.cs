using ConcertationBot.Tests.Dialogs.Pulse;

namespace ConcertationBot.Tests.Cards.Pulse;

/// <summary>
/// Issue #20, phone width: the review of a whole default pulse reads in about two screens at 368 px: one line per
/// answer, one "Modifier" per section, long answers shortened with "…" (the whole text one "Modifier" away).
/// </summary>
public sealed class PulseReviewPhoneTests
{
    /// <summary>
    /// The default template's review, every answer given: 4 typed objects on top (kicker, heading, the top "Envoyer"
    /// set and its action), then per section 7 (container, title row, its two columns, title, the "Modifier" set and
    /// its action) plus 3 per answer line (the line and its label and value runs): rating and continuum have 1 line,
    /// the five conditions and the change 2 each. 4 + 8 × 7 + 14 × 3 = 102. Budget: exactly that layout, so that a
    /// new element per answer or per section fails here first.
    /// </summary>
    private const int BodyElementBudget = 102;

    /// <summary>
    /// The default pulse's ten free texts at 500 characters, shown whole, made the JSON 13.7 KB (and the card about
    /// 3,000 px high at 368 px); shortened to <see cref="PulseReviewCard.AnswerLength"/>, about 8.7 KB. The budget
    /// sits between the two, far under Teams' 80 KB.
    /// </summary>
    private const int JsonBytesBudget = 10 * 1024;

    [Fact]
    public void Build_FullDefaultPulse_OneLinePerAnswerWithLabelAndValueRuns()
    {
        // Arrange
        var model = PulseReviewFixtures.Review(PulseReviewFixtures.AnsweredDefault(textLength: 80));

        // Act
        var json = CardJson.Of(PulseReviewCard.Build(model));

        // Assert
        var sections = PulseReviewFixtures.SectionContainers(json);
        Assert.Equal(model.Sections.Count, sections.Count);
        for (var i = 0; i < sections.Count; i++)
        {
            var items = sections[i]["items"]!.AsArray();
            var lines = items.Skip(1).ToList(); // after the title row
            Assert.Equal(model.Sections[i].Lines.Count, lines.Count);
            for (var j = 0; j < lines.Count; j++)
            {
                var expected = model.Sections[i].Lines[j];
                Assert.Equal("RichTextBlock", (string?)lines[j]!["type"]);
                var runs = lines[j]!["inlines"]!.AsArray().Select(r => (string?)r!["text"]).ToList();
                Assert.Equal(new[] { expected.Label + "\u00A0: ", expected.Value }, runs);
            }
        }
    }

    [Fact]
    public void Build_FullDefaultPulse_OneModifierPerSectionReachingItsStep()
    {
        // Arrange
        var script = PulseReviewFixtures.AnsweredDefault(textLength: 80);
        var model = PulseReviewFixtures.Review(script);

        // Act
        var json = CardJson.Of(PulseReviewCard.Build(model));

        // Assert
        var edits = CardJson.OfType(json, "Action.Execute").Where(a => (string?)a["verb"] == CardVerbs.PulseEdit).ToList();
        Assert.All(edits, e => Assert.Equal("Modifier", (string?)e["title"]));
        Assert.Equal(script.Template.Steps.Select(s => s.Id), edits.Select(e => (string?)e["data"]![CardDataFields.Step]));
        Assert.All(edits, e => Assert.Equal(script.State.Revision, (int?)e["data"]![CardDataFields.Revision]));
        var sections = PulseReviewFixtures.SectionContainers(json);
        Assert.All(sections, s => Assert.Single(CardJson.Objects(s), o => (string?)o["verb"] == CardVerbs.PulseEdit));
        var sends = CardJson.OfType(json, "Action.Execute").Where(a => (string?)a["verb"] == CardVerbs.PulseSubmit).Concat(CardJson.Actions(json)).ToList();
        Assert.Equal(2, sends.Count); // "Envoyer" at the top and the end
        Assert.Same(json["body"]![2]!["actions"]![0], sends[0]); // the top one comes right under the heading
    }

    [Fact]
    public void Build_NothingAnswered_EverySectionOneSansReponseLine()
    {
        // Arrange
        var model = PulseReviewFixtures.Review(PulseReviewFixtures.SkippedDefault());

        // Act
        var json = CardJson.Of(PulseReviewCard.Build(model));

        // Assert
        var sections = PulseReviewFixtures.SectionContainers(json);
        Assert.Equal(8, sections.Count);
        Assert.All(sections, s => Assert.Equal(2, s["items"]!.AsArray().Count)); // the title row and one line
        Assert.All(sections, s => Assert.Equal("Sans réponse", (string?)s["items"]![1]!["inlines"]!.AsArray()[^1]!["text"]));
        Assert.Equal(8, CardJson.TextRuns(json).Count(t => t == "Sans réponse"));
    }

    [Fact]
    public void Build_OneFieldEmpty_ThatFieldSaysSansReponse()
    {
        // Arrange
        var model = PulseReviewFixtures.OneSection(frein: null, levier: "Le café-rencontre du jeudi");

        // Act
        var json = CardJson.Of(PulseReviewCard.Build(model));

        // Assert
        var lines = PulseReviewFixtures.SectionContainers(json).Single()["items"]!.AsArray().Skip(1)
            .Select(l => string.Join('|', l!["inlines"]!.AsArray().Select(r => (string?)r!["text"])))
            .ToList();
        Assert.Equal(new[] { "Frein\u00A0: |Sans réponse", "Levier\u00A0: |Le café-rencontre du jeudi" }, lines);
    }

    [Fact]
    public void Build_UserTextWithMarkdownTemplateAndFunctionCharacters_IsDataNotMarkup()
    {
        // Arrange: Markdown, a text function Teams would expand, and template binding characters.
        const string typed = "**Urgent** {{DATE(2026-12-05T10:00:00Z, SHORT)}} ${$root.title} $0 [x](https://exemple.org) \\n";
        var model = PulseReviewFixtures.OneSection(frein: typed, levier: null);

        // Act
        var json = CardJson.Of(PulseReviewCard.Build(model));

        // Assert: the value is its own plain run, apart from the label, with only the "{{" broken (U+2060).
        var line = PulseReviewFixtures.SectionContainers(json).Single()["items"]![1]!["inlines"]!.AsArray();
        Assert.Equal("Frein\u00A0: ", (string?)line[0]!["text"]);
        Assert.Equal(typed.Replace("{{", "{\u2060{", StringComparison.Ordinal), (string?)line[1]!["text"]);
        Assert.DoesNotContain("{{", json.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(CardJson.TextBlocks(json), t => t.Contains("Urgent", StringComparison.Ordinal) || t.Contains('$', StringComparison.Ordinal));
    }

    [Fact]
    public void Build_AnswerLongerThanThreeLines_ShowsItsBeginningUpToAWordThenEllipsis()
    {
        // Arrange
        var model = PulseReviewFixtures.OneSection(frein: PulseFixtures.LongFrench, levier: new string('é', PulseReviewCard.AnswerLength));

        // Act
        var json = CardJson.Of(PulseReviewCard.Build(model));

        // Assert
        var values = PulseReviewFixtures.SectionContainers(json).Single()["items"]!.AsArray().Skip(1)
            .Select(l => (string)l!["inlines"]![1]!["text"]!)
            .ToList();
        var shown = values[0];
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.InRange(shown.Length, PulseReviewCard.AnswerLength / 2, PulseReviewCard.AnswerLength);
        var kept = shown[..^1];
        Assert.StartsWith(kept, PulseFixtures.LongFrench, StringComparison.Ordinal);
        Assert.Equal(' ', PulseFixtures.LongFrench[kept.Length]); // cut between words
        Assert.Equal(new string('é', PulseReviewCard.AnswerLength), values[1]); // exactly the length: whole
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Build_LongWordWithEmojiAtTheCut_NeverSplitsTheEmoji(int shift)
    {
        // Arrange: one word longer than the limit, an emoji (two UTF-16 units) straddling or ending at the cut.
        var word = new string('a', PulseReviewCard.AnswerLength - 2 - shift) + "😕" + new string('b', 40);
        var model = PulseReviewFixtures.OneSection(frein: word, levier: null);

        // Act
        var json = CardJson.Of(PulseReviewCard.Build(model));

        // Assert
        var shown = (string)PulseReviewFixtures.SectionContainers(json).Single()["items"]![1]!["inlines"]![1]!["text"]!;
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.True(shown.Length <= PulseReviewCard.AnswerLength, shown);
        var kept = shown[..^1];
        Assert.False(char.IsHighSurrogate(kept[^1]), kept); // no half emoji before the "…"
        Assert.StartsWith(kept, word, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ShortenedAnswer_ModifierOpensItsStepWithTheWholeText()
    {
        // Arrange: the whole default pulse answered at the 500-character limit.
        var script = PulseReviewFixtures.AnsweredDefault(textLength: 500);
        var json = CardJson.Of(PulseReviewCard.Build(PulseReviewFixtures.Review(script)));
        var agenda = PulseReviewFixtures.SectionContainers(json)[1];
        var edit = CardJson.Objects(agenda).Single(o => (string?)o["verb"] == CardVerbs.PulseEdit);

        // Act: press that section's "Modifier", as the bot reads it.
        Assert.True(PulseActionReader.TryRead((string?)edit["verb"], edit["data"]!.AsObject(), out var action));
        script.Apply(action);
        var step = Assert.IsType<PulseStepCardModel>(PulseViews.Describe(script.Template, script.State, PulseFixtures.View(Language.French)));
        var stepJson = CardJson.Of(PulseStepCard.Build(step));

        // Assert
        var shownFrein = (string)agenda["items"]![1]!["inlines"]![1]!["text"]!;
        Assert.EndsWith("…", shownFrein, StringComparison.Ordinal);
        var whole = PulseReviewFixtures.Text("frein agenda", 500);
        Assert.StartsWith(shownFrein[..^1], whole, StringComparison.Ordinal);
        Assert.Equal("agenda", step.StepId);
        Assert.Equal(whole, (string?)CardJson.Input(stepJson, PulseInputIds.Frein)["value"]);
        Assert.Equal(PulseReviewFixtures.Text("levier agenda", 500), (string?)CardJson.Input(stepJson, PulseInputIds.Levier)["value"]);
    }

    [Fact]
    public void Build_ThankYouCard_KeepsLongAnswersWhole()
    {
        // Arrange: the thank-you card has no "Modifier" per section, so nothing there is shortened.
        var script = PulseReviewFixtures.AnsweredDefault(textLength: 500);
        script.Submit();
        var model = Assert.IsType<PulseThankYouCardModel>(PulseViews.Describe(script.Template, script.State, PulseFixtures.View(Language.French)));

        // Act
        var runs = CardJson.TextRuns(CardJson.Of(PulseThankYouCard.Build(model)));

        // Assert
        Assert.All(PulseReviewFixtures.Conditions, c => Assert.Contains(PulseReviewFixtures.Text("frein " + c, 500), runs));
        Assert.DoesNotContain(runs, r => r.EndsWith('…'));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(500)]
    public void Build_FullDefaultPulse_StaysWithinTheBodyAndSizeBudgets(int textLength)
    {
        // Arrange
        var model = PulseReviewFixtures.Review(PulseReviewFixtures.AnsweredDefault(textLength));

        // Act
        var card = PulseReviewCard.Build(model);
        var json = CardJson.Of(card);

        // Assert
        Assert.Equal(BodyElementBudget, PulseReviewFixtures.BodyElementCount(json));
        var bytes = Encoding.UTF8.GetByteCount(AdaptiveCardSerializer.ToJson(card));
        Assert.True(bytes < JsonBytesBudget, $"{bytes} bytes");
        var values = model.Sections.SelectMany(s => s.Lines).Select(l => l.Value).OfType<string>().ToList();
        Assert.Equal(14, values.Count); // every answer of the default pulse is on the card…
        Assert.All(CardJson.TextRuns(json), t => Assert.True(t.Length <= PulseReviewCard.AnswerLength, t)); // …in at most three lines
    }
}
