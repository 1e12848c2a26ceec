using ConcertationBot.Cards.Dashboard;

namespace ConcertationBot.Tests.Cards.Dashboard;

public sealed class DashboardCardTests
{
    private static readonly Uri Link = new("https://bot.example.org/dashboard?grant=e30.c2ln");

    [Theory]
    [InlineData(Language.French, "Ouvrir le tableau de bord", "Ce lien est valable jusqu'au demain\u202F; toute personne qui l'a peut ouvrir la page.")]
    [InlineData(Language.English, "Open the dashboard", "This link works until demain; anyone who has it can open the page.")]
    public void Build_AnyLanguage_OneOpenUrlToTheLinkAndItsExpiry(Language language, string button, string expiry)
    {
        // Act
        var card = CardJson.Of(DashboardCard.Build(language, Link, "demain"));

        // Assert
        var action = Assert.Single(CardJson.Actions(card));
        Assert.Equal("Action.OpenUrl", (string?)action["type"]);
        Assert.Equal(Link.AbsoluteUri, (string?)action["url"]);
        Assert.Equal(button, (string?)action["title"]);
        Assert.Contains(expiry, CardJson.TextBlocks(card));
    }
}
