using System.Diagnostics;

namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>Coordinating an open pulse over HTTP: état, rappel, clore, the deadline sweep and the live count.</summary>
public sealed class PulseCoordinationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("pulse état", "fr-CA", "2 réponses sur 5 membres (40")]
    [InlineData("pulse status", "en-US", "2 answers from 5 members (40")]
    [InlineData("pouls état", "fr-CA", "2 réponses sur 5 membres (40")]
    public async Task Status_Coordinator_ShowsParticipationOutOfRosterAndTimeLeft(string command, string locale, string expected)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        bed.Connector.Roster.AddRange(Members(5));
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, PulseFlows.Rating("4"));
        await PulseFlows.AnswerAsync(bed, TestPerson.Bruno, pulseId, PulseFlows.Rating("2"));
        var sent = bed.Posts.Count;

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia with { Locale = locale }, command));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = TestActivities.CardText(await bed.SentCardAsync(sent));
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains(locale == "en-US" ? "days" : "jours", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pulse état")]
    [InlineData("pulse rappel")]
    [InlineData("pulse clore")]
    [InlineData("pulse close")]
    public async Task CoordinatorCommand_NonCoordinator_RefusedAndPulseUntouched(string command)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await PulseFlows.OpenAsync(bed);
        var sent = bed.Posts.Count;

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Bruno, command));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await bed.SentCardAsync(sent);
        Assert.Contains(command.StartsWith("pulse close", StringComparison.Ordinal) ? "pulse clore" : command, TestActivities.CardText(card), StringComparison.Ordinal);
        Assert.NotNull(await OpenPulseAsync(bed));
        Assert.Equal(sent + 1, bed.Posts.Count);
    }

    [Theory]
    [InlineData("pulse clore", "fr-CA", "Synthèse du pouls")]
    [InlineData("pulse close", "en-US", "Pulse summary")]
    [InlineData("pouls clore", "fr-CA", "Synthèse du pouls")]
    [InlineData("Pouls Clôre", "fr-BE", "Synthèse du pouls")]
    public async Task Close_Coordinator_PostsSummaryClosesPulseAndTurnsCardClosed(string command, string locale, string heading)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        foreach (var (person, rating) in new[] { (TestPerson.Amelie, "4"), (TestPerson.Bruno, "2"), (TestPerson.Chris, "5") })
        {
            await PulseFlows.AnswerAsync(bed, person, pulseId, PulseFlows.Rating(rating));
        }

        await FlushPulseCardAsync(bed);
        var before = bed.Posts.Count;

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia with { Locale = locale }, command));
        await FlushPulseCardAsync(bed);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await bed.SentCardAsync(before);
        var text = TestActivities.CardText(summary);
        Assert.Contains(heading, text, StringComparison.Ordinal);
        Assert.Contains(locale == "en-US" ? "3.7" : "3,7", text, StringComparison.Ordinal);
        Assert.Null(await OpenPulseAsync(bed));
        var lastUpdate = bed.Connector.AcceptedActivities.Last(r => r.Operation == ConnectorOperation.UpdateActivity);
        Assert.Contains("Ce pouls est terminé", PulseFlows.TextOf(lastUpdate), StringComparison.Ordinal);
        Assert.Null(ConversationTestBed.FindAction(await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Amelie, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId })), CardVerbs.PulseNext));
    }

    [Fact]
    public async Task Close_TwoAnswersOnly_SummaryHidesDistributions()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, PulseFlows.Rating("4"));
        await PulseFlows.AnswerAsync(bed, TestPerson.Bruno, pulseId, PulseFlows.Rating("1"));
        var before = bed.Posts.Count;

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore"));

        // Assert
        var text = TestActivities.CardText(await bed.SentCardAsync(before));
        Assert.Contains("Pas assez de réponses", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2,5", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_NoOpenPulse_SaysSo()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore"));

        // Assert
        Assert.Contains("Aucun pouls ouvert ici", TestActivities.CardText(await bed.SentCardAsync(0)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadlineSweep_TwoBotInstancesOnOneStorage_ExactlyOneSummaryAndOneClose()
    {
        // Arrange: two hosts sweeping every 100 ms against the same Azurite and the same connector.
        var fast = new Dictionary<string, string?> { ["Concertation:DeadlineSweepInterval"] = "00:00:00.1" };
        await using var first = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], fast);
        await using var second = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], fast, (first.ConversationId, first.TeamId));
        second.Connector.Responder = captured => throw new InvalidOperationException("both hosts must post through the first connector");
        _ = first.Http;
        _ = second.Http;
        var store = first.Factory.Services.GetRequiredService<IPulseStore>();
        var now = DateTimeOffset.UtcNow;
        var pulse = await store.TryOpenAsync(
            new PulseRecord
            {
                PulseId = PulseRecord.NewId(),
                ChannelId = "msteams",
                ConversationId = first.ConversationId,
                ServiceUrl = first.Connector.ServiceUrl,
                ConversationType = "channel",
                TemplateId = "collective-impact",
                TemplateVersion = 1,
                Language = "fr",
                OpenedAt = now.AddDays(-7),
                Deadline = now.AddSeconds(1),
                OpenedByUserId = TestPerson.Nadia.Id,
                CardActivityId = "pulse-card",
            },
            CancellationToken.None);
        Assert.NotNull(pulse);

        // Act: the deadline passes; both instances sweep many times.
        await first.Connector.WaitForActivitiesAsync(1, Wait);
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Assert
        var summaries = first.Connector.AcceptedActivities.Where(r => r.Operation == ConnectorOperation.SendToConversation && PulseFlows.TextOf(r).Contains("Synthèse du pouls", StringComparison.Ordinal)).ToList();
        Assert.Single(summaries);
        var closed = await store.GetAsync("msteams", first.ConversationId, pulse.PulseId, CancellationToken.None);
        Assert.False(closed!.IsOpen);
        Assert.NotNull(closed.SummaryPostedAt);
        Assert.Null(await store.GetOpenAsync("msteams", first.ConversationId, CancellationToken.None));
    }

    [Fact]
    public async Task LiveCount_BurstOf100Answers_AtMostOneUpdatePerSecondAndLastShows100()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        bed.Connector.EnforceTeamsRateLimits = true;
        var pulseId = await PulseFlows.OpenAsync(bed);
        var people = Enumerable.Range(1, 100).Select(i => new TestPerson($"29:partner-{i:000}", $"Partenaire {i}", Guid.NewGuid().ToString(), i % 3 == 0 ? "en-US" : "fr-CA")).ToList();
        var clock = Stopwatch.StartNew();

        // Act: 100 partners answer, 10 at a time.
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (person, _) =>
            await PulseFlows.AnswerAsync(bed, person, pulseId, PulseFlows.Rating("3")));
        await FlushPulseCardAsync(bed);
        var elapsed = clock.Elapsed;

        // Assert
        var updates = bed.Connector.Requests.Where(r => r.Operation == ConnectorOperation.UpdateActivity && r.ResponseStatus is >= 200 and < 300).ToList();
        Assert.InRange(updates.Count, 1, (int)Math.Ceiling(elapsed.TotalSeconds) + 1);
        Assert.Contains("100 réponses", PulseFlows.TextOf(updates[^1]), StringComparison.Ordinal);
        Assert.DoesNotContain(bed.Connector.Requests, r => r.ResponseStatus == 429);
        Assert.Equal(100, (await RowsAsync("PulseAnswers", pulseId)).Count);
    }

    [Fact]
    public async Task Remind_FortyMembersUnderTeamsLimits_AllRemindedOnceAndReported()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        bed.Connector.EnforceTeamsRateLimits = true;
        var members = Members(40);
        bed.Connector.Roster.AddRange(members);
        bed.Connector.Roster.Add(new TeamsChannelAccount { Id = TestPerson.Amelie.Id, Name = TestPerson.Amelie.Name, AadObjectId = TestPerson.Amelie.AadObjectId });
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, PulseFlows.Rating("4"));

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel"));
        var report = await WaitForCardAsync(bed, "Rappels envoyés");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var creates = bed.Connector.Requests.Where(r => r.Operation == ConnectorOperation.CreateConversation && r.ResponseStatus == 201).ToList();
        Assert.Equal(members.Select(m => m.Id).Order(), creates.Select(c => c.Parameters!.Members![0].Id).Order());
        var reminders = bed.Connector.AcceptedActivities.Where(r => r.Operation == ConnectorOperation.SendToConversation && r.ConversationId!.StartsWith("a:conversation-", StringComparison.Ordinal)).ToList();
        Assert.Equal(40, reminders.Count);
        Assert.Equal(40, reminders.Select(r => r.ConversationId).Distinct().Count());
        Assert.DoesNotContain(bed.Connector.Requests, r => r.ResponseStatus == 429);
        AssertWithinTeamsLimits(creates.Select(c => c.ReceivedAt).ToList());
        var text = TestActivities.CardText(report);
        Assert.Contains("40", text, StringComparison.Ordinal);
        Assert.Equal(pulseId, (string?)ConversationTestBed.FindAction(PulseFlows.CardOf(reminders[0]), CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId]);
    }

    [Fact]
    public async Task Remind_Twice_SecondTimeRemindsNobodySaysWhenNextIsPossibleAndFirstReportCountsTheUnreachable()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        bed.Connector.Roster.AddRange(Members(3));
        bed.Connector.Responder = captured => captured.Operation == ConnectorOperation.CreateConversation && captured.Body.Contains("29:member-02", StringComparison.Ordinal)
            ? CannedResponse.Error(403, "BotNotInConversationRoster", "not installed for this user")
            : null;
        await PulseFlows.OpenAsync(bed);
        using var first = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel"));
        var firstReport = TestActivities.CardText(await WaitForCardAsync(bed, "Bilan des rappels"));
        var posts = bed.Posts.Count;
        var accepted = bed.Connector.AcceptedActivities.Count;

        // Act
        using var second = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia with { Locale = "en-US" }, "pulse remind"));
        var activities = await bed.Connector.WaitForActivitiesAsync(accepted + 1, Wait);

        // Assert: the one the app cannot reach is reported once and not retried within 24 h; the second time says why
        // nobody is reminded, and when the next reminder is possible, instead of a report of zeros.
        Assert.Contains("Impossible à joindre\n1", firstReport.Replace("\u00A0", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Rappels envoyés\n2", firstReport, StringComparison.Ordinal);
        Assert.Equal(2, bed.Posts.Count(r => r.ConversationId!.StartsWith("a:conversation-", StringComparison.Ordinal)));
        Assert.Equal(posts + 1, bed.Posts.Count);
        Assert.Contains("Everyone was reminded less than 24 h ago; next reminder possible tomorrow at", PulseFlows.TextOf(bed.Posts[posts]), StringComparison.Ordinal);
        Assert.Single(activities, r => PulseFlows.TextOf(r).Contains("Bilan des rappels", StringComparison.Ordinal) || PulseFlows.TextOf(r).Contains("Reminder report", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReminderCard_RepondreInPersonalChat_OpensTheChannelPulse()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var invoke = await OpenPulseThenReminderCardRepondreAsync(bed, tenantId: "tenant-1");

        // Act
        var step = await bed.InvokeForCardAsync(invoke);
        invoke["id"] = Guid.NewGuid().ToString("N");
        var next = (JsonObject)ConversationTestBed.FindAction(step, CardVerbs.PulseNext)!["data"]!.DeepClone();

        // Assert
        Assert.Equal("roleClarity", (string?)next[CardDataFields.Step]);
        Assert.Equal(bed.ConversationId, (string?)next[CardDataFields.ConversationId]);
    }

    [Fact]
    public async Task ReminderCard_RepondreFromAnotherTenant_ExpiredCardInsteadOfThePulse()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var invoke = await OpenPulseThenReminderCardRepondreAsync(bed, tenantId: "another-tenant");

        // Act
        var card = await bed.InvokeForCardAsync(invoke);

        // Assert
        Assert.Contains("Cette carte a expiré", TestActivities.CardText(card), StringComparison.Ordinal);
        Assert.Null(ConversationTestBed.FindAction(card, CardVerbs.PulseNext));
    }

    [Fact]
    public async Task Participation_RosterOf40With25Answers_EtatRappelLiveCountAndSummaryDerivedFromKeys()
    {
        // Arrange: 40 members, 25 of whom answer; nothing records who they are.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var people = Enumerable.Range(1, 40).Select(i => new TestPerson($"29:member-{i:00}", $"Membre {i}", Guid.NewGuid().ToString(), "fr-CA")).ToList();
        bed.Connector.Roster.AddRange(people.Select(p => new TeamsChannelAccount { Id = p.Id, Name = p.Name, AadObjectId = p.AadObjectId }));
        var pulseId = await PulseFlows.OpenAsync(bed);
        var answering = people.Where((_, i) => i % 8 != 3 && i % 8 != 6).Take(25).ToList();
        await Parallel.ForEachAsync(answering, new ParallelOptions { MaxDegreeOfParallelism = 5 }, async (person, _) =>
            await PulseFlows.AnswerAsync(bed, person, pulseId, PulseFlows.Rating("3")));
        await FlushPulseCardAsync(bed);
        var rosterReadsWhileAnswering = bed.Connector.Requests.Count(r => r.Operation == ConnectorOperation.GetPagedMembers);
        var liveCard = bed.Connector.AcceptedActivities.Last(r => r.Operation == ConnectorOperation.UpdateActivity);
        var statusAt = bed.Posts.Count;

        // Act
        using var status = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse état"));
        var statusText = TestActivities.CardText(await bed.SentCardAsync(statusAt));
        using var remind = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel"));
        var report = TestActivities.CardText(await WaitForCardAsync(bed, "Rappels envoyés"));
        var summaryAt = bed.Posts.Count;
        using var close = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore"));
        var summary = TestActivities.CardText(await bed.SentCardAsync(summaryAt));

        // Assert
        Assert.Contains("25 réponses sur 40 membres", statusText, StringComparison.Ordinal);
        Assert.Contains("25 réponses", PulseFlows.TextOf(liveCard), StringComparison.Ordinal);
        Assert.Equal(people.Select(p => p.Id), PulseFlows.CardOf(liveCard)["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(1, rosterReadsWhileAnswering);
        var reminded = bed.Connector.Requests.Where(r => r.Operation == ConnectorOperation.CreateConversation && r.ResponseStatus == 201)
            .Select(r => r.Parameters!.Members![0].Id).Order(StringComparer.Ordinal);
        Assert.Equal(people.Except(answering).Select(p => p.Id).Order(StringComparer.Ordinal), reminded);
        Assert.Contains("Ont déjà répondu\n25", report.Replace("\u00A0", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("25 réponses sur 40 membres", summary, StringComparison.Ordinal);
    }

    private static List<TeamsChannelAccount> Members(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new TeamsChannelAccount { Id = $"29:member-{i:00}", Name = $"Membre {i}", AadObjectId = Guid.NewGuid().ToString() })];

    private static void AssertWithinTeamsLimits(IReadOnlyList<DateTimeOffset> times)
    {
        foreach (var (window, limit) in CaptureConnectorOptions.TeamsPerThreadLimits)
        {
            foreach (var start in times)
            {
                Assert.True(times.Count(t => t >= start && t - start < window) <= limit, $"more than {limit} creates within {window}");
            }
        }
    }

    private static async Task<JsonObject> WaitForCardAsync(ConversationTestBed bed, string heading)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            var found = bed.Connector.AcceptedActivities.LastOrDefault(r => PulseFlows.TextOf(r).Contains(heading, StringComparison.Ordinal));
            if (found is not null)
            {
                return PulseFlows.CardOf(found);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No card with \"{heading}\" reached the connector.");
    }

    private static async Task FlushPulseCardAsync(ConversationTestBed bed)
    {
        var store = bed.Factory.Services.GetRequiredService<IPulseStore>();
        var refresher = bed.Factory.Services.GetRequiredService<PulseCardRefresher>();
        var pulse = await store.GetLatestAsync("msteams", bed.ConversationId, closedOnly: false, exceptPulseId: null, CancellationToken.None);
        if (pulse is not null)
        {
            await refresher.FlushAsync(pulse, CancellationToken.None);
        }
    }

    private static Task<PulseRecord?> OpenPulseAsync(ConversationTestBed bed) =>
        bed.Factory.Services.GetRequiredService<IPulseStore>().GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None);

    private Task<List<TableEntity>> RowsAsync(string table, string partitionKey) => PulseFlows.RowsAsync(azurite.ConnectionString, table, partitionKey);

    /// <summary>
    /// Opens a pulse, then Bruno's "Répondre" on its reminder card in his personal chat with the bot, in
    /// <paramref name="tenantId"/>.
    /// </summary>
    private static async Task<JsonObject> OpenPulseThenReminderCardRepondreAsync(ConversationTestBed bed, string tenantId)
    {
        var pulseId = await PulseFlows.OpenAsync(bed);
        var invoke = bed.Invoke(TestPerson.Bruno, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId, [CardDataFields.ConversationId] = bed.ConversationId });
        invoke["conversation"] = new JsonObject { ["id"] = "a:personal-bruno", ["conversationType"] = "personal", ["tenantId"] = tenantId };
        return invoke;
    }
}
