namespace ConcertationBot.Tests.Bot.Votes;

/// <summary>
/// Two instances on one Azurite (issue #22 item 6): a live-card render taken on one instance before the vote closes on
/// the other must not stay over the final card.
/// </summary>
public sealed class StaleLiveCardTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task VoteClore_OtherHostRenderedTheOpenCardBeforeTheClose_FinalCardIsTheLastUpdate()
    {
        // Arrange: host A runs the vote; host B shares its storage and conversation, its Table client goes through hooks.
        await using var first = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(first, "vote Nos priorités : Logement ; Mobilité ; Emploi des jeunes");
        await VoteFlows.CastAsync(first, TestPerson.Amelie, VoteFlows.Single(voteId, 0));
        await VoteFlows.CastAsync(first, TestPerson.Bruno, VoteFlows.Single(voteId, 1));
        await VoteFlows.FlushAsync(first, voteId);

        var hooks = new StorageHooks();
        await using var second = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], sameConversationAs: (first.ConversationId, first.TeamId),
            services: s => s.AddSingleton(hooks.Client(azurite.ConnectionString)));
        var secondVotes = second.Factory.Services.GetRequiredService<IVoteStore>();
        var refresher = second.Factory.Services.GetRequiredService<VoteCardRefresher>();
        var open = await secondVotes.GetAsync("msteams", first.ConversationId, voteId, CancellationToken.None);

        // Host B's render has read the vote (open) and is about to count the ballots when it is held.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hooks.BeforeNext(
            (request, _) => request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("VoteBallots", StringComparison.Ordinal),
            async () =>
            {
                held.TrySetResult();
                await release.Task;
            });
        refresher.Schedule(open!);
        await held.Task.WaitAsync(Wait);

        // Act: host A closes and posts the final card; then host B's held render goes on and PUTs the open card.
        using (var closed = await first.PostAsync(first.ChannelMessage(TestPerson.Nadia, "vote clore")))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        await VoteFlows.FlushAsync(first, voteId);
        var beforeRelease = CardUpdates(first).Count;
        release.TrySetResult();
        await refresher.FlushAsync(open!, CancellationToken.None).WaitAsync(Wait);
        await refresher.FlushAsync(open!, CancellationToken.None).WaitAsync(Wait);

        // Assert: B's stale open card did land after the final one (the race happened), and B then put the final card back.
        var updates = CardUpdates(first);
        Assert.Contains(updates.Skip(beforeRelease), r => IsOpenCard(r));
        Assert.False(IsOpenCard(updates[^1]), "the last update of the vote card is the open card: the close was undone");
        Assert.False(IsOpenCard(updates[beforeRelease - 1]), "host A's close did not post the final card");
    }

    private static List<CapturedRequest> CardUpdates(ConversationTestBed bed) =>
        [.. bed.Connector.AcceptedActivities.Where(r => r.Operation == ConnectorOperation.UpdateActivity)];

    private static bool IsOpenCard(CapturedRequest request) =>
        ConversationTestBed.FindAction(PulseFlows.CardOf(request), CardVerbs.VoteOpen) is not null;
}
