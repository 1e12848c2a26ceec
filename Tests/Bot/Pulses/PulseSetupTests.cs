using ConcertationBot.Tests.Bot.Exports;
using ConcertationBot.Tests.Cards.Pulse;

namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>Choosing the pulse over HTTP (issue #16): <c>pulse configurer</c>, the coordinator's own form, opening, the summary and the default.</summary>
public sealed class PulseSetupTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] FourConditions = ["agenda", "mesures", "activites", "communication"];

    [Fact]
    public async Task Setup_FourConditionsChosenPartnersAnswerPulseCloses_SummaryShowsFourConditionsOnly()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act: four conditions, role clarity, no other step; three partners answer; the coordinator closes.
        var (opened, pulseId, walked, summary) = await FourConditionsAnsweredAndClosedAsync(bed);

        // Assert
        Assert.Contains("Pouls ouvert", TestActivities.CardText(opened), StringComparison.Ordinal);
        Assert.All(walked, steps => Assert.Equal(["roleClarity", .. FourConditions], steps));
        var pulse = await bed.Factory.Services.GetRequiredService<IPulseStore>().GetAsync("msteams", bed.ConversationId, pulseId, CancellationToken.None);
        Assert.Equal(TimeSpan.FromHours(72), pulse!.Deadline - pulse.OpenedAt);
        foreach (var condition in new[] { "Agenda partagé", "Mesures partagées et apprentissage stratégique", "Activités qui se renforcent mutuellement", "Communication ouverte et continue" })
        {
            Assert.Contains(condition, summary, StringComparison.Ordinal);
        }

        Assert.Contains("frein agenda Amélie", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Structure de soutien", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Continuum", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Changement le plus significatif", summary, StringComparison.Ordinal);
        Assert.Contains("Clarté des rôles", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_FourConditionsChosen_CompteRenduAndCsvHoldThoseConditionsOnly()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await FourConditionsAnsweredAndClosedAsync(bed);

        // Act
        var (markdownLink, csvLink) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        var markdown = await bed.Http.GetStringAsync(markdownLink);
        var csvHeader = (await bed.Http.GetStringAsync(csvLink)).Split('\n')[0];

        // Assert: the compte-rendu follows the pulse's own template, not the default one.
        foreach (var condition in new[] { "Agenda partagé", "Mesures partagées et apprentissage stratégique", "Activités qui se renforcent mutuellement", "Communication ouverte et continue" })
        {
            Assert.Contains("### " + condition, markdown, StringComparison.Ordinal);
            Assert.Contains(condition, csvHeader, StringComparison.Ordinal);
        }

        Assert.Contains("frein agenda Amélie", markdown, StringComparison.Ordinal);
        Assert.Contains("## Clarté des rôles", markdown, StringComparison.Ordinal);
        foreach (var unasked in new[] { "Structure de soutien", "Continuum", "Changements les plus significatifs" })
        {
            Assert.DoesNotContain(unasked, markdown, StringComparison.Ordinal);
            Assert.DoesNotContain(unasked, csvHeader, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_AfterSetup_OpensWithTheConversationsDefault()
    {
        // Arrange: a first pulse configured with two conditions and the continuum, then closed.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var form = await FormAsync(bed, "pouls configurer");
        await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.PulseSetupOpen, Inputs("48", "false", ["soutien", "agenda", "continuum"]));
        using (await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore")))
        {
        }

        // Act
        var pulseId = await PulseFlows.OpenAsync(bed);
        var steps = await AnswerEveryStepAsync(bed, TestPerson.Amelie, pulseId, "4");
        var form2 = await FormAsync(bed, "pulse setup");

        // Assert
        Assert.Equal(["agenda", "soutien", "continuum"], steps);
        var pulse = await bed.Factory.Services.GetRequiredService<IPulseStore>().GetAsync("msteams", bed.ConversationId, pulseId, CancellationToken.None);
        Assert.Equal(TimeSpan.FromHours(48), pulse!.Deadline - pulse.OpenedAt);
        Assert.True(pulse.ProfilesHidden);
        Assert.Contains("déjà ouvert", TestActivities.CardText(form2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_NoConditionChosen_FormAgainWithErrorNothingOpenedNothingStored()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var form = await FormAsync(bed, "pulse configurer");
        var before = bed.Posts.Count;

        // Act
        var again = await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.PulseSetupOpen, Inputs("24", "true", ["roleClarity", "change"]));

        // Assert
        Assert.Contains("Choisissez au moins une condition", TestActivities.CardText(again), StringComparison.Ordinal);
        Assert.Equal("true", (string?)CardActionsOf(again)[CardDataFields.SetupStepPrefix + "change"]);
        Assert.Equal("false", (string?)CardActionsOf(again)[CardDataFields.SetupStepPrefix + "agenda"]);
        Assert.Equal(before, bed.Posts.Count);
        Assert.Null(await bed.Factory.Services.GetRequiredService<IPulseStore>().GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None));
        Assert.Null(await bed.Factory.Services.GetRequiredService<IPulseSetupStore>().GetAsync("msteams", bed.ConversationId, CancellationToken.None));
    }

    [Fact]
    public async Task Open_PulseAlreadyOpen_NothingOpenedChoiceKeptAsDefault()
    {
        // Arrange: the form shown before someone opened a pulse with pulse démarrer.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var form = await FormAsync(bed, "pulse configurer");
        var running = await PulseFlows.OpenAsync(bed);
        var before = bed.Posts.Count;

        // Act
        var answer = await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.PulseSetupOpen, Inputs("24", "true", ["agenda"]));

        // Assert
        var text = TestActivities.CardText(answer);
        Assert.Contains("Un pouls est déjà ouvert", text, StringComparison.Ordinal);
        Assert.Contains("Votre choix est gardé", text, StringComparison.Ordinal);
        Assert.Equal(before, bed.Posts.Count);
        Assert.Equal(running, (await bed.Factory.Services.GetRequiredService<IPulseStore>().GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None))!.PulseId);
        Assert.Equal(["agenda"], (await bed.Factory.Services.GetRequiredService<IPulseSetupStore>().GetAsync("msteams", bed.ConversationId, CancellationToken.None))!.StepIds);
    }

    [Fact]
    public async Task Setup_NonCoordinator_RefusedAndTheirClickGetsNoForm()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var before = bed.Posts.Count;

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Bruno, "pulse configurer"));
        var refusal = TestActivities.CardText(await bed.SentCardAsync(before));
        var shown = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Bruno, CardVerbs.PulseSetupShow, [], replyToId: "setup-card"));
        var opened = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Bruno, CardVerbs.PulseSetupOpen, new JsonObject([.. Inputs("24", "true", ["agenda"]).Select(i => KeyValuePair.Create(i.Key, (JsonNode?)i.Value))]), replyToId: "setup-card"));

        // Assert
        Assert.Contains("pulse configurer", refusal, StringComparison.Ordinal);
        Assert.Contains("Réservé à la coordination", TestActivities.CardText(shown), StringComparison.Ordinal);
        Assert.Contains("Réservé à la coordination", TestActivities.CardText(opened), StringComparison.Ordinal);
        Assert.Equal(before + 1, bed.Posts.Count);
        Assert.Null(await bed.Factory.Services.GetRequiredService<IPulseStore>().GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None));
    }

    [Fact]
    public async Task Setup_Channel_SharedCardRefreshesForTheCoordinatorOnlyAndFormPrefilledWithDefault()
    {
        // Arrange: a default chosen earlier (two conditions, no profiles, two weeks), its pulse closed since.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var first = await FormAsync(bed, "pulse configurer");
        await bed.ClickAsync(TestPerson.Nadia, first, CardVerbs.PulseSetupOpen, Inputs("336", "false", ["mesures", "soutien"]));
        using (await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse close")))
        {
        }

        var before = bed.Posts.Count;

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse setup"));
        var shared = await bed.SentCardAsync(before);
        var form = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Nadia, CardVerbs.PulseSetupShow, [], replyToId: "setup-card", trigger: "automatic"));

        // Assert
        Assert.Equal(["29:nadia"], shared["refresh"]!["userIds"]!.AsArray().Select(u => (string?)u));
        Assert.Empty(Toggles(shared));
        var toggles = CardActionsOf(form);
        Assert.Equal(["mesures", "soutien"], toggles.Where(t => t.Key.StartsWith(CardDataFields.SetupStepPrefix, StringComparison.Ordinal) && (string?)t.Value == "true").Select(t => t.Key[CardDataFields.SetupStepPrefix.Length..]));
        Assert.Equal("false", (string?)toggles[CardDataFields.SetupProfiles]);
        Assert.Equal("336", (string?)toggles[CardDataFields.SetupDuration]);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task Setup_ProfileToggle_SummaryShowsParticipationByProfileOnlyWhenChosen(string profiles, bool shown)
    {
        // Arrange: three members who declared a profile, all of whom answer.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        TestPerson[] members = [TestPerson.Amelie, TestPerson.Bruno, TestPerson.Chris];
        bed.Connector.Roster.AddRange(members.Select(p => new TeamsChannelAccount { Id = p.Id, Name = p.Name, AadObjectId = p.AadObjectId }));
        foreach (var person in members)
        {
            await bed.InvokeForCardAsync(bed.Invoke(person, CardVerbs.ProfileSave, new JsonObject { [CardDataFields.ProfileCategory] = "communautaire" }, replyToId: "profile-card"));
        }

        var form = await FormAsync(bed, "pulse configurer");
        var before = bed.Posts.Count;
        await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.PulseSetupOpen, Inputs("168", profiles, ["roleClarity", "agenda"]));
        var pulseId = await PulseIdAsync(bed, before);
        foreach (var person in members)
        {
            await AnswerEveryStepAsync(bed, person, pulseId, "4");
        }

        // Act
        var summaryAt = bed.Posts.Count;
        using var close = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore"));
        var text = TestActivities.CardText(await bed.SentCardAsync(summaryAt));

        // Assert
        Assert.Contains("3 réponses sur 3 membres", text, StringComparison.Ordinal);
        Assert.Equal(shown, text.Contains("Participation par profil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Setup_PersonalChat_FormIsTheReply()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var message = bed.ChannelMessage(TestPerson.Nadia, "pulse setup", conversationId: "a:personal-nadia");
        message["conversation"]!["conversationType"] = "personal";
        message["conversation"]!["isGroup"] = false;
        var before = bed.Posts.Count;

        // Act
        using var response = await bed.PostAsync(message);
        var card = await bed.SentCardAsync(before);

        // Assert
        Assert.Null(card["refresh"]);
        Assert.Equal(PulseFlows.StepIds.Length + 1, Toggles(card).Count);
        Assert.NotNull(ConversationTestBed.FindAction(card, CardVerbs.PulseSetupOpen));
    }

    /// <summary>
    /// Nadia configures four conditions and role clarity (72 h, profiles on) and opens the pulse; Amélie, Bruno and Chris
    /// answer every step; she closes it. Returns her confirmation, the pulse id, the steps each walked and the summary's text.
    /// </summary>
    private static async Task<(JsonObject Opened, string PulseId, List<IReadOnlyList<string>> Walked, string Summary)> FourConditionsAnsweredAndClosedAsync(ConversationTestBed bed)
    {
        var form = await FormAsync(bed, "pulse configurer");
        var before = bed.Posts.Count;
        var opened = await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.PulseSetupOpen, Inputs("72", "true", ["roleClarity", .. FourConditions]));
        var pulseId = await PulseIdAsync(bed, before);
        var walked = new List<IReadOnlyList<string>>();
        foreach (var (person, rating) in new[] { (TestPerson.Amelie, "4"), (TestPerson.Bruno, "3"), (TestPerson.Chris, "5") })
        {
            walked.Add(await AnswerEveryStepAsync(bed, person, pulseId, rating));
        }

        var beforeClose = bed.Posts.Count;
        using var close = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore"));
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        return (opened, pulseId, walked, TestActivities.CardText(await bed.SentCardAsync(beforeClose)));
    }

    /// <summary>Sends the command as Nadia and returns her own form (the shared card's refresh in a channel).</summary>
    private static async Task<JsonObject> FormAsync(ConversationTestBed bed, string command)
    {
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, command));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shared = await bed.SentCardAsync(before);
        Assert.Equal(CardVerbs.PulseSetupShow, (string?)shared["refresh"]?["action"]?["verb"]);
        return await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Nadia, CardVerbs.PulseSetupShow, [], replyToId: "setup-card", trigger: "automatic"));
    }

    /// <summary>The form's inputs as Teams sends them: every step's toggle, the profile toggle and the duration.</summary>
    private static Dictionary<string, string> Inputs(string durationHours, string profiles, string[] on)
    {
        var inputs = new Dictionary<string, string> { [CardDataFields.SetupDuration] = durationHours, [CardDataFields.SetupProfiles] = profiles };
        foreach (var step in PulseFlows.StepIds)
        {
            inputs[CardDataFields.SetupStepPrefix + step] = on.Contains(step) ? "true" : "false";
        }

        return inputs;
    }

    /// <summary>The pulse id on the pulse card posted at or after <paramref name="from"/>.</summary>
    private static async Task<string> PulseIdAsync(ConversationTestBed bed, int from)
    {
        var card = await bed.SentCardAsync(from);
        return (string?)ConversationTestBed.FindAction(card, CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId]
            ?? throw new InvalidOperationException("The pulse card has no Répondre action: " + card.ToJsonString());
    }

    /// <summary>"Répondre", then every step the pulse asks answered (a rating, or a frein and a levier), then "Envoyer"; the steps walked.</summary>
    private static async Task<IReadOnlyList<string>> AnswerEveryStepAsync(ConversationTestBed bed, TestPerson person, string pulseId, string rating)
    {
        var card = await bed.InvokeForCardAsync(bed.Invoke(person, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));
        var steps = new List<string>();
        while (PulseFlows.StepOf(card) is { } step)
        {
            steps.Add(step);
            var first = person.Name.Split(' ')[0];
            Dictionary<string, string> inputs = step switch
            {
                "roleClarity" => new() { [PulseInputIds.Rating] = rating },
                "continuum" or "change" => [],
                _ => new() { [PulseInputIds.Frein] = $"frein {step} {first}", [PulseInputIds.Levier] = $"levier {step} {first}" },
            };
            card = inputs.Count == 0 ? await bed.ClickAsync(person, card, CardVerbs.PulseSkip) : await bed.ClickAsync(person, card, CardVerbs.PulseNext, inputs);
            Assert.True(steps.Count <= PulseFlows.StepIds.Length, "The walk does not end.");
        }

        await bed.ClickAsync(person, card, CardVerbs.PulseSubmit);
        return steps;
    }

    private static List<JsonObject> Toggles(JsonObject card) =>
        [.. CardJson.Objects(card).Where(o => (string?)o["type"] == "Input.Toggle")];

    /// <summary>Every input's id and value on the card, as a client would send them.</summary>
    private static Dictionary<string, JsonNode?> CardActionsOf(JsonObject card) =>
        CardJson.Objects(card)
            .Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .ToDictionary(o => (string)o["id"]!, o => o["value"]?.DeepClone());
}
