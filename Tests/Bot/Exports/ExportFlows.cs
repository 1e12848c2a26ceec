using System.Text.Json.Nodes;

namespace ConcertationBot.Tests.Bot.Exports;

/// <summary>The export as a coordinator asks for it in Teams, for conversation tests.</summary>
internal static class ExportFlows
{
    /// <summary>
    /// Opens a pulse as Nadia, has Amélie rate role clarity 4 and name <paramref name="frein"/> on the agenda step,
    /// closes it, asks for the export and returns the export card as JSON text.
    /// </summary>
    public static async Task<string> AnsweredPulseExportCardAsync(ConversationTestBed bed, string frein)
    {
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, new()
        {
            ["roleClarity"] = new() { [PulseInputIds.Rating] = "4" },
            ["agenda"] = new() { [PulseInputIds.Frein] = frein },
        });
        using (var close = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore")))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }

        var before = bed.Posts.Count;
        using (var export = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "export")))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        }

        return (await bed.SentCardAsync(before)).ToJsonString();
    }

    /// <summary>Sends <c>export</c> as <paramref name="coordinator"/> and returns the card's two download links (Markdown, CSV), relative to the bot.</summary>
    public static async Task<(Uri Markdown, Uri Csv)> LinksAsync(ConversationTestBed bed, TestPerson coordinator)
    {
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(bed.ChannelMessage(coordinator, "export"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await bed.SentCardAsync(before);
        var urls = new List<string>();
        Collect(card, urls);
        Assert.Equal(2, urls.Count);
        return (Relative(urls.Single(u => new Uri(u).AbsolutePath.EndsWith(".md", StringComparison.Ordinal))), Relative(urls.Single(u => new Uri(u).AbsolutePath.EndsWith(".csv", StringComparison.Ordinal))));

        static Uri Relative(string url) => new(new Uri(url).PathAndQuery, UriKind.Relative);

        static void Collect(JsonNode? node, List<string> urls)
        {
            if (node is JsonObject obj)
            {
                if ((string?)obj["type"] == "Action.OpenUrl")
                {
                    urls.Add((string)obj["url"]!);
                }

                foreach (var (_, value) in obj)
                {
                    Collect(value, urls);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    Collect(item, urls);
                }
            }
        }
    }
}
