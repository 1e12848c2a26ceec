using ConcertationBot.Tests.Bot.Exports;

namespace ConcertationBot.Tests.Bot.Coordination;

/// <summary>
/// A bilingual conversation (<c>langue bilingue</c>, seed 003's Parc-Extension table) over HTTP <c>/api/messages</c>
/// with Azurite: cards posted for everyone carry French and English, what a person sees alone is in their own language.
/// </summary>
public sealed class BilingualConversationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Levier = "Les rencontres du jeudi au centre communautaire";

    private const string TwoLanguageVote =
        "vote Quelle priorité pour l'année ? | Which priority for the year? : Logement abordable | Affordable housing ; Sécurité alimentaire | Food security ; Mobilité des aînés";

    [Fact]
    public async Task LangueBilingue_Coordinator_StoredAndAnsweredInBothLanguages()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "langue bilingue"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = TestActivities.CardText(await bed.SentCardAsync(0));
        Assert.Contains("Cette conversation est désormais bilingue", text, StringComparison.Ordinal);
        Assert.Contains("This conversation is now bilingual", text, StringComparison.Ordinal);
        var help = await PostForCardAsync(bed, TestPerson.Chris, "aide");
        var refusal = await PostForCardAsync(bed, TestPerson.Bruno, "vote clore");
        Assert.Contains("Réservé à la coordination", TestActivities.CardText(refusal), StringComparison.Ordinal);
        Assert.Contains("vote close", TestActivities.CardText(refusal), StringComparison.Ordinal);
        Assert.Contains("langue français | english | bilingue | auto", TestActivities.CardText(help).Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Contains("language french | english | bilingual | auto", TestActivities.CardText(help), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LangueBilingue_NonCoordinator_RefusedAndNothingChanges()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        var refusal = await PostForCardAsync(bed, TestPerson.Bruno, "langue bilingue");
        var pulseId = await PulseFlows.OpenAsync(bed);

        // Assert: the refusal names the command; the pulse card after it is French only.
        Assert.Contains("langue", TestActivities.CardText(refusal), StringComparison.Ordinal);
        var pulseCard = await bed.SentCardAsync(bed.Posts.Count - 1);
        Assert.Equal("Répondre", (string?)ConversationTestBed.FindAction(pulseCard, CardVerbs.PulseOpen)?["title"]);
        Assert.False(string.IsNullOrEmpty(pulseId));
    }

    [Fact]
    public async Task PulseInBilingualConversation_SharedCardsBothLanguages_OwnStepsInEachPersonsLanguage()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await PostForCardAsync(bed, TestPerson.Nadia, "langue bilingue");

        // Act
        var pulseId = await PulseFlows.OpenAsync(bed);
        var pulseCard = await bed.SentCardAsync(bed.Posts.Count - 1);
        var chrisStep = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Chris, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));
        var amelieStep = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Amelie, CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = pulseId }));

        // Assert
        Assert.Equal("Répondre / Answer", (string?)ConversationTestBed.FindAction(pulseCard, CardVerbs.PulseOpen)?["title"]);
        Assert.Equal("Next", (string?)ConversationTestBed.FindAction(chrisStep, CardVerbs.PulseNext)?["title"]);
        Assert.Equal("Suivant", (string?)ConversationTestBed.FindAction(amelieStep, CardVerbs.PulseNext)?["title"]);
        var pulse = Assert.Single(await PulseFlows.RowsAsync(azurite.ConnectionString, "Pulses", BotStateKey.Compose("conversation", "msteams", bed.ConversationId)), row => row.RowKey == pulseId);
        Assert.Equal("bi", pulse.GetString("Language"));
    }

    [Fact]
    public async Task PulseCloseInBilingualConversation_SummaryAndCompteRenduInBothLanguages()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], ConversationTestBed.EveryTextShown);
        await PostForCardAsync(bed, TestPerson.Nadia, "langue bilingue");
        var pulseId = await PulseFlows.OpenAsync(bed);
        foreach (var (person, levier) in new[] { (TestPerson.Amelie, Levier), (TestPerson.Bruno, "Un calendrier commun affiché à la bibliothèque"), (TestPerson.Chris, "A shared contact list of the partners") })
        {
            await PulseFlows.AnswerAsync(bed, person, pulseId, new()
            {
                ["roleClarity"] = new() { [PulseInputIds.Rating] = "4" },
                ["agenda"] = new() { [PulseInputIds.Levier] = levier },
            });
        }

        // Act
        var before = bed.Posts.Count;
        await PulseFlows.CloseAsync(bed);
        var summary = await SummaryAfterAsync(bed, before);
        var (markdownLink, _) = await ExportFlows.LinksAsync(bed, TestPerson.Nadia);
        var markdown = await bed.Http.GetStringAsync(markdownLink);

        // Assert
        var text = TestActivities.CardText(summary);
        Assert.Contains("Synthèse du pouls", text, StringComparison.Ordinal);
        Assert.Contains("Pulse summary", text, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(text, Levier));
        var rule = markdown.IndexOf("\n---\n", StringComparison.Ordinal);
        Assert.True(rule > 0, markdown);
        Assert.Contains("Participation", markdown[..rule], StringComparison.Ordinal);
        Assert.Contains("Leviers", markdown[..rule], StringComparison.Ordinal);
        Assert.Contains("Levers", markdown[rule..], StringComparison.Ordinal);
        Assert.DoesNotContain("Leviers", markdown[rule..], StringComparison.Ordinal);
        Assert.Contains(Levier, markdown[..rule], StringComparison.Ordinal);
        Assert.Contains(Levier, markdown[rule..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task VoteInBilingualConversation_TwoLanguageOptions_SharedCardBothHalvesOwnViewOneHalf()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);
        await PostForCardAsync(bed, TestPerson.Nadia, "langue bilingue");

        // Act
        var voteCard = await PostForCardAsync(bed, TestPerson.Nadia, TwoLanguageVote);
        var choose = ConversationTestBed.FindAction(voteCard, CardVerbs.VoteChoose)!;
        var chrisView = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Chris, CardVerbs.VoteChoose, choose["data"]!.DeepClone().AsObject(), replyToId: "vote-card"));
        var amelieView = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Amelie, CardVerbs.VoteChoose, choose["data"]!.DeepClone().AsObject(), replyToId: "vote-card"));

        // Assert
        var shared = voteCard.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("Logement abordable", shared, StringComparison.Ordinal);
        Assert.Contains("Affordable housing", shared, StringComparison.Ordinal);
        Assert.Contains("Which priority for the year?", shared, StringComparison.Ordinal);
        Assert.DoesNotContain("Logement abordable | Affordable housing", shared, StringComparison.Ordinal);
        Assert.Contains("Mobilité des aînés", shared, StringComparison.Ordinal);
        var chris = TestActivities.CardText(chrisView);
        Assert.Contains("Affordable housing", chris, StringComparison.Ordinal);
        Assert.DoesNotContain("Logement abordable", chris, StringComparison.Ordinal);
        var amelie = TestActivities.CardText(amelieView);
        Assert.Contains("Logement abordable", amelie, StringComparison.Ordinal);
        Assert.DoesNotContain("Affordable housing", amelie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VoteOutsideBilingualConversation_TwoLanguageOptions_ShownAsTyped()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia]);

        // Act
        var voteCard = await PostForCardAsync(bed, TestPerson.Nadia, TwoLanguageVote);

        // Assert
        Assert.Contains("Logement abordable | Affordable housing", TestActivities.CardText(voteCard), StringComparison.Ordinal);
    }

    private static async Task<JsonObject> PostForCardAsync(ConversationTestBed bed, TestPerson person, string text)
    {
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(bed.ChannelMessage(person, text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await bed.SentCardAsync(before);
    }

    /// <summary>The summary card among the posts after <paramref name="before"/> (the closed pulse card is an update, not a post).</summary>
    private static async Task<JsonObject> SummaryAfterAsync(ConversationTestBed bed, int before)
    {
        for (var index = before; ; index++)
        {
            var card = await bed.SentCardAsync(index);
            if (TestActivities.CardText(card).Contains("Synthèse du pouls", StringComparison.Ordinal))
            {
                return card;
            }
        }
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
