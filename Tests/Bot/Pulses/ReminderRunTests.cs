using System.Text.RegularExpressions;

namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>
/// <c>pulse rappel</c> over HTTP, real host, Azurite and the capture connector: a transient failure retries that member
/// and the run goes on, a claim whose send failed for good is given back, the coordinator always gets the report
/// (issue #22 item 4); the first reply says what will happen or why nobody is reminded (issue #20); one progress card
/// updated in place, a second rappel during a run says one is running, several hundred members paged by 200 (issue #23).
/// </summary>
public sealed partial class ReminderRunTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>The most a wait may take before the test fails (never a figure a passing run depends on).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    /// <summary>One request per connector call (each refusal is one try of the run), and short pauses between tries.</summary>
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Bot:Connector:MaxRetries"] = "0",
        ["Reminders:RetryPause"] = "00:00:00.010",
    };

    [Fact]
    public async Task Remind_TeamsRefusesOneMemberTwiceWith503_MemberRetriedAndEveryoneReminded()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], FastRetries);
        bed.Connector.Roster.AddRange(Members(3));
        var refusals = 0;
        bed.Connector.Responder = request => IsCreateFor(request, "29:member-02") && Interlocked.Increment(ref refusals) <= 2
            ? CannedResponse.Error(503, "ServiceUnavailable", "Teams is busy.")
            : null;
        await PulseFlows.OpenAsync(bed);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel"));
        var report = await WaitForReportAsync(bed, 1);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, Volatile.Read(ref refusals));
        Assert.Equal(3, Reminders(bed).Count);
        Assert.Contains("Rappels envoyés\n3", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Pas joint", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_OneMemberRefusedOnEveryTry_OthersRemindedReportPostedAndTheClaimGivenBack()
    {
        // Arrange: member-02 cannot be reached during the first run; Teams lets it through afterwards.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], FastRetries);
        bed.Connector.Roster.AddRange(Members(3));
        var refusing = 1;
        bed.Connector.Responder = request => Volatile.Read(ref refusing) == 1 && IsCreateFor(request, "29:member-02")
            ? CannedResponse.Error(502, "BadGateway", "Teams is busy.")
            : null;
        var pulseId = await PulseFlows.OpenAsync(bed);
        using var first = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel"));
        var firstReport = await WaitForReportAsync(bed, 1);
        var remindedFirst = Reminders(bed).Count;
        var claimsAfterFirst = (await PulseFlows.RowsAsync(azurite.ConnectionString, ReminderStore.RemindersTable, pulseId)).Count;
        Volatile.Write(ref refusing, 0);

        // Act: the coordinator runs it again.
        using var second = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel"));
        var secondReport = await WaitForReportAsync(bed, 2);

        // Assert
        Assert.Equal(3, bed.Connector.Requests.Count(r => IsCreateFor(r, "29:member-02") && r.ResponseStatus == 502));
        Assert.Equal(2, remindedFirst);
        Assert.Equal(2, claimsAfterFirst);
        Assert.Contains("Rappels envoyés\n2", firstReport, StringComparison.Ordinal);
        Assert.Contains("Pas joint pour l'instant\n1", firstReport, StringComparison.Ordinal);
        Assert.Contains("pulse rappel", firstReport, StringComparison.Ordinal);
        Assert.Contains("Rappel envoyé\n1", secondReport, StringComparison.Ordinal);
        Assert.Contains("Rappelés il y a moins de 24 h\n2", secondReport, StringComparison.Ordinal);
        Assert.Equal(3, Reminders(bed).Count);
    }

    [Fact]
    public async Task Remind_NobodyAnsweredYet_FirstReplySaysHowManyWillBeRemindedAndTheReminderNamesTableChannelAndLink()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        bed.Connector.Roster.AddRange(Members(5));
        var pulseId = await PulseFlows.OpenAsync(bed);
        var before = bed.Posts.Count;

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel"));
        var firstReply = TestActivities.CardText(await bed.SentCardAsync(before));
        var report = await WaitForReportAsync(bed, 1);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Je relance 5 membres en privé", firstReply, StringComparison.Ordinal);
        Assert.Contains("0 / 5 relancé", firstReply, StringComparison.Ordinal);
        Assert.DoesNotContain("C'est parti", firstReply, StringComparison.Ordinal);
        Assert.Contains("Rappels envoyés\n5", report, StringComparison.Ordinal);
        var reminder = PulseFlows.CardOf(Reminders(bed)[0]);
        var runs = Normalized(TestActivities.CardText(reminder)).Replace("\n", string.Empty, StringComparison.Ordinal);
        Assert.Contains("Table : Table de quartier Saint-Michel · canal General", runs, StringComparison.Ordinal);
        var link = (string?)FindOpenUrl(reminder)?["url"];
        Assert.NotNull(link);
        Assert.StartsWith("https://teams.microsoft.com/l/message/" + Uri.EscapeDataString(bed.ConversationId) + "/", link, StringComparison.Ordinal);
        Assert.Equal(pulseId, (string?)ConversationTestBed.FindAction(reminder, CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId]);
    }

    [Fact]
    public async Task Remind_SecondTimeWithin24h_SaysWhenTheNextReminderIsPossibleInThePulseTimeZone()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        bed.Connector.Roster.AddRange(Members(2));
        var pulseId = await PulseFlows.OpenAsync(bed);
        using (await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel")))
        {
            await WaitForReportAsync(bed, 1);
        }

        var earliest = (await PulseFlows.RowsAsync(azurite.ConnectionString, ReminderStore.RemindersTable, pulseId))
            .Select(r => r.GetDateTimeOffset("LastSentAt")!.Value).Min();
        var posts = bed.Posts.Count;
        var creates = bed.Connector.Requests.Count(r => r.Operation == ConnectorOperation.CreateConversation);

        // Act
        using var second = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel"));
        var reply = Normalized(PulseFlows.TextOf(await WaitForPostAsync(bed, posts)));

        // Assert: the reason, with the hour in the pulse's time zone (America/Montreal, from the opener's Teams client).
        var expectedClock = Normalized(ReminderWords.ClockTime(LocalTime.In(earliest + PulseReminders.MinimumGap, "America/Montreal"), Language.French));
        Assert.Contains("Tout le monde a été relancé il y a moins de 24 h ; prochain rappel possible demain à " + expectedClock, reply, StringComparison.Ordinal);
        Assert.Equal(posts + 1, bed.Posts.Count);
        Assert.Equal(creates, bed.Connector.Requests.Count(r => r.Operation == ConnectorOperation.CreateConversation));
    }

    [Fact]
    public async Task Remind_EveryoneAnswered_SaysSoAndRemindsNobody()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        bed.Connector.Roster.Add(new TeamsChannelAccount { Id = TestPerson.Amelie.Id, Name = TestPerson.Amelie.Name, AadObjectId = TestPerson.Amelie.AadObjectId });
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, PulseFlows.Rating("4"));
        var posts = bed.Posts.Count;

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia with { Locale = "en-US" }, "pulse remind"));
        var reply = await WaitForPostAsync(bed, posts);

        // Assert
        Assert.Equal("Everyone has answered: nobody to remind.", PulseFlows.TextOf(reply));
        Assert.DoesNotContain(bed.Connector.Requests, r => r.Operation == ConnectorOperation.CreateConversation);
        Assert.Empty(await PulseFlows.RowsAsync(azurite.ConnectionString, ReminderStore.RemindersTable, pulseId));
    }

    [Fact]
    public async Task Remind_WhileARunIsGoing_SecondRappelSaysOneIsRunningAndRemindsNobodyTwice()
    {
        // Arrange: the run waits at its first create-conversation until the test lets it go.
        var pacer = new GatedPacer();
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], services: s => s.AddSingleton<IOutboundPacer>(pacer));
        await HoldARunAtItsFirstMemberAsync(bed, pacer);

        var posts = bed.Posts.Count;

        // Act
        using var second = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel"));
        var secondReply = Normalized(PulseFlows.TextOf(await WaitForPostAsync(bed, posts)));
        pacer.Open.SetResult();
        var report = await WaitForReportAsync(bed, 1);

        // Assert
        Assert.Contains("Un rappel est déjà en cours (0 / 3 relancé)", secondReply, StringComparison.Ordinal);
        Assert.Contains("Rappels envoyés\n3", report, StringComparison.Ordinal);
        Assert.Equal(3, Reminders(bed).Count);
        Assert.Equal(3, Reminders(bed).Select(r => r.ConversationId).Distinct().Count());
    }

    [Fact]
    public async Task Remind_BotStopsMidRun_ClaimsGivenBackPartialReportPostedAndANewRappelRefusedHonestly()
    {
        // Arrange: the run is held at its first create-conversation when the host's shutdown timeout ends.
        var pacer = new GatedPacer();
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], services: s => s.AddSingleton<IOutboundPacer>(pacer));
        var pulseId = await HoldARunAtItsFirstMemberAsync(bed, pacer);

        var background = bed.Factory.Services.GetRequiredService<BackgroundWork>();
        using var shutdownTimeout = new CancellationTokenSource();

        // Act
        var stopping = background.StopAsync(shutdownTimeout.Token);
        await shutdownTimeout.CancelAsync();
        await stopping.WaitAsync(Bound);
        var report = await WaitForReportAsync(bed, 1);
        var posts = bed.Posts.Count;
        using var again = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel"));
        var refusal = Normalized(PulseFlows.TextOf(await WaitForPostAsync(bed, posts)));

        // Assert: nobody reminded, nobody left claimed (the next rappel after the restart reminds all three), the
        // coordinator told the report is partial; after the stop a new run is refused in words, not silently dropped.
        Assert.Empty(Reminders(bed));
        Assert.Empty(await PulseFlows.RowsAsync(azurite.ConnectionString, ReminderStore.RemindersTable, pulseId));
        Assert.Contains("Pas joints pour l'instant\n3", report, StringComparison.Ordinal);
        Assert.Contains("ce bilan est partiel", report, StringComparison.Ordinal);
        Assert.Contains("Le bot redémarre : personne n'a été relancé", refusal, StringComparison.Ordinal);
        Assert.Equal(posts + 1, bed.Posts.Count);
    }

    [Fact]
    public async Task Remind_300MembersPagedBy200_OneProgressCardUpdatedInPlaceEndsAsTheReportWithEveryoneCounted()
    {
        // Arrange: 300 members (two roster pages), 20 of whom answered; the card is updated after every member, and the
        // outbound pacing is lifted so the test does not take Teams' 2.5 minutes (the 40-member test checks the pacing).
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString,
            [TestPerson.Nadia],
            new Dictionary<string, string?> { ["Reminders:ProgressInterval"] = "00:00:00" },
            services: s => s.AddSingleton<IOutboundPacer>(new GatedPacer(open: true)));
        var people = Enumerable.Range(1, 300).Select(i => new TestPerson($"29:member-{i:000}", $"Membre {i}", Guid.NewGuid().ToString(), "fr-CA")).ToList();
        bed.Connector.Roster.AddRange(people.Select(p => new TeamsChannelAccount { Id = p.Id, Name = p.Name, AadObjectId = p.AadObjectId }));
        var pulseId = await PulseFlows.OpenAsync(bed);
        await Parallel.ForEachAsync(people.Take(20), new ParallelOptions { MaxDegreeOfParallelism = 5 }, async (person, _) =>
            await PulseFlows.AnswerAsync(bed, person, pulseId, PulseFlows.Rating("3")));
        var posts = bed.Posts.Count;

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel"));
        var progressPost = await WaitForPostAsync(bed, posts);
        var report = await WaitForReportAsync(bed, 1);

        // Assert: one card posted in the channel for the whole run…
        Assert.Contains("Je relance 280 membres en privé", PulseFlows.TextOf(progressPost), StringComparison.Ordinal);
        Assert.Equal(posts + 1, bed.Posts.Count(r => !r.ConversationId!.StartsWith("a:conversation-", StringComparison.Ordinal)));

        // …updated in place (one message id for every progress update and the report), its count never going back, and
        // ending as the report with everyone counted.
        var updates = bed.Connector.AcceptedActivities
            .Where(r => r.Operation == ConnectorOperation.UpdateActivity && r.ConversationId == progressPost.ConversationId)
            .Where(r => PulseFlows.TextOf(r).Contains("relanc", StringComparison.Ordinal) || PulseFlows.TextOf(r).Contains("Bilan des rappels", StringComparison.Ordinal))
            .ToList();
        Assert.True(updates.Count >= 2, $"{updates.Count} updates");
        Assert.Single(updates.Select(u => u.ActivityId).Distinct());
        var counts = updates.Select(u => ProgressCount().Match(PulseFlows.TextOf(u))).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(counts);
        Assert.Equal(counts.Order(), counts);
        Assert.All(counts, c => Assert.InRange(c, 1, 279));
        Assert.Contains(updates.Select(PulseFlows.TextOf), t => t.Contains("fin estimée vers", StringComparison.Ordinal));
        Assert.Contains("Bilan des rappels", PulseFlows.TextOf(updates[^1]), StringComparison.Ordinal);
        Assert.Contains("Rappels envoyés\n280", report, StringComparison.Ordinal);
        Assert.Contains("Ont déjà répondu\n20", report, StringComparison.Ordinal);
        Assert.Equal(280, Reminders(bed).Count);
        Assert.Equal(people.Skip(20).Select(p => p.Id).Order(StringComparer.Ordinal), bed.Connector.Requests
            .Where(r => r.Operation == ConnectorOperation.CreateConversation && r.ResponseStatus == 201)
            .Select(r => r.Parameters!.Members![0].Id).Order(StringComparer.Ordinal));
        Assert.Contains(bed.Connector.Requests, r => r.Operation == ConnectorOperation.GetPagedMembers && r.Query.Contains("continuationToken", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"(\d+) / 280 relanc")]
    private static partial Regex ProgressCount();

    private static bool IsCreateFor(CapturedRequest request, string memberId) =>
        request.Operation == ConnectorOperation.CreateConversation && request.Parameters?.Members?.FirstOrDefault()?.Id == memberId;

    private static List<CapturedRequest> Reminders(ConversationTestBed bed) =>
        [.. bed.Connector.AcceptedActivities.Where(r => r.Operation == ConnectorOperation.SendToConversation && r.ConversationId!.StartsWith("a:conversation-", StringComparison.Ordinal))];

    private static List<TeamsChannelAccount> Members(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new TeamsChannelAccount { Id = $"29:member-{i:00}", Name = $"Membre {i}", AadObjectId = Guid.NewGuid().ToString() })];

    private static JsonObject? FindOpenUrl(JsonObject card) =>
        card["actions"]?.AsArray().OfType<JsonObject>().FirstOrDefault(a => (string?)a["type"] == "Action.OpenUrl");

    /// <summary>French typography's no-break spaces as plain spaces, so expectations read as typed.</summary>
    private static string Normalized(string text) =>
        text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    /// <summary>The message the bot posted at <paramref name="index"/> (see <see cref="ConversationTestBed.Posts"/>), card or text.</summary>
    private static async Task<CapturedRequest> WaitForPostAsync(ConversationTestBed bed, int index)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (bed.Posts.Count <= index)
        {
            await Task.Delay(20, bound.Token);
        }

        return bed.Posts[index];
    }

    /// <summary>The text of the <paramref name="nth"/> reminder report (1-based), once it reached the connector (as an update or a post).</summary>
    private static async Task<string> WaitForReportAsync(ConversationTestBed bed, int nth)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (true)
        {
            var reports = bed.Connector.AcceptedActivities.Where(r => PulseFlows.TextOf(r).Contains("Bilan des rappels", StringComparison.Ordinal)).ToList();
            if (reports.Count >= nth)
            {
                return Normalized(TestActivities.CardText(PulseFlows.CardOf(reports[nth - 1])));
            }

            await Task.Delay(100, bound.Token);
        }
    }

    /// <summary>
    /// No pacing (every call goes at once), except that the first create-conversation waits for <see cref="Open"/>
    /// (bounded) when the pacer starts closed: a run that is certainly in progress.
    /// </summary>
    private sealed class GatedPacer(bool open = false) : IOutboundPacer
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Open { get; } = Opened(open);

        public async Task WaitAsync(string key, CancellationToken cancellationToken)
        {
            if (key == PulseReminders.CreateConversationKey)
            {
                Entered.TrySetResult();
                await Open.Task.WaitAsync(Bound, cancellationToken);
            }
        }

        private static TaskCompletionSource Opened(bool open)
        {
            var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (open)
            {
                source.SetResult();
            }

            return source;
        }
    }

    /// <summary>
    /// Three members and an open pulse, then <c>pulse rappel</c> whose run waits at its first create-conversation
    /// (<paramref name="pacer"/> entered) until the test lets it go. Returns the pulse id.
    /// </summary>
    private static async Task<string> HoldARunAtItsFirstMemberAsync(ConversationTestBed bed, GatedPacer pacer)
    {
        bed.Connector.Roster.AddRange(Members(3));
        var pulseId = await PulseFlows.OpenAsync(bed);
        using (await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel")))
        {
            await pacer.Entered.Task.WaitAsync(Bound);
        }

        return pulseId;
    }
}
