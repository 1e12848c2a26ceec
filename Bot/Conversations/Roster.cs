using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Conversations;

/// <summary>The members of a team or chat, read page by page (the non-paged roster API is throttled to 5 a minute).</summary>
public static class Roster
{
    private const int PageSize = 200;

    /// <summary>Every member except the bot itself.</summary>
    public static async Task<IReadOnlyList<TeamsChannelAccount>> ReadAsync(IConnectorClient connector, string conversationId, string? botId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var members = new List<TeamsChannelAccount>();
        string? continuation = null;
        do
        {
            var page = await connector.GetConversationPagedMembersAsync(conversationId, PageSize, continuation, cancellationToken).ConfigureAwait(false);
            members.AddRange((page.Members ?? []).Where(m => m.Id is { Length: > 0 } && !string.Equals(m.Id, botId, StringComparison.OrdinalIgnoreCase)));
            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));

        return members;
    }
}
