namespace ConcertationBot.Bot.Hosting;

/// <summary>
/// The key a delivery is recorded under: a keyed hash (the application holds the secret) of where it came from and its
/// id, so that the <c>Deliveries</c> table never holds a raw id and nobody without the secret can tell whose it is.
/// </summary>
public interface IDeliveryKeys
{
    /// <summary>The keyed hash of the four ids, as lowercase hex (64 characters).</summary>
    string Of(string channelId, string conversationId, string senderId, string activityId);
}
