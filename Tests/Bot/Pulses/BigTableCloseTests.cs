namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>
/// A big table (issue #23): 150 partners who write 500 characters in every text field. The close must post its summary
/// and the compte-rendu must hold every answer, whatever the number and length of the answers.
/// </summary>
public sealed class BigTableCloseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Respondents = 150;
    private const int TextLength = 500;
    private const int MaxCardUtf16Bytes = 80 * 1024;

    private static readonly string[] TextFields =
    [
        "agenda.frein", "agenda.levier", "mesures.frein", "mesures.levier", "activites.frein", "activites.levier",
        "communication.frein", "communication.levier", "soutien.frein", "soutien.levier", "change.text",
    ];

    [Fact]
    public async Task PulseClose_150RespondentsWriting500CharactersInEveryField_PostsValidSummaryAndExportHoldsEveryAnswer()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var people = Enumerable.Range(0, Respondents).Select(Person).ToList();
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (person, _) =>
        {
            var index = people.IndexOf(person);
            await PulseFlows.AnswerAsync(bed, person, pulseId, Inputs(index));
        });
        var before = bed.Posts.Count;

        // Act
        await PulseFlows.CloseAsync(bed);

        // Assert: one summary card, valid for the official renderer and under 80 KB.
        var summaries = new List<JsonObject>();
        for (var i = before; i < bed.Posts.Count; i++)
        {
            if (bed.Posts[i].Activity?.Attachments is { Count: > 0 } && PulseFlows.TextOf(bed.Posts[i]).Contains("Synthèse du pouls", StringComparison.Ordinal))
            {
                summaries.Add(PulseFlows.CardOf(bed.Posts[i]));
            }
        }

        var summary = Assert.Single(summaries);
        var json = summary.ToJsonString();
        Assert.True(json.Length * 2 < MaxCardUtf16Bytes, $"summary card is {json.Length * 2} UTF-16 bytes");
        Assert.Contains("150 réponses", TestActivities.CardText(summary), StringComparison.Ordinal);
        var output = await NodeScript.RunAsync(
            RepositoryPaths.Combine("Tests", "Node", "cards", "validate-cards.cjs"),
            new JsonArray(new JsonObject { ["name"] = "summary-150x500", ["card"] = JsonNode.Parse(json) }).ToJsonString(),
            CancellationToken.None);
        Assert.Empty(JsonNode.Parse(output)![0]!["errors"]!.AsArray());

        // Assert: the compte-rendu (Markdown and CSV) holds every answer's every text.
        var (markdown, csv) = await ExportLinksAsync(bed);
        var md = await bed.Http.GetStringAsync(markdown);
        var bytes = await bed.Http.GetByteArrayAsync(csv);
        var csvText = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        Assert.Contains("150 réponses", md, StringComparison.Ordinal);
        var missingMd = new List<string>();
        var missingCsv = new List<string>();
        for (var i = 0; i < Respondents; i++)
        {
            foreach (var field in TextFields)
            {
                var text = Text(i, field);
                if (!md.Contains(text, StringComparison.Ordinal))
                {
                    missingMd.Add(i + " " + field);
                }

                if (!csvText.Contains(text, StringComparison.Ordinal))
                {
                    missingCsv.Add(i + " " + field);
                }
            }
        }

        Assert.True(missingMd.Count == 0, $"{missingMd.Count} texts missing from the Markdown, e.g. {string.Join(", ", missingMd.Take(5))}");
        Assert.True(missingCsv.Count == 0, $"{missingCsv.Count} texts missing from the CSV, e.g. {string.Join(", ", missingCsv.Take(5))}");
        Assert.Equal(Respondents + 1, csvText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static TestPerson Person(int index) => new(
        "29:partner-" + index.ToString("D3", CultureInfo.InvariantCulture),
        "Partenaire " + index.ToString(CultureInfo.InvariantCulture),
        new Guid(index + 1, 0x1234, 0x5678, [1, 2, 3, 4, 5, 6, 7, 8]).ToString(),
        "fr-CA");

    /// <summary>A distinct 500-character text (accents, guillemets, no Markdown specials) for one person and field.</summary>
    internal static string Text(int person, string field)
    {
        var text = new StringBuilder("Partenaire ").Append(person.ToString("D3", CultureInfo.InvariantCulture)).Append(", ").Append(field.Replace('.', ' ')).Append(" : ");
        const string Filler = "les rencontres du mercredi à l'école Saint-Michel, « ouvertes à toutes et tous », réunissent enfin les organismes du quartier ";
        while (text.Length < TextLength)
        {
            text.Append(Filler);
        }

        return text.ToString(0, TextLength - 1).TrimEnd() + "é";
    }

    private static Dictionary<string, Dictionary<string, string>> Inputs(int index)
    {
        var inputs = new Dictionary<string, Dictionary<string, string>>
        {
            ["roleClarity"] = new() { [PulseInputIds.Rating] = (1 + (index % 5)).ToString(CultureInfo.InvariantCulture) },
            ["continuum"] = new() { [PulseInputIds.Choice] = "coordination" },
            ["change"] = new() { [PulseInputIds.ChangeText] = Text(index, "change.text"), [PulseInputIds.Direction] = PulseInputIds.Positive },
        };
        foreach (var condition in new[] { "agenda", "mesures", "activites", "communication", "soutien" })
        {
            inputs[condition] = new()
            {
                [PulseInputIds.Frein] = Text(index, condition + ".frein"),
                [PulseInputIds.Levier] = Text(index, condition + ".levier"),
            };
        }

        return inputs;
    }

    private static async Task<(Uri Markdown, Uri Csv)> ExportLinksAsync(ConversationTestBed bed)
    {
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "export"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = (await bed.SentCardAsync(before)).ToJsonString();
        var urls = System.Text.RegularExpressions.Regex.Matches(card, "https?://[^\"]+").Select(m => m.Value).ToList();
        return (Relative(urls.First(u => new Uri(u).AbsolutePath.EndsWith(".md", StringComparison.Ordinal))), Relative(urls.First(u => new Uri(u).AbsolutePath.EndsWith(".csv", StringComparison.Ordinal))));

        static Uri Relative(string url) => new(new Uri(url).PathAndQuery, UriKind.Relative);
    }
}
