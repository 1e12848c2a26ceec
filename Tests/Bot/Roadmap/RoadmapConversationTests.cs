using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Roadmap;
using ConcertationBot.Dialogs.Roadmap;

namespace ConcertationBot.Tests.Bot.Roadmap;

/// <summary>The feuille de route over real HTTP <c>/api/messages</c>, a real Azurite and the loopback capture connector.</summary>
public sealed class RoadmapConversationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static Task<ConversationTestBed> StartAsync(AzuriteFixture azurite) =>
        ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia, TestPerson.Chris]);

    private static async Task<JsonObject> SendAsync(ConversationTestBed bed, TestPerson person, string text)
    {
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(bed.ChannelMessage(person, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await bed.SentCardAsync(before);
    }

    private static ChannelAccount Account(TestPerson person) => new() { Id = person.Id, Name = person.Name, AadObjectId = person.AadObjectId };

    private static CoordinatorScope Scope(ConversationTestBed bed) => RoadmapFlows.Scope(bed);

    private static Task<RoadmapPlan> PlanAsync(ConversationTestBed bed) => RoadmapFlows.PlanAsync(bed);

    private Task<List<TableEntity>> RowsAsync(ConversationTestBed bed) => RoadmapFlows.RowsAsync(azurite.ConnectionString, bed);

    private static string Text(JsonObject card) => RoadmapFlows.Text(card);

    /// <summary>Nadia writes the vision and adds a change; returns its id.</summary>
    private static async Task<string> ArrangeShuttleAsync(ConversationTestBed bed)
    {
        await SendAsync(bed, TestPerson.Nadia, "feuille de route vision : Un quartier où chacun trouve sa place");
        await SendAsync(bed, TestPerson.Nadia, "feuille de route ajouter court : Une navette le samedi");
        return Assert.Single((await PlanAsync(bed)).Items).Id;
    }

    /// <summary>A coordinator's path to an item form: the posted card's refresh (their own view), then "Modifier".</summary>
    private static async Task<JsonObject> OpenFormAsync(ConversationTestBed bed, TestPerson person, string itemId)
    {
        var own = await bed.InvokeForCardAsync(bed.Invoke(person, CardVerbs.RoadmapShow, [], "roadmap-card", trigger: "automatic"));
        Assert.NotNull(CardActions.Find(own, CardVerbs.RoadmapItemEdit));
        return await bed.InvokeForCardAsync(bed.Invoke(person, CardVerbs.RoadmapItemEdit, new JsonObject { [CardDataFields.RoadmapItemId] = itemId }, "roadmap-card"));
    }

    [Fact]
    public async Task Show_PartnerFirstInATableWithoutCoordinator_DoesNotMakeThemCoordinator()
    {
        // Arrange: no configured coordinators and nobody holding the role yet, so the first coordinator command's sender
        // becomes coordinator; a partner only asks to see the feuille de route first.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, []);
        var directory = bed.Factory.Services.GetRequiredService<ICoordinatorDirectory>();

        // Act
        var shown = await SendAsync(bed, TestPerson.Amelie, "feuille de route");

        // Assert: a read-only card, and the role still free for the first coordinator command.
        Assert.Null(shown["refresh"]);
        Assert.False(await directory.HoldsRoleAsync(Scope(bed), Account(TestPerson.Amelie), CancellationToken.None));
        await SendAsync(bed, TestPerson.Nadia, "feuille de route vision : Un quartier où chacun trouve sa place");
        Assert.True(await directory.HoldsRoleAsync(Scope(bed), Account(TestPerson.Nadia), CancellationToken.None));
        Assert.False(await directory.HoldsRoleAsync(Scope(bed), Account(TestPerson.Amelie), CancellationToken.None));
    }

    [Fact]
    public async Task Command_CoordinatorVisionAndItems_CardShowsThemAndRefreshesForTheCoordinatorOnly()
    {
        // Arrange
        await using var bed = await StartAsync(azurite);
        await SendAsync(bed, TestPerson.Nadia, "feuille de route vision : Un quartier où chacun trouve sa place");
        await SendAsync(bed, TestPerson.Nadia, "feuille de route ajouter court : Une navette le samedi");

        // Act
        var card = await SendAsync(bed, TestPerson.Nadia, "feuille de route ajouter long terme : Un centre de santé");

        // Assert
        var text = Text(card);
        Assert.Contains("Un quartier où chacun trouve sa place", text, StringComparison.Ordinal);
        Assert.Contains("Une navette le samedi", text, StringComparison.Ordinal);
        Assert.Contains("Un centre de santé", text, StringComparison.Ordinal);
        Assert.Null(CardActions.Find(card["body"], CardVerbs.RoadmapItemEdit));
        Assert.Equal([TestPerson.Nadia.Id], card["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
        var plan = await PlanAsync(bed);
        Assert.Equal([(RoadmapHorizon.Court, "Une navette le samedi"), (RoadmapHorizon.Long, "Un centre de santé")], plan.Items.Select(i => (i.Horizon, i.Text)));
    }

    [Fact]
    public async Task Command_Partner_ReadOnlyCardWithoutRefreshOrEditAction()
    {
        // Arrange
        await using var bed = await StartAsync(azurite);
        await ArrangeShuttleAsync(bed);

        // Act
        var card = await SendAsync(bed, TestPerson.Amelie, "feuille de route");

        // Assert
        Assert.Contains("Une navette le samedi", Text(card), StringComparison.Ordinal);
        Assert.Null(card["refresh"]);
        Assert.DoesNotContain("Action.Execute", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_PartnerAddsItem_RefusedAndNothingStored()
    {
        // Arrange
        await using var bed = await StartAsync(azurite);

        // Act
        var card = await SendAsync(bed, TestPerson.Amelie, "feuille de route ajouter court : Autre chose");

        // Assert
        Assert.Contains("feuille de route ajouter", Text(card), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(bed));
    }

    [Theory]
    [InlineData(CardVerbs.RoadmapItemSave)]
    [InlineData(CardVerbs.RoadmapItemRemove)]
    [InlineData(CardVerbs.RoadmapItemEdit)]
    public async Task ItemAction_PartnerClicks_RefusalAndNothingStored(string verb)
    {
        // Arrange
        await using var bed = await StartAsync(azurite);
        var itemId = await ArrangeShuttleAsync(bed);
        var before = await RowsAsync(bed);

        // Act
        var card = await bed.InvokeForCardAsync(bed.Invoke(
            TestPerson.Amelie, verb, new JsonObject { [CardDataFields.RoadmapItemId] = itemId, [CardDataFields.RoadmapStatus] = "Atteint" }, "roadmap-card"));

        // Assert
        Assert.Contains("Seule la coordination", Text(card), StringComparison.Ordinal);
        var after = await RowsAsync(bed);
        Assert.Equal(before.Select(r => (r.RowKey, r.ETag)), after.Select(r => (r.RowKey, r.ETag)));
    }

    [Fact]
    public async Task ItemSave_CoordinatorChangesStatusFromTheForm_StoredWithHistoryNamingTheRoleOnly()
    {
        // Arrange
        await using var bed = await StartAsync(azurite);
        var itemId = await ArrangeShuttleAsync(bed);
        var form = await OpenFormAsync(bed, TestPerson.Nadia, itemId);

        // Act
        var card = await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.RoadmapItemSave, new Dictionary<string, string>
        {
            [CardDataFields.RoadmapStatus] = "Atteint",
            [CardDataFields.RoadmapHorizon] = "Court",
            [CardDataFields.RoadmapText] = "Une navette le samedi",
            [CardDataFields.RoadmapIndicator] = "",
            [CardDataFields.RoadmapCarriers] = "Marie Tremblay",
        });

        // Assert
        Assert.Contains("Enregistré.", Text(card), StringComparison.Ordinal);
        Assert.Contains("Atteint", Text(card), StringComparison.Ordinal);
        var item = Assert.Single((await PlanAsync(bed)).Items);
        Assert.Equal((RoadmapStatus.Atteint, "Marie Tremblay", null as string), (item.Status, item.Carriers, item.Indicator));
        var history = (await RowsAsync(bed)).Where(r => r.RowKey.StartsWith("history|", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Carriers", "Status", "Add", "Vision"], history.Select(r => r.GetString("Kind")));
        foreach (var row in history)
        {
            var stored = string.Join("|", row.Select(p => p.Value?.ToString()));
            foreach (var person in new[] { TestPerson.Nadia, TestPerson.Chris })
            {
                Assert.DoesNotContain(person.Id, stored, StringComparison.Ordinal);
                Assert.DoesNotContain(person.Name, stored, StringComparison.Ordinal);
                Assert.DoesNotContain(person.AadObjectId, stored, StringComparison.Ordinal);
            }
        }

        Assert.All(history, r => Assert.Equal(RoadmapHistoryEntry.CoordinatorRole, r.GetString("By")));
    }

    [Fact]
    public async Task ItemSave_TwoCoordinatorsAtOnceFromTheSameForm_NeitherEditLost()
    {
        // Arrange: both open the item's form before either saves.
        await using var bed = await StartAsync(azurite);
        var itemId = await ArrangeShuttleAsync(bed);
        var nadiaForm = await OpenFormAsync(bed, TestPerson.Nadia, itemId);
        var chrisForm = await OpenFormAsync(bed, TestPerson.Chris, itemId);
        Dictionary<string, string> Inputs(string status, string carriers) => new()
        {
            [CardDataFields.RoadmapStatus] = status,
            [CardDataFields.RoadmapHorizon] = "Court",
            [CardDataFields.RoadmapText] = "Une navette le samedi",
            [CardDataFields.RoadmapIndicator] = "",
            [CardDataFields.RoadmapCarriers] = carriers,
        };

        // Act: Nadia changes the status, Chris the carriers, at once.
        await Task.WhenAll(
            bed.ClickAsync(TestPerson.Nadia, nadiaForm, CardVerbs.RoadmapItemSave, Inputs("EnCours", "")),
            bed.ClickAsync(TestPerson.Chris, chrisForm, CardVerbs.RoadmapItemSave, Inputs("AVenir", "Chris, la table")));

        // Assert
        var item = Assert.Single((await PlanAsync(bed)).Items);
        Assert.Equal((RoadmapStatus.EnCours, "Chris, la table"), (item.Status, item.Carriers));
    }

    [Fact]
    public async Task ItemRemove_ThenSaveFromAStaleForm_StaleNoticeAndNothingRecreated()
    {
        // Arrange
        await using var bed = await StartAsync(azurite);
        var itemId = await ArrangeShuttleAsync(bed);
        var form = await OpenFormAsync(bed, TestPerson.Nadia, itemId);
        var removed = await bed.ClickAsync(TestPerson.Chris, await OpenFormAsync(bed, TestPerson.Chris, itemId), CardVerbs.RoadmapItemRemove);

        // Act
        var card = await bed.ClickAsync(TestPerson.Nadia, form, CardVerbs.RoadmapItemSave, new Dictionary<string, string> { [CardDataFields.RoadmapStatus] = "Atteint" });

        // Assert
        Assert.Contains("Removed from the roadmap.", Text(removed), StringComparison.Ordinal);
        Assert.Contains("n'est plus sur la feuille de route", Text(card), StringComparison.Ordinal);
        Assert.Empty((await PlanAsync(bed)).Items);
    }
}
