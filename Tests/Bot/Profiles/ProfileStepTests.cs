using ConcertationBot.Bot.Profiles;

namespace ConcertationBot.Tests.Bot.Profiles;

/// <summary>
/// The profile step a pulse offers once, before its first step, to someone who declared no profile (issue #16), over
/// HTTP <c>/api/messages</c> with Azurite.
/// </summary>
public sealed class ProfileStepTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static async Task<(ConversationTestBed Bed, string PulseId)> StartAsync(string connectionString)
    {
        var bed = await ConversationTestBed.StartAsync(connectionString, [TestPerson.Nadia]);
        bed.PassesProfileStep = false;
        return (bed, await PulseFlows.OpenAsync(bed));
    }

    private static Task<JsonObject> RepondreAsync(ConversationTestBed bed, TestPerson person, string pulseId) =>
        bed.InvokeForCardAsync(bed.Invoke(person, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));

    /// <summary>Clicks the action titled <paramref name="title"/> as Teams does: its data merged with <paramref name="inputs"/>.</summary>
    private static Task<JsonObject> ClickTitledAsync(ConversationTestBed bed, TestPerson person, JsonObject card, string title, Dictionary<string, string>? inputs = null)
    {
        var action = CardJson.Objects(card["actions"]!).Where(o => (string?)o["type"] == "Action.Execute").Single(a => (string?)a["title"] == title);
        var data = (JsonObject)action["data"]!.DeepClone();
        foreach (var (id, value) in inputs ?? [])
        {
            data[id] = value;
        }

        return bed.InvokeForCardAsync(bed.Invoke(person, (string)action["verb"]!, data));
    }

    private Task<List<TableEntity>> ProfileRowsAsync(ConversationTestBed bed) =>
        PulseFlows.RowsAsync(azurite.ConnectionString, ProfileStore.TableName, ProfileScope.Of("msteams", bed.ConversationId, bed.TeamId).Partition);

    [Fact]
    public async Task Repondre_NoProfileDeclared_ProfileFormFirstAndNothingStored()
    {
        // Arrange
        var (bed, pulseId) = await StartAsync(azurite.ConnectionString);
        await using var _ = bed;

        // Act
        var card = await RepondreAsync(bed, TestPerson.Amelie, pulseId);

        // Assert
        var text = TestActivities.CardText(card);
        Assert.Contains("Étape facultative avant le pouls", text, StringComparison.Ordinal);
        Assert.Contains("Mon profil à la table", text, StringComparison.Ordinal);
        Assert.Equal(
            ["Enregistrer et continuer", "Passer"],
            CardJson.Objects(card["actions"]!).Where(o => (string?)o["type"] == "Action.Execute").Select(a => (string?)a["title"]));
        Assert.All(CardJson.Objects(card["actions"]!).Where(o => (string?)o["type"] == "Action.Execute"), a => Assert.Equal(CardVerbs.PulseOpen, (string?)a["verb"]));
        Assert.Null(PulseFlows.StepOf(card));
        Assert.Empty(await ProfileRowsAsync(bed));
    }

    [Fact]
    public async Task SaveAndContinue_ProfileChosen_StoredAndFirstStepThenNotOfferedAgain()
    {
        // Arrange
        var (bed, pulseId) = await StartAsync(azurite.ConnectionString);
        await using var _ = bed;
        var form = await RepondreAsync(bed, TestPerson.Amelie, pulseId);

        // Act
        var first = await ClickTitledAsync(bed, TestPerson.Amelie, form, "Enregistrer et continuer", new()
        {
            [CardDataFields.ProfileCategory] = "communautaire",
            [CardDataFields.ProfileRole] = "terrain",
        });
        var again = await RepondreAsync(bed, TestPerson.Amelie, pulseId);

        // Assert
        Assert.Equal("roleClarity", PulseFlows.StepOf(first));
        var row = Assert.Single(await ProfileRowsAsync(bed));
        Assert.Equal("communautaire", row.GetString("Category"));
        Assert.Equal("terrain", row.GetString("Role"));
        Assert.Equal("roleClarity", PulseFlows.StepOf(again));
    }

    [Fact]
    public async Task Passer_ProfileStep_FirstStepNothingStoredAndNotOfferedAgainForThisPulse()
    {
        // Arrange
        var (bed, pulseId) = await StartAsync(azurite.ConnectionString);
        await using var _ = bed;
        var form = await RepondreAsync(bed, TestPerson.Bruno, pulseId);

        // Act
        var first = await ClickTitledAsync(bed, TestPerson.Bruno, form, "Passer");
        var again = await RepondreAsync(bed, TestPerson.Bruno, pulseId);

        // Assert
        Assert.Equal("roleClarity", PulseFlows.StepOf(first));
        Assert.Equal("roleClarity", PulseFlows.StepOf(again));
        Assert.Empty(await ProfileRowsAsync(bed));
    }

    [Fact]
    public async Task Repondre_ProfileAlreadyDeclared_FirstStepDirectly()
    {
        // Arrange
        var (bed, pulseId) = await StartAsync(azurite.ConnectionString);
        await using var _ = bed;
        var before = bed.Posts.Count;
        using (var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Amelie, "profil")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await bed.ClickAsync(TestPerson.Amelie, await bed.SentCardAsync(before), CardVerbs.ProfileSave, new Dictionary<string, string> { [CardDataFields.ProfileCategory] = "citoyen" });

        // Act
        var card = await RepondreAsync(bed, TestPerson.Amelie, pulseId);

        // Assert
        Assert.Equal("roleClarity", PulseFlows.StepOf(card));
    }

    [Fact]
    public async Task SaveAndContinue_CategoryNotOneOfTheChoices_NothingStoredAndFirstStep()
    {
        // Arrange
        var (bed, pulseId) = await StartAsync(azurite.ConnectionString);
        await using var _ = bed;
        var form = await RepondreAsync(bed, TestPerson.Chris, pulseId);

        // Act
        var first = await ClickTitledAsync(bed, TestPerson.Chris, form, "Save and continue", new() { [CardDataFields.ProfileCategory] = "<script>" });

        // Assert
        Assert.Equal("roleClarity", PulseFlows.StepOf(first));
        Assert.Empty(await ProfileRowsAsync(bed));
    }
}
