namespace ConcertationBot.Tests.Bot.Coordination;

/// <summary>What the bot says depends on where it is used: a 1:1 chat, a channel, the other channels of a team.</summary>
public sealed class WhereItIsUsedTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Help_InAOneToOneChat_ListsNoCoordinationAjouter()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var personal = PersonalMessage(bed, TestPerson.Nadia, "aide");

        // Act
        using var response = await bed.PostAsync(personal);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = TestActivities.CardText(await bed.SentCardAsync(0));
        Assert.Contains("Aide de ConcertationBot", text, StringComparison.Ordinal);
        Assert.Contains("pulse démarrer", text, StringComparison.Ordinal);
        Assert.DoesNotContain("coordination ajouter", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_InAChannel_ListsCoordinationAjouter()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "aide"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("coordination ajouter", TestActivities.CardText(await bed.SentCardAsync(0)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_SetInOneChannel_AppliesToAnotherChannelOfTheTeam()
    {
        // Arrange: Nadia fixes English in the General channel; Amélie (fr-CA) writes in the team's Rencontres channel.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        using (var set = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "langue english")))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Amelie, "aide", OtherChannel(bed, "rencontres")));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ConcertationBot help", TestActivities.CardText(await bed.SentCardAsync(1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_ChannelSetItsOwn_KeepsItWhenAnotherChannelChangesTheTeams()
    {
        // Arrange: Rencontres sets French for itself; then General sets English for the team.
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        var rencontres = OtherChannel(bed, "rencontres");
        using (var own = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "langue français", rencontres)))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using (var team = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "langue english")))
        {
            Assert.Equal(HttpStatusCode.OK, team.StatusCode);
        }

        // Act: Chris (en-US) asks for help in Rencontres, and in a third channel that set nothing.
        using var inRencontres = await bed.PostAsync(bed.ChannelMessage(TestPerson.Chris, "help", rencontres));
        var rencontresHelp = await bed.SentCardAsync(2);
        using var inThird = await bed.PostAsync(bed.ChannelMessage(TestPerson.Amelie, "aide", OtherChannel(bed, "projets")));
        var thirdHelp = await bed.SentCardAsync(3);

        // Assert
        Assert.Contains("Aide de ConcertationBot", TestActivities.CardText(rencontresHelp), StringComparison.Ordinal);
        Assert.Contains("ConcertationBot help", TestActivities.CardText(thirdHelp), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_SetInOneTeam_DoesNotReachAnotherTeam()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        using (var set = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "langue english")))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var elsewhere = bed.ChannelMessage(TestPerson.Amelie, "aide", OtherChannel(bed, "ailleurs"));
        elsewhere["channelData"]!["team"]!["id"] = "19:another-team-" + Guid.NewGuid().ToString("N") + "@thread.tacv2";

        // Act
        using var response = await bed.PostAsync(elsewhere);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Aide de ConcertationBot", TestActivities.CardText(await bed.SentCardAsync(1)), StringComparison.Ordinal);
    }

    private static string OtherChannel(ConversationTestBed bed, string name) =>
        bed.ConversationId.Replace("@thread", "-" + name + "@thread", StringComparison.Ordinal);

    /// <summary>A message in Nadia's 1:1 chat with the bot, as Teams delivers it (no team, no mention).</summary>
    private static JsonObject PersonalMessage(ConversationTestBed bed, TestPerson person, string text)
    {
        var activity = TestActivities.FromPerson("message", person, bed.Connector.ServiceUrl, "a:1:" + Guid.NewGuid().ToString("N"), "personal", bed.TeamId, bed.ConversationId);
        activity["channelData"]!.AsObject().Remove("team");
        activity["channelData"]!.AsObject().Remove("channel");
        activity["text"] = text;
        return activity;
    }
}
