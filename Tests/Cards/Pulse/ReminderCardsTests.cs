using System.Text.Json.Nodes;
using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Tests.Infrastructure;
using ConcertationBot.Tests.Support;

namespace ConcertationBot.Tests.Cards.Pulse;

/// <summary>The reminder run's cards: the report in agreement with its counts, the progress, the 1:1 reminder's place and link.</summary>
public sealed class ReminderCardsTests
{
    [Fact]
    public void ReminderReport_FiveSentOneAnswered_LabelsAgreeWithTheirCounts()
    {
        // Arrange
        var model = new ReminderReportCardModel { Language = Language.French, Sent = 5, AlreadyAnswered = 1, RecentlyReminded = 0, Unreachable = 2 };

        // Act
        var json = CardJson.Of(PulseCoordinationCards.ReminderReport(model));

        // Assert
        var facts = Facts(json);
        Assert.Equal(
            [("Rappels envoyés", "5"), ("A déjà répondu", "1"), ("Rappelé il y a moins de 24 h", "0"), ("Impossibles à joindre", "2")],
            facts);
        Assert.Equal("Bilan des rappels", CardJson.TextBlocks(json)[0]);
    }

    [Fact]
    public void ReminderReport_OneSent_Singular()
    {
        // Act
        var json = CardJson.Of(PulseCoordinationCards.ReminderReport(new ReminderReportCardModel { Language = Language.French, Sent = 1, AlreadyAnswered = 7 }));

        // Assert
        Assert.Contains(("Rappel envoyé", "1"), Facts(json));
        Assert.Contains(("Ont déjà répondu", "7"), Facts(json));
    }

    [Fact]
    public void ReminderReport_NotReachedForNow_CountedAndTellsToRunItAgain()
    {
        // Act
        var json = CardJson.Of(PulseCoordinationCards.ReminderReport(new ReminderReportCardModel { Language = Language.French, Sent = 2, NotReachedNow = 3 }));

        // Assert
        Assert.Contains(("Pas joints pour l'instant", "3"), Facts(json));
        Assert.Contains(CardJson.TextBlocks(json), t => t.Contains("Refaites «\u00A0pulse rappel\u00A0» un peu plus tard", StringComparison.Ordinal));
    }

    [Fact]
    public void ReminderReport_Interrupted_SaysItIsPartial()
    {
        // Act
        var json = CardJson.Of(PulseCoordinationCards.ReminderReport(new ReminderReportCardModel { Language = Language.English, NotReachedNow = 3, Interrupted = true }));

        // Assert
        Assert.Contains(("Not reached for now", "3"), Facts(json));
        Assert.Contains(CardJson.TextBlocks(json), t => t.Contains("this report is partial", StringComparison.Ordinal));
    }

    [Fact]
    public void ReminderReport_NothingLeftForNow_NoNotReachedLine()
    {
        // Act
        var json = CardJson.Of(PulseCoordinationCards.ReminderReport(new ReminderReportCardModel { Language = Language.French, Sent = 4 }));

        // Assert
        Assert.DoesNotContain(Facts(json), f => f.Label.StartsWith("Pas joint", StringComparison.Ordinal));
        Assert.Equal(4, Facts(json).Count);
    }

    [Fact]
    public void Progress_Build_HeadingProgressAndDetailAsGiven()
    {
        // Act
        var json = CardJson.Of(ReminderCards.Progress(Progress(Language.French, "Cette carte suit les envois.")));

        // Assert
        Assert.Equal(["Je relance 300 membres en privé", "120 / 300 relancés · fin estimée vers 14 h 52", "Cette carte suit les envois."], CardJson.TextBlocks(json));
        Assert.Empty(CardJson.Actions(json));
    }

