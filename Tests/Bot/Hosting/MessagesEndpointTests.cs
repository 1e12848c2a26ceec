namespace ConcertationBot.Tests.Bot.Hosting;

public sealed class MessagesEndpointTests
{
    private const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task ApiMessages_OtherVerb_Returns405(string method)
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/messages"));

        // Assert
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"type\":\"\"}")]
    [InlineData("{\"type\":42}")]
    [InlineData("{\"type\":\"message\",\"from\":\"nadia\"}")]
    public async Task ApiMessages_BodyNotAnActivity_Returns400(string body)
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Raw(body));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApiMessages_InvalidUtf8_Returns400()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();
        var bytes = "{\"type\":\"message\",\"text\":\"a"u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat("\"}"u8.ToArray()).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        // Act
        using var response = await client.PostAsync("/api/messages", content);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ApiMessages_BodyOverLimit_Returns413()
    {
        // Arrange
        await using var factory = new BotApplicationFactory(new Dictionary<string, string?> { ["Bot:MaxRequestBodyBytes"] = "4096" });
        using var client = factory.CreateClient();
        var activity = TestActivities.Message(new string('a', 5000), deliveryMode: "expectReplies");

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(activity));

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ApiMessages_AideWithExpectReplies_Returns200WithFrenchHelpCard()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(TestActivities.Message("aide", deliveryMode: "expectReplies")));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestActivities.ReadJsonAsync(response);
        var reply = Assert.Single(body["activities"]!.AsArray())!;
        Assert.Equal("message", (string?)reply["type"]);
        Assert.Equal("a:personal-nadia", (string?)reply["conversation"]!["id"]);
        Assert.Equal(TestActivities.UserId, (string?)reply["recipient"]!["id"]);
        var attachment = Assert.Single(reply["attachments"]!.AsArray())!;
        Assert.Equal(AdaptiveCardType, (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("Aide de ConcertationBot", (string?)card["body"]![0]!["text"]);
        Assert.Contains("aide", TestActivities.CardText(card), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help", "en-US", "ConcertationBot help")]
    [InlineData("HELP", "en-GB", "ConcertationBot help")]
    [InlineData("Aide", "fr-BE", "Aide de ConcertationBot")]
    [InlineData("quoi de neuf ?", "fr-FR", "Aide de ConcertationBot")]
    [InlineData("what can you do", "en-US", "ConcertationBot help")]
    [InlineData("aide", "es-ES", "Aide de ConcertationBot")]
    public async Task ApiMessages_HelpOrUnknownText_ReturnsHelpCardInLocaleLanguage(string text, string locale, string expectedHeading)
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(TestActivities.Message(text, locale, deliveryMode: "expectReplies")));

        // Assert
        var body = await TestActivities.ReadJsonAsync(response);
        var card = body["activities"]![0]!["attachments"]![0]!["content"]!;
        Assert.Equal(expectedHeading, (string?)card["body"]![0]!["text"]);
    }

    [Fact]
    public async Task ApiMessages_ChannelMessageWithBotMention_StripsMentionAndShowsMentionHint()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();
        var activity = TestActivities.Message("<at>ConcertationBot</at> help", "en-US", "channel", deliveryMode: "expectReplies");
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>ConcertationBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = TestActivities.BotId, ["name"] = "ConcertationBot" },
        });

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(activity));

        // Assert
        var body = await TestActivities.ReadJsonAsync(response);
        var card = body["activities"]![0]!["attachments"]![0]!["content"]!;
        Assert.Equal("ConcertationBot help", (string?)card["body"]![0]!["text"]);
        Assert.Contains("mention me", TestActivities.CardText(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiMessages_HelpShowCardAction_Returns200WithCardInvokeBody()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(TestActivities.CardAction("help.show", locale: "en-US")));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestActivities.ReadJsonAsync(response);
        Assert.Equal(200, (int?)body["statusCode"]);
        Assert.Equal(AdaptiveCardType, (string?)body["type"]);
        Assert.Equal("ConcertationBot help", (string?)body["value"]!["body"]![0]!["text"]);
    }

    [Fact]
    public async Task ApiMessages_UnknownCardVerb_ReturnsExpiredCard()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(TestActivities.CardAction("poll.vote.v0")));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestActivities.ReadJsonAsync(response);
        Assert.Equal(200, (int?)body["statusCode"]);
        Assert.Equal("Cette carte a expiré", (string?)body["value"]!["body"]![0]!["text"]);
    }

    [Fact]
    public async Task ApiMessages_CardActionWithoutVerb_Returns400ErrorBody()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();
        var activity = TestActivities.CardAction("x");
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute" } };

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(activity));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await TestActivities.ReadJsonAsync(response);
        Assert.Equal(400, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Equal("BadRequest", (string?)body["value"]!["code"]);
    }

    [Fact]
    public async Task ApiMessages_UnknownInvokeName_Returns501()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();
        var activity = TestActivities.Base("invoke");
        activity["name"] = "composeExtension/query";

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(activity));

        // Assert
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("event")]
    [InlineData("somethingTeamsInventsTomorrow")]
    public async Task ApiMessages_OtherActivityTypes_Return200WithEmptyBody(string type)
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(TestActivities.Base(type)));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApiMessages_InstallThenBotAddedForSameTeam_GreetsOnceInFrench()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();
        // A conversation of its own: greetings are stored, and the run's Azurite is shared by every test.
        var conversationId = $"19:{Guid.NewGuid():N}@thread.tacv2";
        var install = TestActivities.Base("installationUpdate", "fr-CA", "channel", deliveryMode: "expectReplies");
        install["action"] = "add";
        install["conversation"]!["id"] = conversationId;
        var added = TestActivities.Base("conversationUpdate", "fr-CA", "channel", deliveryMode: "expectReplies");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TestActivities.BotId });
        added["conversation"]!["id"] = conversationId;

        // Act
        using var first = await client.PostAsync("/api/messages", TestActivities.Json(install));
        using var second = await client.PostAsync("/api/messages", TestActivities.Json(added));

        // Assert
        var welcome = Assert.Single((await TestActivities.ReadJsonAsync(first))["activities"]!.AsArray())!;
        var card = welcome["attachments"]![0]!["content"]!;
        Assert.Equal("Bienvenue dans ConcertationBot", (string?)card["body"]![0]!["text"]);
        Assert.Equal("help.show", (string?)card["actions"]![0]!["verb"]);
        Assert.Null(welcome["replyToId"]);
        Assert.Empty((await TestActivities.ReadJsonAsync(second))["activities"]!.AsArray());
    }

    [Fact]
    public async Task ApiMessages_BotAddedToPersonalChat_GreetsInEnglish()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();
        var added = TestActivities.Base("conversationUpdate", "en-US", deliveryMode: "expectReplies");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TestActivities.UserId }, new JsonObject { ["id"] = TestActivities.BotId });
        added["conversation"]!["id"] = $"a:personal-{Guid.NewGuid():N}";

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(added));

        // Assert
        var card = (await TestActivities.ReadJsonAsync(response))["activities"]![0]!["attachments"]![0]!["content"]!;
        Assert.Equal("Welcome to ConcertationBot", (string?)card["body"]![0]!["text"]);
    }

    [Theory]
    [InlineData("remove")]
    [InlineData("add-upgrade")]
    public async Task ApiMessages_InstallationUpdateOtherThanAdd_SendsNothing(string action)
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();
        var update = TestActivities.Base("installationUpdate", deliveryMode: "expectReplies");
        update["action"] = action;

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(update));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await TestActivities.ReadJsonAsync(response))["activities"]!.AsArray());
    }

    [Fact]
    public async Task ApiMessages_UserAddedToTeam_SendsNothing()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();
        var added = TestActivities.Base("conversationUpdate", "fr-CA", "channel", deliveryMode: "expectReplies");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:someone-else" });

        // Act
        using var response = await client.PostAsync("/api/messages", TestActivities.Json(added));

        // Assert
        Assert.Empty((await TestActivities.ReadJsonAsync(response))["activities"]!.AsArray());
    }

    [Fact]
    public async Task Healthz_ProcessUp_Returns200()
    {
        // Arrange
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        // Act
        using var response = await client.GetAsync("/healthz");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
