using Microsoft.Extensions.Hosting;

namespace ConcertationBot.Tests.Bot.Votes;

/// <summary>
/// A closed vote's card never stays open (issue #19, "live-card updates that must not be lost"): the instance that
/// closed the vote may stop before Teams accepted the card's turn into the result; the record says so
/// (<see cref="VoteRecord.FinalCardPending"/>) and any instance's sweep sends the final card again. Real HTTP, Azurite,
/// the capture connector.
/// </summary>
public sealed class VoteFinalCardTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sweep_ClosingInstanceStoppedBeforeTeamsAcceptedTheFinalCard_AnotherInstanceTurnsTheCardIntoTheResult()
    {
        // Arrange: instance A opens a vote, a ballot is cast, and Teams refuses every card update while A closes the vote.
        await using var first = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], StoppedInstance.Settings);
        var voteId = await VoteFlows.OpenAsync(first, "vote résultats publics Nos priorités : Logement ; Mobilité ; Emploi des jeunes");
        StoppedInstance.RefuseCardUpdates(first);
        await VoteFlows.CastAsync(first, TestPerson.Amelie, VoteFlows.Single(voteId, 1));
        using (var closed = await first.PostAsync(first.ChannelMessage(TestPerson.Nadia, "vote clore")))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        // A stops (its pending update is abandoned); its connector stays, as Teams does.
        var updatesBefore = await StoppedInstance.StopAsync(first);
        var pending = await ReadAsync(first.ConversationId, voteId);

        // Act: instance B, same storage and conversation, sweeps once the retry delay has passed.
        await using var second = await StoppedInstance.StartSecondAsync(azurite.ConnectionString, first);
        var sweep = second.Factory.Services.GetServices<IHostedService>().OfType<VoteResultSweep>().Single();
        await sweep.SweepAsync(CancellationToken.None).WaitAsync(Wait);
        await second.Factory.Services.GetRequiredService<VoteCardRefresher>().FlushAsync(pending, CancellationToken.None).WaitAsync(Wait);

        // Assert: storage said the card was still to be turned; B's update is the closed card with the result; storage now says final.
        Assert.True(pending.FinalCardPending);
        Assert.Equal([0, 1, 0], pending.FinalScores);
        var updates = StoppedInstance.CardUpdates(first);
        Assert.True(updates.Count > updatesBefore, "no card update after instance A stopped");
        var last = updates[^1];
        Assert.Null(ConversationTestBed.FindAction(PulseFlows.CardOf(last), CardVerbs.VoteOpen));
        Assert.Contains("Résultats du vote", TestActivities.CardText(PulseFlows.CardOf(last)), StringComparison.Ordinal);
        Assert.False((await ReadAsync(first.ConversationId, voteId)).FinalCardPending);
    }

    [Fact]
    public async Task Close_TeamsAcceptsTheFinalCard_RecordSaysTheCardIsFinal()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], StoppedInstance.Settings);
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité");
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 0));

        // Act
        using (var closed = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote clore")))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        await VoteFlows.FlushAsync(bed, voteId);

        // Assert
        var vote = await ReadAsync(bed.ConversationId, voteId);
        Assert.NotNull(vote.FinalScores);
        Assert.False(vote.FinalCardPending);
    }

    private async Task<VoteRecord> ReadAsync(string conversationId, string voteId)
    {
        var store = new VoteStore(new TableServiceClient(azurite.ConnectionString), TimeProvider.System);
        return await store.GetAsync("msteams", conversationId, voteId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Vote {voteId} is not stored.");
    }
}
