using Microsoft.Extensions.Caching.Memory;
using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Cards.AdaptiveCards;

namespace ConcertationBot.Bot.Kernel;

/// <summary>
/// The members of a conversation for the live cards, kept a few minutes in the host's memory cache so that a burst of
/// answers does not read the roster once per card update. Nothing about who answered or opened a form is stored: a
/// card's refresh list is the roster itself.
/// </summary>
public sealed class ConversationRoster(IConnectorClientFactory connectors, IMemoryCache cache)
{
    /// <summary>How long a roster read is reused; someone who joins meanwhile gets the card's buttons, not its refresh.</summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(5);

    /// <summary>The members, from the cache or read now (page by page).</summary>
    public async Task<IReadOnlyList<TeamsChannelAccount>> ReadAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var key = new RosterCacheKey(serviceUrl, conversationId);
        if (cache.TryGetValue(key, out IReadOnlyList<TeamsChannelAccount>? cached) && cached is not null)
        {
            return cached;
        }

        var members = await Roster.ReadAsync(connectors.Create(serviceUrl), conversationId, cancellationToken).ConfigureAwait(false);
        cache.Set(key, members, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheDuration, Size = Math.Max(1, members.Count) });
        return members;
    }

    /// <summary>
    /// Teams' <c>refresh.userIds</c> for a shared card: every member when there are at most 60 (Teams' limit), else none;
    /// larger conversations keep the card's own buttons ("Répondre", "Voter"), which open each person's view on a click.
    /// Also none when the roster cannot be read: the card still works by its buttons.
    /// </summary>
    public async Task<IReadOnlyList<string>> RefreshUserIdsAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        try
        {
            var members = await ReadAsync(serviceUrl, conversationId, cancellationToken).ConfigureAwait(false);
            return members.Count <= CardRefresh.MaxUserIds ? [.. members.Select(member => member.Id!)] : [];
        }
        catch (ConnectorException)
        {
            return [];
        }
    }

    private sealed record RosterCacheKey(string ServiceUrl, string ConversationId);
}
