namespace ConcertationBot.Bot.Kernel;

/// <summary>
/// Which rencontre is current in a conversation, for the features whose items belong to it (a pulse or a vote opened
/// there records its id in <see cref="ConversationItemRecord.RencontreId"/>). Declared here so that pulses and votes need
/// not know the Rencontres feature, which builds on them (it counts their items); implemented by its store.
/// </summary>
public interface ICurrentRencontre
{
    /// <summary>The id of the conversation's current rencontre (thread suffix ignored), or null when none was opened there.</summary>
    Task<string?> GetCurrentIdAsync(string channelId, string conversationId, CancellationToken cancellationToken);
}
