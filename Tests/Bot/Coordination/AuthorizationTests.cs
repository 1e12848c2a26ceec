namespace ConcertationBot.Tests.Bot.Coordination;

/// <summary>
/// Non-coordinators cannot open, close, remind, export, grant or fix the language, by command (French and English)
/// or by a crafted card action. Refusals already covered elsewhere: PulseConversationTests
/// (PulseStart_NonCoordinator_…), PulseCoordinationTests (pulse état / rappel / clore / close), PulseExportTests
/// (export, French), VoteConversationTests (vote open, vote clore). This file covers every coordinator command in
/// both languages at once, with an open pulse AND an open vote in place, and asserts the refusal card and that
/// nothing else was stored or sent.
/// </summary>
public sealed class AuthorizationTests
{
    private const string Question = "vote Nos priorités : Logement ; Mobilité";

    [Theory]
    [InlineData("pulse", "fr-CA")]
    [InlineData("pulse démarrer", "fr-CA")]
    [InlineData("pulse démarrer 3 jours", "fr-CA")]
    [InlineData("pulse start", "en-US")]
    [InlineData("pulse état", "fr-CA")]
    [InlineData("pulse status", "en-US")]
    [InlineData("pulse rappel", "fr-CA")]
    [InlineData("pulse remind", "en-US")]
    [InlineData("pulse clore", "fr-CA")]
    [InlineData("pulse close", "en-US")]
    [InlineData("vote Autre question : Oui ; Non", "fr-CA")]
    [InlineData("vote Another question: Yes ; No", "en-US")]
    [InlineData("vote leviers", "fr-CA")]
    [InlineData("vote levers", "en-US")]
    [InlineData("vote clore", "fr-CA")]
    [InlineData("vote close", "en-US")]
    [InlineData("export", "fr-CA")]
    [InlineData("export", "en-US")]
    [InlineData("coordination ajouter", "fr-CA")]
    [InlineData("coordinator add", "en-US")]
    [InlineData("langue english", "fr-CA")]
    [InlineData("language french", "en-US")]
    [InlineData("changements regrouper", "fr-CA")]
    [InlineData("changes group", "en-US")]
    [InlineData("vote changements", "fr-CA")]
    [InlineData("vote changes top 2", "en-US")]
    public async Task CoordinatorCommand_NonCoordinator_RefusalCardAndNothingStoredOrSent(string command, string locale)
    {
        // Arrange: Nadia (the coordinator) has a pulse and a vote open.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var voteId = await VoteFlows.OpenAsync(bed, Question);
        var requestsBefore = bed.Connector.Requests.Count;

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Bruno with { Locale = locale }, command));

        // Assert: one post, the refusal card in the sender's language…
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refusal = await bed.SentCardAsync(bed.Posts.Count - 1);
        var text = TestActivities.CardText(refusal);
        Assert.Contains(locale == "en-US" ? "For coordinators only" : "Réservé à la coordination", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/exports/", refusal.ToJsonString(), StringComparison.Ordinal);
        var after = bed.Connector.Requests.Skip(requestsBefore).ToList();
        var only = Assert.Single(after);
        Assert.Contains(only.Operation, new[] { ConnectorOperation.SendToConversation, ConnectorOperation.ReplyToActivity });

        // …and nothing changed: the same pulse and vote stay open, the conversation keeps its language.
        Assert.Equal(pulseId, (await bed.Factory.Services.GetRequiredService<IPulseStore>().GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None))?.PulseId);
        Assert.Equal(voteId, (await VoteFlows.OpenVoteAsync(bed))?.VoteId);
        var settings = bed.Factory.Services.GetRequiredService<IConversationSettingsStore>();
        Assert.Null(await settings.GetLanguageAsync("msteams", bed.ConversationId, CancellationToken.None));
    }

    [Fact]
    public async Task CoordinatorAdd_NonCoordinatorNamesHimself_RefusedAndStillNotCoordinator()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, Question);
        var grant = bed.ChannelMessage(TestPerson.Bruno, $"coordination ajouter <at>{TestPerson.Bruno.Name}</at>");
        grant["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = $"<at>{TestPerson.Bruno.Name}</at>",
            ["mentioned"] = new JsonObject { ["id"] = TestPerson.Bruno.Id, ["name"] = TestPerson.Bruno.Name, ["aadObjectId"] = TestPerson.Bruno.AadObjectId },
        });

        // Act
        using var granted = await bed.PostAsync(grant);
        using var close = await bed.PostAsync(bed.ChannelMessage(TestPerson.Bruno, "vote clore"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Contains("Réservé à la coordination", TestActivities.CardText(await bed.SentCardAsync(1)), StringComparison.Ordinal);
        Assert.Contains("Réservé à la coordination", TestActivities.CardText(await bed.SentCardAsync(2)), StringComparison.Ordinal);
        Assert.Equal(voteId, (await VoteFlows.OpenVoteAsync(bed))?.VoteId);
    }

    [Theory]
    [InlineData("pulse.start")]
    [InlineData("pulse.close")]
    [InlineData("pulse.remind")]
    [InlineData("pulse.status")]
    [InlineData("pulse.export")]
    [InlineData("vote.start")]
    [InlineData("vote.close")]
    [InlineData("vote.levers")]
    [InlineData("export")]
    [InlineData("coordination.add")]
    [InlineData("language.set")]
    [InlineData("pulse clore")]
    [InlineData("PULSE.SUBMIT")]
    public async Task CardAction_CoordinatorLikeVerbFromNonCoordinator_ChangesNothingAndSendsNothing(string verb)
    {
        // Arrange: no card verb is coordinator-only (CardVerbs); a crafted one with valid-looking data must do nothing.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var voteId = await VoteFlows.OpenAsync(bed, Question);
        var requestsBefore = bed.Connector.Requests.Count;
        var data = new JsonObject
        {
            [CardDataFields.PulseId] = pulseId,
            [CardDataFields.VoteId] = voteId,
            [CardDataFields.ConversationId] = bed.ConversationId,
            ["command"] = "pulse clore",
            ["close"] = true,
        };

        // Act
        using var response = await bed.PostAsync(bed.Invoke(TestPerson.Bruno, verb, data));

        // Assert
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {body}");
        Assert.DoesNotContain("/exports/", body, StringComparison.Ordinal);
        Assert.Empty(bed.Connector.Requests.Skip(requestsBefore));
        Assert.Equal(pulseId, (await bed.Factory.Services.GetRequiredService<IPulseStore>().GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None))?.PulseId);
        Assert.Equal(voteId, (await VoteFlows.OpenVoteAsync(bed))?.VoteId);
        Assert.Equal(0, await bed.Factory.Services.GetRequiredService<IPulseStore>().CountAnswersAsync(pulseId, CancellationToken.None));
    }

    [Theory]
    [InlineData(CardVerbs.PulseOpen)]
    [InlineData(CardVerbs.PulseSubmit)]
    [InlineData(CardVerbs.VoteOpen)]
    [InlineData(CardVerbs.VoteCast)]
    [InlineData(CardVerbs.HelpShow)]
    public async Task CardAction_RespondentVerbWithCoordinatorData_ClosesNothingAndPostsNothing(string verb)
    {
        // Arrange: the real verbs, with data asking for coordinator effects they do not have.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var voteId = await VoteFlows.OpenAsync(bed, Question);
        var postsBefore = bed.Posts.Count;
        var data = new JsonObject
        {
            [CardDataFields.PulseId] = pulseId,
            [CardDataFields.VoteId] = voteId,
            ["verb"] = "vote.close",
            ["command"] = "export",
            ["close"] = true,
            ["coordinator"] = true,
        };

        // Act
        using var response = await bed.PostAsync(bed.Invoke(TestPerson.Bruno, verb, data));

        // Assert
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("/exports/", body, StringComparison.Ordinal);
        Assert.Equal(postsBefore, bed.Posts.Count);
        Assert.Equal(pulseId, (await bed.Factory.Services.GetRequiredService<IPulseStore>().GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None))?.PulseId);
        Assert.Equal(voteId, (await VoteFlows.OpenVoteAsync(bed))?.VoteId);
    }
}
