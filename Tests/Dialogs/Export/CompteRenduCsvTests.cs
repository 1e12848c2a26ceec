using System.Text;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Export;
using CsvHelper;
using static ConcertationBot.Tests.Dialogs.Summaries.SummaryFixtures;

namespace ConcertationBot.Tests.Dialogs.Export;

public sealed class CompteRenduCsvTests
{
    private static readonly string[] ExpectedColumns =
    [
        "roleClarity", "roleClarity_dontKnow",
        "agenda_frein", "agenda_levier", "mesures_frein", "mesures_levier", "activites_frein", "activites_levier",
        "communication_frein", "communication_levier", "soutien_frein", "soutien_levier",
        "continuum", "change_text", "change_direction",
    ];

    [Fact]
    public void Csv_Always_StartsWithUtf8BomAndUsesCrlf()
    {
        // Act
        var bytes = CompteRendu.Csv(Template, Twelve(), Language.French);

        // Assert
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = new UTF8Encoding(false, true).GetString(bytes[3..]);
        Assert.StartsWith(string.Join(',', ExpectedColumns) + "\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_ParsedBack_SameRowsAccentsIntactNoRespondentKey()
    {
        // Act
        var rows = Parse(CompteRendu.Csv(Template, Twelve(), Language.French), out var header);

        // Assert
        Assert.Equal(ExpectedColumns, header);
        Assert.Equal(12, rows.Count);
        Assert.All(rows, r => Assert.Equal(ExpectedColumns.Length, r.Length));
        Assert.DoesNotContain(rows.SelectMany(r => r), c => c.StartsWith("hmac-", StringComparison.Ordinal));
        var essoufflement = Assert.Single(rows, r => r[13].Contains("Essoufflement", StringComparison.Ordinal));
        Assert.Equal("« Essoufflement » des équipes 😕", essoufflement[13]);
        Assert.Equal("Communication", essoufflement[12]);
        Assert.Equal("3", essoufflement[0]);
        var hostile = Assert.Single(rows, r => r[8].Length > 0 && r[8] == Hostile);
        Assert.Equal("Ordre du jour envoyé 7 jours avant", hostile[9]);
        Assert.Equal(2, rows.Count(r => r[1] == "oui"));
        Assert.Equal(3, rows.Count(r => r[14] == "positif"));
        Assert.Contains(rows, r => r[2] == "manque de  TEMPS " && r[3] == "Clarifier les bénéfices pour chacun");
        Assert.Contains(rows, r => r[10] == "'=SOMME(A1:A9)" && r[11] == "'+ de réunions");
    }

    [Fact]
    public void Csv_English_WordsInEnglish()
    {
        // Act
        var rows = Parse(CompteRendu.Csv(Template, Twelve(), Language.English), out _);

        // Assert
        Assert.Equal(2, rows.Count(r => r[1] == "yes"));
        Assert.Equal(3, rows.Count(r => r[14] == "positive"));
    }

    [Fact]
    public void Csv_FormulaCells_Neutralised()
    {
        // Arrange
        var answers = new List<IReadOnlyDictionary<string, object?>>
        {
            Answer(conditions: [("agenda", "=HYPERLINK(\"http://evil\",\"clic\")", "+33 6 12"), ("mesures", "-2+3", "@SUM(A1)")]),
        };

        // Act
        var bytes = CompteRendu.Csv(Template, answers, Language.French);
        var row = Assert.Single(Parse(bytes, out _));

        // Assert
        Assert.Equal("'=HYPERLINK(\"http://evil\",\"clic\")", row[2]);
        Assert.Equal("'+33 6 12", row[3]);
        Assert.Equal("'-2+3", row[4]);
        Assert.Equal("'@SUM(A1)", row[5]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"clic\"\")\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_TextWithCommaQuoteAndNewline_QuotedPerRfc4180()
    {
        // Arrange
        var answers = new List<IReadOnlyDictionary<string, object?>> { Answer(change: "Un \"vrai\" changement,\nsur deux lignes", direction: "negative") };

        // Act
        var bytes = CompteRendu.Csv(Template, answers, Language.French);

        // Assert
        Assert.Contains(",\"Un \"\"vrai\"\" changement,\nsur deux lignes\",négatif\r\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal("Un \"vrai\" changement,\nsur deux lignes", Assert.Single(Parse(bytes, out _))[13]);
    }

    [Fact]
    public void Csv_RowOrder_DependsOnContentNotOnArrivalOrder()
    {
        // Arrange
        var answers = Twelve();
        var reversed = Enumerable.Reverse(Twelve()).ToList();

        // Act
        var first = CompteRendu.Csv(Template, answers, Language.French);
        var second = CompteRendu.Csv(Template, reversed, Language.French);

        // Assert
        Assert.Equal(first, second);
        var rows = Parse(first, out _);
        Assert.Equal(rows.Select(r => r[0]).ToList(), rows.Select(r => r[0]).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Csv_NoAnswers_HeaderOnly()
    {
        // Act
        var bytes = CompteRendu.Csv(Template, [], Language.French);

        // Assert
        Assert.Equal("\uFEFF" + string.Join(',', ExpectedColumns) + "\r\n", Encoding.UTF8.GetString(bytes));
    }

    private static List<string[]> Parse(byte[] bytes, out string[] header)
    {
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default with { HasHeader = true, Separator = ',', TrimWhitespace = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        header = [.. reader.Headers];
        return rows;
    }
}
