namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>
/// <c>pulse rappel</c> whose instance dies mid-run (issue #19): host A's run is frozen for good in the middle of a
/// member (claimed, not sent), as a SIGKILL leaves it: no lease renewal, no claim given back, no report, no end. Hosts
/// sharing A's Azurite and conversation find the run once its lease has ended and finish it, over HTTP with the capture
/// connector (the pulse's service URL is A's, so every 1:1 send and the report reach A's connector).
/// </summary>
public sealed class ReminderResumeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>Resuming hosts sweep at start only (their clock is not yet past the lease then); the test sweeps by hand.</summary>
    private static readonly Dictionary<string, string?> SweepByHand = new() { ["Reminders:SweepInterval"] = "01:00:00" };

    [Fact]
    public async Task Sweep_RunWhoseInstanceDiedMidMember_LeaseRespectedThenEveryRemainingMemberRemindedOnceAndOneReport()
    {
        // Arrange: 6 members, one of whom answered; A reminds two, claims the third and dies before sending it.
        await using var dead = await DeadRunAsync(remindedBeforeDeath: 2);
        var clock = new OffsetClock();
        await using var other = await ResumingHostAsync(dead, clock);
        var sweep = other.Factory.Services.GetRequiredService<PulseReminderSweep>();

        // Act: a sweep while the lease still holds, then one after it ended.
        var whileLeased = await sweep.SweepOnceAsync(CancellationToken.None);
        var sendsWhileLeased = OneToOneSends(dead.Bed).Count;
        clock.Advance(TimeSpan.FromMinutes(6));
        await sweep.SweepOnceAsync(CancellationToken.None);
        var report = await WaitForOneReportAsync(dead.Bed);

        // Assert
        Assert.Equal(0, whileLeased);
        Assert.Equal(2, sendsWhileLeased);
        AssertEveryNonRespondentRemindedOnce(dead);
        Assert.Equal(ConnectorOperation.UpdateActivity, report.Operation);
        Assert.Equal(dead.ProgressActivityId, report.ActivityId);
        var text = TestActivities.CardText(PulseFlows.CardOf(report)).Replace('\u00A0', ' ');
        Assert.Contains("Rappels envoyés\n5", text, StringComparison.Ordinal);
        Assert.Contains("A déjà répondu\n1", text, StringComparison.Ordinal);
        var rows = await PulseFlows.RowsAsync(azurite.ConnectionString, ReminderStore.RemindersTable, dead.PulseId);
        Assert.DoesNotContain(rows, r => r.RowKey == "|run");
        Assert.All(rows, r => Assert.Equal("sent", r.GetString("State")));
    }

    [Fact]
    public async Task Sweep_TwoHostsRaceForTheSameDeadRun_OneResumesEachMemberRemindedOnceAndOneReport()
    {
        // Arrange
        await using var dead = await DeadRunAsync(remindedBeforeDeath: 3);
        var clock = new OffsetClock();
        await using var second = await ResumingHostAsync(dead, clock);
        await using var third = await ResumingHostAsync(dead, clock);
        var sweeps = new[] { second, third }.Select(b => b.Factory.Services.GetRequiredService<PulseReminderSweep>()).ToList();
        clock.Advance(TimeSpan.FromMinutes(6));

        // Act
        var resumed = await Task.WhenAll(sweeps.Select(s => s.SweepOnceAsync(CancellationToken.None)));
        await WaitForOneReportAsync(dead.Bed);

        // Assert: at most one of the two (the other lost the ETag race; a start-up sweep may have won before both).
        Assert.InRange(resumed.Sum(), 0, 1);
        AssertEveryNonRespondentRemindedOnce(dead);
    }

    [Fact]
    public async Task RunRow_RunInProgress_HoldsWhatResumingNeedsAndNoMemberOrPersonName()
    {
        // Arrange
        await using var dead = await DeadRunAsync(remindedBeforeDeath: 1);

        // Act
        var run = (await PulseFlows.RowsAsync(azurite.ConnectionString, ReminderStore.RemindersTable, dead.PulseId)).Single(r => r.RowKey == "|run");

        // Assert: the properties are the run's work and counts; no value names or identifies a member or the coordinator.
        Assert.Equal(
            ["BotId", "ChannelId", "ChannelName", "Done", "Language", "LeaseUntil", "ProgressActivityId", "ProgressConversationId", "PulseConversationId", "PulseLink", "StartedAt", "TableName", "TimeZone", "Total"],
            run.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order(StringComparer.Ordinal));
        var values = string.Join('\n', run.Select(p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var person in dead.Members.Append(TestPerson.Nadia))
        {
            Assert.DoesNotContain(person.Id, values, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(person.Id), values, StringComparison.Ordinal);
            Assert.DoesNotContain(person.AadObjectId, values, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(person.Name, values, StringComparison.Ordinal);
        }

        Assert.Equal(dead.Bed.ConversationId, run.GetString("PulseConversationId"));
        Assert.Equal(dead.ProgressActivityId, run.GetString("ProgressActivityId"));
        Assert.Equal(5, run.GetInt32("Total"));
    }

    /// <summary>
    /// Host A opens a pulse in a conversation of 6 members (member 6 answers), runs <c>pulse rappel</c> and freezes at
    /// the create-conversation of member <paramref name="remindedBeforeDeath"/> + 1, after claiming them: from then on A
    /// does nothing, as if killed.
    /// </summary>
    private async Task<DeadRun> DeadRunAsync(int remindedBeforeDeath)
    {
        var pacer = new DyingPacer(remindedBeforeDeath);
        var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], services: s => s.AddSingleton<IOutboundPacer>(pacer));
        var members = Enumerable.Range(1, 6).Select(i => new TestPerson($"29:member-{i:00}", $"Membre {i}", Guid.NewGuid().ToString(), "fr-CA")).ToList();
        bed.Connector.Roster.AddRange(members.Select(p => new TeamsChannelAccount { Id = p.Id, Name = p.Name, AadObjectId = p.AadObjectId }));
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, members[5], pulseId, PulseFlows.Rating("4"));
        var posts = bed.Posts.Count;
        using (await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel")))
        {
            await pacer.Died.Task.WaitAsync(Bound);
        }

        var progress = bed.Posts[posts];
        return new DeadRun(bed, pulseId, members, members.Take(5).Select(m => m.Id).ToList(), progress.AssignedId ?? throw new InvalidOperationException("The progress card got no id."));
    }

    /// <summary>Another instance on <paramref name="dead"/>'s storage and conversation, on <paramref name="clock"/>, whose sweep runs by hand.</summary>
    private Task<ConversationTestBed> ResumingHostAsync(DeadRun dead, OffsetClock clock) =>
        ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], SweepByHand, (dead.Bed.ConversationId, dead.Bed.TeamId),
            s => s.AddSingleton<IOutboundPacer>(new DyingPacer(int.MaxValue)), clock);

    private static void AssertEveryNonRespondentRemindedOnce(DeadRun dead)
    {
        var creates = dead.Bed.Connector.Requests
            .Where(r => r.Operation == ConnectorOperation.CreateConversation && r.ResponseStatus == 201)
            .Select(r => r.Parameters!.Members![0].Id!)
            .Order(StringComparer.Ordinal)
            .ToList();
        var sends = OneToOneSends(dead.Bed);
        Assert.Equal(dead.NotAnswered.Order(StringComparer.Ordinal), creates);
        Assert.Equal(dead.NotAnswered.Count, sends.Count);
        Assert.Equal(sends.Count, sends.Select(s => s.ConversationId).Distinct().Count());
    }

    private static List<CapturedRequest> OneToOneSends(ConversationTestBed bed) =>
        [.. bed.Connector.AcceptedActivities.Where(r => r.Operation == ConnectorOperation.SendToConversation && r.ConversationId!.StartsWith("a:conversation-", StringComparison.Ordinal))];

    /// <summary>The reminder report once it reached the connector, after a quiet second in which no second one came.</summary>
    private static async Task<CapturedRequest> WaitForOneReportAsync(ConversationTestBed bed)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (Reports(bed).Count == 0)
        {
            await Task.Delay(50, bound.Token);
        }

        await bed.Connector.WaitForQuietAsync(TimeSpan.FromSeconds(1), Bound, bound.Token);
        return Assert.Single(Reports(bed));
    }

    private static List<CapturedRequest> Reports(ConversationTestBed bed) =>
        [.. bed.Connector.AcceptedActivities.Where(r => PulseFlows.TextOf(r).Contains("Bilan des rappels", StringComparison.Ordinal))];

    private sealed record DeadRun(ConversationTestBed Bed, string PulseId, IReadOnlyList<TestPerson> Members, IReadOnlyList<string> NotAnswered, string ProgressActivityId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Bed.DisposeAsync();
    }

    /// <summary>
    /// No pacing, except that the create-conversation after the first <paramref name="creates"/> never returns (until the
    /// host stops): the run is stuck between a member's claim and its send, renewing nothing.
    /// </summary>
    private sealed class DyingPacer(int creates) : IOutboundPacer
    {
        private int _creates;

        public TaskCompletionSource Died { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task WaitAsync(string key, CancellationToken cancellationToken)
        {
            if (key == PulseReminders.CreateConversationKey && Interlocked.Increment(ref _creates) > creates)
            {
                Died.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }
}
