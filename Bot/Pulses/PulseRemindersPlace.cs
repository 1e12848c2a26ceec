using System.Text.Json;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// Where a pulse lives, as its reminder names it: the table (team or chat name), the channel, and a Teams link to the
/// pulse card when its ids are known. Read from the <c>pulse rappel</c> command, which is sent in the pulse's own
/// conversation (<c>channelData.team</c>, <c>channelData.channel</c>, <c>conversation.name</c>).
/// </summary>
public sealed record PulseRemindersPlace(string? TableName, string? ChannelName, Uri? PulseLink)
{
    private const string TeamsBase = "https://teams.microsoft.com/l/message/";

    public static PulseRemindersPlace Of(PulseRecord pulse, Activity command)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        ArgumentNullException.ThrowIfNull(command);
        var team = Property(command.ChannelData, "team");
        var channel = Property(command.ChannelData, "channel");
        var tableName = Text(team, "name") ?? pulse.PlaceName ?? command.Conversation?.Name;
        var channelName = Text(channel, "name");
        return new PulseRemindersPlace(Blank(tableName), Blank(channelName), Link(pulse, Text(team, "aadGroupId"), Blank(tableName), Blank(channelName)));
    }

    /// <summary>
    /// Teams' link to a message: in a channel <c>l/message/{channel}/{message}?tenantId&amp;parentMessageId[&amp;groupId…]</c>
    /// (the pulse card is a top-level post, its own parent); in a group chat <c>l/message/{chat}/{message}?context={"contextType":"chat"}</c>.
    /// None in a 1:1 chat or when the card's id is unknown.
    /// </summary>
    public static Uri? Link(PulseRecord pulse, string? groupId, string? teamName, string? channelName)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        if (pulse.CardActivityId is not { Length: > 0 } messageId)
        {
            return null;
        }

        var path = TeamsBase + Uri.EscapeDataString(pulse.ConversationId) + "/" + Uri.EscapeDataString(messageId);
        var query = new List<(string Name, string? Value)>();
        switch (pulse.ConversationType)
        {
            case "channel":
                query.Add(("tenantId", pulse.TenantId));
                query.Add(("groupId", groupId));
                query.Add(("parentMessageId", messageId));
                query.Add(("teamName", teamName));
                query.Add(("channelName", channelName));
                break;
            case "groupChat":
                query.Add(("context", "{\"contextType\":\"chat\"}"));
                break;
            default:
                return null;
        }

        var parts = query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!));
        return new Uri(path + "?" + string.Join('&', parts));
    }

    private static JsonElement? Property(JsonElement? data, string name) =>
        data is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var found) && found.ValueKind == JsonValueKind.Object ? found : null;

    private static string? Text(JsonElement? element, string name) =>
        element is { } value && value.TryGetProperty(name, out var found) && found.ValueKind == JsonValueKind.String ? found.GetString() : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
