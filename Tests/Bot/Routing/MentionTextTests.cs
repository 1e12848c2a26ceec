using ConcertationBot.Bot.Routing;

namespace ConcertationBot.Tests.Bot.Routing;

public sealed class MentionTextTests
{
    private static Entity Mention(string id, string text) => new()
    {
        Type = "mention",
        AdditionalProperties = new()
        {
            ["text"] = JsonSerializer.SerializeToElement(text),
            ["mentioned"] = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["id"] = id, ["name"] = "x" }),
        },
    };

    [Fact]
    public void RemoveRecipientMention_BotMentioned_RemovesOnlyTheBot()
    {
        // Arrange
        var activity = new Activity
        {
            Text = "<at>ConcertationBot</at> coordination ajouter <at>Karim</at>",
            Recipient = new ChannelAccount { Id = "28:bot" },
            Entities = [Mention("28:bot", "<at>ConcertationBot</at>"), Mention("29:karim", "<at>Karim</at>")],
        };

        // Act
        var text = MentionText.RemoveRecipientMention(activity);

        // Assert
        Assert.Equal("coordination ajouter <at>Karim</at>", text);
    }

    [Fact]
    public void RemoveRecipientMention_HtmlEntitiesAndNbsp_AreDecoded()
    {
        // Arrange
        var activity = new Activity { Text = "<at>Bot</at>&nbsp;pulse&nbsp;&#233;tat", Recipient = new ChannelAccount { Id = "28:bot" }, Entities = [Mention("28:bot", "<at>Bot</at>")] };

        // Act
        var text = MentionText.RemoveRecipientMention(activity);

        // Assert
        Assert.Equal("pulse état", text);
    }

    [Fact]
    public void RemoveRecipientMention_NoEntities_ReturnsTrimmedText()
    {
        // Act
        var text = MentionText.RemoveRecipientMention(new Activity { Text = "  aide  " });

        // Assert
        Assert.Equal("aide", text);
    }
}
