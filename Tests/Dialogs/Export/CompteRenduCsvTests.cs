using CsvHelper;
using static ConcertationBot.Tests.Dialogs.Summaries.SummaryFixtures;

namespace ConcertationBot.Tests.Dialogs.Export;

public sealed class CompteRenduCsvTests
{
    private const int K = 3;

    private static readonly string[] ExpectedColumns =
    [
        "Clarté des rôles", "Clarté des rôles — je ne sais pas",
        "Agenda partagé — frein", "Agenda partagé — levier",
        "Mesures partagées et apprentissage stratégique — frein", "Mesures partagées et apprentissage stratégique — levier",
        "Activités qui se renforcent mutuellement — frein", "Activités qui se renforcent mutuellement — levier",
        "Communication ouverte et continue — frein", "Communication ouverte et continue — levier",
        "Structure de soutien — frein", "Structure de soutien — levier",
        "Continuum de la coopération", "Changement le plus significatif — texte", "Changement le plus significatif — sens",
    ];

    private static readonly string[] ExpectedEnglishColumns =
    [
        "Role clarity", "Role clarity — don't know",
        "Common agenda — barrier", "Common agenda — lever",
        "Shared measurement — barrier", "Shared measurement — lever",
        "Mutually reinforcing activities — barrier", "Mutually reinforcing activities — lever",
        "Continuous communication — barrier", "Continuous communication — lever",
        "Backbone support — barrier", "Backbone support — lever",
        "Cooperation continuum", "Most significant change — text", "Most significant change — direction",
    ];

    [Fact]
    public void Csv_Always_StartsWithUtf8BomAndUsesCrlf()
    {
        // Act
        var bytes = CompteRendu.Csv(Template, Twelve(), Language.French, K);

        // Assert
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = new UTF8Encoding(false, true).GetString(bytes[3..]);
        Assert.StartsWith(string.Join(';', ExpectedColumns) + "\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_ParsedBack_SameRowsAccentsIntactNoRespondentKey()
    {
        // Act
        var rows = Parse(CompteRendu.Csv(Template, Twelve(), Language.French, K), out var header);

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
        var rows = Parse(CompteRendu.Csv(Template, Twelve(), Language.English, K), out var header, ',');

        // Assert
        Assert.Equal(ExpectedEnglishColumns, header);
        Assert.Equal(12, rows.Count);
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
        var bytes = CompteRendu.Csv(Template, answers, Language.French, minimumGroupSize: 1);
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
        var bytes = CompteRendu.Csv(Template, answers, Language.French, minimumGroupSize: 1);

        // Assert
        Assert.Contains(";\"Un \"\"vrai\"\" changement,\nsur deux lignes\";négatif\r\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal("Un \"vrai\" changement,\nsur deux lignes", Assert.Single(Parse(bytes, out _))[13]);
    }

    [Fact]
    public void Csv_RowOrder_DependsOnContentNotOnArrivalOrder()
    {
        // Arrange
        var answers = Twelve();
        var reversed = Enumerable.Reverse(Twelve()).ToList();

        // Act
        var first = CompteRendu.Csv(Template, answers, Language.French, minimumGroupSize: 1);
        var second = CompteRendu.Csv(Template, reversed, Language.French, minimumGroupSize: 1);

        // Assert
        Assert.Equal(first, second);
        var rows = Parse(first, out _);
        Assert.Equal(rows.Select(r => r[0]).ToList(), rows.Select(r => r[0]).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Csv_NoAnswers_HeaderOnly()
    {
        // Act: no k rule asked for (k = 0), no answer.
        var bytes = CompteRendu.Csv(Template, [], Language.French, minimumGroupSize: 0);

        // Assert
        Assert.Equal("\uFEFF" + string.Join(';', ExpectedColumns) + "\r\n", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Csv_FewerAnswersThanK_HeaderAndOneNoteNoAnswerRow(int count)
    {
        // Arrange
        var answers = Twelve().Take(count).ToList();

        // Act
        var bytes = CompteRendu.Csv(Template, answers, Language.French, K);
        var rows = Parse(bytes, out var header);

        // Assert
        Assert.Equal(ExpectedColumns, header);
        var note = Assert.Single(rows);
        Assert.Equal("Moins de 3 réponses\u00A0: les réponses ne sont pas publiées (règle des petits groupes).", note[0]);
        Assert.All(note[1..], cell => Assert.Equal(string.Empty, cell));
        Assert.DoesNotContain(Twelve().Take(count).SelectMany(a => a.Values).OfType<string>().Where(v => v.Length > 3), v => Encoding.UTF8.GetString(bytes).Contains(v, StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_EnglishUnderK_CommaSeparatedEnglishNote()
    {
        // Act
        var text = Encoding.UTF8.GetString(CompteRendu.Csv(Template, Twelve().Take(2).ToList(), Language.English, K));

        // Assert
        Assert.Equal("\uFEFF" + string.Join(',', ExpectedEnglishColumns.Select(Quoted)) + "\r\nFewer than 3 answers: the answers are not published (small-group rule)." + new string(',', ExpectedEnglishColumns.Length - 1) + "\r\n", text);
    }

    [Fact]
    public void Csv_ExactlyK_AnswerRows()
    {
        // Act
        var rows = Parse(CompteRendu.Csv(Template, Twelve().Take(K).ToList(), Language.French, K), out _);

        // Assert
        Assert.Equal(K, rows.Count);
    }

    // A header with a quote or the separator is quoted per RFC 4180 ("Role clarity — don't know" has neither).
    private static string Quoted(string header) => header.Contains(',', StringComparison.Ordinal) ? "\"" + header + "\"" : header;

    private static List<string[]> Parse(byte[] bytes, out string[] header, char separator = ';')
    {
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default with { HasHeader = true, Separator = separator, TrimWhitespace = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        header = [.. reader.Headers];
        return rows;
    }
}
