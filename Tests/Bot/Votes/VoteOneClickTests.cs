namespace ConcertationBot.Tests.Bot.Votes;

/// <summary>
/// Single-choice votes in one click (issue #15) over real HTTP <c>/api/messages</c>, a real Azurite and the loopback
/// capture connector: a click on an option's button on the shared card stores the ballot.
/// </summary>
public sealed class VoteOneClickTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Priorities = "vote Nos priorités pour 2027 : Logement ; Mobilité ; Emploi des jeunes";

    [Fact]
    public async Task Choose_OneClickOnAnOptionOfTheSharedCard_StoresExactlyOneAnonymousBallotAndAnswersWithTheOwnView()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);
        var shared = await bed.SentCardAsync(0);

        // Act: Amélie clicks "Mobilité" on the card in the channel.
        var own = await VoteFlows.ClickOptionAsync(bed, TestPerson.Amelie, shared, 1);

        // Assert: the shared card offers one button per option; one ballot, under the keyed hash only.
        Assert.Equal(3, VoteFlows.ChooseButtons(shared).Count);
        var ballot = Assert.Single(await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3));
        Assert.Equal([0, 1, 0], ballot.Value);
        Assert.Equal(64, ballot.Key.Length);
        var row = Assert.Single(await PulseFlows.RowsAsync(azurite.ConnectionString, "VoteBallots", voteId), r => r.RowKey != "~fence");
        foreach (var (name, value) in row)
        {
            var written = value?.ToString() ?? string.Empty;
            Assert.DoesNotContain(TestPerson.Amelie.AadObjectId, written, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(TestPerson.Amelie.Id, written, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Amélie", written, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("amelie", name, StringComparison.OrdinalIgnoreCase);
        }

        // The answer is Amélie's own view: her choice marked, "Modifier mon vote", only her refresh. (Its participation
        // is the count of the last card update, as after a form submit: it may not include this ballot yet.)
        Assert.True(VoteFlows.IsConfirmation(new JsonObject { ["statusCode"] = 200, ["value"] = own.DeepClone() }.ToJsonString()));
        var text = TestActivities.CardText(own);
        Assert.Contains("Votre vote est enregistré", text, StringComparison.Ordinal);
        Assert.Contains("Modifier mon vote", text, StringComparison.Ordinal);
        var marked = Assert.Single(VoteFlows.ChooseButtons(own), b => ((string)b["title"]!).StartsWith('✓'));
        Assert.Equal(1, (int?)marked["data"]![CardDataFields.Option]);
        Assert.Equal([TestPerson.Amelie.Id], own["refresh"]?["userIds"]?.AsArray().Select(id => (string?)id));

        // The live card in the channel is refreshed as after a form submit.
        await VoteFlows.FlushAsync(bed, voteId);
        var live = VoteFlows.LastLiveCard(bed);
        Assert.NotNull(live);
        Assert.Contains("1 vote\n", TestActivities.CardText(live), StringComparison.Ordinal);
        Assert.Equal(3, VoteFlows.ChooseButtons(live).Count);
    }

    [Fact]
    public async Task Choose_SecondClickOnAnotherOption_ReplacesTheBallot()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);
        var first = await VoteFlows.ClickOptionAsync(bed, TestPerson.Bruno, await bed.SentCardAsync(0), 0);
        await VoteFlows.FlushAsync(bed, voteId);

        // Act: from his own view, Bruno clicks "Emploi des jeunes".
        var second = await VoteFlows.ClickOptionAsync(bed, TestPerson.Bruno, first, 2);

        // Assert
        var ballot = Assert.Single(await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3));
        Assert.Equal([0, 0, 1], ballot.Value);
        var marked = Assert.Single(VoteFlows.ChooseButtons(second), b => ((string)b["title"]!).StartsWith('✓'));
        Assert.Equal(2, (int?)marked["data"]![CardDataFields.Option]);
        Assert.Contains("1 vote\n", TestActivities.CardText(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choose_AfterTheClose_ClosedCardAndNothingStored()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);
        var shared = await bed.SentCardAsync(0);
        using (var closing = await VoteFlows.CloseAsync(bed))
        {
            Assert.Equal(HttpStatusCode.OK, closing.StatusCode);
        }

        // Act: a click on the card as it was before the close.
        var card = await VoteFlows.ClickOptionAsync(bed, TestPerson.Amelie, shared, 0);

        // Assert
        Assert.True(VoteFlows.IsResultsCard(card));
        Assert.Empty(VoteFlows.ChooseButtons(card));
        Assert.Null(ConversationTestBed.FindAction(card, CardVerbs.VoteOpen));
        Assert.Empty(await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3));
    }

    [Fact]
    public async Task Open_OldCardWithOnlyVoter_StillOpensTheFormAndItsBallotIsStored()
    {
        // Arrange: a card posted before one-click voting has only "Voter" (vote.open with the vote id).
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);
        var oldCard = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.Execute", ["verb"] = "vote.open", ["title"] = "Voter", ["data"] = new JsonObject { ["voteId"] = voteId } }),
        };

        // Act
        var form = await bed.ClickAsync(TestPerson.Amelie, oldCard, "vote.open");
        var confirmed = await bed.ClickAsync(TestPerson.Amelie, form, CardVerbs.VoteCast, new Dictionary<string, string> { [VoteInputIds.Choice] = "2" });

        // Assert
        Assert.NotNull(ConversationTestBed.FindAction(form, CardVerbs.VoteCast));
        Assert.Contains("Emploi des jeunes", TestActivities.CardText(confirmed), StringComparison.Ordinal);
        var ballot = Assert.Single(await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3));
        Assert.Equal([0, 0, 1], ballot.Value);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    [InlineData(null)]
    public async Task Choose_UnknownOption_BallotFormWithANoticeAndNothingStored(int? option)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);
        var data = new JsonObject { [CardDataFields.VoteId] = voteId };
        if (option is { } index)
        {
            data[CardDataFields.Option] = index;
        }

        // Act
        var card = await VoteFlows.ChooseAsync(bed, TestPerson.Amelie, data);

        // Assert
        AssertBallotFormWithTheUnknownChoiceNotice(card);
        Assert.Empty(await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3));
    }

    [Fact]
    public async Task Choose_OnATopNVote_BallotFormWithANoticeAndNothingStored()
    {
        // Arrange: a crafted click on a vote that is not single-choice.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, "vote top 2 Priorités : Logement ; Mobilité ; Emploi ; Culture");
        var shared = await bed.SentCardAsync(0);

        // Act
        var card = await VoteFlows.ChooseAsync(bed, TestPerson.Amelie, VoteFlows.Choice(voteId, 1));

        // Assert
        Assert.Empty(VoteFlows.ChooseButtons(shared));
        AssertBallotFormWithTheUnknownChoiceNotice(card);
        Assert.Empty(await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 4));
    }

    [Fact]
    public async Task Choose_EnglishVoter_OwnViewInEnglish()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);

        // Act
        var own = await VoteFlows.ChooseAsync(bed, TestPerson.Chris, VoteFlows.Choice(voteId, 0));

        // Assert
        var text = TestActivities.CardText(own);
        Assert.Contains("Your vote is recorded", text, StringComparison.Ordinal);
        Assert.Contains("Change my vote", text, StringComparison.Ordinal);
        var ballot = Assert.Single(await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3));
        Assert.Equal([1, 0, 0], ballot.Value);
    }

    [Fact]
    public async Task Choose_CloseHasRemovedTheFenceButNotYetMarkedTheVote_ClosedCardSaysNotCountedAndNothingStored()
    {
        // Arrange: the vote is open and cached; a close on another instance has just removed the fence (its first step)
        // and not yet marked the vote's row closed when Amélie's ballot is written.
        var hooks = new StorageHooks();
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], services: s => s.AddSingleton(hooks.Client(azurite.ConnectionString)));
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);
        await VoteFlows.ChooseAsync(bed, TestPerson.Bruno, VoteFlows.Choice(voteId, 0));
        var ballots = new TableServiceClient(azurite.ConnectionString).GetTableClient("VoteBallots");
        hooks.BeforeNext(
            (request, body) => StorageHooks.IsBatch(request) && body.Contains(voteId, StringComparison.Ordinal),
            () => ballots.DeleteEntityAsync(voteId, "~fence"));

        // Act
        var answer = await VoteFlows.ChooseAsync(bed, TestPerson.Amelie, VoteFlows.Choice(voteId, 1));

        // Assert: not the open card (it offered "Voter"/options and read as if the click had counted): the closed card,
        // with the notice, and only Bruno's ballot in storage.
        var text = TestActivities.CardText(answer);
        Assert.Contains(VoteNoticeCards.BallotTooLate(Language.French), text, StringComparison.Ordinal);
        Assert.DoesNotContain("Votre vote est enregistré", text, StringComparison.Ordinal);
        Assert.Null(ConversationTestBed.FindAction(answer, CardVerbs.VoteOpen));
        Assert.Empty(VoteFlows.ChooseButtons(answer));
        Assert.False(VoteFlows.IsConfirmation(new JsonObject { ["statusCode"] = 200, ["value"] = answer.DeepClone() }.ToJsonString()));
        var stored = Assert.Single(await VoteFlows.BallotsAsync(azurite.ConnectionString, voteId, 3));
        Assert.Equal([1, 0, 0], stored.Value);
    }

    /// <summary>The card is the ballot form (it has a Cast action) and says, in French, that the choice is unknown.</summary>
    private static void AssertBallotFormWithTheUnknownChoiceNotice(JsonObject card)
    {
        Assert.NotNull(ConversationTestBed.FindAction(card, CardVerbs.VoteCast));
        Assert.Contains(VoteBallots.UnknownChoice(Language.French), TestActivities.CardText(card), StringComparison.Ordinal);
    }
}
