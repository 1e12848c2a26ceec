using ConcertationBot.Bot.Profiles;

namespace ConcertationBot.Tests.Bot.Profiles;

/// <summary>Declaring a profile (issue #16) over real HTTP <c>/api/messages</c>, a real Azurite and the loopback capture connector.</summary>
public sealed class ProfileConversationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<JsonObject> SendAsync(ConversationTestBed bed, TestPerson person, string text)
    {
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(bed.ChannelMessage(person, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await bed.SentCardAsync(before);
    }

    private static Task<JsonObject> SaveAsync(ConversationTestBed bed, TestPerson person, JsonObject form, string category, string? role = null)
    {
        var inputs = new Dictionary<string, string> { [CardDataFields.ProfileCategory] = category };
        if (role is not null)
        {
            inputs[CardDataFields.ProfileRole] = role;
        }

        return bed.ClickAsync(person, form, CardVerbs.ProfileSave, inputs);
    }

    private static ProfileScope TeamScope(ConversationTestBed bed) => ProfileScope.Of("msteams", bed.ConversationId, bed.TeamId);

    private static string KeyOf(ConversationTestBed bed, TestPerson person, ProfileScope scope) =>
        bed.Factory.Services.GetRequiredService<IRespondentKeys>().ForProfile(scope.Partition, person.AadObjectId);

    private Task<List<TableEntity>> RowsAsync(ProfileScope scope) =>
        PulseFlows.RowsAsync(azurite.ConnectionString, ProfileStore.TableName, scope.Partition);

    private static string Heading(JsonObject card) => (string)card["body"]![0]!["text"]!;

    private static List<(string Title, string Value)> Facts(JsonObject card) =>
        [.. CardJson.OfType(card, "FactSet").Single()["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!))];

    [Fact]
    public async Task Declare_InAChannel_SharedFormThenSaveStoresTheCodesUnderTheProfileKeyAndShowsTheChoice()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString);

        // Act
        var form = await SendAsync(bed, TestPerson.Amelie, "profil");
        var saved = await SaveAsync(bed, TestPerson.Amelie, form, "communautaire", "direction");

        // Assert: the form everyone sees is not pre-filled and offers each person their own.
        Assert.Equal("Mon profil à la table", Heading(form));
        Assert.Null(CardJson.Input(form, CardDataFields.ProfileCategory)["value"]);
        Assert.NotNull(ConversationTestBed.FindAction(form, CardVerbs.ProfileEdit));
        Assert.Equal("Profil enregistré", Heading(saved));
        Assert.Equal([("Catégorie", "Organisme communautaire"), ("Rôle", "Direction / coordination")], Facts(saved));
        Assert.NotNull(ConversationTestBed.FindAction(saved, CardVerbs.ProfileEdit));
        var row = Assert.Single(await RowsAsync(TeamScope(bed)));
        Assert.Equal(KeyOf(bed, TestPerson.Amelie, TeamScope(bed)), row.RowKey);
        Assert.Equal(64, row.RowKey.Length);
        Assert.Equal("communautaire", row.GetString("Category"));
        Assert.Equal("direction", row.GetString("Role"));
    }

    [Fact]
    public async Task Change_ModifierThenSaveAgain_FormShowsTheSavedChoiceAndTheOneRowIsReplaced()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString);
        var form = await SendAsync(bed, TestPerson.Bruno, "profil");
        var saved = await SaveAsync(bed, TestPerson.Bruno, form, "institution-sante", "terrain");

        // Act
        var own = await bed.ClickAsync(TestPerson.Bruno, saved, CardVerbs.ProfileEdit);
        var changed = await SaveAsync(bed, TestPerson.Bruno, own, "citoyen", "aucun");

        // Assert
        Assert.Equal("institution-sante", (string?)CardJson.Input(own, CardDataFields.ProfileCategory)["value"]);
        Assert.Equal("terrain", (string?)CardJson.Input(own, CardDataFields.ProfileRole)["value"]);
        Assert.Equal([("Catégorie", "Citoyen·ne / résident·e"), ("Rôle", "Non précisé")], Facts(changed));
        var row = Assert.Single(await RowsAsync(TeamScope(bed)));
        Assert.Equal("citoyen", row.GetString("Category"));
        Assert.False(row.ContainsKey("Role"));
    }

    [Fact]
    public async Task Delete_ProfilEffacer_RowGoneThenSaysThereIsNone()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString);
        await SaveAsync(bed, TestPerson.Amelie, await SendAsync(bed, TestPerson.Amelie, "profil"), "elu");
        await SaveAsync(bed, TestPerson.Bruno, await SendAsync(bed, TestPerson.Bruno, "profil"), "bailleur");

        // Act
        var deleted = await SendAsync(bed, TestPerson.Amelie, "profil effacer");
        var again = await SendAsync(bed, TestPerson.Amelie, "profil effacer");

        // Assert: only Amélie's profile went.
        Assert.Equal("Profil effacé", Heading(deleted));
        Assert.Equal("Aucun profil", Heading(again));
        var row = Assert.Single(await RowsAsync(TeamScope(bed)));
        Assert.Equal(KeyOf(bed, TestPerson.Bruno, TeamScope(bed)), row.RowKey);
    }

    [Fact]
    public async Task Declare_English_CardsInEnglishAndProfileDeleteWorks()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString);

        // Act
        var form = await SendAsync(bed, TestPerson.Chris, "profile");
        var saved = await SaveAsync(bed, TestPerson.Chris, form, "institution-education");
        var deleted = await SendAsync(bed, TestPerson.Chris, "profile delete");

        // Assert
        Assert.Equal("My profile at the table", Heading(form));
        Assert.Equal([("Category", "Public institution (education)"), ("Role", "Not stated")], Facts(saved));
        Assert.Equal("Profile deleted", Heading(deleted));
        Assert.Empty(await RowsAsync(TeamScope(bed)));
    }

    public static TheoryData<string> CraftedData() =>
    [
        """{"profileCategory":"patron"}""",
        """{"profileCategory":"Communautaire"}""",
        """{"profileCategory":3}""",
        """{"profileCategory":["communautaire"]}""",
        """{"profileCategory":"communautaire","profileRole":"boss"}""",
        """{"profileCategory":"communautaire","profileRole":{"x":1}}""",
        """{"profileRole":"direction"}""",
        """{}""",
        "\"communautaire\"",
    ];

    [Theory]
    [MemberData(nameof(CraftedData))]
    public async Task Save_CraftedData_PoliteCardAndNothingStored(string data)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString);
        var invoke = bed.Invoke(TestPerson.Amelie, CardVerbs.ProfileSave, [], replyToId: "profile-card");
        invoke["value"]!["action"]!["data"] = JsonNode.Parse(data);

        // Act
        var card = await bed.InvokeForCardAsync(invoke);

        // Assert
        Assert.Equal("Profil non enregistré", Heading(card));
        Assert.Contains("rien n'a été enregistré", TestActivities.CardText(card), StringComparison.Ordinal);
        Assert.NotNull(ConversationTestBed.FindAction(card, CardVerbs.ProfileEdit));
        Assert.Empty(await RowsAsync(TeamScope(bed)));
    }

    [Fact]
    public async Task Save_CraftedDataAfterADeclaration_KeepsTheDeclaredProfile()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString);
        await SaveAsync(bed, TestPerson.Amelie, await SendAsync(bed, TestPerson.Amelie, "profil"), "autre", "terrain");

        // Act
        var card = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Amelie, CardVerbs.ProfileSave, new JsonObject { [CardDataFields.ProfileCategory] = "institution" }));

        // Assert
        Assert.Equal("Profil non enregistré", Heading(card));
        var row = Assert.Single(await RowsAsync(TeamScope(bed)));
        Assert.Equal("autre", row.GetString("Category"));
        Assert.Equal("terrain", row.GetString("Role"));
    }

    [Fact]
    public async Task Declare_PersonalChat_StoredForThatConversationAndTheFormShowsItPreFilled()
    {
        // Arrange: a 1:1 chat, outside any team.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString);
        var chat = "a:personal-" + Guid.NewGuid().ToString("N")[..8];
        JsonObject Personal(string type)
        {
            var activity = TestActivities.FromPerson(type, TestPerson.Nadia, bed.Connector.ServiceUrl, chat, "personal", bed.TeamId, bed.ConversationId);
            activity["channelData"]!.AsObject().Remove("team");
            activity["channelData"]!.AsObject().Remove("channel");
            return activity;
        }

        var save = TestActivities.ClickOf(Personal("invoke"), CardVerbs.ProfileSave, new JsonObject { [CardDataFields.ProfileCategory] = "citoyen", [CardDataFields.ProfileRole] = "terrain" });
        var message = Personal("message");
        message["text"] = "profil";

        // Act
        var saved = await bed.InvokeForCardAsync(save);
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(message);
        var form = await bed.SentCardAsync(before);

        // Assert
        Assert.Equal("Profil enregistré", Heading(saved));
        Assert.Equal("citoyen", (string?)CardJson.Input(form, CardDataFields.ProfileCategory)["value"]);
        Assert.Equal("terrain", (string?)CardJson.Input(form, CardDataFields.ProfileRole)["value"]);
        Assert.Null(ConversationTestBed.FindAction(form, CardVerbs.ProfileEdit));
        Assert.Contains("Il vaut pour cette conversation seulement", TestActivities.CardText(form), StringComparison.Ordinal);
        var scope = ProfileScope.Of("msteams", chat, teamId: null);
        Assert.False(scope.InTeam);
        Assert.Equal(KeyOf(bed, TestPerson.Nadia, scope), Assert.Single(await RowsAsync(scope)).RowKey);
        Assert.Empty(await RowsAsync(TeamScope(bed)));
    }

    [Fact]
    public async Task StorageDump_TwoDeclarations_NoRawIdEntraIdOrNameAndKeysUnlikeAnswerKeys()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString);
        TestPerson[] people = [TestPerson.Amelie, TestPerson.Bruno];
        foreach (var person in people)
        {
            await SaveAsync(bed, person, await SendAsync(bed, person, "profil"), "communautaire", "terrain");
        }

        // Act
        var rows = await RowsAsync(TeamScope(bed));

        // Assert
        Assert.Equal(2, rows.Count);
        var keys = bed.Factory.Services.GetRequiredService<IRespondentKeys>();
        foreach (var row in rows)
        {
            Assert.Equal(["Category", "Role"], row.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).Order(StringComparer.Ordinal));
            foreach (var (name, value) in row)
            {
                var written = value?.ToString() ?? string.Empty;
                foreach (var person in people)
                {
                    Assert.DoesNotContain(person.AadObjectId, written, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(person.Id, written, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(person.Id["29:".Length..], written, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(person.Name, written, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(person.Name.Split(' ')[0], written, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(person.Name.Split(' ')[1], written, StringComparison.OrdinalIgnoreCase);
                }

                Assert.DoesNotContain("amelie", name, StringComparison.OrdinalIgnoreCase);
            }

            // The profile key has its own purpose: it is none of the person's pulse or vote keys under the same scope id.
            foreach (var person in people)
            {
                Assert.NotEqual(keys.ForPulse(TeamScope(bed).Partition, person.AadObjectId), row.RowKey);
                Assert.NotEqual(keys.ForVote(TeamScope(bed).Partition, person.AadObjectId), row.RowKey);
            }
        }
    }
}
