using ConcertationBot.Bot.Kernel;

namespace ConcertationBot.Bot.Votes;

/// <summary>
/// Votes and their anonymous ballots, in Table Storage (who voted or opened a ballot form is never stored). A ballot is one entity per voter
/// (keyed hash) in the vote's partition, written in one transaction with a fence row that the close removes: once
/// closed, no ballot can be written, so the final count includes every ballot ever acknowledged.
/// </summary>
public interface IVoteStore : IConversationItemStore<VoteRecord>
{
    /// <summary>
    /// Stores or replaces one voter's ballot (PK vote id, RK voter key; properties <c>Points</c> and <c>CastOn</c>, the UTC day) in one
    /// transaction with a touch of the fence row. False, with nothing written, when the vote is closed (no fence).
    /// Idempotent: the same ballot sent twice leaves one entity. The write is conditional on the ballot read just before
    /// (insert, or If-Match its ETag, read again on conflict), so a write given up on that reaches storage late cannot
    /// overwrite a newer ballot.
    /// </summary>
    Task<bool> SaveBallotAsync(string voteId, string voterKey, string points, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>One voter's stored ballot (encoded points), or null.</summary>
    Task<string?> GetBallotAsync(string voteId, string voterKey, CancellationToken cancellationToken);

    /// <summary>Every ballot of the vote (a partition query; the fence row is not a ballot).</summary>
    IAsyncEnumerable<VoteBallotRow> ReadBallotsAsync(string voteId, CancellationToken cancellationToken);

    /// <summary>
    /// Closed votes whose result is not recorded yet (<see cref="VoteRecord.ResultPending"/>): in one conversation, or in
    /// every conversation when both ids are null (for the sweep).
    /// </summary>
    IAsyncEnumerable<VoteRecord> ListResultPendingAsync(string? channelId, string? conversationId, CancellationToken cancellationToken);

    /// <summary>Records the final result (ballot count, scores in the vote's order) and when the result card was posted.</summary>
    Task<VoteRecord> RecordResultAsync(VoteRecord vote, int participation, IReadOnlyList<int> scores, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Closed votes whose result was recorded between <paramref name="recordedAfter"/> and <paramref name="recordedBefore"/>
    /// and whose posted card was not yet seen turned into it (<see cref="VoteRecord.FinalCardPending"/>), in every
    /// conversation (for the sweep).
    /// </summary>
    IAsyncEnumerable<VoteRecord> ListFinalCardPendingAsync(DateTimeOffset recordedBefore, DateTimeOffset recordedAfter, CancellationToken cancellationToken);

    /// <summary>Records that Teams accepted the posted card's turn into the result (clears <see cref="VoteRecord.FinalCardPending"/>).</summary>
    Task MarkFinalCardSentAsync(VoteRecord vote, CancellationToken cancellationToken);

    /// <summary>Deletes every ballot of the vote (deletion command, retention); returns how many there were.</summary>
    Task<int> DeleteBallotsAsync(string voteId, CancellationToken cancellationToken);

    /// <summary>Closed votes of the conversation opened at or after <paramref name="since"/>, oldest first (for the compte-rendu).</summary>
    IAsyncEnumerable<VoteRecord> ListClosedAsync(string channelId, string conversationId, DateTimeOffset since, CancellationToken cancellationToken);
}
