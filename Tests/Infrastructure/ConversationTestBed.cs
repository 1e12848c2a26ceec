namespace ConcertationBot.Tests.Infrastructure;

/// <summary>A person of the round table as Teams describes them in activities.</summary>
internal sealed record TestPerson(string Id, string Name, string AadObjectId, string Locale)
{
    public static readonly TestPerson Nadia = new("29:nadia", "Nadia Benali", "6f1c2a52-4a54-4d0e-9f59-0d1b0a3b9e11", "fr-CA");
    public static readonly TestPerson Amelie = new("29:amelie", "Amélie Tremblay", "0a6e2c1d-7b1f-4a55-8d0e-2b7c9e3f4a10", "fr-CA");
    public static readonly TestPerson Bruno = new("29:bruno", "Bruno Lambert", "1b7f3d2e-8c20-4b66-9e1f-3c8d0f4a5b21", "fr-BE");
    public static readonly TestPerson Chris = new("29:chris", "Chris Walker", "2c804e3f-9d31-4c77-af20-4d9e105b6c32", "en-US");
}

/// <summary>
/// The real bot host on a real Azurite, answering through the loopback capture connector: activities go in over
/// HTTP <c>/api/messages</c> exactly as Teams sends them; cards and stored entities come out.
/// </summary>
internal sealed class ConversationTestBed : IAsyncDisposable
{
    private ConversationTestBed(CaptureConnector connector, BotApplicationFactory factory, string conversationId, string teamId)
    {
        Connector = connector;
        Factory = factory;
        Http = factory.CreateClient();
        ConversationId = conversationId;
        TeamId = teamId;
    }

    /// <summary>
    /// Settings with k = 1, for tests about something else than the small-group rule that need a few answers' free text
    /// shown (with the default k = 3, fewer than three answers show none).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> EveryTextShown { get; } = new Dictionary<string, string?> { ["Concertation:MinimumGroupSize"] = "1" };

    public CaptureConnector Connector { get; }

    public BotApplicationFactory Factory { get; }

    public HttpClient Http { get; }

    /// <summary>A channel conversation no other test uses.</summary>
    public string ConversationId { get; }

    public string TeamId { get; }

    /// <summary>
    /// A host whose configured coordinators are <paramref name="coordinators"/> (Entra object ids; none → first-in-team
    /// bootstrap); <paramref name="services"/> may swap host services after the host's own registrations.
    /// </summary>
    public static async Task<ConversationTestBed> StartAsync(
        string storageConnectionString,
        IReadOnlyList<TestPerson>? coordinators = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        (string ConversationId, string TeamId)? sameConversationAs = null,
        Action<IServiceCollection>? services = null,
        TimeProvider? time = null)
    {
        var connector = await CaptureConnector.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storageConnectionString,
        };
        var index = 0;
        foreach (var person in coordinators ?? [])
        {
            all[$"Concertation:Coordinators:{index++}"] = person.AadObjectId;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var unique = Guid.NewGuid().ToString("N")[..12];
        var (conversationId, teamId) = sameConversationAs ?? ($"19:{unique}@thread.tacv2", $"19:team-{unique}@thread.tacv2");
        return new ConversationTestBed(connector, new BotApplicationFactory(all, services, time), conversationId, teamId);
    }

    /// <summary>A channel message from <paramref name="person"/> that @mentions the bot, as Teams delivers it.</summary>
    public JsonObject ChannelMessage(TestPerson person, string text, string? conversationId = null)
    {
        var activity = TestActivities.MentioningBot(Base("message", person, conversationId), text);
        activity["entities"]!.AsArray().Add(new JsonObject { ["type"] = "clientInfo", ["locale"] = person.Locale, ["timezone"] = "America/Montreal" });
        return activity;
    }

    /// <summary>
    /// True (the default): a "Répondre" (<c>pulse.open</c>) sent through <see cref="Invoke"/> is marked as coming from
    /// the profile step a pulse offers once to someone who declared no profile ("Passer"), so tests about anything else
    /// walk the pulse's own steps. The profile step itself is tested with this set to false.
    /// </summary>
    public bool PassesProfileStep { get; set; } = true;

    /// <summary>An <c>adaptiveCard/action</c> invoke from <paramref name="person"/> on the card message <paramref name="replyToId"/>.</summary>
    public JsonObject Invoke(TestPerson person, string verb, JsonObject data, string replyToId = "pulse-card", string trigger = "manual")
    {
        ArgumentNullException.ThrowIfNull(data);
        if (PassesProfileStep && verb == CardVerbs.PulseOpen && !data.ContainsKey(CardDataFields.ProfileOffered))
        {
            data = (JsonObject)data.DeepClone();
            data[CardDataFields.ProfileOffered] = "1";
        }

        return TestActivities.ClickOf(Base("invoke", person, null), verb, data, replyToId, trigger);
    }

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        using var content = TestActivities.Json(activity);
        return await Http.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
    }

    /// <summary>Posts an invoke and returns the card of its answer (asserting HTTP 200 and a card body).</summary>
    public async Task<JsonObject> InvokeForCardAsync(JsonObject invoke)
    {
        using var response = await PostAsync(invoke);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var json = JsonNode.Parse(body)!;
        Assert.Equal(200, (int?)json["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)json["type"]);
        return json["value"]!.AsObject();
    }

    /// <summary>
    /// Clicks the <c>Action.Execute</c> with <paramref name="verb"/> on <paramref name="card"/> as a Teams client
    /// does: the action's data merged with the card's input values.
    /// </summary>
    public Task<JsonObject> ClickAsync(TestPerson person, JsonObject card, string verb, IReadOnlyDictionary<string, string>? inputs = null, string? step = null)
    {
        var action = FindAction(card, verb, step)
            ?? throw new InvalidOperationException($"No {verb} action{(step is null ? string.Empty : " for " + step)} on the card: {card.ToJsonString()}");
        var data = (action["data"]?.DeepClone() as JsonObject) ?? [];
        foreach (var (id, value) in inputs ?? new Dictionary<string, string>())
        {
            data[id] = value;
        }

        return InvokeForCardAsync(Invoke(person, verb, data));
    }

    /// <summary>Messages the bot posted (sends and replies; card updates are not counted), in order.</summary>
    public IReadOnlyList<CapturedRequest> Posts =>
        [.. Connector.AcceptedActivities.Where(r => r.Operation is ConnectorOperation.SendToConversation or ConnectorOperation.ReplyToActivity)];

    /// <summary>The card of the message posted at <paramref name="index"/> (see <see cref="Posts"/>), once it arrived.</summary>
    public async Task<JsonObject> SentCardAsync(int index)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Posts.Count <= index)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected post #{index}; the bot posted {Posts.Count}.");
            }

            await Task.Delay(20);
        }

        var attachment = Posts[index].Activity!.Attachments![0];
        return JsonNode.Parse(JsonSerializer.Serialize(attachment.Content))!.AsObject();
    }

    /// <summary>The first <c>Action.Execute</c> with this verb (and step, when given) outside the card's refresh.</summary>
    public static JsonObject? FindAction(JsonNode? node, string verb, string? step = null) => CardActions.Find(node, verb, step);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Factory.DisposeAsync();
        await Connector.DisposeAsync();
    }

    private JsonObject Base(string type, TestPerson person, string? conversationId) =>
        TestActivities.FromPerson(type, person, Connector.ServiceUrl, conversationId ?? ConversationId, "channel", TeamId, ConversationId);
}
