using System.Text.Json.Nodes;

namespace ConcertationBot.Load;

/// <summary>Reading the cards the bot sends back, for the scenarios' verdicts.</summary>
internal static class CardTexts
{
    /// <summary>Whether <paramref name="number"/> stands in <paramref name="text"/> as a whole number (no digit either side).</summary>
    public static bool ContainsNumber(string text, string number)
    {
        var at = text.IndexOf(number, StringComparison.Ordinal);
        while (at >= 0)
        {
            var before = at == 0 || !char.IsDigit(text[at - 1]);
            var after = at + number.Length >= text.Length || !char.IsDigit(text[at + number.Length]);
            if (before && after)
            {
                return true;
            }

            at = text.IndexOf(number, at + 1, StringComparison.Ordinal);
        }

        return false;
    }

    /// <summary>Every text of a card (TextBlock text, TextRun text, Fact title and value).</summary>
    public static List<string> Of(JsonNode? node)
    {
        var texts = new List<string>();
        Collect(node, texts);
        return texts;

        static void Collect(JsonNode? node, List<string> texts)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key is "text" or "title" or "value" && value is JsonValue v && v.TryGetValue<string>(out var s))
                        {
                            texts.Add(s);
                        }
                        else if (key != "refresh")
                        {
                            Collect(value, texts);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Collect(item, texts);
                    }

                    break;
            }
        }
    }
}
