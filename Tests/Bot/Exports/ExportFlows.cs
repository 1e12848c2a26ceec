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
}
