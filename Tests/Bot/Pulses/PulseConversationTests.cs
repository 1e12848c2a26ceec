namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>The pulse over HTTP <c>/api/messages</c>, with the real host, a real Azurite and the loopback connector.</summary>
public sealed class PulseConversationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>"pouls" (the French word) opens the pulse as "pulse" does.</summary>
    [Theory]
    [InlineData("pulse démarrer 3j")]
    [InlineData("pouls démarrer 3j")]
    [InlineData("POULS 3j")]
    public async Task PulseStart_CoordinatorInChannel_PostsPulseCardAndOpensPulse(string command)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, command));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await bed.SentCardAsync(0);
        var answer = ConversationTestBed.FindAction(card, CardVerbs.PulseOpen);
        Assert.NotNull(answer);
        Assert.Equal("Répondre", (string?)answer["title"]);
        var pulseId = (string?)answer["data"]?[CardDataFields.PulseId];
        Assert.False(string.IsNullOrEmpty(pulseId));
        var text = TestActivities.CardText(card);
        Assert.Contains("0 réponse", text, StringComparison.Ordinal);
        var pulse = Assert.Single(await PulseRowsAsync(bed), e => e.RowKey == pulseId);
        var deadline = pulse.GetDateTimeOffset("Deadline")!.Value;
        Assert.InRange(deadline - DateTimeOffset.UtcNow, TimeSpan.FromDays(3) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(3));
        var sent = Assert.Single(bed.Connector.AcceptedActivities);
        Assert.Equal(bed.ConversationId, sent.ConversationId);
        Assert.Equal(ConnectorOperation.ReplyToActivity, sent.Operation);
        Assert.Equal("1", pulse.GetString("CardActivityId"));
    }

    [Fact]
    public async Task PulseStart_NonCoordinator_GetsRefusalAndOpensNothing()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Bruno, "pulse"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await bed.SentCardAsync(0);
        Assert.Null(ConversationTestBed.FindAction(card, CardVerbs.PulseOpen));
        Assert.Contains("pulse démarrer", TestActivities.CardText(card), StringComparison.Ordinal);
        Assert.Empty(await PulseRowsAsync(bed));
    }

    [Fact]
    public async Task PulseStart_NobodyConfigured_FirstCallerBecomesCoordinatorAndOthersAreToldWho()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString);

        // Act
        using var first = await bed.PostAsync(bed.ChannelMessage(TestPerson.Amelie, "pulse démarrer"));
        using var second = await bed.PostAsync(bed.ChannelMessage(TestPerson.Bruno, "pulse démarrer"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(ConversationTestBed.FindAction(await bed.SentCardAsync(0), CardVerbs.PulseOpen));
        var refusal = await bed.SentCardAsync(1);
        Assert.Null(ConversationTestBed.FindAction(refusal, CardVerbs.PulseOpen));
        Assert.Contains("Amélie Tremblay", TestActivities.CardText(refusal), StringComparison.Ordinal);
        Assert.Single(await PulseRowsAsync(bed), e => e.RowKey != "open");
    }

    [Fact]
    public async Task PulseStart_WhileOneIsOpen_RepostsTheOpenPulse()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse start 48h"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await bed.SentCardAsync(1);
        Assert.Equal(pulseId, (string?)ConversationTestBed.FindAction(card, CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId]);
        Assert.Single(await PulseRowsAsync(bed), e => e.RowKey != "open");
    }

    [Fact]
    public async Task PulseStart_UnreadableDuration_ExplainsAndOpensNothing()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse démarrer 3x"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = TestActivities.CardText(await bed.SentCardAsync(0));
        Assert.Contains("3x", text, StringComparison.Ordinal);
        Assert.Contains("48h", text, StringComparison.Ordinal);
        Assert.Empty(await PulseRowsAsync(bed));
    }

    [Fact]
    public async Task Answer_ThreePartnersInFrenchAndEnglish_StoresExactlyThreeAnonymousAnswers()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);

        // Act
        var amelie = await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, new()
        {
            ["roleClarity"] = new() { [PulseInputIds.Rating] = "4" },
            ["agenda"] = new() { [PulseInputIds.Frein] = "Peu de temps pour se voir", [PulseInputIds.Levier] = "Un *agenda* commun [partagé]" },
        });
        var bruno = await PulseFlows.AnswerAsync(bed, TestPerson.Bruno, pulseId, new()
        {
            ["roleClarity"] = new() { [PulseInputIds.Rating] = "2" },
            ["continuum"] = new() { [PulseInputIds.Choice] = "coordination" },
        });
        var chris = await PulseFlows.AnswerAsync(bed, TestPerson.Chris, pulseId, new()
        {
            ["roleClarity"] = new() { [PulseInputIds.Rating] = PulseInputIds.DontKnow },
            ["change"] = new() { [PulseInputIds.ChangeText] = "Residents now chair the meetings 🎉", [PulseInputIds.Direction] = PulseInputIds.Positive },
        });

        // Assert
        Assert.Contains("Merci", TestActivities.CardText(amelie), StringComparison.Ordinal);
        Assert.Contains("Merci", TestActivities.CardText(bruno), StringComparison.Ordinal);
        Assert.Contains("Thank you", TestActivities.CardText(chris), StringComparison.Ordinal);
        var answers = await AnswerRowsAsync(pulseId);
        Assert.Equal(3, answers.Count);
        Assert.Single(answers, a => a.GetInt32("roleClarity") == 4
            && a.GetString("agenda_frein") == "Peu de temps pour se voir"
            && a.GetString("agenda_levier") == "Un *agenda* commun [partagé]"
            && !a.ContainsKey("continuum"));
        Assert.Single(answers, a => a.GetInt32("roleClarity") == 2 && a.GetString("continuum") == "coordination" && !a.ContainsKey("agenda_frein"));
        Assert.Single(answers, a => a.GetBoolean("roleClarity_dontKnow") == true && !a.ContainsKey("roleClarity")
            && a.GetString("change_text") == "Residents now chair the meetings 🎉" && a.GetString("change_direction") == "positive");
        foreach (var answer in answers)
        {
            AssertAnonymous(answer, TestPerson.Amelie, TestPerson.Bruno, TestPerson.Chris);
        }

        var keys = new RespondentKeys(Microsoft.Extensions.Options.Options.Create(new ConcertationOptions { HashKey = BotApplicationFactory.TestHashKey }));
        Assert.Equal(
            new[] { TestPerson.Amelie, TestPerson.Bruno, TestPerson.Chris }.Select(p => keys.ForPulse(pulseId, p.AadObjectId)).Order(StringComparer.Ordinal),
            answers.Select(a => a.RowKey).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(PulseStore.RetiredParticipationTable, await TableNamesAsync());
    }

    [Fact]
    public async Task Submit_SameInvokeDeliveredTwice_ChangesNothing()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var review = await PulseFlows.WalkToReviewAsync(bed, TestPerson.Amelie, pulseId, new() { ["roleClarity"] = new() { [PulseInputIds.Rating] = "5" } });
        var submit = bed.Invoke(TestPerson.Amelie, CardVerbs.PulseSubmit, (JsonObject)ConversationTestBed.FindAction(review, CardVerbs.PulseSubmit)!["data"]!.DeepClone());
        var first = await bed.InvokeForCardAsync(submit);
        var stored = Assert.Single(await AnswerRowsAsync(pulseId));

        // Act
        var second = await bed.InvokeForCardAsync(submit);

        // Assert
        var after = Assert.Single(await AnswerRowsAsync(pulseId));
        Assert.Equal(stored.ETag, after.ETag);
        Assert.Equal(5, after.GetInt32("roleClarity"));
        Assert.Equal(TestActivities.CardText(first), TestActivities.CardText(second));
        Assert.DoesNotContain(PulseStore.RetiredParticipationTable, await TableNamesAsync());
    }

    [Fact]
    public async Task Next_SameInvokeDeliveredTwice_MovesOneStepOnly()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var first = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Bruno, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));
        var data = (JsonObject)ConversationTestBed.FindAction(first, CardVerbs.PulseNext)!["data"]!.DeepClone();
        data[PulseInputIds.Rating] = "3";
        var next = bed.Invoke(TestPerson.Bruno, CardVerbs.PulseNext, data);

        // Act
        var once = await bed.InvokeForCardAsync(next);
        var twice = await bed.InvokeForCardAsync(next);

        // Assert
        Assert.Equal("agenda", PulseFlows.StepOf(once));
        Assert.Equal("agenda", PulseFlows.StepOf(twice));
        Assert.Equal((int?)ConversationTestBed.FindAction(once, CardVerbs.PulseNext)!["data"]![CardDataFields.Revision],
            (int?)ConversationTestBed.FindAction(twice, CardVerbs.PulseNext)!["data"]![CardDataFields.Revision]);
    }

    [Fact]
    public async Task Next_FreinOverTheLimit_SameStepWithNoticeAndTextKept()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var step1 = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Amelie, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));
        var agenda = await bed.ClickAsync(TestPerson.Amelie, step1, CardVerbs.PulseSkip);
        var tooLong = string.Concat(Enumerable.Repeat("Les partenaires manquent de temps. ", 15));

        // Act
        var again = await bed.ClickAsync(TestPerson.Amelie, agenda, CardVerbs.PulseNext, new Dictionary<string, string> { [PulseInputIds.Frein] = tooLong });

        // Assert
        Assert.Equal("agenda", PulseFlows.StepOf(again));
        Assert.Equal(tooLong.Trim(), (string?)FindInput(again, PulseInputIds.Frein)?["value"]);
        Assert.Contains("500", TestActivities.CardText(again), StringComparison.Ordinal);
        Assert.Empty(await AnswerRowsAsync(pulseId));
    }

    [Fact]
    public async Task PulseOpen_AfterBotRestart_ResumesAtTheSameStep()
    {
        // Arrange
        string pulseId;
        (string, string) conversation;
        await using (var before = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]))
        {
            conversation = (before.ConversationId, before.TeamId);
            pulseId = await PulseFlows.OpenAsync(before);
            var step1 = await before.InvokeForCardAsync(before.Invoke(TestPerson.Chris, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));
            await before.ClickAsync(TestPerson.Chris, step1, CardVerbs.PulseNext, new Dictionary<string, string> { [PulseInputIds.Rating] = "4" });
        }

        await using var after = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], sameConversationAs: conversation);

        // Act
        var resumed = await after.InvokeForCardAsync(after.Invoke(TestPerson.Chris, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));

        // Assert
        Assert.Equal("agenda", PulseFlows.StepOf(resumed));
        var back = await after.ClickAsync(TestPerson.Chris, resumed, CardVerbs.PulseBack);
        Assert.Equal("4", (string?)FindInput(back, PulseInputIds.Rating)?["value"]);
    }

    [Fact]
    public async Task PulseOpen_AutomaticRefreshFromSomeoneWhoNeverAnswered_KeepsTheSharedCard()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);

        // Act
        var card = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Bruno, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }, trigger: "automatic"));

        // Assert
        Assert.NotNull(ConversationTestBed.FindAction(card, CardVerbs.PulseOpen));
        Assert.Null(ConversationTestBed.FindAction(card, CardVerbs.PulseNext));
    }

    [Fact]
    public async Task PulseOpen_RespondentView_RefreshListsOnlyThatUser()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);

        // Act
        var card = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Amelie, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));

        // Assert
        Assert.Equal(PulseFlows.StepIds[0], PulseFlows.StepOf(card));
        Assert.Equal(CardVerbs.PulseOpen, (string?)card["refresh"]?["action"]?["verb"]);
        Assert.Equal([TestPerson.Amelie.Id], card["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task Edit_AfterSubmit_UpdatesTheSameAnswerEntity()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var thanks = await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, new() { ["roleClarity"] = new() { [PulseInputIds.Rating] = "2" } });

        // Act
        var review = await bed.ClickAsync(TestPerson.Amelie, thanks, CardVerbs.PulseEdit);
        var roleStep = await bed.ClickAsync(TestPerson.Amelie, review, CardVerbs.PulseEdit, step: "roleClarity");
        var backToReview = await bed.ClickAsync(TestPerson.Amelie, roleStep, CardVerbs.PulseNext, new Dictionary<string, string> { [PulseInputIds.Rating] = "5" });
        await bed.ClickAsync(TestPerson.Amelie, backToReview, CardVerbs.PulseSubmit);

        // Assert
        var answer = Assert.Single(await AnswerRowsAsync(pulseId));
        Assert.Equal(5, answer.GetInt32("roleClarity"));
    }

    [Fact]
    public async Task Langue_CoordinatorFixesFrench_EnglishPartnerGetsFrenchCards()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var pulseId = await PulseFlows.OpenAsync(bed);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "langue français"));
        var card = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Chris, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Suivant", (string?)ConversationTestBed.FindAction(card, CardVerbs.PulseNext)?["title"]);
    }

    [Fact]
    public async Task CoordinationAjouter_MentionedPartner_CanOpenAPulse()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var grant = bed.ChannelMessage(TestPerson.Nadia, "coordination ajouter <at>Bruno Lambert</at>");
        grant["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>Bruno Lambert</at>",
            ["mentioned"] = new JsonObject { ["id"] = TestPerson.Bruno.Id, ["name"] = TestPerson.Bruno.Name },
        });

        // Act
        using var granted = await bed.PostAsync(grant);
        using var opened = await bed.PostAsync(bed.ChannelMessage(TestPerson.Bruno, "pulse"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Contains("Bruno Lambert", TestActivities.CardText(await bed.SentCardAsync(0)), StringComparison.Ordinal);
        Assert.NotNull(ConversationTestBed.FindAction(await bed.SentCardAsync(1), CardVerbs.PulseOpen));
    }

    private static JsonObject? FindInput(JsonNode? node, string id) => node switch
    {
        JsonObject obj when (string?)obj["id"] == id && ((string?)obj["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true => obj,
        JsonObject obj => obj.Select(p => FindInput(p.Value, id)).FirstOrDefault(found => found is not null),
        JsonArray array => array.Select(item => FindInput(item, id)).FirstOrDefault(found => found is not null),
        _ => null,
    };

    private static void AssertAnonymous(TableEntity answer, params TestPerson[] people)
    {
        Assert.DoesNotContain(answer.Keys, k => k.Contains("user", StringComparison.OrdinalIgnoreCase)
            || k.Contains("aad", StringComparison.OrdinalIgnoreCase) || k.Contains("name", StringComparison.OrdinalIgnoreCase));
        foreach (var person in people)
        {
            foreach (var value in ((IDictionary<string, object>)answer).Values.Append(answer.RowKey).Append(answer.PartitionKey).OfType<string>())
            {
                Assert.DoesNotContain(person.Id, value, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(person.AadObjectId, value, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(person.Name, value, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private async Task<List<TableEntity>> PulseRowsAsync(ConversationTestBed bed)
    {
        var partition = BotStateKey.Compose("conversation", "msteams", bed.ConversationId);
        return await RowsAsync("Pulses", partition);
    }

    private Task<List<TableEntity>> AnswerRowsAsync(string pulseId) => RowsAsync("PulseAnswers", pulseId);

    private async Task<List<string>> TableNamesAsync()
    {
        var names = new List<string>();
        await foreach (var table in new TableServiceClient(azurite.ConnectionString).QueryAsync())
        {
            names.Add(table.Name);
        }

        return names;
    }

    private Task<List<TableEntity>> RowsAsync(string table, string partitionKey) => PulseFlows.RowsAsync(azurite.ConnectionString, table, partitionKey);
}
