namespace ConcertationBot.Tests.Dialogs.Summaries;

/// <summary>
/// The bounded summary (issue #23): what is stored when a pulse closes keeps the figures and only the texts the card
/// shows, so its size does not grow with the number or the length of the answers, and the card is the same.
/// </summary>
public sealed class PulseSummaryBoundTests
{
    private static readonly string[] Conditions = ["agenda", "mesures", "activites", "communication", "soutien"];
    private static readonly string[] Directions = ["positive", "negative", ""];

    /// <summary>A bound of the stored JSON that does not depend on the table: the card's text budget, one whole text per list, six JSON characters per character at worst.</summary>
    private const int StoredJsonBound = ((PulseSummaryCard.InitialTextBudget + (13 * 500)) * 6) + 20_000;

    [Fact]
    public void Bound_5000AnswersOf500CharactersInEveryField_StoredJsonBoundedAndCardUnchanged()
    {
        // Arrange: 5,000 answers, every text field 500 characters of what JSON escapes most (accents, quotes, emoji), a few texts repeated.
        var whole = Summary(5000, textLength: 500);

        // Act
        var bounded = PulseSummaries.Bound(whole, SummaryFixtures.Template);
        var json = JsonSerializer.Serialize(bounded, PulseSummaryJsonContext.Default.PulseSummary);
        var stored = JsonSerializer.Deserialize(json, PulseSummaryJsonContext.Default.PulseSummary)!;

        // Assert: bounded and storable.
        Assert.True(json.Length <= StoredJsonBound, $"stored summary is {json.Length} characters of JSON");
        Assert.True(json.Length <= BotStateStore.MaxJsonLength);
        Assert.True(JsonSerializer.Serialize(whole, PulseSummaryJsonContext.Default.PulseSummary).Length > BotStateStore.MaxJsonLength, "the whole summary would not fit: the test must be big enough");

        // Assert: the figures are whole.
        Assert.Equal(5000, stored.AnswerCount);
        Assert.Equal(Json(whole.Ratings), Json(stored.Ratings));
        Assert.Equal(Json(whole.Choices), Json(stored.Choices));

        // Assert: every text is either kept or counted, with its answers.
        foreach (var (full, kept) in whole.FreinsLeviers.Zip(stored.FreinsLeviers))
        {
            Assert.Equal(full.Freins.Count, kept.Freins.Count + (kept.FreinsOmitted?.Items ?? 0));
            Assert.Equal(full.Leviers.Count, kept.Leviers.Count + (kept.LeviersOmitted?.Items ?? 0));
            Assert.Equal(full.Freins.Sum(t => t.Count), kept.Freins.Sum(t => t.Count) + (kept.FreinsOmitted?.Answers ?? 0));
            Assert.Equal(full.Freins.Take(kept.Freins.Count), kept.Freins);
            Assert.NotNull(kept.FreinsOmitted);
        }

        var change = stored.Changes.Single();
        Assert.Equal(whole.Changes.Single().Items.Count, change.Items.Count + change.Omitted!.Sum(o => o.Texts.Items));

        // Assert: the card built from the stored form is the card of the whole summary, in both languages, and fits Teams.
        foreach (var language in Enum.GetValues<Language>())
        {
            var fromWhole = AdaptiveCardSerializer.ToJson(PulseSummaryCard.Build(PulseSummaries.Describe(whole, SummaryFixtures.Template, language)));
            var fromStored = AdaptiveCardSerializer.ToJson(PulseSummaryCard.Build(PulseSummaries.Describe(stored, SummaryFixtures.Template, language)));
            Assert.Equal(fromWhole, fromStored);
            Assert.True(fromStored.Length * 2 <= 80 * 1024);
        }
    }

