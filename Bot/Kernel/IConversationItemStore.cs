namespace ConcertationBot.Bot.Kernel;

/// <summary>
/// What the stores of conversation items (pulses, votes) offer alike: at most one open item per conversation, found by
/// conversation (thread suffix ignored), opened and closed atomically, its posted card recorded, its per-person rows purged.
/// </summary>
public interface IConversationItemStore<TRecord>
    where TRecord : ConversationItemRecord
{
    /// <summary>The open item of the conversation (thread suffix ignored), or null.</summary>
    Task<TRecord?> GetOpenAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>One item of the conversation, open or closed, or null.</summary>
    Task<TRecord?> GetAsync(string channelId, string conversationId, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Opens atomically (the conversation's "open" pointer and the item's row in one entity-group transaction in the
    /// conversation's partition, with its fence). Returns the stored item (conversation id normalized, ETag set), or null
    /// when an item is already open there.
    /// </summary>
    Task<TRecord?> TryOpenAsync(TRecord item, CancellationToken cancellationToken);

    /// <summary>Records the id of the posted card; returns the item with it and the new ETag.</summary>
    Task<TRecord> SetCardActivityIdAsync(TRecord item, string activityId, CancellationToken cancellationToken);

    /// <summary>
    /// Closes the item if it is still the open one: its fence is removed first (nothing per person can be written after it),
    /// then the pointer is removed and <see cref="ConversationItemRecord.ClosedAt"/> and the pending flag of what the close
    /// still owes are set in one ETag-conditioned transaction. Returns the closed item when this call closed it; null when
    /// it was not open (already closed by another caller, or another item is open). A 404/412 on a retried transaction is
    /// judged by re-reading the row's close token: a close of this call's own is still returned.
    /// </summary>
    Task<TRecord?> TryCloseAsync(TRecord item, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that the item's per-person rows were deleted.</summary>
    Task MarkPurgedAsync(TRecord item, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>How many items of the conversation, open or closed, belong to the rencontre <paramref name="rencontreId"/>.</summary>
    Task<int> CountInRencontreAsync(string channelId, string conversationId, string rencontreId, CancellationToken cancellationToken);

    /// <summary>Closed items, in every conversation, closed at or before <paramref name="cutoff"/> and not purged yet (for retention).</summary>
    IAsyncEnumerable<TRecord> ListClosedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
