using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Kernel;

/// <summary>The people of a team or chat, read page by page (the non-paged roster API is throttled to 5 a minute).</summary>
public static class Roster
{
    private const int PageSize = 200;

    /// <summary>Every member except bots (Teams gives bots <c>28:</c> ids).</summary>
    public static async Task<IReadOnlyList<TeamsChannelAccount>> ReadAsync(IConnectorClient connector, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var members = new List<TeamsChannelAccount>();
        string? continuation = null;
        do
        {
            var page = await connector.GetConversationPagedMembersAsync(conversationId, PageSize, continuation, cancellationToken).ConfigureAwait(false);
            members.AddRange((page.Members ?? []).Where(m => m.Id is { Length: > 0 } id && !id.StartsWith("28:", StringComparison.Ordinal)));
            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));

        return members;
    }

    /// <summary>How many people the team or chat has (N of "n of N"); null when the connector would not say.</summary>
    public static async Task<int?> TryCountAsync(IConnectorClient connector, string conversationId, CancellationToken cancellationToken)
    {
        try
        {
            return (await ReadAsync(connector, conversationId, cancellationToken).ConfigureAwait(false)).Count;
        }
        catch (ConnectorException)
        {
            return null;
        }
    }
}
