using System.Globalization;
using System.Text;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Export;
using ConcertationBot.Dialogs.Summaries;
using static ConcertationBot.Tests.Dialogs.Summaries.SummaryFixtures;

namespace ConcertationBot.Tests.Dialogs.Export;

/// <summary>The compte-rendu in pieces (issue #23): what the download writes piece by piece is the document, byte for byte.</summary>
public sealed class CompteRenduStreamingTests
{
    [Theory]
    [InlineData(Language.French)]
    [InlineData(Language.English)]
    public void MarkdownParts_BigTable_ManyPiecesCutAtLineEndsThatJoinIntoTheDocument(Language language)
    {
        // Arrange: 400 answers of 500 characters per text field.
        var input = new CompteRenduInput
        {
            Summary = BigSummary(400),
            Template = Template,
            Language = language,
            Title = "Table de quartier Côte-des-Neiges",
            GeneratedAt = GeneratedAt,
            Votes = Summaries.SummaryFixtures.Votes(),
        };

        // Act
        var parts = CompteRendu.MarkdownParts(input).ToList();

        // Assert
        Assert.True(parts.Count > 10, $"{parts.Count} pieces");
        Assert.All(parts.Skip(1), p => Assert.StartsWith("\n", p, StringComparison.Ordinal));
        Assert.All(parts.SkipLast(1), p => Assert.InRange(p.Length, CompteRendu.PartLength, CompteRendu.PartLength + 20_000));
        var whole = string.Concat(parts);
        Assert.Equal(CompteRendu.Markdown(input), whole);
        Assert.DoesNotContain("\n\n\n", whole, StringComparison.Ordinal);
        Assert.Contains("R399 agenda frein", whole, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvPartsAsync_BigTable_PiecesJoinIntoTheDocumentEachGroupSortedByContent()
    {
        // Arrange: 300 answers given in reverse content order (as row keys could come), so every group must be sorted.
        var template = Template;
        var answers = Enumerable.Range(0, 300).Reverse().Select(i => (IReadOnlyDictionary<string, object?>)Answer(
            rating: 1 + (i % 5),
            change: Text(i, "change"),
            direction: "positive",
            conditions: [("agenda", Text(i, "agenda frein"), Text(i, "agenda levier"))])).ToList();

        // Act
        var parts = await CompteRendu.CsvPartsAsync(template, answers.ToAsyncEnumerable(), Language.French, 3, CancellationToken.None).ToListAsync();

        // Assert: the pieces are the document; after the header, each group of CsvGroupSize rows is sorted by content
        // and holds the answers given in it (rows are written as they are read, a group at a time).
        Assert.True(parts.Count > 5, $"{parts.Count} pieces");
        var joined = parts.SelectMany(p => p).ToArray();
        Assert.Equal(CompteRendu.Csv(template, answers, Language.French, 3), joined);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, joined[..3]);
        var lines = Encoding.UTF8.GetString(joined, 3, joined.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(301, lines.Length);
        var written = lines.Skip(1).Select(IndexOf).ToList();
        var byContent = Comparer<string[]>.Create((x, y) => x.Zip(y, (a, b) => string.CompareOrdinal(a, b)).FirstOrDefault(c => c != 0));
        for (var group = 0; group < 3; group++)
        {
            var given = Enumerable.Range(0, CompteRendu.CsvGroupSize).Select(i => 299 - (group * CompteRendu.CsvGroupSize) - i).ToList();
            var sorted = given.OrderBy(i => CompteRendu.CsvRow(template, answers[299 - i], Language.French), byContent).ToList();
            Assert.Equal(sorted, written.Skip(group * CompteRendu.CsvGroupSize).Take(CompteRendu.CsvGroupSize));
        }
    }

    private static int IndexOf(string csvLine)
    {
        var start = csvLine.IndexOf(" change : ", StringComparison.Ordinal);
        var from = csvLine.LastIndexOf('R', start) + 1;
        return int.Parse(csvLine[from..start], CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Markdown_BoundedSummaryOfADeletedPulse_KeptTextsThenHowManyWereDeleted()
    {
        // Arrange: the stored (bounded) summary is all that is left once the answers are deleted.
        var whole = BigSummary(200);
        var bounded = PulseSummaries.Bound(whole, Template);
        var kept = bounded.FreinsLeviers.Single(f => f.StepId == "agenda");
        var input = new CompteRenduInput { Summary = bounded, Template = Template, Language = Language.French, Title = "Table", GeneratedAt = GeneratedAt };

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert
        Assert.NotNull(kept.FreinsOmitted);
        Assert.Contains("… et " + kept.FreinsOmitted!.Items.ToString(CultureInfo.InvariantCulture) + " autres, effacés avec les réponses.", markdown, StringComparison.Ordinal);
        Assert.Contains(kept.Freins[0].Text[..40], markdown, StringComparison.Ordinal);
    }

    private static PulseSummary BigSummary(int count) => PulseSummaries.Compute(new PulseSummaryInput
    {
        Template = Template,
        Answers = [.. Enumerable.Range(0, count).Select(i => (IReadOnlyDictionary<string, object?>)Answer(
            rating: 1 + (i % 5),
            change: Text(i, "change"),
            direction: "negative",
            conditions: [("agenda", Text(i, "agenda frein"), Text(i, "agenda levier")), ("soutien", Text(i, "soutien frein"), Text(i, "soutien levier"))]))],
        OpenedAt = OpenedAt,
        ClosedAt = ClosedAt,
    });

    private static string Text(int index, string field)
    {
        var text = new StringBuilder("R").Append(index.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(field).Append(" : ");
        while (text.Length < 500)
        {
            text.Append("une salle prêtée le soir, « ouverte à tous » ");
        }

        return text.ToString(0, 500);
    }
}
