using System.Text.Json;
using System.Text.Json.Nodes;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Help;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Tests.Infrastructure;

namespace ConcertationBot.Tests.Cards;

/// <summary>Every card the bot can send, parsed by Microsoft's adaptivecards package: zero events, version ≤ 1.5, under 80 KB.</summary>
public sealed class OfficialRendererValidationTests
{
    public static IEnumerable<(string Name, AdaptiveCard Card)> AllCards()
    {
        foreach (var language in Enum.GetValues<Language>())
        {
            foreach (var isGroup in new[] { false, true })
            {
                yield return ($"help-{language}-{(isGroup ? "group" : "personal")}", HelpCard.Build(CommandCatalog.Help(language, isGroup)));
                yield return ($"welcome-{language}-{(isGroup ? "group" : "personal")}", WelcomeCard.Build(language, isGroup));
            }

            yield return ($"expired-{language}", NoticeCards.Expired(language));
        }
    }

    [Fact]
    public async Task Validate_EveryBotCard_HasNoRendererErrors()
    {
        // Arrange
        var input = new JsonArray([.. AllCards().Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["card"] = JsonNode.Parse(AdaptiveCardSerializer.ToJson(c.Card)),
        })]);

        // Act
        var output = await NodeScript.RunAsync(RepositoryPaths.Combine("Tests", "Node", "cards", "validate-cards.cjs"), input.ToJsonString(), CancellationToken.None);

        // Assert
        var results = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(input.Count, results.Count);
        var failures = results.Where(r => r!["errors"]!.AsArray().Count > 0).Select(r => r!.ToJsonString()).ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Validate_CardWithUnknownElementAndBadSize_IsReported()
    {
        // Arrange: proves the validator can fail.
        var bad = new JsonArray(new JsonObject
        {
            ["name"] = "bad",
            ["card"] = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.6","body":[{"type":"TextBlock","text":"x","size":"Huge"},{"type":"Bogus"}]}"""),
        });

        // Act
        var output = await NodeScript.RunAsync(RepositoryPaths.Combine("Tests", "Node", "cards", "validate-cards.cjs"), bad.ToJsonString(), CancellationToken.None);

        // Assert
        var errors = JsonNode.Parse(output)![0]!["errors"]!.AsArray().Select(e => (string?)e).ToList();
        Assert.Contains(errors, e => e!.Contains("version 1.6", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("Huge", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("Bogus", StringComparison.Ordinal));
    }
}
