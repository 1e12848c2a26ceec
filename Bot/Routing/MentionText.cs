using System.Net;
using System.Text.Json;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Routing;

/// <summary>Removes the @mention of the bot from a message, so "@ConcertationBot aide" reads "aide".</summary>
public static class MentionText
{
    public static string RemoveRecipientMention(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? string.Empty;
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity is null || !string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase) || entity.AdditionalProperties is null)
            {
                continue;
            }

            if (IsMentionOf(entity.AdditionalProperties, botId)
                && entity.AdditionalProperties.TryGetValue("text", out var mentionText)
                && StringOf(mentionText) is { Length: > 0 } literal)
            {
                text = text.Replace(literal, " ", StringComparison.OrdinalIgnoreCase);
            }
        }

        return WebUtility.HtmlDecode(text).Replace('\u00A0', ' ').Trim();
    }

    /// <summary>The account a <c>mention</c> entity points at (<c>mentioned {id, name}</c>), or null for other entities.</summary>
    public static ChannelAccount? MentionedAccount(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase)
            || entity.AdditionalProperties?.TryGetValue("mentioned", out var mentioned) != true
            || mentioned.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return mentioned.Deserialize(ProtocolJsonContext.Default.ChannelAccount);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// A string field kept as raw JSON, or null when it is not a string or not valid text: raw JSON is only decoded when
    /// read, so invalid UTF-8 or a lone surrogate escape in an entity throws here, before the turn's error handling.
    /// </summary>
    internal static string? StringOf(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsMentionOf(Dictionary<string, JsonElement> fields, string? botId) =>
        botId is not null
        && fields.TryGetValue("mentioned", out var mentioned)
        && mentioned.ValueKind == JsonValueKind.Object
        && mentioned.TryGetProperty("id", out var id)
        && string.Equals(StringOf(id), botId, StringComparison.OrdinalIgnoreCase);
}
