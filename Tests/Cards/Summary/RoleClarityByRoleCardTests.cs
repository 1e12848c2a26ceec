namespace ConcertationBot.Tests.Cards.Summary;

/// <summary>Role clarity by role group on the summary card (issue #16): under the role clarity figures, only when shown.</summary>
public sealed class RoleClarityByRoleCardTests
{
    [Theory]
    [InlineData(Language.French, "Moyenne par groupe", "Direction / coordination", "4,3 / 5 (4 réponses)", "Équipe terrain", "2,6 / 5 (5 réponses)")]
    [InlineData(Language.English, "Mean by group", "Management / coordination", "4.3 / 5 (4 answers)", "Frontline team", "2.6 / 5 (5 answers)")]
    public void Build_RoleGroups_TitleThenOneFactPerGroupInTheRoleClaritySection(Language language, string title, string direction, string directionMean, string terrain, string terrainMean)
    {
        // Act
        var card = CardJson.Of(PulseSummaryCard.Build(SummaryCardFixtures.TwelveWithRoleGroups(language)));

        // Assert
        var roleClarity = card["body"]!.AsArray().OfType<JsonObject>().First(e => (string?)e["type"] == "Container")["items"]!.AsArray();
        var at = roleClarity.Select(i => (string?)i!["text"]).ToList().IndexOf(title);
        Assert.True(at > 0, "no group title in the role clarity section");
        var facts = roleClarity[at + 1]!["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!)).ToList();
        Assert.Equal([(direction, directionMean), (terrain, terrainMean)], facts);
    }

    [Fact]
    public void Build_NoRoleGroups_NoGroupTitle()
    {
        // Act
        var text = TestActivities.CardText(CardJson.Of(PulseSummaryCard.Build(SummaryCardFixtures.Twelve(Language.French))));

        // Assert
        Assert.DoesNotContain("Moyenne par groupe", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Direction / coordination", text, StringComparison.Ordinal);
    }
}
