using ConcertationBot.Cards.Roadmap;

namespace ConcertationBot.Tests.Cards.Roadmap;

public sealed class RoadmapCardTests
{
    /// <summary>Markdown, a text function and a line break: shown as typed, never read.</summary>
    public const string HostileText = "**Gras** [lien](https://exemple.org) {{DATE(2026-01-01T00:00:00Z)}}\nsuite";

    /// <summary>Thirty items with every text at its limit, in words, spread over the three horizons.</summary>
    public static RoadmapCardModel ThirtyLong(Language language, bool editable) => new()
    {
        Language = language,
        Vision = Words(300),
        Items = [.. Enumerable.Range(0, 30).Select(n => new RoadmapCardItem
        {
            Id = n.ToString("D32", CultureInfo.InvariantCulture),
            Text = Words(200),
            Horizon = RoadmapCard.HorizonCodes[n % 3],
            Status = RoadmapCard.StatusCodes[n % 4],
            Indicator = Words(200),
            Carriers = Words(200),
            Changed = "6 décembre 2026",
        })],
        Editable = editable,
        RefreshUserId = editable ? "29:nadia" : null,
    };

    public static RoadmapCardModel Small(Language language, bool editable) => new()
    {
        Language = language,
        Vision = HostileText,
        Items =
        [
            new RoadmapCardItem { Id = "i1", Text = HostileText, Horizon = "Court", Status = "EnCours", Indicator = "2 trajets par samedi", Carriers = "Marie, le CLSC", Changed = "6 décembre 2026" },
            new RoadmapCardItem { Id = "i2", Text = "Un centre de santé", Horizon = "Long", Status = "AVenir", Changed = "1 décembre 2026" },
        ],
        Editable = editable,
        RefreshUserId = editable ? "29:nadia" : null,
    };

    private static string Words(int length) =>
        string.Concat(Enumerable.Repeat("événement ", (length / 10) + 1))[..length];

    /// <summary>The text of every element of <paramref name="type"/> anywhere in the card (a <c>TextBlock</c> is read as Markdown, a <c>TextRun</c> never).</summary>
    private static IEnumerable<string> Texts(JsonNode? node, string type) => node switch
    {
        JsonObject o when (string?)o["type"] == type => [(string?)o["text"] ?? string.Empty],
        JsonObject o => o.SelectMany(p => Texts(p.Value, type)),
        JsonArray a => a.SelectMany(n => Texts(n, type)),
        _ => [],
    };

    private static JsonObject Json(AdaptiveCard card) => JsonNode.Parse(AdaptiveCardSerializer.ToJson(card))!.AsObject();

    [Theory]
    [InlineData(Language.French, false)]
    [InlineData(Language.French, true)]
    [InlineData(Language.English, true)]
    public void Build_ThirtyItemsAtTheLimits_UnderTheCardLimit(Language language, bool editable)
    {
        // Act
        var card = RoadmapCard.Build(ThirtyLong(language, editable));

        // Assert
        Assert.InRange(AdaptiveCardSerializer.MeasureUtf16Bytes(card), 1, RoadmapCard.MaxCardBytes);
    }

    [Fact]
    public void Build_MoreThanFits_CutWithALineSayingHowManyMore()
    {
        // Arrange: 90 items at the limits (more than the model allows) cannot all fit.
        var thirty = ThirtyLong(Language.French, editable: true);
        var model = thirty with { Items = [.. thirty.Items, .. thirty.Items, .. thirty.Items] };

        // Act
        var card = RoadmapCard.Build(model);

        // Assert
        Assert.InRange(AdaptiveCardSerializer.MeasureUtf16Bytes(card), 1, RoadmapCard.MaxCardBytes);
        var text = TestActivities.CardText(Json(card));
        Assert.Matches(@"… et \d+ autres changements", text);
    }

    [Fact]
    public void Build_ReadOnly_NoActionNoRefreshAndUserTextAsRuns()
    {
        // Act
        var json = Json(RoadmapCard.Build(Small(Language.French, editable: false)));

        // Assert
        Assert.Null(json["refresh"]);
        Assert.DoesNotContain("Action.Execute", json.ToJsonString(), StringComparison.Ordinal);
        var text = TestActivities.CardText(json);
        Assert.Contains("Court terme", text, StringComparison.Ordinal);
        Assert.Contains("Long terme", text, StringComparison.Ordinal);
        Assert.Contains("En cours", text, StringComparison.Ordinal);
        Assert.Contains("Marie, le CLSC", text, StringComparison.Ordinal);
        Assert.Contains("modifié le 6 décembre 2026", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Texts(json, "TextBlock"), text => text.Contains("Gras", StringComparison.Ordinal));
        Assert.Contains(CardText.WithoutTextFunctions(HostileText), Texts(json, "TextRun"));
    }

    [Fact]
    public void Build_Editable_AModifierPerItemAndRefreshForTheCoordinatorOnly()
    {
        // Act
        var json = Json(RoadmapCard.Build(Small(Language.English, editable: true)));

        // Assert
        Assert.Equal(CardVerbs.RoadmapShow, (string?)json["refresh"]!["action"]!["verb"]);
        Assert.Equal(["29:nadia"], json["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
        var edits = json.ToJsonString().Split("\"roadmap.item.edit\"").Length - 1;
        Assert.Equal(2, edits);
        Assert.Contains("Short term", TestActivities.CardText(json), StringComparison.Ordinal);
    }

    [Fact]
    public void ItemForm_Item_PrefilledWithWhatItShowedSentBackOnSave()
    {
        // Arrange
        var item = Small(Language.French, editable: true).Items[0];

        // Act
        var json = Json(RoadmapCard.ItemForm(Language.French, item, "29:nadia"));

        // Assert
        var save = CardActions.Find(json, CardVerbs.RoadmapItemSave)!;
        Assert.Equal("i1", (string?)save["data"]![CardDataFields.RoadmapItemId]);
        Assert.Equal("EnCours", (string?)save["data"]![CardDataFields.RoadmapWas]![CardDataFields.RoadmapStatus]);
        Assert.Equal(HostileText, (string?)save["data"]![CardDataFields.RoadmapWas]![CardDataFields.RoadmapText]);
        Assert.NotNull(CardActions.Find(json, CardVerbs.RoadmapItemRemove));
        Assert.Equal(["29:nadia"], json["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
    }
}
