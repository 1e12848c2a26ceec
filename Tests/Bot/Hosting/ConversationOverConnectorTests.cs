namespace ConcertationBot.Tests.Bot.Hosting;

/// <summary>Turns in normal delivery mode: the bot answers through a real HTTP connector (the capture connector on loopback).</summary>
public sealed class ConversationOverConnectorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ApiMessages_Aide_RepliesToTheMessageWithHelpCard()
    {
        // Arrange
        await using var connector = await CaptureConnector.StartAsync();
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();
        var message = TestActivities.Message("aide", serviceUrl: connector.ServiceUrl);

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(message));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var sent = Assert.Single(await connector.WaitForActivitiesAsync(1, Wait));
        Assert.Equal(ConnectorOperation.ReplyToActivity, sent.Operation);
        Assert.Equal("a:personal-nadia", sent.ConversationId);
        Assert.Equal((string?)message["id"], sent.ActivityId);
        Assert.Null(sent.Authorization);
        var card = JsonNode.Parse(JsonSerializer.Serialize(sent.Activity!.Attachments![0].Content))!;
        Assert.Equal("Aide de ConcertationBot", (string?)card["body"]![0]!["text"]);
    }

    [Fact]
    public async Task ApiMessages_BotInstalledInTeam_PostsWelcomeToTheConversation()
    {
        // Arrange
        await using var connector = await CaptureConnector.StartAsync();
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();
        var conversationId = $"19:{Guid.NewGuid():N}@thread.tacv2";
        var install = TestActivities.Base("installationUpdate", "fr-CA", "channel", connector.ServiceUrl);
        install["action"] = "add";
        install["conversation"]!["id"] = conversationId;

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(install));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await connector.WaitForActivitiesAsync(1, Wait));
        Assert.Equal(ConnectorOperation.SendToConversation, sent.Operation);
        Assert.Equal(conversationId, sent.ConversationId);
        Assert.Contains("Bienvenue dans ConcertationBot", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiMessages_ConnectorThrottlesOnce_ReplyStillArrives()
    {
        // Arrange
        await using var connector = await CaptureConnector.StartAsync();
        connector.Enqueue(CannedResponse.TooManyRequests(1));
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(TestActivities.Message("help", "en-US", serviceUrl: connector.ServiceUrl)));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await connector.WaitForActivitiesAsync(1, Wait));
        Assert.Contains("ConcertationBot help", sent.Body, StringComparison.Ordinal);
        Assert.Equal(2, connector.Requests.Count);
    }

    [Fact]
    public async Task ApiMessages_ReplyFails_ApologisesWithoutExceptionText()
    {
        // Arrange
        await using var connector = await CaptureConnector.StartAsync();
        connector.Enqueue(CannedResponse.Error(404, "ConversationNotFound", "secret internal detail"));
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(TestActivities.Message("aide", serviceUrl: connector.ServiceUrl)));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var apology = Assert.Single(await connector.WaitForActivitiesAsync(1, Wait));
        var card = JsonSerializer.SerializeToNode(apology.Activity!.Attachments![0].Content)!;
        Assert.Equal(NoticeCards.ApologyId, (string?)card["body"]![0]!["id"]);
        Assert.StartsWith("Désolé, un problème est survenu de mon côté.", (string?)card["body"]![0]!["text"], StringComparison.Ordinal);
        Assert.DoesNotContain("secret", apology.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", apology.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiMessages_ReplyAndApologyFail_Returns502WithEmptyBody()
    {
        // Arrange
        await using var connector = await CaptureConnector.StartAsync();
        connector.Enqueue(CannedResponse.Error(404, "ConversationNotFound", "gone"), CannedResponse.Error(403, "MessageWritesBlocked", "blocked"));
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(TestActivities.Message("aide", serviceUrl: connector.ServiceUrl)));

        // Assert
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.Empty(connector.AcceptedActivities);
    }
}