    [Fact]
    public void Reminder_PlaceChannelAndLink_NamedInertlyAndLinked()
    {
        // Arrange
        var link = new Uri("https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/1700000000000?tenantId=t&parentMessageId=1700000000000");
        var model = ChannelReminder(Language.French, "Pulse", "vendredi", "Table *Saint-Michel*", link);

        // Act
        var json = CardJson.Of(PulseCoordinationCards.Reminder(model));

        // Assert
        var runs = CardJson.TextRuns(json);
        Assert.Equal(["Table\u00A0: ", "Table *Saint-Michel*", " · canal ", "Général"], runs.Skip(1));
        var actions = CardJson.Actions(json);
        Assert.Equal(CardVerbs.PulseOpen, (string?)actions[0]["verb"]);
        Assert.Equal("Action.OpenUrl", (string?)actions[1]["type"]);
        Assert.Equal(link.AbsoluteUri, (string?)actions[1]["url"]);
        Assert.Equal("Voir le pouls", (string?)actions[1]["title"]);
    }

    [Fact]
    public void Reminder_NoPlaceNoLink_OnlyTheTextAndRepondre()
    {
        // Act
        var json = CardJson.Of(PulseCoordinationCards.Reminder(new PulseReminderCardModel
        {
            Language = Language.English,
            PulseId = "p1",
            ConversationId = "a:chat",
            PulseTitle = "Pulse",
            DeadlineText = "Friday",
        }));

        // Assert
        Assert.Single(CardJson.TextRuns(json));
        Assert.Equal("Answer", (string?)Assert.Single(CardJson.Actions(json))["title"]);
    }

    [Fact]
    public async Task Validate_EveryReminderCard_HasNoRendererErrors()
    {
        // Arrange: the progress card, the reports and the 1:1 reminder in both languages, through Microsoft's adaptivecards.
        var cards = new List<(string Name, AdaptiveCard Card)>();
        foreach (var language in Enum.GetValues<Language>())
        {
            cards.Add(($"progress-{language}", ReminderCards.Progress(Progress(language, "Cette carte suit les envois ; j'y fais le bilan quand c'est fini."))));
            cards.Add(($"report-{language}", PulseCoordinationCards.ReminderReport(new ReminderReportCardModel { Language = language, Sent = 280, AlreadyAnswered = 20, Unreachable = 1, NotReachedNow = 2 })));
            cards.Add(($"report-partial-{language}", PulseCoordinationCards.ReminderReport(new ReminderReportCardModel { Language = language, NotReachedNow = 3, Interrupted = true })));
            cards.Add(($"reminder-{language}", PulseCoordinationCards.Reminder(ChannelReminder(
                language,
                "Pulse *novembre*",
                "vendredi 11 décembre 2026 à 17 h 00 (UTC−05:00)",
                "Table *Saint-Michel* <at>x</at>",
                new Uri("https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/1700000000000?tenantId=t&parentMessageId=1700000000000")))));
        }

        var input = new JsonArray([.. cards.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["card"] = JsonNode.Parse(AdaptiveCardSerializer.ToJson(c.Card)) })]);

        // Act
        var output = await NodeScript.RunAsync(RepositoryPaths.Combine("Tests", "Node", "cards", "validate-cards.cjs"), input.ToJsonString(), CancellationToken.None);

        // Assert
        var results = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(input.Count, results.Count);
        var failures = results.Where(r => r!["errors"]!.AsArray().Count > 0).Select(r => r!.ToJsonString()).ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>The progress card of 120 reminders sent out of 300, with <paramref name="detail"/>.</summary>
    private static ReminderProgressCardModel Progress(Language language, string detail) => new()
    {
        Language = language,
        Heading = "Je relance 300 membres en privé",
        Progress = "120 / 300 relancés · fin estimée vers 14 h 52",
        Detail = detail,
    };

    /// <summary>The 1:1 reminder of pulse p1, opened in the channel "Général" of <paramref name="placeName"/>.</summary>
    private static PulseReminderCardModel ChannelReminder(Language language, string pulseTitle, string deadlineText, string placeName, Uri link) => new()
    {
        Language = language,
        PulseId = "p1",
        ConversationId = "19:abc@thread.tacv2",
        PulseTitle = pulseTitle,
        DeadlineText = deadlineText,
        PlaceName = placeName,
        ChannelName = "Général",
        PulseLink = link,
    };

    private static List<(string Label, string Value)> Facts(System.Text.Json.Nodes.JsonNode card) =>
        [.. CardJson.OfType(card, "FactSet").SelectMany(f => f["facts"]!.AsArray()).Select(f => ((string)f!["title"]!, (string)f["value"]!))];
}
