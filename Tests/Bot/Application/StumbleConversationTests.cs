namespace ConcertationBot.Tests.Bot.Application;

/// <summary>
/// What people stumble on (issue #20), over HTTP <c>/api/messages</c> with the real host, Azurite and the loopback
/// connector: typos, synonyms and out-of-range durations get an answer that says what to do.
/// </summary>
public sealed class StumbleConversationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("puls état", "Je n'ai pas compris « puls état ». Vouliez-vous dire « pulse état » ?")]
    [InlineData("pulse démarer", "Je n'ai pas compris « pulse démarer ». Vouliez-vous dire « pulse démarrer » ?")]
    [InlineData("vote clôturer", "Je n'ai pas compris « vote clôturer ». Vouliez-vous dire « vote clore » ?")]
    public async Task Typo_FrenchCoordinator_AsksDidYouMeanInsteadOfHelpCard(string typed, string expected)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, typed));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await bed.SentCardAsync(0);
        var text = Plain(TestActivities.CardText(card));
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Affiche cette aide", text, StringComparison.Ordinal);
        Assert.NotNull(ConversationTestBed.FindAction(card, CardVerbs.HelpShow));
        Assert.Null(await bed.Factory.Services.GetRequiredService<IPulseStore>().GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None));
        Assert.Single(bed.Posts);
    }

    [Fact]
    public async Task Typo_EnglishConversation_SuggestsTheEnglishCommand()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Chris]);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Chris, "puls status"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = TestActivities.CardText(await bed.SentCardAsync(0));
        Assert.Contains("I did not understand \"puls status\". Did you mean \"pulse status\"?", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PulseStart_ZeroDays_SaysTooShortAndGivesTheRange()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse démarrer 0j"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Plain(TestActivities.CardText(await bed.SentCardAsync(0)));
        Assert.Contains("La durée « 0j » est trop courte : un pouls reste ouvert de 1 heure à 90 jours.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pas compris", text, StringComparison.Ordinal);
        Assert.Null(await bed.Factory.Services.GetRequiredService<IPulseStore>().GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None));
    }

    [Theory]
    [InlineData("pulse fermer")]
    [InlineData("pulse terminer")]
    public async Task PulseSynonym_Coordinator_ClosesThePulse(string command)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await PulseFlows.OpenAsync(bed);
        var store = bed.Factory.Services.GetRequiredService<IPulseStore>();
        Assert.NotNull(await store.GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None));

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, command));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await store.GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None));
    }

    [Theory]
    [InlineData("vote fermer")]
    [InlineData("vote terminer")]
    public async Task VoteSynonym_Coordinator_ClosesTheVoteAndPostsResults(string command)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité");

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, command));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vote clos", TestActivities.CardText(await bed.SentCardAsync(1)), StringComparison.Ordinal);
        Assert.Contains("Résultats du vote", TestActivities.CardText(VoteFlows.LastLiveCard(bed)!), StringComparison.Ordinal);
        var closed = await bed.Factory.Services.GetRequiredService<IVoteStore>().GetAsync("msteams", bed.ConversationId, voteId, CancellationToken.None);
        Assert.NotNull(closed?.ClosedAt);
    }

    [Fact]
    public async Task Cast_DotVotingOverBudget_SaysHowManyPointsAndKeepsWhatWasTyped()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, "vote points 5 Nos priorités : Logement ; Mobilité ; Emploi");

        // Act
        var form = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Amelie, CardVerbs.VoteCast, VoteFlows.Points(voteId, 4, 3, 0)));

        // Assert
        var text = Plain(TestActivities.CardText(form));
        Assert.Contains("Vous avez réparti 7 points sur 5 : retirez-en 2.", text, StringComparison.Ordinal);
        Assert.NotNull(ConversationTestBed.FindAction(form, CardVerbs.VoteCast));
        var values = form["body"]!.AsArray().Where(e => (string?)e?["type"] == "Input.Number").Select(e => (int?)e!["value"]).ToList();
        Assert.Equal([4, 3, 0], values);
    }

    [Fact]
    public async Task VoteClose_NoBallot_SaysNoVoteWithoutRankingTheOptions()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await VoteFlows.OpenAsync(bed, "vote Nos priorités : Logement ; Mobilité");

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote clore"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("aucun vote", TestActivities.CardText(await bed.SentCardAsync(1)), StringComparison.OrdinalIgnoreCase);
        var text = TestActivities.CardText(VoteFlows.LastLiveCard(bed)!);
        Assert.Contains("Aucun vote\n", text, StringComparison.Ordinal);
        Assert.Contains("Logement", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ex æquo", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1. ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditThenPasser_SavedLevier_StaysOnTheReviewAndInTheStoredAnswer()
    {
        // Arrange: Amélie sent a frein and a levier, then opens "Modifier mes réponses" on that step.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var thanks = await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, new()
        {
            ["agenda"] = new() { [PulseInputIds.Frein] = "Manque de temps", [PulseInputIds.Levier] = "Le CLSC prête une salle" },
        });
        var review = await bed.ClickAsync(TestPerson.Amelie, thanks, CardVerbs.PulseEdit);
        var editing = await bed.ClickAsync(TestPerson.Amelie, review, CardVerbs.PulseEdit, step: "agenda");
        Assert.Null(ConversationTestBed.FindAction(editing, CardVerbs.PulseSkip));
        Assert.NotNull(ConversationTestBed.FindAction(editing, CardVerbs.PulseClear));
        Assert.Contains("Effacer cette réponse", TestActivities.CardText(editing), StringComparison.Ordinal);

        // Act: "Passer" as an older card of that step still offers it.
        var stepData = ConversationTestBed.FindAction(editing, CardVerbs.PulseNext)!["data"]!.DeepClone().AsObject();
        var afterSkip = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Amelie, CardVerbs.PulseSkip, stepData));
        var updated = await bed.ClickAsync(TestPerson.Amelie, afterSkip, CardVerbs.PulseSubmit);

        // Assert
        Assert.Contains("Le CLSC prête une salle", TestActivities.CardText(afterSkip), StringComparison.Ordinal);
        Assert.Contains("Le CLSC prête une salle", TestActivities.CardText(updated), StringComparison.Ordinal);
        var answer = Assert.Single(await PulseFlows.RowsAsync(azurite.ConnectionString, "PulseAnswers", pulseId));
        Assert.Equal("Le CLSC prête une salle", answer.GetString("agenda_levier"));
        Assert.Equal("Manque de temps", answer.GetString("agenda_frein"));
    }

    [Fact]
    public async Task EditThenClear_SavedLevier_ErasedOnlyWithThatWord()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var thanks = await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, new()
        {
            ["roleClarity"] = new() { [PulseInputIds.Rating] = "4" },
            ["agenda"] = new() { [PulseInputIds.Levier] = "Le CLSC prête une salle" },
        });
        var review = await bed.ClickAsync(TestPerson.Amelie, thanks, CardVerbs.PulseEdit);
        var editing = await bed.ClickAsync(TestPerson.Amelie, review, CardVerbs.PulseEdit, step: "agenda");

        // Act
        var cleared = await bed.ClickAsync(TestPerson.Amelie, editing, CardVerbs.PulseClear);
        await bed.ClickAsync(TestPerson.Amelie, cleared, CardVerbs.PulseSubmit);

        // Assert
        Assert.DoesNotContain("Le CLSC prête une salle", TestActivities.CardText(cleared), StringComparison.Ordinal);
        Assert.Contains("Sans réponse", TestActivities.CardText(cleared), StringComparison.Ordinal);
        var answer = Assert.Single(await PulseFlows.RowsAsync(azurite.ConnectionString, "PulseAnswers", pulseId));
        Assert.Null(answer.GetString("agenda_levier"));
        Assert.Equal(4, answer.GetInt32("roleClarity"));
    }

    [Fact]
    public async Task RetourAfterTyping_ThenSuivant_TheStepComesBackWithWhatWasTyped()
    {
        // Arrange: Amélie rates, types a frein and a levier on step 2, then goes back.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var step1 = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Amelie, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));
        var step2 = await bed.ClickAsync(TestPerson.Amelie, step1, CardVerbs.PulseNext, new Dictionary<string, string> { [PulseInputIds.Rating] = "4" });
        var typed = new Dictionary<string, string> { [PulseInputIds.Frein] = "Manque de temps", [PulseInputIds.Levier] = "Le CLSC prête une salle" };

        // Act
        var backOnStep1 = await bed.ClickAsync(TestPerson.Amelie, step2, CardVerbs.PulseBack, typed);
        var step2Again = await bed.ClickAsync(TestPerson.Amelie, backOnStep1, CardVerbs.PulseNext, new Dictionary<string, string> { [PulseInputIds.Rating] = "4" });

        // Assert
        Assert.Equal("roleClarity", PulseFlows.StepOf(backOnStep1));
        Assert.Equal("agenda", PulseFlows.StepOf(step2Again));
        Assert.Equal("Manque de temps", InputValue(step2Again, PulseInputIds.Frein));
        Assert.Equal("Le CLSC prête une salle", InputValue(step2Again, PulseInputIds.Levier));
    }

    private static string? InputValue(JsonObject card, string id) =>
        (string?)card["body"]!.AsArray().FirstOrDefault(e => (string?)e?["id"] == id)?["value"];

    /// <summary>French typography puts no-break spaces before « : ? » and inside « »; compare with plain spaces.</summary>
    internal static string Plain(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
