using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Storage;

/// <summary>Conversation ids as the bot keys its data.</summary>
public static class ConversationKeys
{
    private const string MessageIdSuffix = ";messageid=";

    /// <summary>
    /// Strips the <c>;messageid=…</c> suffix Teams adds to a channel conversation id inside a thread, so whatever is
    /// started in a thread belongs to the channel. An id that is only the suffix (never from Teams) is kept whole.
    /// </summary>
    public static string Normalize(string conversationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var index = conversationId.IndexOf(MessageIdSuffix, StringComparison.OrdinalIgnoreCase);
        return index <= 0 ? conversationId : conversationId[..index];
    }

    /// <summary>Where an activity belongs: its channel id and its conversation id without the thread suffix.</summary>
    public static (string ChannelId, string ConversationId) Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return (activity.ChannelId ?? throw new InvalidOperationException("The activity has no channelId."),
            Normalize(activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation.")));
    }

    /// <summary>
    /// The Table partition key of a conversation's records (pulses, votes): channel and conversation, thread suffix
    /// removed, escaped for key rules.
    /// </summary>
    public static string Partition(string channelId, string conversationId) =>
        BotStateKey.Compose("conversation", channelId, Normalize(conversationId));
}
