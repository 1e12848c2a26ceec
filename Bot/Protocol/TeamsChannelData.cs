using System.Text.Json;

namespace ConcertationBot.Bot.Protocol;

/// <summary>The team an activity comes from (<c>channelData.team</c>).</summary>
public sealed record TeamInfo(string Id, string? Name);

/// <summary>Reads the Teams-specific parts of <c>channelData</c> without a typed model of the whole object.</summary>
public static class TeamsChannelData
{
    /// <summary><c>channelData.team</c> when the activity comes from a team's channel; null in chats.</summary>
    public static TeamInfo? Team(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.ChannelData is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty("team", out var team) || team.ValueKind != JsonValueKind.Object
            || StringOf(team, "id") is not { Length: > 0 } id)
        {
            return null;
        }

        return new TeamInfo(id, StringOf(team, "name"));
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
