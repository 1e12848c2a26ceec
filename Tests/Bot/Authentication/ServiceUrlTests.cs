namespace ConcertationBot.Tests.Bot.Authentication;

/// <summary>
/// No SSRF: with authentication on, the bot calls only the <c>serviceUrl</c> a validated token vouches for, and the
/// references it stores (pulse, vote, live card, 1:1 reminders) come only from such requests. A second loopback
/// listener plays the attacker's host and records every request, so "not called" is a count of zero.
/// </summary>
public sealed class ServiceUrlTests
{
    [Theory]
    [InlineData("message")]
    [InlineData("invoke")]
    [InlineData("conversationUpdate")]
    public async Task ApiMessages_ServiceUrlOtherThanTheTokensClaim_Returns401AndNoHostIsCalled(string type)
    {
        // Arrange: a genuine token (vouching for the Teams connector) on an activity that points at the attacker.
        await using var bot = await AuthenticatedBot.StartAsync();
        var activity = type switch
        {
            "message" => bot.ChannelMessage(TestPerson.Nadia, "pulse démarrer", bot.Attacker.ServiceUrl),
            "invoke" => bot.Invoke(TestPerson.Nadia, CardVerbs.HelpShow, [], bot.Attacker.ServiceUrl, bot.ConversationId, "channel"),
            _ => ConversationUpdate(bot, bot.Attacker.ServiceUrl),
        };

        // Act
        using var response = await bot.PostAsync(activity, "Bearer " + LocalOpenIdProvider.MintToken(bot.ChannelToken(bot.Teams.ServiceUrl)));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Attacker.Requests);
        Assert.Empty(bot.Teams.Requests);
        Assert.Null(await OpenPulseAsync(bot));
    }

    [Fact]
    public async Task ConversationUpdate_GenuineToken_WelcomeGoesToTheVouchedServiceUrlOnly()
    {
        // Arrange: the control for the theory above: the same conversationUpdate, genuine, does make the bot call out.
        await using var bot = await AuthenticatedBot.StartAsync();

        // Act
        using var response = await bot.PostGenuineAsync(ConversationUpdate(bot, bot.Teams.ServiceUrl));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await bot.Teams.WaitForActivitiesAsync(1, TimeSpan.FromSeconds(15));
        Assert.All(bot.Teams.Requests, r => Assert.Equal("Bearer " + AuthenticatedBot.OutboundToken, r.Authorization));
        Assert.Empty(bot.Attacker.Requests);
    }

    [Fact]
    public async Task PulseStart_RejectedThenGenuine_StoresOnlyTheVouchedServiceUrl()
    {
        // Arrange
        await using var bot = await AuthenticatedBot.StartAsync();
        var forged = bot.ChannelMessage(TestPerson.Nadia, "pulse démarrer", bot.Attacker.ServiceUrl);

        // Act
        using var rejected = await bot.PostAsync(forged, "Bearer " + LocalOpenIdProvider.MintToken(bot.ChannelToken(bot.Teams.ServiceUrl)));
        using var genuine = await bot.PostGenuineAsync(bot.ChannelMessage(TestPerson.Nadia, "pulse démarrer", bot.Teams.ServiceUrl));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        var pulse = await OpenPulseAsync(bot);
        Assert.NotNull(pulse);
        Assert.Equal(bot.Teams.ServiceUrl, pulse.ServiceUrl);
        Assert.Empty(bot.Attacker.Requests);
    }

    [Fact]
    public async Task ReminderAnswer_DataNamesAnotherServiceUrlAndConversation_BotCallsOnlyTheStoredServiceUrl()
    {
        // Arrange: a pulse opened from Teams; Bruno answers from his 1:1 chat (as the reminder's "Répondre" does),
        // and every action's data also carries a serviceUrl and conversation of the attacker's choosing.
        await using var bot = await AuthenticatedBot.StartAsync();
        using (var open = await bot.PostGenuineAsync(bot.ChannelMessage(TestPerson.Nadia, "pulse démarrer", bot.Teams.ServiceUrl)))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        var pulse = await OpenPulseAsync(bot) ?? throw new InvalidOperationException("No pulse opened.");
        var updatesBefore = bot.Teams.Requests.Count(r => r.Operation == ConnectorOperation.UpdateActivity);
        JsonObject Hostile(JsonObject data)
        {
            data["serviceUrl"] = bot.Attacker.ServiceUrl;
            data["serviceurl"] = bot.Attacker.ServiceUrl;
            data["replyToId"] = "attacker-activity";
            return data;
        }

        // Act: Répondre, a rating on the first step, skip the rest, send.
        // (As from the profile step's "Passer": the profile step has its own tests, ProfileStepTests.)
        var card = await InvokeAsync(bot, CardVerbs.PulseOpen, Hostile(new JsonObject
        {
            [CardDataFields.PulseId] = pulse.PulseId,
            [CardDataFields.ConversationId] = bot.ConversationId,
            [CardDataFields.ProfileOffered] = "1",
        }));
        card = await ClickAsync(bot, card, CardVerbs.PulseNext, Hostile, new() { [PulseInputIds.Rating] = "4" });
        while (ConversationTestBed.FindAction(card, CardVerbs.PulseSkip) is not null)
        {
            card = await ClickAsync(bot, card, CardVerbs.PulseSkip, Hostile);
        }

        card = await ClickAsync(bot, card, CardVerbs.PulseSubmit, Hostile);

        // Assert: the answer is stored, the live card is refreshed at Teams, the attacker saw nothing.
        Assert.Null(ConversationTestBed.FindAction(card, CardVerbs.PulseSubmit));
        var store = bot.Factory.Services.GetRequiredService<IPulseStore>();
        Assert.Equal(1, await store.CountAnswersAsync(pulse.PulseId, CancellationToken.None));
        await WaitForUpdateAsync(bot, updatesBefore + 1);
        Assert.Empty(bot.Attacker.Requests);
        Assert.Equal(bot.Teams.ServiceUrl, (await store.GetAsync("msteams", bot.ConversationId, pulse.PulseId, CancellationToken.None))?.ServiceUrl);
    }

    [Fact]
    public async Task VoteCast_DataNamesAnotherServiceUrl_BotCallsOnlyTheStoredServiceUrl()
    {
        // Arrange
        await using var bot = await AuthenticatedBot.StartAsync();
        using (var open = await bot.PostGenuineAsync(bot.ChannelMessage(TestPerson.Nadia, "vote Nos priorités : Logement ; Mobilité", bot.Teams.ServiceUrl)))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        var vote = await bot.Factory.Services.GetRequiredService<IVoteStore>().GetOpenAsync("msteams", bot.ConversationId, CancellationToken.None)
            ?? throw new InvalidOperationException("No vote opened.");
        var updatesBefore = bot.Teams.Requests.Count(r => r.Operation == ConnectorOperation.UpdateActivity);
        var data = new JsonObject
        {
            [CardDataFields.VoteId] = vote.VoteId,
            [VoteInputIds.Choice] = "0",
            [CardDataFields.ConversationId] = "19:attacker@thread.tacv2",
            ["serviceUrl"] = bot.Attacker.ServiceUrl,
        };

        // Act
        var card = await InvokeAsync(bot, CardVerbs.VoteCast, data, conversationId: bot.ConversationId, conversationType: "channel");

        // Assert
        Assert.NotNull(ConversationTestBed.FindAction(card, CardVerbs.VoteOpen));
        await WaitForUpdateAsync(bot, updatesBefore + 1);
        Assert.Empty(bot.Attacker.Requests);
        Assert.Equal(bot.Teams.ServiceUrl, vote.ServiceUrl);
    }

    private static Task<PulseRecord?> OpenPulseAsync(AuthenticatedBot bot) =>
        bot.Factory.Services.GetRequiredService<IPulseStore>().GetOpenAsync("msteams", bot.ConversationId, CancellationToken.None);

    private static JsonObject ConversationUpdate(AuthenticatedBot bot, string serviceUrl)
    {
        var activity = bot.ChannelMessage(TestPerson.Nadia, string.Empty, serviceUrl);
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        activity.Remove("entities");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TestActivities.BotId, ["name"] = "ConcertationBot" });
        return activity;
    }

    /// <summary>A genuine invoke from Bruno (his 1:1 chat unless told), answered with a card.</summary>
    private static async Task<JsonObject> InvokeAsync(AuthenticatedBot bot, string verb, JsonObject data, string conversationId = "a:personal-bruno", string conversationType = "personal")
    {
        using var response = await bot.PostGenuineAsync(bot.Invoke(TestPerson.Bruno, verb, data, bot.Teams.ServiceUrl, conversationId, conversationType));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["value"]!.AsObject();
    }

    private static Task<JsonObject> ClickAsync(AuthenticatedBot bot, JsonObject card, string verb, Func<JsonObject, JsonObject> tamper, Dictionary<string, string>? inputs = null)
    {
        var action = ConversationTestBed.FindAction(card, verb) ?? throw new InvalidOperationException($"No {verb} on {card.ToJsonString()}");
        var data = (action["data"]?.DeepClone() as JsonObject) ?? [];
        foreach (var (id, value) in inputs ?? [])
        {
            data[id] = value;
        }

        return InvokeAsync(bot, verb, tamper(data));
    }

    /// <summary>Waits (lower bound only) for the live card update to reach Teams.</summary>
    private static async Task WaitForUpdateAsync(AuthenticatedBot bot, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (bot.Teams.Requests.Count(r => r.Operation == ConnectorOperation.UpdateActivity) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "The live card was never updated at the Teams connector.");
            await Task.Delay(50);
        }
    }
}
