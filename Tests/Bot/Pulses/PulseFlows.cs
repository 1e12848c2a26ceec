namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>The pulse as people walk it in Teams, for conversation tests: open it, answer it step by step.</summary>
internal static class PulseFlows
{
    public static readonly string[] StepIds = ["roleClarity", "agenda", "mesures", "activites", "communication", "soutien", "continuum", "change"];

    /// <summary>Opens a pulse as Nadia and returns its id (read from the card's "Répondre" action).</summary>
    public static async Task<string> OpenAsync(ConversationTestBed bed)
    {
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse démarrer"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await bed.SentCardAsync(before);
        return (string?)ConversationTestBed.FindAction(card, CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId]
            ?? throw new InvalidOperationException("The pulse card has no Répondre action.");
    }

    /// <summary>Closes the open pulse as Nadia (<c>pulse clore</c>), asserting that Teams got a 200.</summary>
    public static async Task CloseAsync(ConversationTestBed bed)
    {
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Inputs for the role clarity step only.</summary>
    public static Dictionary<string, Dictionary<string, string>> Rating(string value) =>
        new() { ["roleClarity"] = new() { [PulseInputIds.Rating] = value } };

    /// <summary>"Répondre", then each step: the inputs given for it with "Suivant", or "Passer"; ends on the review card.</summary>
    public static async Task<JsonObject> WalkToReviewAsync(ConversationTestBed bed, TestPerson person, string pulseId, Dictionary<string, Dictionary<string, string>> inputs)
    {
        var card = await bed.InvokeForCardAsync(bed.Invoke(person, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));
        foreach (var step in StepIds)
        {
            Assert.Equal(step, StepOf(card));
            card = inputs.TryGetValue(step, out var values)
                ? await bed.ClickAsync(person, card, CardVerbs.PulseNext, values)
                : await bed.ClickAsync(person, card, CardVerbs.PulseSkip);
        }

        Assert.NotNull(ConversationTestBed.FindAction(card, CardVerbs.PulseSubmit));
        return card;
    }

    /// <summary>Walks to the review and sends; returns the thank-you card.</summary>
    public static async Task<JsonObject> AnswerAsync(ConversationTestBed bed, TestPerson person, string pulseId, Dictionary<string, Dictionary<string, string>> inputs)
    {
        var review = await WalkToReviewAsync(bed, person, pulseId, inputs);
        return await bed.ClickAsync(person, review, CardVerbs.PulseSubmit);
    }

    /// <summary>The step id a respondent card is on (from its Suivant or Passer action).</summary>
    public static string? StepOf(JsonObject card) =>
        (string?)(ConversationTestBed.FindAction(card, CardVerbs.PulseNext) ?? ConversationTestBed.FindAction(card, CardVerbs.PulseSkip))?["data"]?[CardDataFields.Step];

    /// <summary>What a person reads on the card a captured request carried (the raw body escapes accents as \u00E9).</summary>
    public static string TextOf(CapturedRequest request) =>
        request.Activity?.Attachments is { Count: > 0 } ? TestActivities.CardText(CardOf(request)) : request.Activity?.Text ?? string.Empty;

    /// <summary>
    /// The entities of one partition of a table in Azurite, as Azure.Data.Tables reads them; in <c>PulseAnswers</c>, the
    /// answers only (the pulse's <c>~fence</c> row, which holds nothing, is left out as the ballot helpers leave out the vote's).
    /// </summary>
    public static async Task<List<Azure.Data.Tables.TableEntity>> RowsAsync(string connectionString, string table, string partitionKey)
    {
        var client = new Azure.Data.Tables.TableServiceClient(connectionString).GetTableClient(table);
        await client.CreateIfNotExistsAsync();
        var rows = new List<Azure.Data.Tables.TableEntity>();
        var filter = Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var row in client.QueryAsync<Azure.Data.Tables.TableEntity>(filter))
        {
            if (!(table == "PulseAnswers" && row.RowKey == "~fence"))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>The Adaptive Card a captured connector request carried.</summary>
    public static JsonObject CardOf(CapturedRequest request) =>
        JsonNode.Parse(JsonSerializer.Serialize(request.Activity!.Attachments![0].Content))!.AsObject();
}
