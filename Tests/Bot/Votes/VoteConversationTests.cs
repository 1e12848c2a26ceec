using System.Diagnostics;

namespace ConcertationBot.Tests.Bot.Votes;

/// <summary>Votes over real HTTP <c>/api/messages</c>, a real Azurite and the loopback capture connector.</summary>
public sealed class VoteConversationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Priorities = "vote Nos priorités pour 2027 : Logement ; Mobilité ; Emploi des jeunes";
    private static readonly string[] PriorityOptions = ["Logement", "Mobilité", "Emploi des jeunes"];

    [Fact]
    public async Task Open_CoordinatorTypesVote_PostsLiveCardWithQuestionOptionsAndVoteButton()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);

        // Assert
        var text = TestActivities.CardText(await bed.SentCardAsync(0));
        Assert.Contains("Nos priorités pour 2027", text, StringComparison.Ordinal);
        Assert.All(PriorityOptions, option => Assert.Contains(option, text, StringComparison.Ordinal));
        var stored = await VoteFlows.OpenVoteAsync(bed);
        Assert.NotNull(stored);
        Assert.Equal(voteId, stored.VoteId);
        Assert.Equal(PriorityOptions, stored.Options);
        Assert.Equal(new VoteRules(VoteMode.Single, 1, HiddenResults: false), stored.Rules);
        Assert.False(string.IsNullOrEmpty(stored.CardActivityId));
    }

    [Fact]
    public async Task Open_NonCoordinator_RefusalAndNoVoteStored()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Amelie, Priorities));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refusal = await bed.SentCardAsync(0);
        Assert.Null(VoteFlows.VoteIdOf(refusal));
        Assert.Contains("vote", TestActivities.CardText(refusal), StringComparison.Ordinal);
        Assert.Null(await VoteFlows.OpenVoteAsync(bed));
    }

    [Theory]
    [InlineData("vote Nos priorités : Logement")]
    [InlineData("vote Logement ; Mobilité")]
    [InlineData("vote")]
    [InlineData("vote top 5 Priorités : A ; B ; C")]
    public async Task Open_BadSyntax_HelpCardWithExampleAndNoVote(string command)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, command));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await bed.SentCardAsync(0);
        Assert.Contains("vote Nos priorités pour 2027", TestActivities.CardText(card).Replace('\u00A0', ' ').Replace('\u202F', ' '), StringComparison.Ordinal);
        Assert.Null(VoteFlows.VoteIdOf(card));
        Assert.Null(await VoteFlows.OpenVoteAsync(bed));
    }

    [Fact]
    public async Task Open_WhileAnotherIsOpen_ShowsTheOpenOneAndKeepsIt()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var first = await VoteFlows.OpenAsync(bed, Priorities);

        // Act
        var second = await VoteFlows.OpenAsync(bed, "vote Autre question : Oui ; Non");

        // Assert
        Assert.Equal(first, second);
        Assert.Contains("déjà ouvert", TestActivities.CardText(await bed.SentCardAsync(1)), StringComparison.Ordinal);
        Assert.Equal(first, (await VoteFlows.OpenVoteAsync(bed))!.VoteId);
    }

    [Fact]
    public async Task Ballot_VoteButtonThenCast_ConfirmsAndStoresOneAnonymousEntity()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);
        var shared = await bed.SentCardAsync(0);

        // Act: "Voter" on the shared card, then "Envoyer mon vote" with Mobilité chosen.
        var form = await bed.ClickAsync(TestPerson.Amelie, shared, CardVerbs.VoteOpen);
        var confirmed = await bed.ClickAsync(TestPerson.Amelie, form, CardVerbs.VoteCast, new Dictionary<string, string> { [VoteInputIds.Choice] = "1" });

        // Assert
        Assert.NotNull(ConversationTestBed.FindAction(form, CardVerbs.VoteCast));
        Assert.Contains("Mobilité", TestActivities.CardText(confirmed), StringComparison.Ordinal);
        Assert.NotNull(ConversationTestBed.FindAction(confirmed, CardVerbs.VoteOpen));
        Assert.Equal([TestPerson.Amelie.Id], confirmed["refresh"]?["userIds"]?.AsArray().Select(id => (string?)id));
        var rows = await PulseFlows.RowsAsync(azurite.ConnectionString, "VoteBallots", voteId);
        var ballot = Assert.Single(rows, r => r.RowKey != "~fence");
        Assert.Equal("0,1,0", ballot.GetString("Points"));
        Assert.Equal(64, ballot.RowKey.Length);
        foreach (var (name, value) in ballot)
        {
            var written = value?.ToString() ?? string.Empty;
            Assert.DoesNotContain(TestPerson.Amelie.AadObjectId, written, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(TestPerson.Amelie.Id, written, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Amélie", written, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("amelie", name, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Cast_AgainWithOtherChoice_ReplacesTheBallot()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, "vote top 2 Priorités : Logement ; Mobilité ; Emploi ; Culture");
        await VoteFlows.CastAsync(bed, TestPerson.Bruno, VoteFlows.Choices(voteId, 0, 1));

        // Act
        var again = await VoteFlows.CastAsync(bed, TestPerson.Bruno, VoteFlows.Choices(voteId, 2, 3));

        // Assert
        Assert.Contains("Culture", TestActivities.CardText(again), StringComparison.Ordinal);
        var ballot = Assert.Single(await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 4));
        Assert.Equal([0, 0, 1, 1], ballot.Value);
    }

    [Fact]
    public async Task Cast_SameActivityDeliveredTwice_CountsOnce()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);
        var invoke = bed.Invoke(TestPerson.Chris, CardVerbs.VoteCast, VoteFlows.Single(voteId, 2));

        // Act
        await bed.InvokeForCardAsync(invoke);
        await bed.InvokeForCardAsync(invoke);

        // Assert
        var ballot = Assert.Single(await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3));
        Assert.Equal([0, 0, 1], ballot.Value);
    }

    [Theory]
    [InlineData("3", "2", "0")]
    [InlineData("1.5", "0", "0")]
    [InlineData("-1", "2", "0")]
    [InlineData("0", "0", "0")]
    public async Task Cast_DotVotingInvalidPoints_PoliteNoticeAndNothingStored(string first, string second, string third)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, "vote points 3 " + Priorities["vote ".Length..]);
        var data = new JsonObject
        {
            [CardDataFields.VoteId] = voteId,
            [VoteInputIds.Points(0)] = first,
            [VoteInputIds.Points(1)] = second,
            [VoteInputIds.Points(2)] = third,
        };

        // Act
        var card = await VoteFlows.CastAsync(bed, TestPerson.Amelie, data);

        // Assert
        var vote = await VoteFlows.OpenVoteAsync(bed);
        var definition = new VoteDefinition(vote!.Question, vote.Options, vote.Rules);
        var reading = VoteBallots.Read(definition, data);
        Assert.NotEqual(VoteBallotProblem.None, reading.Problem);
        Assert.NotNull(ConversationTestBed.FindAction(card, CardVerbs.VoteCast));
        Assert.Contains(VoteBallots.Describe(reading, definition, Language.French)!, TestActivities.CardText(card), StringComparison.Ordinal);
        Assert.Empty(await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3));
    }

    [Fact]
    public async Task HiddenResults_WhileOpen_OwnViewShowsParticipationButNoScores()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, "vote résultats cachés " + Priorities["vote ".Length..]);
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 0));

        // Act
        await VoteFlows.CastAsync(bed, TestPerson.Bruno, VoteFlows.Single(voteId, 0));
        await VoteFlows.FlushAsync(bed, voteId);

        // Assert
        var update = bed.Connector.Requests.Last(r => r.Operation == ConnectorOperation.UpdateActivity && r.ResponseStatus is >= 200 and < 300);
        var text = PulseFlows.TextOf(update);
        Assert.Contains("2 votes", text, StringComparison.Ordinal);
        Assert.DoesNotContain("█", text, StringComparison.Ordinal);
        Assert.Equal(new VoteRules(VoteMode.Single, 1, HiddenResults: true), (await VoteFlows.OpenVoteAsync(bed))!.Rules);
    }

    [Fact]
    public async Task Close_ByCoordinator_FinalCardRankedWithTiesAndResultRecorded()
    {
        // Arrange: Logement 2, Mobilité 1, Emploi 1 (tied second).
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenWithBallotsAsync(bed, Priorities, (TestPerson.Amelie, 0), (TestPerson.Bruno, 0), (TestPerson.Chris, 1), (TestPerson.Nadia, 2));

        // Act
        using var response = await VoteFlows.CloseAsync(bed);

        // Assert: the posted vote card has become the final ranking.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var final = VoteFlows.LastLiveCard(bed);
        Assert.NotNull(final);
        Assert.Null(ConversationTestBed.FindAction(final, CardVerbs.VoteOpen));
        var ranking = VoteCardReading.Ranking(final, PriorityOptions);
        Assert.Equal([("Logement", 1, 2, false), ("Mobilité", 2, 1, true), ("Emploi des jeunes", 2, 1, true)], ranking);
        var store = bed.Factory.Services.GetRequiredService<IVoteStore>();
        var closed = await store.GetAsync("msteams", bed.ConversationId, voteId, CancellationToken.None);
        Assert.NotNull(closed?.ClosedAt);
        Assert.Equal(4, closed.FinalParticipation);
        Assert.Equal([2, 1, 1], closed.FinalScores);
        Assert.Null(await VoteFlows.OpenVoteAsync(bed));
    }

    [Fact]
    public async Task Close_ByCoordinator_TheLiveCardBecomesTheOneResultsCardAndOneShortNoticeIsPosted()
    {
        // Arrange: Logement 2, Mobilité 1.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenWithBallotsAsync(bed, Priorities, (TestPerson.Amelie, 0), (TestPerson.Bruno, 0), (TestPerson.Chris, 1));
        await VoteFlows.FlushAsync(bed, voteId);

        // Act
        using var response = await VoteFlows.CloseAsync(bed);
        await VoteFlows.FlushAsync(bed, voteId);

        // Assert: two posts in all (the vote card, then the notice); the vote card's last update is the results.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, bed.Posts.Count);
        var notice = await bed.SentCardAsync(1);
        var noticeText = TestActivities.CardText(notice);
        Assert.Contains("Vote clos\u00A0: 3 votes", noticeText, StringComparison.Ordinal);
        Assert.Contains("Logement", noticeText, StringComparison.Ordinal);
        Assert.DoesNotContain("Mobilité", noticeText, StringComparison.Ordinal);
        Assert.DoesNotContain("█", noticeText, StringComparison.Ordinal);
        var cardsShowingResults = bed.Posts.Select(p => PulseFlows.CardOf(p)).Where(VoteFlows.IsResultsCard).ToList();
        Assert.Empty(cardsShowingResults);
        var live = VoteFlows.LastLiveCard(bed);
        Assert.NotNull(live);
        Assert.True(VoteFlows.IsResultsCard(live));
        var closed = await VoteFlows.StoredAsync(bed, voteId);
        Assert.Equal(closed!.CardActivityId, bed.Connector.Requests.Last(r => r.Operation == ConnectorOperation.UpdateActivity).ActivityId);
        Assert.Equal([("Logement", 1, 2, false), ("Mobilité", 2, 1, false), ("Emploi des jeunes", 3, 0, false)], VoteCardReading.Ranking(live, PriorityOptions));
    }

    [Fact]
    public async Task LiveCard_OneBallotUnderK_ParticipationOnlyAndFromHowManyVotes()
    {
        // Arrange: k = 3 (the default), one ballot.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);

        // Act
        var own = await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 1));
        await VoteFlows.FlushAsync(bed, voteId);

        // Assert: neither the channel's card nor the voter's own view (counted from the last card update, maybe a
        // moment old) tells the one ballot's choice by a score.
        var live = VoteFlows.LastLiveCard(bed);
        Assert.NotNull(live);
        Assert.Contains("1 vote\n", TestActivities.CardText(live), StringComparison.Ordinal);
        foreach (var card in new[] { live, own })
        {
            var text = TestActivities.CardText(card);
            Assert.Contains("Les résultats s'afficheront à partir de 3 votes", text, StringComparison.Ordinal);
            Assert.DoesNotContain("█", text, StringComparison.Ordinal);
            Assert.DoesNotContain("%", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Close_TwoBallotsUnderK_FinalCardSaysNotEnoughVotesAndNoticeNamesNoOption()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenWithBallotsAsync(bed, Priorities, (TestPerson.Amelie, 2), (TestPerson.Bruno, 2));

        // Act
        using var response = await VoteFlows.CloseAsync(bed);
        await VoteFlows.FlushAsync(bed, voteId);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var final = VoteFlows.LastLiveCard(bed)!;
        var text = TestActivities.CardText(final);
        Assert.Contains("2 votes", text, StringComparison.Ordinal);
        Assert.Contains("Pas assez de votes pour publier le détail", text, StringComparison.Ordinal);
        Assert.DoesNotContain("█", text, StringComparison.Ordinal);
        Assert.All(VoteCardReading.Ranking(final, PriorityOptions), line => Assert.Equal((0, -1), (line.Rank, line.Score)));
        Assert.Equal(PriorityOptions, VoteCardReading.Ranking(final, PriorityOptions).Select(line => line.Option));
        var notice = TestActivities.CardText(await bed.SentCardAsync(1));
        Assert.All(PriorityOptions, option => Assert.DoesNotContain(option, notice, StringComparison.Ordinal));
        var closed = await VoteFlows.StoredAsync(bed, voteId);
        Assert.Equal([0, 0, 2], closed!.FinalScores);
    }

    [Fact]
    public async Task LiveCard_PublicResultsOneBallot_ShowsTheTally()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, "vote résultats publics " + Priorities["vote ".Length..]);

        // Act
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 1));
        await VoteFlows.FlushAsync(bed, voteId);

        // Assert
        Assert.Equal([0, 1, 0], VoteCardReading.Scores(VoteFlows.LastLiveCard(bed)!, PriorityOptions));
        Assert.Equal(new VoteRules(VoteMode.Single, 1, HiddenResults: false, PublicResults: true), (await VoteFlows.OpenVoteAsync(bed))!.Rules);
    }

    [Fact]
    public async Task Cast_AfterClose_ClosedCardAndNothingStored()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);
        using (var closing = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote close")))
        {
            Assert.Equal(HttpStatusCode.OK, closing.StatusCode);
        }

        // Act
        var card = await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 0));

        // Assert
        Assert.Null(ConversationTestBed.FindAction(card, CardVerbs.VoteCast));
        Assert.Null(ConversationTestBed.FindAction(card, CardVerbs.VoteOpen));
        Assert.Empty(await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3));
    }

    [Fact]
    public async Task Close_NonCoordinator_RefusedAndVoteStaysOpen()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Bruno, "vote clore"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refusal = TestActivities.CardText(await bed.SentCardAsync(1));
        Assert.Contains("vote clore", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("Résultats du vote", refusal, StringComparison.Ordinal);
        Assert.Equal(voteId, (await VoteFlows.OpenVoteAsync(bed))?.VoteId);
    }

    [Fact]
    public async Task Levers_AfterClosedPulse_OptionsAreTheLeversMergedWithinTheirCondition()
    {
        // Arrange: two partners name the same levier with other case, accents and spacing, under one condition and
        // under another.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], ConversationTestBed.EveryTextShown);
        var pulseId = await ClosedPulseWithLeviersAsync(
            bed,
            (TestPerson.Amelie, new() { ["agenda"] = "Un agenda commun", ["soutien"] = "Une coordination dédiée" }),
            (TestPerson.Bruno, new() { ["agenda"] = "un  AGENDA  commun", ["mesures"] = "Un agenda commun" }));

        // Act
        var voteId = await VoteFlows.OpenAsync(bed, "vote leviers");

        // Assert
        var vote = await VoteFlows.StoredAsync(bed, voteId);
        Assert.NotNull(vote);
        Assert.Equal(
            [
                "Agenda partagé — Un agenda commun",
                "Mesures partagées et apprentissage stratégique — Un agenda commun",
                "Structure de soutien — Une coordination dédiée",
            ],
            vote.Options);
        Assert.Equal(pulseId, vote.SourcePulseId);
    }

    [Fact]
    public async Task Levers_LeviersUnderTwoConditions_CardOptionsReadConditionDashLevier()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], ConversationTestBed.EveryTextShown);
        await ClosedPulseWithLeviersAsync(
            bed,
            (TestPerson.Amelie, new() { ["agenda"] = "Un calendrier commun des activités", ["communication"] = "Une infolettre mensuelle" }));
        var before = bed.Posts.Count;

        // Act
        var voteId = await VoteFlows.OpenAsync(bed, "vote leviers");

        // Assert
        string[] expected = ["Agenda partagé — Un calendrier commun des activités", "Communication ouverte et continue — Une infolettre mensuelle"];
        var text = TestActivities.CardText(await bed.SentCardAsync(before));
        Assert.Contains("Quel levier prioriser", text, StringComparison.Ordinal);
        Assert.All(expected, option => Assert.Contains(option, text, StringComparison.Ordinal));
        Assert.Equal(expected, (await VoteFlows.StoredAsync(bed, voteId))?.Options);
    }

    [Fact]
    public async Task Levers_NoClosedPulse_ExplainsAndOpensNothing()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote levers"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(VoteFlows.VoteIdOf(await bed.SentCardAsync(0)));
        Assert.Null(await VoteFlows.OpenVoteAsync(bed));
    }

    [Fact]
    public async Task LiveCard_BurstOf60Ballots_AtMostOneUpdatePerSecondAndLastReflectsEveryBallot()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        bed.Connector.EnforceTeamsRateLimits = true;
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);
        var voters = Voters(60);
        var clock = Stopwatch.StartNew();

        // Act: voter i chooses option i mod 3 → 20 each.
        await Parallel.ForEachAsync(voters.Select((v, i) => (v, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entry, _) =>
            await VoteFlows.CastAsync(bed, entry.v, VoteFlows.Single(voteId, entry.i % 3)));
        await VoteFlows.FlushAsync(bed, voteId);
        var elapsed = clock.Elapsed;

        // Assert
        var updates = bed.Connector.Requests.Where(r => r.Operation == ConnectorOperation.UpdateActivity && r.ResponseStatus is >= 200 and < 300).ToList();
        Assert.InRange(updates.Count, 1, (int)Math.Ceiling(elapsed.TotalSeconds) + 1);
        Assert.DoesNotContain(bed.Connector.Requests, r => r.ResponseStatus == 429);
        var last = PulseFlows.CardOf(updates[^1]);
        Assert.Contains("60 votes", TestActivities.CardText(last), StringComparison.Ordinal);
        Assert.Equal([20, 20, 20], VoteCardReading.Scores(last, PriorityOptions));
    }

    [Fact]
    public async Task Load_300VotersConcurrentlyAThirdVotingTwice_FinalCardAndStoredTallyEqualGroundTruth()
    {
        // Arrange: dot voting, 3 points over 4 options, seeded ballots.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        bed.Connector.EnforceTeamsRateLimits = true;
        string[] options = ["Logement", "Mobilité", "Emploi des jeunes", "Culture"];
        var voteId = await VoteFlows.OpenAsync(bed, "vote points 3 Nos priorités : " + string.Join(" ; ", options));
        var voters = Voters(300);
        var random = new Random(20261122);
        var first = voters.Select(_ => RandomPoints(random, 4, 3)).ToList();
        var second = voters.Select((_, i) => i % 3 == 0 ? RandomPoints(random, 4, 3) : null).ToList();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();

        // Act: 300 first ballots and 100 second ballots, concurrently (each voter's second after their first).
        await Parallel.ForEachAsync(Enumerable.Range(0, voters.Count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            statuses.Add(await CastStatusAsync(bed, voters[i], VoteFlows.Points(voteId, first[i])));
            if (second[i] is { } again)
            {
                statuses.Add(await CastStatusAsync(bed, voters[i], VoteFlows.Points(voteId, again)));
            }
        });
        using var closing = await VoteFlows.CloseAsync(bed);
        var notice = await bed.SentCardAsync(1);
        await VoteFlows.FlushAsync(bed, voteId);
        var final = VoteFlows.LastLiveCard(bed)!;

        // Assert
        Assert.Equal(400, statuses.Count);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var truth = Enumerable.Range(0, 4).Select(o => voters.Select((_, i) => (second[i] ?? first[i])[o]).Sum()).ToArray();
        var stored = await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 4);
        Assert.Equal(300, stored.Count);
        Assert.Equal(truth, Enumerable.Range(0, 4).Select(o => stored.Values.Sum(b => b[o])).ToArray());
        Assert.Equal(truth, VoteCardReading.Scores(final, options));
        Assert.True(VoteFlows.IsResultsCard(final));
        Assert.False(VoteFlows.IsResultsCard(notice));
        var lastUpdate = bed.Connector.Requests.Last(r => r.Operation == ConnectorOperation.UpdateActivity && r.ResponseStatus is >= 200 and < 300);
        Assert.Equal(truth, VoteCardReading.Scores(PulseFlows.CardOf(lastUpdate), options));
        var closed = await VoteFlows.StoredAsync(bed, voteId);
        Assert.Equal(300, closed!.FinalParticipation);
        Assert.Equal(truth, closed.FinalScores);
        Assert.DoesNotContain(bed.Connector.Requests, r => r.ResponseStatus == 429);
    }

    private static async Task<HttpStatusCode> CastStatusAsync(ConversationTestBed bed, TestPerson voter, JsonObject data)
    {
        using var response = await bed.PostAsync(bed.Invoke(voter, CardVerbs.VoteCast, data, replyToId: "vote-card"));
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && VoteFlows.IsConfirmation(body)
            ? HttpStatusCode.OK
            : response.StatusCode == HttpStatusCode.OK ? HttpStatusCode.UnprocessableEntity : response.StatusCode;
    }

    private static int[] RandomPoints(Random random, int options, int budget)
    {
        var points = new int[options];
        var spend = random.Next(1, budget + 1);
        for (var i = 0; i < spend; i++)
        {
            points[random.Next(options)]++;
        }

        return points;
    }

    private static List<TestPerson> Voters(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new TestPerson($"29:voter-{i:000}", $"Partenaire {i}", Guid.NewGuid().ToString(), i % 4 == 0 ? "en-US" : "fr-CA"))];

    /// <summary>Opens a pulse, has each person answer it with their leviers (step id → levier), closes it; returns its id.</summary>
    private static async Task<string> ClosedPulseWithLeviersAsync(ConversationTestBed bed, params (TestPerson Person, Dictionary<string, string> LevierByStep)[] answers)
    {
        var pulseId = await PulseFlows.OpenAsync(bed);
        foreach (var (person, leviers) in answers)
        {
            await PulseFlows.AnswerAsync(bed, person, pulseId, leviers.ToDictionary(l => l.Key, l => new Dictionary<string, string> { [PulseInputIds.Levier] = l.Value }));
        }

        await PulseFlows.CloseAsync(bed);
        return pulseId;
    }
}
