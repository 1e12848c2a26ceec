namespace ConcertationBot.Tests.Cards.Pulse;

/// <summary>Reads a built card back as the JSON Teams receives.</summary>
internal static class CardJson
{
    public static JsonNode Of(AdaptiveCard card) => JsonNode.Parse(AdaptiveCardSerializer.ToJson(card))!;

    /// <summary>Every object of the card's JSON (depth first), to find elements wherever they are nested.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            yield return obj;
            foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(Objects))
            {
                yield return child;
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>().SelectMany(Objects))
            {
                yield return child;
            }
        }
    }

    public static IEnumerable<JsonObject> OfType(JsonNode card, string type) =>
        Objects(card["body"]!).Where(o => (string?)o["type"] == type);

    /// <summary>Texts of every Markdown-rendered TextBlock.</summary>
    public static List<string> TextBlocks(JsonNode card) => [.. OfType(card, "TextBlock").Select(o => (string)o["text"]!)];

    /// <summary>Texts of every plain run (never Markdown).</summary>
    public static List<string> TextRuns(JsonNode card) => [.. OfType(card, "TextRun").Select(o => (string)o["text"]!)];

    /// <summary>Card-level actions.</summary>
    public static List<JsonObject> Actions(JsonNode card) => card["actions"] is JsonArray a ? [.. a.Cast<JsonObject>()] : [];

    public static JsonObject Input(JsonNode card, string id) =>
        Objects(card["body"]!).Single(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true && (string?)o["id"] == id);
}
