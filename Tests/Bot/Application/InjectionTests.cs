namespace ConcertationBot.Tests.Bot.Application;

/// <summary>
/// Markdown, HTML, link and Adaptive Card text-function injection in user text, end to end over HTTP: the cards the
/// bot posts or answers with show the text inertly. Markdown fields (TextBlock, Fact) must carry it escaped
/// (CardText.Inert); TextRuns are never Markdown but still expand <c>{{DATE(…)}}</c>, so they must not carry a
/// <c>{{</c>; and no URL-bearing property (Action.OpenUrl, selectAction, Image) may carry a user-supplied URL.
/// </summary>
public sealed class InjectionTests
{
    private const string Link = "[click](https://evil.example/phish)";
    private const string Image = "![x](http://evil.example/img.png)";
    private const string Html = "<a href=\"javascript:alert(1)\">ici</a>";
    private const string Bold = "**URGENT**";
    private const string DateFunction = "{{DATE(2017-02-14T06:08:39Z, SHORT)}}";
    private const string TimeFunction = "{{TIME(2017-02-14T06:08:39Z)}}";
    private const string JavascriptLink = "[js](javascript:alert(1))";
    private const string Heading = "\n\n# Titre";

    private static readonly string Everything = $"{Link} {Image} {Html} {Bold} {DateFunction} {JavascriptLink}{Heading}";

    [Fact]
    public async Task Vote_HostileQuestionAndOptions_LiveBallotAndFinalCardsShowThemInertly()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        var command = $"vote {Bold} {Link} {TimeFunction} : {Image} {Html} ; {JavascriptLink} {DateFunction} # Titre";

