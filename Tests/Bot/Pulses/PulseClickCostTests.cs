namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>
/// What a pulse click costs in storage round trips (issue #15: a step click at most 2, a submit at most 3), counted on
/// the Table client's own requests over HTTP with the real host and Azurite. The live card's own reads after a submit
/// are kept out of the count by holding the card's next update (<c>LiveCards:MinInterval</c>) after a first one.
/// </summary>
public sealed class PulseClickCostTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PulseClicks_OpenPulse_StepClickTwoRoundTripsSubmitThree()
    {
        // Arrange: a pulse whose card was updated once (Amélie answered), so the next update waits; Nadia has opened
        // her view, so the pulse was read once on this instance.
        var hooks = new StorageHooks();
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString,
            [TestPerson.Nadia],
            settings: new Dictionary<string, string?> { ["LiveCards:MinInterval"] = "00:10:00" },
            services: s => s.AddSingleton(hooks.Client(azurite.ConnectionString)));
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, PulseFlows.Rating("4"));
        await WaitForCardUpdateAsync(bed);
        var card = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Nadia, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));
        hooks.Seen.Clear();

        // Act: one step click, then the rest of the walk, then "Envoyer".
        card = await bed.ClickAsync(TestPerson.Nadia, card, CardVerbs.PulseNext, PulseFlows.Rating("5")["roleClarity"]);
        var stepClick = Snapshot(hooks);
        while (ConversationTestBed.FindAction(card, CardVerbs.PulseSubmit) is null)
        {
            card = await bed.ClickAsync(TestPerson.Nadia, card, CardVerbs.PulseSkip);
        }

        hooks.Seen.Clear();
        var thanks = await bed.ClickAsync(TestPerson.Nadia, card, CardVerbs.PulseSubmit);
        var submit = Snapshot(hooks);

        // Assert: a step click reads and writes the dialog state, nothing else (no read of the pulse); a submit adds
        // one transaction (the answer with the fence) and nothing more.
        Assert.Null(PulseFlows.StepOf(thanks));
        Assert.Equal(2, stepClick.Count);
        Assert.DoesNotContain(stepClick, r => r.Contains("Pulses(", StringComparison.Ordinal));
        Assert.Equal(3, submit.Count);
        Assert.Single(submit, r => r.StartsWith("POST ", StringComparison.Ordinal) && r.Contains("$batch", StringComparison.Ordinal));
        Assert.DoesNotContain(submit, r => r.Contains("Pulses(", StringComparison.Ordinal));
        Assert.Equal(2, (await PulseFlows.RowsAsync(azurite.ConnectionString, "PulseAnswers", pulseId)).Count);
    }

    private static List<string> Snapshot(StorageHooks hooks) => [.. hooks.Seen];

    private static async Task WaitForCardUpdateAsync(ConversationTestBed bed)
    {
        var until = DateTime.UtcNow + Wait;
        while (!bed.Connector.AcceptedActivities.Any(r => r.Operation == ConnectorOperation.UpdateActivity))
        {
            Assert.True(DateTime.UtcNow < until, "the pulse card was never updated after the first answer");
            await Task.Delay(50);
        }
    }
}
