using System.Text.Json.Nodes;
using ConcertationBot.Cards;

namespace ConcertationBot.Tests.Support;

/// <summary>Finds the actions of a card the bot sent, as a Teams client would to click them.</summary>
public static class CardActions
{
    /// <summary>The first <c>Action.Execute</c> with this verb (and step, when given) outside the card's refresh.</summary>
    public static JsonObject? Find(JsonNode? node, string verb, string? step = null)
    {
        switch (node)
        {
            case JsonObject obj:
                if ((string?)obj["type"] == "Action.Execute" && (string?)obj["verb"] == verb
                    && (step is null || (string?)obj["data"]?[CardDataFields.Step] == step))
                {
                    return obj;
                }

                foreach (var (key, value) in obj)
                {
                    if (key != "refresh" && Find(value, verb, step) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                return array.Select(item => Find(item, verb, step)).FirstOrDefault(found => found is not null);
            default:
                return null;
        }
    }
}
