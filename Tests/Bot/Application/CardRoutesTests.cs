using System.Reflection;
using ConcertationBot.Bot.Routing;

namespace ConcertationBot.Tests.Bot.Application;

public sealed class CardRoutesTests
{
    private static IReadOnlyList<string> AllCardVerbs() =>
        [.. typeof(CardVerbs).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];

    [Fact]
    public void CardActionVerbs_TheBotsRouteTable_EveryCardVerbHasExactlyOneRoute()
    {
        // Arrange
        using var host = new BotApplicationFactory();
        using var client = host.CreateClient();
        var application = host.Services.GetRequiredService<BotApplication>();
        var verbs = AllCardVerbs();

        // Act
        var routed = application.CardActionVerbs;

        // Assert: a verb is registered once (a second registration throws), every verb is routed and nothing else is.
        Assert.Equal(26, verbs.Count);
        Assert.Equal(verbs.Count, verbs.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(verbs.Order(StringComparer.Ordinal), routed.Order(StringComparer.Ordinal));
    }
}
