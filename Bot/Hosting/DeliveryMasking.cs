using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Hosting;

/// <summary>
/// What of an invoke answer may be recorded: the sender's ids and name are replaced by placeholders in every string
/// (and put back from the redelivered activity, which has the same sender, when replayed), so the stored body names
/// nobody; a body naming other people (Teams user ids, a card's <c>refresh.userIds</c>, mentions) is not recorded.
/// </summary>
public static class DeliveryMasking
{
    /// <summary>Starts a placeholder (a private-use character); doubled when the answer itself holds one.</summary>
    private const char Escape = '\uE000';

    private const char IdCode = 'i';
    private const char AadCode = 'a';
    private const char NameCode = 'n';

    /// <summary>The body with the sender masked, as JSON text; null when it names someone else (or is not an object or array).</summary>
    public static string? Mask(JsonElement body, ChannelAccount? sender)
    {
        var node = JsonNode.Parse(body.GetRawText());
        if (node is null)
        {
            return null;
        }

        var identities = Identities(sender);
        node = Map(node, text => MaskText(text, identities));
        return node is null || NamesOthers(node, parentProperty: null) ? null : node.ToJsonString();
    }

    /// <summary>A masked body with <paramref name="sender"/>'s identity put back.</summary>
    public static JsonElement Unmask(string masked, ChannelAccount? sender)
    {
        ArgumentNullException.ThrowIfNull(masked);
        var node = JsonNode.Parse(masked) ?? throw new JsonException("A recorded delivery body is JSON null.");
        var restored = Map(node, text => UnmaskText(text, sender)) ?? throw new JsonException("A recorded delivery body is JSON null.");
        using var document = JsonDocument.Parse(restored.ToJsonString());
        return document.RootElement.Clone();
    }

    private static List<(string Value, char Code)> Identities(ChannelAccount? sender) =>
        [.. new[] { (sender?.Id, IdCode), (sender?.AadObjectId, AadCode), (sender?.Name, NameCode) }
            .Where(identity => !string.IsNullOrWhiteSpace(identity.Item1))
            .Select(identity => (identity.Item1!, identity.Item2))
            .OrderByDescending(identity => identity.Item1.Length)];

    private static string MaskText(string text, List<(string Value, char Code)> identities)
    {
        var result = text.Contains(Escape, StringComparison.Ordinal) ? text.Replace(Escape.ToString(), new string(Escape, 2), StringComparison.Ordinal) : text;
        foreach (var (value, code) in identities)
        {
            result = result.Replace(value, string.Concat(Escape, code), StringComparison.OrdinalIgnoreCase);
        }

        return result;
    }

    private static string UnmaskText(string text, ChannelAccount? sender)
    {
        if (!text.Contains(Escape, StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != Escape || i + 1 >= text.Length)
            {
                builder.Append(text[i]);
                continue;
            }

            i++;
            builder.Append(text[i] switch
            {
                IdCode => sender?.Id,
                AadCode => sender?.AadObjectId,
                NameCode => sender?.Name,
                _ => text[i].ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>A copy of <paramref name="node"/> with <paramref name="map"/> applied to every string value (not to property names).</summary>
    private static JsonNode? Map(JsonNode? node, Func<string, string> map) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(pair => KeyValuePair.Create(pair.Key, Map(pair.Value, map)))),
        JsonArray array => new JsonArray([.. array.Select(item => Map(item, map))]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(map(value.GetValue<string>())),
        _ => node?.DeepClone(),
    };

    /// <summary>
    /// Whether the masked body still names a person: a string that is a Teams user id (<c>29:…</c>, <c>8:orgid:…</c>), or anything
    /// but the sender's placeholder in a <c>userIds</c> list or a mention's <c>mentioned</c>.
    /// </summary>
    private static bool NamesOthers(JsonNode? node, string? parentProperty)
    {
        switch (node)
        {
            case JsonObject obj:
                return obj.Any(pair => NamesOthers(pair.Value, pair.Key)
                    || (string.Equals(pair.Key, "mentioned", StringComparison.OrdinalIgnoreCase) && pair.Value is JsonObject mentioned && !IsSenderOnly(mentioned["id"])));
            case JsonArray array:
                return array.Any(item => NamesOthers(item, parentProperty)
                    || (string.Equals(parentProperty, "userIds", StringComparison.OrdinalIgnoreCase) && !IsSenderOnly(item)));
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                return text.StartsWith("29:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("8:orgid:", StringComparison.OrdinalIgnoreCase);
            default:
                return false;
        }
    }

    private static bool IsSenderOnly(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
        && value.GetValue<string>() is { Length: 2 } text && text[0] == Escape && text[1] is IdCode or AadCode;
}
