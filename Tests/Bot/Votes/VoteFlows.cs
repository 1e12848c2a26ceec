namespace ConcertationBot.Tests.Bot.Votes;

/// <summary>Votes as people use them in Teams, for conversation tests: open one, cast ballots, close it.</summary>
internal static class VoteFlows
{
    /// <summary>Sends <paramref name="command"/> as Nadia and returns the vote id read from the posted card's "Voter" action.</summary>
    public static async Task<string> OpenAsync(ConversationTestBed bed, string command)
    {
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, command));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await bed.SentCardAsync(before);
        return VoteIdOf(card) ?? throw new InvalidOperationException("The vote card has no Voter action: " + card.ToJsonString());
    }

    /// <summary>Opens the vote with <paramref name="command"/>, then casts each single-choice ballot in turn; the vote id.</summary>
    public static async Task<string> OpenWithBallotsAsync(ConversationTestBed bed, string command, params (TestPerson Voter, int Option)[] ballots)
    {
        var voteId = await OpenAsync(bed, command);
        foreach (var (voter, option) in ballots)
        {
            await CastAsync(bed, voter, Single(voteId, option));
        }

        return voteId;
    }

    /// <summary>Nadia (the coordinator) sends <c>vote clore</c>.</summary>
    public static Task<HttpResponseMessage> CloseAsync(ConversationTestBed bed) =>
        bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote clore"));

    /// <summary>The stored vote, open or closed.</summary>
    public static Task<VoteRecord?> StoredAsync(ConversationTestBed bed, string voteId) =>
        bed.Factory.Services.GetRequiredService<IVoteStore>().GetAsync("msteams", bed.ConversationId, voteId, CancellationToken.None);

    public static string? VoteIdOf(JsonObject card) =>
        (string?)ConversationTestBed.FindAction(card, CardVerbs.VoteOpen)?["data"]?[CardDataFields.VoteId];

    /// <summary>The <c>vote.cast</c> data Teams sends for a single choice of option <paramref name="index"/>.</summary>
    public static JsonObject Single(string voteId, int index) =>
        new() { [CardDataFields.VoteId] = voteId, [VoteInputIds.Choice] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>The <c>vote.cast</c> data for a top-N ballot.</summary>
    public static JsonObject Choices(string voteId, params int[] indexes) =>
        new() { [CardDataFields.VoteId] = voteId, [VoteInputIds.Choices] = string.Join(',', indexes) };

    /// <summary>The <c>vote.cast</c> data for a dot-voting ballot (points per option, as the number inputs send them).</summary>
    public static JsonObject Points(string voteId, params int[] points)
    {
        var data = new JsonObject { [CardDataFields.VoteId] = voteId };
        for (var i = 0; i < points.Length; i++)
        {
            data[VoteInputIds.Points(i)] = points[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return data;
    }

    /// <summary>
    /// Whether an invoke answer is the voter's confirmed own view: a 200 card that offers "Modifier mon vote"
    /// (<c>vote.open</c>) and no ballot form (<c>vote.cast</c>, which only a refused ballot gets back).
    /// </summary>
    public static bool IsConfirmation(string invokeResponseBody)
    {
        var json = JsonNode.Parse(invokeResponseBody);
        var card = json?["value"];
        return (int?)json?["statusCode"] == 200
            && ConversationTestBed.FindAction(card, CardVerbs.VoteOpen) is not null
            && ConversationTestBed.FindAction(card, CardVerbs.VoteCast) is null;
    }

    /// <summary>The <c>vote.choose</c> data of the button of option <paramref name="index"/> (as a card built by the bot carries it).</summary>
    public static JsonObject Choice(string voteId, int index) =>
        new() { [CardDataFields.VoteId] = voteId, [CardDataFields.Option] = index };

    /// <summary>The one-click buttons (<c>vote.choose</c>) of a card, in the card's order, outside its refresh.</summary>
    public static List<JsonObject> ChooseButtons(JsonNode? node)
    {
        var buttons = new List<JsonObject>();
        Collect(node);
        return buttons;

        void Collect(JsonNode? current)
        {
            switch (current)
            {
                case JsonObject obj when (string?)obj["type"] == "Action.Execute" && (string?)obj["verb"] == CardVerbs.VoteChoose:
                    buttons.Add(obj);
                    break;
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key != "refresh")
                        {
                            Collect(value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Collect(item);
                    }

                    break;
            }
        }
    }

    /// <summary>Clicks the button of option <paramref name="index"/> on <paramref name="card"/> as a Teams client does (the button's own data).</summary>
    public static Task<JsonObject> ClickOptionAsync(ConversationTestBed bed, TestPerson person, JsonObject card, int index)
    {
        var button = ChooseButtons(card).SingleOrDefault(b => (int?)b["data"]?[CardDataFields.Option] == index)
            ?? throw new InvalidOperationException($"No button for option {index} on the card: {card.ToJsonString()}");
        return ChooseAsync(bed, person, (JsonObject)button["data"]!.DeepClone());
    }

    /// <summary>Sends a <c>vote.choose</c> invoke with <paramref name="data"/> (as clicked, or crafted).</summary>
    public static Task<JsonObject> ChooseAsync(ConversationTestBed bed, TestPerson person, JsonObject data) =>
        bed.InvokeForCardAsync(bed.Invoke(person, CardVerbs.VoteChoose, data, replyToId: "vote-card"));

    public static Task<JsonObject> CastAsync(ConversationTestBed bed, TestPerson person, JsonObject data) =>
        bed.InvokeForCardAsync(bed.Invoke(person, CardVerbs.VoteCast, data, replyToId: "vote-card"));

    /// <summary>The stored ballots of a vote, decoded: voter key → points per option.</summary>
    public static async Task<Dictionary<string, int[]>> BallotsAsync(string connectionString, string voteId, int optionCount)
    {
        var ballots = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var row in await PulseFlows.RowsAsync(connectionString, "VoteBallots", voteId))
        {
            if (VoteBallots.TryDecode(row.GetString("Points"), optionCount, out var ballot))
            {
                ballots[row.RowKey] = [.. ballot.Points];
            }
        }

        return ballots;
    }

    public static Task<VoteRecord?> OpenVoteAsync(ConversationTestBed bed) =>
        bed.Factory.Services.GetRequiredService<IVoteStore>().GetOpenAsync("msteams", bed.ConversationId, CancellationToken.None);

    /// <summary>Waits until the vote card's scheduled live updates have been sent.</summary>
    public static async Task FlushAsync(ConversationTestBed bed, string voteId)
    {
        var vote = await StoredAsync(bed, voteId)
            ?? throw new InvalidOperationException("No vote " + voteId);
        await bed.Factory.Services.GetRequiredService<VoteCardRefresher>().FlushAsync(vote, CancellationToken.None);
    }

    /// <summary>The card of the last accepted update of the posted vote card (what the channel now sees), or null when none.</summary>
    public static JsonObject? LastLiveCard(ConversationTestBed bed) =>
        bed.Connector.Requests.LastOrDefault(r => r.Operation == ConnectorOperation.UpdateActivity && r.ResponseStatus is >= 200 and < 300) is { } update
            ? PulseFlows.CardOf(update)
            : null;

    /// <summary>Whether a card shows vote results: the "Résultats du vote" / "Vote results" heading.</summary>
    public static bool IsResultsCard(JsonObject card)
    {
        var text = TestActivities.CardText(card);
        return text.Contains(VoteCard.ResultsHeading.For(ConcertationBot.Cards.Localization.Language.French), StringComparison.Ordinal)
            || text.Contains(VoteCard.ResultsHeading.For(ConcertationBot.Cards.Localization.Language.English), StringComparison.Ordinal);
    }
}
