using Microsoft.Extensions.Caching.Memory;

namespace ConcertationBot.Bot.Kernel;

/// <summary>
/// The item (a pulse, a vote) a card click names, kept a few seconds per instance while it is open, so that a click does
/// not read it again (issue #15). An open item's record does not change until its close, once its card is posted: the
/// close on this instance forgets it at once, and a close on another instance is caught where it matters, by the fence
/// of the answer or ballot write (refused, and the closed card shown).
/// </summary>
public sealed class OpenItemCache<TRecord>(IConversationItemStore<TRecord> store, IMemoryCache cache, TimeProvider time)
    where TRecord : ConversationItemRecord
{
    /// <summary>How long a read of an open item is reused.</summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(10);

    public async Task<TRecord?> GetAsync(string channelId, string conversationId, string id, CancellationToken cancellationToken)
    {
        var key = Key(channelId, conversationId, id);
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out Entry? cached) && cached is not null && now - cached.ReadAt < Reuse)
        {
            return cached.Item;
        }

        var item = await store.GetAsync(channelId, conversationId, id, cancellationToken).ConfigureAwait(false);
        if (item is { IsOpen: true, CardActivityId: { Length: > 0 } })
        {
            // One unit of the host's size-limited cache; gone from memory once it can no longer be reused.
            cache.Set(key, new Entry(item, now), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Reuse });
        }
        else
        {
            cache.Remove(key);
        }

        return item;
    }

    /// <summary>Forgets the item on this instance (its close, or a write its fence refused).</summary>
    public void Forget(string channelId, string conversationId, string id) => cache.Remove(Key(channelId, conversationId, id));

    private static (Type, string, string, string) Key(string channelId, string conversationId, string id) =>
        (typeof(TRecord), channelId, conversationId, id);

    private sealed record Entry(TRecord Item, DateTimeOffset ReadAt);
}
