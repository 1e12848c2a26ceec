using ConcertationBot.Tests.Dialogs.Pulse;

namespace ConcertationBot.Tests.Cards.Pulse;

/// <summary>The review of a whole default pulse through Microsoft's adaptivecards package: parsed, then drawn at phone width.</summary>
public sealed class PulseReviewRenderingTests
{
    [Fact]
    public async Task Render_FullDefaultPulseReviews_NoRendererErrorNoOverflowAndEnvoyerSends()
    {
        // Arrange: answered at the 500-character limit, answered briefly, and nothing answered.
        var reviews = new (string Name, PulseScript Script)[]
        {
            ("answered-500", PulseReviewFixtures.AnsweredDefault(textLength: 500)),
            ("answered-80", PulseReviewFixtures.AnsweredDefault(textLength: 80)),
            ("skipped", PulseReviewFixtures.SkippedDefault()),
        };
        var input = new JsonArray([.. reviews.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name,
            ["card"] = CardJson.Of(PulseReviewCard.Build(PulseReviewFixtures.Review(r.Script))),
        })]);

        // Act
        var validated = JsonNode.Parse(await NodeScript.RunAsync(CardScript("validate-cards.cjs"), input.ToJsonString(), CancellationToken.None))!.AsArray();
        var rendered = JsonNode.Parse(await NodeScript.RunAsync(CardScript("render-cards.mjs"), input.ToJsonString(), CancellationToken.None))!.AsArray();

        // Assert
        Assert.Equal(reviews.Length, validated.Count);
        Assert.All(validated, r => Assert.True(r!["errors"]!.AsArray().Count == 0, r.ToJsonString()));
        Assert.Equal(reviews.Length, rendered.Count);
        Assert.All(rendered, r => Assert.True((int)r!["overflowPx"]! == 0, r.ToJsonString()));

        // "About two screens" at phone width: a phone shows about 800 CSS pixels of chat at a time.
        Assert.All(rendered, r => Assert.True((int)r!["heightPx"]! <= TwoPhoneScreensPx, $"{r["name"]}: {(int)r["heightPx"]!} px tall at 368 px wide"));
        for (var i = 0; i < reviews.Length; i++)
        {
            // The end "Envoyer", pressed in the renderer, sends the pulse and the revision the card was built from.
            var send = Assert.Single(rendered[i]!["executed"]!.AsArray())!;
            Assert.Equal(CardVerbs.PulseSubmit, (string?)send["verb"]);
            Assert.Equal(reviews[i].Script.State.Revision, (int?)send["data"]![CardDataFields.Revision]);
        }
    }

    private const int TwoPhoneScreensPx = 2 * 800;

    private static string CardScript(string name) => RepositoryPaths.Combine("Tests", "Node", "cards", name);
}
