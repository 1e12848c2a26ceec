using ConcertationBot.Bot.Privacy;

namespace ConcertationBot.Tests.Bot.Privacy;

/// <summary>Deleting a closed pulse's or vote's per-person rows (on request, and after the retention period), over HTTP.</summary>
public sealed class DeletionAndRetentionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task PulseSupprimer_ConfirmedByCoordinator_OnlyTheSummaryOfThatPulseRemains()
    {
        // Arrange: three answers, one answer in progress, reminders sent, then closed.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var dalia = new TestPerson("29:dalia", "Dalia Haddad", Guid.NewGuid().ToString(), "fr-CA");
        bed.Connector.Roster.AddRange(new[] { TestPerson.Amelie, TestPerson.Bruno, TestPerson.Chris, dalia }
            .Select(p => new TeamsChannelAccount { Id = p.Id, Name = p.Name, AadObjectId = p.AadObjectId }));
        var pulseId = await PulseFlows.OpenAsync(bed);
        foreach (var person in new[] { TestPerson.Amelie, TestPerson.Bruno, TestPerson.Chris })
        {
            await PulseFlows.AnswerAsync(bed, person, pulseId, PulseFlows.Rating("4"));
        }

        await bed.InvokeForCardAsync(bed.Invoke(dalia, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));
        using (await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse rappel")))
        {
            await WaitForTextAsync(bed, "Bilan des rappels");
        }

        using (await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore")))
        {
            await WaitForTextAsync(bed, "Synthèse du pouls");
        }

        Assert.NotEmpty(await RowsAsync(ReminderStore.RemindersTable, pulseId));
        var asked = bed.Posts.Count;
        using var command = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse supprimer"));
        var confirmation = await bed.SentCardAsync(asked);

        // Act
        var done = await bed.ClickAsync(TestPerson.Nadia, confirmation, CardVerbs.PulseDeleteConfirm);

        // Assert
        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        Assert.Contains("Supprimer les réponses de ce pouls", TestActivities.CardText(confirmation), StringComparison.Ordinal);
        Assert.Contains("Données supprimées", TestActivities.CardText(done), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(PulseStore.AnswersTable, pulseId));
        Assert.Empty(await RowsAsync(ReminderStore.RemindersTable, pulseId));
        Assert.Equal(["summary"], (await RowsAsync("BotState", PulseStateKeys.Partition(pulseId))).Select(r => r.RowKey));
        var summary = await bed.Factory.Services.GetRequiredService<IBotStateStore>()
            .ReadAsync(PulseStateKeys.Summary(pulseId), PulseSummaryJsonContext.Default.PulseSummary, CancellationToken.None);
        Assert.NotNull(summary);
        var pulse = await bed.Factory.Services.GetRequiredService<IPulseStore>().GetAsync("msteams", bed.ConversationId, pulseId, CancellationToken.None);
        Assert.NotNull(pulse!.PurgedAt);
    }

    [Fact]
    public async Task PulseSupprimer_Cancelled_NothingDeleted()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await AnsweredByAmelieAndClosedAsync(bed);

        var asked = bed.Posts.Count;
        using var command = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia with { Locale = "en-US" }, "pulse delete"));
        var confirmation = await bed.SentCardAsync(asked);

        // Act
        var cancelled = await bed.ClickAsync(TestPerson.Nadia with { Locale = "en-US" }, confirmation, CardVerbs.DeleteCancel);

        // Assert
        Assert.Contains("Delete this pulse's answers?", TestActivities.CardText(confirmation), StringComparison.Ordinal);
        Assert.Contains("Nothing was deleted", TestActivities.CardText(cancelled), StringComparison.Ordinal);
        Assert.Single(await RowsAsync(PulseStore.AnswersTable, pulseId));
    }

    [Fact]
    public async Task VoteSupprimer_ConfirmedByCoordinator_BallotsGoneResultKept()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité ; Emploi");
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 1));
        await VoteFlows.CastAsync(bed, TestPerson.Bruno, VoteFlows.Single(voteId, 1));
        using (await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote clore")))
        {
        }

        var asked = bed.Posts.Count;
        using var command = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote supprimer"));
        var confirmation = await bed.SentCardAsync(asked);

        // Act
        var done = await bed.ClickAsync(TestPerson.Nadia, confirmation, CardVerbs.VoteDeleteConfirm);

        // Assert
        Assert.Contains("Nos priorités", TestActivities.CardText(confirmation), StringComparison.Ordinal);
        Assert.Contains("Données supprimées", TestActivities.CardText(done), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(VoteStore.BallotsTable, voteId));
        var vote = await bed.Factory.Services.GetRequiredService<IVoteStore>().GetAsync("msteams", bed.ConversationId, voteId, CancellationToken.None);
        Assert.Equal(2, vote!.FinalParticipation);
        Assert.Equal([0, 2, 0], vote.FinalScores);
        Assert.NotNull(vote.PurgedAt);
    }

    [Fact]
    public async Task PulseSupprimer_NonCoordinator_RefusedAndNothingDeleted()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await AnsweredByAmelieAndClosedAsync(bed);

        var asked = bed.Posts.Count;

        // Act
        using var command = await bed.PostAsync(bed.ChannelMessage(TestPerson.Bruno, "pulse supprimer"));
        var refusal = await bed.SentCardAsync(asked);
        var forged = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Bruno, CardVerbs.PulseDeleteConfirm, new JsonObject { [CardDataFields.PulseId] = pulseId }));

        // Assert
        Assert.Null(ConversationTestBed.FindAction(refusal, CardVerbs.PulseDeleteConfirm));
        Assert.Contains("Rien n'a été supprimé", TestActivities.CardText(forged), StringComparison.Ordinal);
        Assert.Single(await RowsAsync(PulseStore.AnswersTable, pulseId));
    }

    [Fact]
    public async Task RetentionSweep_PastTheLimit_OldPerPersonRowsGoneNewerKeptAggregatesKept()
    {
        // Arrange: a pulse and a vote closed 31 days ago, another pair closed today; retention is 30 days.
        var clock = new OffsetClock();
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], new Dictionary<string, string?> { ["Concertation:RetentionDays"] = "30" }, time: clock);
        var (oldPulse, oldVote) = await AnswerVoteAndCloseAsync(bed);
        clock.Advance(TimeSpan.FromDays(31));
        var (newPulse, newVote) = await AnswerVoteAndCloseAsync(bed);

        // Act
        var swept = await bed.Factory.Services.GetRequiredService<RetentionService>().SweepAsync(CancellationToken.None);

        // Assert
        Assert.True(swept.Pulses >= 1 && swept.Votes >= 1, $"swept {swept}"); // other tests of this class share the account
        Assert.Empty(await RowsAsync(PulseStore.AnswersTable, oldPulse));
        Assert.Equal(["summary"], (await RowsAsync("BotState", PulseStateKeys.Partition(oldPulse))).Select(r => r.RowKey));
        Assert.Empty(await RowsAsync(VoteStore.BallotsTable, oldVote));
        Assert.Equal(3, (await RowsAsync(PulseStore.AnswersTable, newPulse)).Count);
        Assert.Equal(3, (await RowsAsync("BotState", PulseStateKeys.Partition(newPulse))).Count(r => r.RowKey != "summary"));
        Assert.Equal(3, (await RowsAsync(VoteStore.BallotsTable, newVote)).Count);
        var kept = await bed.Factory.Services.GetRequiredService<IVoteStore>().GetAsync("msteams", bed.ConversationId, oldVote, CancellationToken.None);
        Assert.Equal(3, kept!.FinalParticipation);
    }

    private static async Task<(string PulseId, string VoteId)> AnswerVoteAndCloseAsync(ConversationTestBed bed)
    {
        var pulseId = await PulseFlows.OpenAsync(bed);
        foreach (var person in new[] { TestPerson.Amelie, TestPerson.Bruno, TestPerson.Chris })
        {
            await PulseFlows.AnswerAsync(bed, person, pulseId, PulseFlows.Rating("3"));
        }

        using (await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore")))
        {
        }

        var voteId = await VoteFlows.OpenAsync(bed, "vote Priorités : Logement ; Mobilité");
        foreach (var person in new[] { TestPerson.Amelie, TestPerson.Bruno, TestPerson.Chris })
        {
            await VoteFlows.CastAsync(bed, person, VoteFlows.Single(voteId, 0));
        }

        using (await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote clore")))
        {
        }

        return (pulseId, voteId);
    }

    /// <summary>A pulse Nadia opened, Amélie answered (rating 4) and Nadia closed; its id.</summary>
    private static async Task<string> AnsweredByAmelieAndClosedAsync(ConversationTestBed bed)
    {
        var pulseId = await PulseFlows.OpenAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, PulseFlows.Rating("4"));
        using (await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore")))
        {
            await WaitForTextAsync(bed, "Synthèse du pouls");
        }

        return pulseId;
    }

    private static async Task WaitForTextAsync(ConversationTestBed bed, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!bed.Connector.AcceptedActivities.Any(r => PulseFlows.TextOf(r).Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No card with \"{text}\".");
            }

            await Task.Delay(50);
        }
    }

    private Task<List<TableEntity>> RowsAsync(string table, string partitionKey) => PulseFlows.RowsAsync(azurite.ConnectionString, table, partitionKey);
}
