namespace ConcertationBot.Bot.Concertation;

/// <summary>Conversation ids as the bot keys its data.</summary>
public static class ConversationKeys
{
    private const string MessageIdSuffix = ";messageid=";

    /// <summary>
    /// Strips the <c>;messageid=…</c> suffix Teams adds to a channel conversation id inside a thread, so whatever is
    /// started in a thread belongs to the channel.
    /// </summary>
    public static string Normalize(string conversationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var index = conversationId.IndexOf(MessageIdSuffix, StringComparison.OrdinalIgnoreCase);
        return index < 0 ? conversationId : conversationId[..index];
    }
}
