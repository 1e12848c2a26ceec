using ConcertationBot.Bot.Protocol;
using ConcertationBot.Cards.AdaptiveCards;

namespace ConcertationBot.Bot.Kernel;

/// <summary>Activities the bot sends on its own (not as a reply to a turn).</summary>
public static class ProactiveMessages
{
    public static Activity Card(AdaptiveCard card) => new()
    {
        Type = ActivityTypes.Message,
        Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = AdaptiveCardSerializer.ToElement(card) }],
    };
}
