namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>
/// A close that wins the close transaction but cannot finish (Teams refuses the summary, storage refuses the result)
/// stays finishable: any instance's sweep, <c>vote clore</c> or the export finishes it, exactly once (issue #22 item 2).
/// Over HTTP with the real host, Azurite and the capture connector; two hosts share one Azurite where it matters.
/// </summary>
public sealed class DurableCloseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly string[] Priorities = ["Logement", "Mobilité", "Emploi des jeunes"];

    /// <summary>Sweeps every 100 ms, a failed summary is tried again after 300 ms, the connector client retries once.</summary>
    private static readonly Dictionary<string, string?> Fast = new()
    {
        ["Concertation:DeadlineSweepInterval"] = "00:00:00.1",
        ["Concertation:CloseRetryDelay"] = "00:00:00.3",
        ["Bot:Connector:MaxRetries"] = "1",
        ["Bot:Connector:InitialDelay"] = "00:00:00.05",
    };

    [Fact]
    public async Task PulseClose_TeamsRefusesTheSummary_ToldOnceThenExactlyOneSummaryFromTwoHostsSweeps()
    {
        // Arrange: two hosts on one Azurite, both posting through the first connector (the pulse's serviceUrl).
        await using var first = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], Fast);
        await using var second = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], Fast, (first.ConversationId, first.TeamId));
        _ = second.Http;
        var pulseId = await PulseFlows.OpenAsync(first);
        foreach (var (person, rating) in new[] { (TestPerson.Amelie, "4"), (TestPerson.Bruno, "2"), (TestPerson.Chris, "5") })
        {
            await PulseFlows.AnswerAsync(first, person, pulseId, PulseFlows.Rating(rating));
        }

        var refusing = 1;
        first.Connector.Responder = request => Volatile.Read(ref refusing) == 1 && IsSummary(request)
            ? CannedResponse.Error(503, "ServiceUnavailable", "Teams is busy.")
            : null;

        // Act: the coordinator closes while Teams refuses the summary; the sweeps of both hosts meet the refusal too.
        using var response = await first.PostAsync(first.ChannelMessage(TestPerson.Nadia, "pulse clore"));
        await WaitUntilAsync(() => first.Connector.AcceptedActivities.Any(r => PulseFlows.TextOf(r).Contains("Synthèse retardée", StringComparison.Ordinal)));
        var pending = await PulseAsync(first, pulseId);
        await WaitUntilAsync(() => first.Connector.Requests.Count(r => IsSummary(r) && r.ResponseStatus == 503) >= 6);
        Volatile.Write(ref refusing, 0);
        await WaitUntilAsync(() => first.Connector.AcceptedActivities.Any(IsSummary));
        await WaitUntilAsync(async () => (await PulseAsync(first, pulseId)).SummaryPostedAt is not null);
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(pending.IsOpen);
        Assert.True(pending.SummaryPending);
        Assert.Null(pending.SummaryPostedAt);
        var summaries = first.Connector.AcceptedActivities.Where(IsSummary).ToList();
        Assert.Single(summaries);
        Assert.Contains("3 réponses", PulseFlows.TextOf(summaries[0]), StringComparison.Ordinal);
        Assert.Single(first.Connector.AcceptedActivities, r => PulseFlows.TextOf(r).Contains("Synthèse retardée", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Connector.Requests, r => r.Operation != ConnectorOperation.Unknown);
        var finished = await PulseAsync(first, pulseId);
        Assert.False(finished.SummaryPending);
        Assert.NotNull(finished.SummaryPostedAt);
    }

    [Fact]
    public async Task VoteClore_ResultNotRecordedByAFailedClose_VoteCloreAgainFinishesItInsteadOfNoOpenVote()
    {
        // Arrange: storage refuses the write of the result (every try of the client) once the close transaction is stored.
        var hooks = new StorageHooks();
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], services: s => s.AddSingleton(hooks.Client(azurite.ConnectionString)));
        var voteId = await CloseRefusingTheResultAsync(bed, hooks);

        var unfinished = await VoteAsync(bed, voteId);
        var before = bed.Posts.Count;

        // Act
        using var again = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote clore"));

        // Assert
        Assert.Equal(4, hooks.Failed);
        Assert.False(unfinished.IsOpen);
        Assert.Null(unfinished.FinalScores);
        Assert.True(unfinished.ResultPending);
        // The posted vote card turns into the ranking; the conversation gets one short notice.
        Assert.Contains("Vote clos", TestActivities.CardText(await bed.SentCardAsync(before)), StringComparison.Ordinal);
        var final = VoteFlows.LastLiveCard(bed)!;
        Assert.Equal([("Logement", 1, 2, false), ("Mobilité", 2, 1, false)], VoteCardReading.Ranking(final, Priorities).Where(r => r.Item3 > 0));
        var recorded = await VoteAsync(bed, voteId);
        Assert.Equal([2, 1, 0], recorded.FinalScores);
        Assert.False(recorded.ResultPending);
    }

    [Fact]
    public async Task VoteClose_ResultNotRecorded_AnotherHostsSweepRecordsItAndTurnsTheCardFinal()
    {
        // Arrange
        var hooks = new StorageHooks();
        await using var first = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], services: s => s.AddSingleton(hooks.Client(azurite.ConnectionString)));
        var voteId = await CloseRefusingTheResultAsync(first, hooks);

        Assert.Null((await VoteAsync(first, voteId)).FinalScores);

        // Act: a second host on the same storage sweeps.
        await using var second = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], Fast, (first.ConversationId, first.TeamId));
        _ = second.Http;
        await WaitUntilAsync(async () => (await VoteAsync(first, voteId)).FinalScores is not null);
        await WaitUntilAsync(() => first.Connector.AcceptedActivities.Any(r => r.Operation == ConnectorOperation.UpdateActivity
            && ConversationTestBed.FindAction(PulseFlows.CardOf(r), CardVerbs.VoteOpen) is null));

        // Assert
        var recorded = await VoteAsync(first, voteId);
        Assert.Equal([2, 1, 0], recorded.FinalScores);
        Assert.Equal(3, recorded.FinalParticipation);
        Assert.False(recorded.ResultPending);
    }

    [Fact]
    public async Task Export_VoteWhoseCloseNeverRecordedItsResult_StillInTheCompteRendu()
    {
        // Arrange
        var hooks = new StorageHooks();
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], services: s => s.AddSingleton(hooks.Client(azurite.ConnectionString)));
        await CloseRefusingTheResultAsync(bed, hooks);

        var before = bed.Posts.Count;

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "export"));

        // Assert
        var urls = new List<string>();
        CollectUrls(await bed.SentCardAsync(before), urls);
        var markdown = urls.Single(u => new Uri(u).AbsolutePath.EndsWith(".md", StringComparison.Ordinal));
        using var md = await bed.Http.GetAsync(new Uri(new Uri(markdown).PathAndQuery, UriKind.Relative));
        var text = await md.Content.ReadAsStringAsync();
        Assert.Contains("**1.** Logement", text, StringComparison.Ordinal);
        Assert.Contains("**2.** Mobilité", text, StringComparison.Ordinal);
    }

    private static bool IsSummary(CapturedRequest request) =>
        request.Operation == ConnectorOperation.SendToConversation && request.Activity is not null
        && PulseFlows.TextOf(request).Contains("Synthèse du pouls", StringComparison.Ordinal);

    private static async Task<string> CastThreeAsync(ConversationTestBed bed)
    {
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Emploi des jeunes");
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 0));
        await VoteFlows.CastAsync(bed, TestPerson.Bruno, VoteFlows.Single(voteId, 0));
        await VoteFlows.CastAsync(bed, TestPerson.Chris, VoteFlows.Single(voteId, 1));
        return voteId;
    }

    /// <summary>
    /// Three ballots (Logement twice, Mobilité once), then <c>vote clore</c> answered 200 while storage refuses the write
    /// of the result (every try of the client) once the close transaction is stored. Returns the vote id.
    /// </summary>
    private static async Task<string> CloseRefusingTheResultAsync(ConversationTestBed bed, StorageHooks hooks)
    {
        var voteId = await CastThreeAsync(bed);
        hooks.FailNext((_, body) => body.Contains("FinalScores", StringComparison.Ordinal), times: 4);
        using var failed = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote clore"));
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        return voteId;
    }

    private static async Task<PulseRecord> PulseAsync(ConversationTestBed bed, string pulseId) =>
        await bed.Factory.Services.GetRequiredService<IPulseStore>().GetAsync("msteams", bed.ConversationId, pulseId, CancellationToken.None)
            ?? throw new InvalidOperationException("No pulse " + pulseId);

    private static async Task<VoteRecord> VoteAsync(ConversationTestBed bed, string voteId) =>
        await bed.Factory.Services.GetRequiredService<IVoteStore>().GetAsync("msteams", bed.ConversationId, voteId, CancellationToken.None)
            ?? throw new InvalidOperationException("No vote " + voteId);

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not come true in time.");
            }

            await Task.Delay(50);
        }
    }

    private static void CollectUrls(JsonNode? node, List<string> urls)
    {
        if (node is JsonObject obj)
        {
            if ((string?)obj["type"] == "Action.OpenUrl")
            {
                urls.Add((string)obj["url"]!);
            }

            foreach (var (_, value) in obj)
            {
                CollectUrls(value, urls);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                CollectUrls(item, urls);
            }
        }
    }
}