        // Act
        var voteId = await VoteFlows.OpenAsync(bed, command);
        var live = await bed.SentCardAsync(0);
        var ballot = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Bruno, CardVerbs.VoteOpen, new JsonObject { [CardDataFields.VoteId] = voteId }));
        var confirmation = await bed.InvokeForCardAsync(bed.Invoke(TestPerson.Bruno, CardVerbs.VoteCast, VoteFlows.Single(voteId, 0)));
        using (var close = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote clore")))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }

        var final = await bed.SentCardAsync(bed.Posts.Count - 1);

        // Assert
        foreach (var card in new[] { live, ballot, confirmation, final })
        {
            AssertInert(card);
            Assert.Contains("evil.example/phish", TestActivities.CardText(card), StringComparison.Ordinal);
        }

        Assert.Contains(CardTextOf(live), t => t.Contains("\\*\\*URGENT\\*\\* \\[click\\]\\(https://evil.example/phish\\)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pulse_HostileFreinAndLevier_ReviewAndSummaryShowThemInertly()
    {
        // Arrange: k = 1, so that the one answer's texts reach the summary card.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia], ConversationTestBed.EveryTextShown);
        var pulseId = await PulseFlows.OpenAsync(bed);
        var inputs = new Dictionary<string, Dictionary<string, string>>
        {
            ["roleClarity"] = new() { [PulseInputIds.Rating] = "4" },
            ["agenda"] = new() { [PulseInputIds.Frein] = Everything, [PulseInputIds.Levier] = $"{Link} {DateFunction}" },
        };

        // Act
        var review = await PulseFlows.WalkToReviewAsync(bed, TestPerson.Amelie, pulseId, inputs);
        var thanks = await bed.ClickAsync(TestPerson.Amelie, review, CardVerbs.PulseSubmit);
        await PulseFlows.CloseAsync(bed);

        var summary = await LastPostContainingAsync(bed, "evil.example");

        // Assert
        foreach (var card in new[] { review, thanks, summary })
        {
            AssertInert(card);
        }

        Assert.Contains("evil.example/phish", TestActivities.CardText(review), StringComparison.Ordinal);
        Assert.Contains("evil.example/phish", TestActivities.CardText(summary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PulseName_HostileTeamName_SummaryAndExportCardsShowItInertly()
    {
        // Arrange: the pulse takes its place name from the team's name, which team owners type.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        var open = bed.ChannelMessage(TestPerson.Nadia, "pulse démarrer");
        open["channelData"]!["team"]!["name"] = Everything;
        using (var opened = await bed.PostAsync(open))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        // Act
        await PulseFlows.CloseAsync(bed);

        using (var export = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "export")))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        }

        var cards = new List<JsonObject>();
        for (var i = 0; i < bed.Posts.Count; i++)
        {
            cards.Add(await bed.SentCardAsync(i));
        }

        // Assert
        Assert.Contains(cards, c => TestActivities.CardText(c).Contains("evil.example/phish", StringComparison.Ordinal));
        Assert.Contains(cards, c => c.ToJsonString().Contains("Action.OpenUrl", StringComparison.Ordinal));
        Assert.All(cards, AssertInert);
    }

    [Fact]
    public async Task RencontreExport_HostileThemeAndIntention_ExportCardInertAndCompteRenduEscaped()
    {
        // Arrange: a rencontre whose thématique and intention carry every injection, and a pulse of it, closed.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        foreach (var command in (string[])["rencontre 2026-09-14 : " + Everything, "rencontre intention : " + Everything, "pulse démarrer", "pulse clore"])
        {
            using var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, command));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var rencontre = await bed.Factory.Services.GetRequiredService<ConcertationBot.Bot.Rencontres.IRencontreStore>()
            .GetCurrentAsync("msteams", bed.ConversationId, CancellationToken.None);
        Assert.Contains("evil.example/phish", rencontre?.Theme, StringComparison.Ordinal);
        Assert.Contains("evil.example/phish", rencontre?.Intention, StringComparison.Ordinal);

        // Act
        var before = bed.Posts.Count;
        using (var export = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "export")))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        }

        var card = await bed.SentCardAsync(before);
        var link = OpenUrls(card).Single(u => new Uri(u).AbsolutePath.EndsWith(".md", StringComparison.Ordinal));
        var markdown = await bed.Http.GetStringAsync(new Uri(new Uri(link).PathAndQuery, UriKind.Relative));

        // Assert
        Assert.Contains("evil.example/phish", TestActivities.CardText(card), StringComparison.Ordinal);
        AssertInert(card);
        var lines = markdown.Split('\n');
        Assert.Contains("Thématique\u00A0: " + MarkdownText.Escape(rencontre!.Theme), lines);
        Assert.Contains("Intention\u00A0: " + MarkdownText.Escape(rencontre.Intention!), lines);
        Assert.Equal(1, lines.Count(l => l.StartsWith('#') && !l.StartsWith("##", StringComparison.Ordinal)));
        // Every opener is backslash-escaped: none stands unescaped anywhere in the document.
        string[] live = [@"\]\(", "<a ", @"\*\*URGENT", "# Titre"];
        Assert.All(live, opener => Assert.DoesNotMatch(@"(?<!\\)" + opener, markdown));
    }

    [Fact]
    public async Task DisplayNames_HostileCoordinatorAndGranteeNames_RefusalAndGrantCardsShowThemInertly()
    {
        // Arrange: nobody configured, so the first caller (with a hostile display name) becomes the coordinator.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString);
        var hostile = TestPerson.Nadia with { Name = $"{Link} {DateFunction} {Bold}" };
        using (var open = await bed.PostAsync(bed.ChannelMessage(hostile, "pulse démarrer")))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        var grant = bed.ChannelMessage(hostile, $"coordination ajouter <at>{Image}</at>");
        grant["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = $"<at>{Image}</at>",
            ["mentioned"] = new JsonObject { ["id"] = TestPerson.Chris.Id, ["name"] = $"{Image} {TimeFunction} {Html}", ["aadObjectId"] = TestPerson.Chris.AadObjectId },
        });

        // Act
        using (var granted = await bed.PostAsync(grant))
        {
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        using (var refused = await bed.PostAsync(bed.ChannelMessage(TestPerson.Bruno, "pulse clore")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        var grantCard = await bed.SentCardAsync(1);
        var refusal = await bed.SentCardAsync(2);

        // Assert
        Assert.Contains("evil.example/img.png", TestActivities.CardText(grantCard), StringComparison.Ordinal);
        Assert.Contains("evil.example/phish", TestActivities.CardText(refusal), StringComparison.Ordinal);
        AssertInert(grantCard);
        AssertInert(refusal);
    }

    /// <summary>The card of the last post whose text contains <paramref name="marker"/>.</summary>
    private static async Task<JsonObject> LastPostContainingAsync(ConversationTestBed bed, string marker)
    {
        for (var i = bed.Posts.Count - 1; i >= 0; i--)
        {
            var card = await bed.SentCardAsync(i);
            if (TestActivities.CardText(card).Contains(marker, StringComparison.Ordinal))
            {
                return card;
            }
        }

        throw new InvalidOperationException($"No posted card contains {marker}.");
    }

    private static List<string> CardTextOf(JsonObject card)
    {
        var texts = new List<string>();
        Walk(card, (kind, text) => texts.Add(text), _ => { });
        return texts;
    }

    /// <summary>
    /// Markdown fields (TextBlock text, Fact title and value) hold no live Markdown, HTML or text function from the
    /// hostile inputs; TextRuns hold no <c>{{</c>; no URL-bearing property carries a hostile URL.
    /// </summary>
    private static List<string> OpenUrls(JsonNode? node)
    {
        var urls = new List<string>();
        if (node is JsonObject obj)
        {
            if ((string?)obj["type"] == "Action.OpenUrl")
            {
                urls.Add((string)obj["url"]!);
            }

            foreach (var (_, value) in obj)
            {
                urls.AddRange(OpenUrls(value));
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                urls.AddRange(OpenUrls(item));
            }
        }

        return urls;
    }

    private static void AssertInert(JsonObject card)
    {
        Walk(
            card,
            (kind, text) =>
            {
                Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
                if (kind == FieldKind.Markdown)
                {
                    string[] live = ["](", "[click]", "![x]", "<a ", "</a>", "**URGENT**", "\n# ", "[js]"];
                    foreach (var fragment in live)
                    {
                        Assert.False(text.Contains(fragment, StringComparison.Ordinal), $"Live Markdown {fragment} in: {text}");
                    }

                    Assert.False(text.StartsWith("# ", StringComparison.Ordinal), $"Live heading in: {text}");
                }
            },
            url => Assert.False(
                url.Contains("evil", StringComparison.OrdinalIgnoreCase) || url.Contains("javascript:", StringComparison.OrdinalIgnoreCase),
                $"User URL in a link property: {url}"));
    }

    private enum FieldKind
    {
        Markdown,
        Plain,
    }

    private static void Walk(JsonNode? node, Action<FieldKind, string> text, Action<string> url, bool inFacts = false)
    {
        switch (node)
        {
            case JsonObject obj:
                var type = (string?)(obj["type"] as JsonValue);
                if (type == "TextBlock" && obj["text"] is JsonValue textBlock)
                {
                    text(FieldKind.Markdown, (string)textBlock!);
                }
                else if (type == "TextRun" && obj["text"] is JsonValue run)
                {
                    text(FieldKind.Plain, (string)run!);
                }
                else if (inFacts)
                {
                    foreach (var name in new[] { "title", "value" })
                    {
                        if (obj[name] is JsonValue fact)
                        {
                            text(FieldKind.Markdown, (string)fact!);
                        }
                    }
                }

                foreach (var (key, value) in obj)
                {
                    if (key is "url" or "iconUrl" or "backgroundImage" && value is JsonValue link)
                    {
                        url((string)link!);
                    }

                    if (key == "selectAction" && value is not null)
                    {
                        url(value.ToJsonString());
                    }

                    Walk(value, text, url, key == "facts");
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, text, url, inFacts);
                }

                break;
        }
    }
}
