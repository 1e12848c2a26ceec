using Microsoft.Extensions.Hosting;

namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>
/// A closed pulse's card never stays open (issue #19): the instance that closed the pulse may stop before Teams accepted
/// the card's turn into the closed card; the record says so (<see cref="PulseRecord.FinalCardPending"/>) and any
/// instance's sweep sends it again. Real HTTP, Azurite, the capture connector.
/// </summary>
public sealed class PulseFinalCardTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sweep_ClosingInstanceStoppedBeforeTeamsAcceptedTheClosedCard_AnotherInstanceClosesTheCard()
    {
        // Arrange: instance A opens a pulse, one person answers, and Teams refuses every card update while A closes it.
        await using var first = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], StoppedInstance.Settings);
        var pulseId = await PulseFlows.OpenAsync(first);
        await PulseFlows.AnswerAsync(first, TestPerson.Amelie, pulseId, PulseFlows.Rating("4"));
        StoppedInstance.RefuseCardUpdates(first);
        await PulseFlows.CloseAsync(first);

        // A stops (its pending update is abandoned); its connector stays, as Teams does.
        var updatesBefore = await StoppedInstance.StopAsync(first);
        var pending = await ReadAsync(first.ConversationId, pulseId);

        // Act: instance B, same storage and conversation, sweeps once the retry delay has passed.
        await using var second = await StoppedInstance.StartSecondAsync(azurite.ConnectionString, first);
        var sweep = second.Factory.Services.GetServices<IHostedService>().OfType<PulseDeadlineService>().Single();
        await sweep.FinishUnfinishedAsync(CancellationToken.None).WaitAsync(Wait);
        await second.Factory.Services.GetRequiredService<PulseCardRefresher>().FlushAsync(pending, CancellationToken.None).WaitAsync(Wait);

        // Assert: storage said the card was still to be closed; B's update is the closed card; storage now says final.
        Assert.False(pending.IsOpen);
        Assert.True(pending.FinalCardPending);
        var updates = StoppedInstance.CardUpdates(first);
        Assert.True(updates.Count > updatesBefore, "no card update after instance A stopped");
        var last = PulseFlows.CardOf(updates[^1]);
        Assert.Null(ConversationTestBed.FindAction(last, CardVerbs.PulseOpen));
        Assert.Contains("Ce pouls est terminé", TestActivities.CardText(last), StringComparison.Ordinal);
        Assert.False((await ReadAsync(first.ConversationId, pulseId)).FinalCardPending);
    }

    [Fact]
    public async Task Close_TeamsAcceptsTheClosedCard_RecordSaysTheCardIsFinal()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], StoppedInstance.Settings);
        var pulseId = await PulseFlows.OpenAsync(bed);

        // Act
        await PulseFlows.CloseAsync(bed);

        var pulse = await ReadAsync(bed.ConversationId, pulseId);
        await bed.Factory.Services.GetRequiredService<PulseCardRefresher>().FlushAsync(pulse, CancellationToken.None).WaitAsync(Wait);

        // Assert
        Assert.False((await ReadAsync(bed.ConversationId, pulseId)).FinalCardPending);
    }

    private async Task<PulseRecord> ReadAsync(string conversationId, string pulseId)
    {
        var store = new PulseStore(new TableServiceClient(azurite.ConnectionString));
        return await store.GetAsync("msteams", conversationId, pulseId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Pulse {pulseId} is not stored.");
    }
}
