using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Profiles;

/// <summary>
/// Where a profile applies: the team (<c>channelData.team.id</c>) when there is one, else the conversation (thread
/// suffix removed), a group or 1:1 chat outside any team.
/// </summary>
public sealed record ProfileScope(string ChannelId, string ScopeId, bool InTeam)
{
    /// <summary>The scope of an activity's conversation.</summary>
    public static ProfileScope From(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (channelId, conversationId) = ConversationKeys.Of(activity);
        return Of(channelId, conversationId, TeamsChannelData.Team(activity)?.Id);
    }

    /// <summary>The scope of a conversation, given its team id when it belongs to one (as a pulse or vote record keeps it).</summary>
    public static ProfileScope Of(string channelId, string conversationId, string? teamId)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        return teamId is { Length: > 0 }
            ? new ProfileScope(channelId, teamId, InTeam: true)
            : new ProfileScope(channelId, ConversationKeys.Normalize(conversationId), InTeam: false);
    }

    /// <summary>
    /// The <c>Profiles</c> partition of the scope; also the scope part of its members' profile keys (escaped for key
    /// rules, so it holds no line feed).
    /// </summary>
    public string Partition => BotStateKey.Compose(InTeam ? "team" : "conversation", ChannelId, ScopeId);
}