    [Theory]
    [InlineData(3, 40)]
    [InlineData(12, 500)]
    [InlineData(60, 500)]
    [InlineData(150, 500)]
    [InlineData(400, 120)]
    [InlineData(1000, 30)]
    public void Bound_TablesOfEverySize_CardUnchangedAndStoredSizeWithinTheSameBound(int answers, int textLength)
    {
        // Arrange
        var whole = Summary(answers, textLength);

        // Act
        var bounded = PulseSummaries.Bound(whole, SummaryFixtures.Template);

        // Assert
        Assert.True(JsonSerializer.Serialize(bounded, PulseSummaryJsonContext.Default.PulseSummary).Length <= StoredJsonBound);
        foreach (var language in Enum.GetValues<Language>())
        {
            Assert.Equal(
                AdaptiveCardSerializer.ToJson(PulseSummaryCard.Build(PulseSummaries.Describe(whole, SummaryFixtures.Template, language))),
                AdaptiveCardSerializer.ToJson(PulseSummaryCard.Build(PulseSummaries.Describe(bounded, SummaryFixtures.Template, language))));
        }
    }

    [Fact]
    public void Bound_SmallTable_KeepsEveryTextAndOmitsNothing()
    {
        // Arrange
        var whole = Summary(12, textLength: 60);

        // Act
        var bounded = PulseSummaries.Bound(whole, SummaryFixtures.Template);

        // Assert
        Assert.False(PulseSummaries.IsBounded(bounded));
        Assert.Equal(
            JsonSerializer.Serialize(whole, PulseSummaryJsonContext.Default.PulseSummary),
            JsonSerializer.Serialize(bounded, PulseSummaryJsonContext.Default.PulseSummary));
    }

    [Fact]
    public void WithTextsOf_BoundedAndWhole_FiguresOfTheFirstTextsOfTheSecond()
    {
        // Arrange
        var whole = Summary(300, textLength: 500);
        var bounded = PulseSummaries.Bound(whole, SummaryFixtures.Template) with { MemberCount = 412 };

        // Act
        var report = PulseSummaries.WithTextsOf(bounded, whole);

        // Assert
        Assert.True(PulseSummaries.IsBounded(bounded));
        Assert.False(PulseSummaries.IsBounded(report));
        Assert.Equal(412, report.MemberCount);
        Assert.Equal(whole.FreinsLeviers.Sum(f => f.Freins.Count + f.Leviers.Count), report.FreinsLeviers.Sum(f => f.Freins.Count + f.Leviers.Count));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = false });

    /// <summary>The whole summary of <paramref name="count"/> answers; every 7th answer repeats an earlier text (merged, ×2 and more).</summary>
    private static PulseSummary Summary(int count, int textLength)
    {
        var answers = new List<IReadOnlyDictionary<string, object?>>(count);
        for (var i = 0; i < count; i++)
        {
            var source = i % 7 == 6 ? i - 3 : i;
            var fields = SummaryFixtures.Answer(
                rating: 1 + (i % 5),
                continuum: i % 3 == 0 ? "coordination" : "collaboration",
                change: Text(source, "change", textLength),
                direction: Directions[i % 3],
                conditions: [.. Conditions.Select(c => (c, (string?)Text(source, c + " frein", textLength), (string?)Text(source, c + " levier", textLength)))]);
            if (fields["change_direction"] is "")
            {
                fields.Remove("change_direction");
            }

            answers.Add(fields);
        }

        return PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = SummaryFixtures.Template,
            Answers = answers,
            MemberCount = count + 20,
            OpenedAt = SummaryFixtures.OpenedAt,
            ClosedAt = SummaryFixtures.ClosedAt,
        });
    }

    private static string Text(int person, string field, int length)
    {
        var text = new StringBuilder(field).Append(' ').Append(person.ToString(CultureInfo.InvariantCulture)).Append(" « ");
        while (text.Length < length)
        {
            text.Append("éèà \"ç\" 🎉 ");
        }

        var cut = text.ToString(0, length);
        return char.IsHighSurrogate(cut[^1]) ? cut[..^1] : cut;
    }
}
