using ConcertationBot.Bot.Kernel;

namespace ConcertationBot.Bot.Pulses;

/// <summary>Pulses and their anonymous answers, in Table Storage. Who answered is never stored (see <see cref="ReadRespondentKeysAsync"/>).</summary>
public interface IPulseStore : IConversationItemStore<PulseRecord>
{
    /// <summary>
    /// Stores one respondent's answers (PK pulse id, RK respondent key); a re-send replaces the fields. Properties are the
    /// fields plus <c>AnsweredOn</c>, the UTC day of <paramref name="at"/> (no finer time). Never pass a name or an Entra id in the fields.
    /// </summary>
    Task SaveAnswerAsync(string pulseId, string respondentKey, IReadOnlyDictionary<string, object> fields, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Stores one respondent's answers written from dialog <paramref name="revision"/>: nothing is replaced when the stored row
    /// comes from the same or a newer revision (a concurrent or late submit of the same person). For a pulse with
    /// <see cref="PulseRecord.AnswerFence"/>, the row is written in one transaction with a touch of the fence row the
    /// close deletes: false, with nothing written, when the pulse is closed.
    /// </summary>
    Task<bool> SaveAnswerAsync(PulseRecord pulse, string respondentKey, IReadOnlyDictionary<string, object> fields, int revision, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Pulses closed between <paramref name="closedAfter"/> and <paramref name="closedBefore"/> whose posted card was not yet
    /// seen turned into the closed card (<see cref="PulseRecord.FinalCardPending"/>), in every conversation (for the sweep).
    /// </summary>
    IAsyncEnumerable<PulseRecord> ListFinalCardPendingAsync(DateTimeOffset closedBefore, DateTimeOffset closedAfter, CancellationToken cancellationToken);

    /// <summary>Records that Teams accepted the posted card's turn into the closed card (clears <see cref="PulseRecord.FinalCardPending"/>).</summary>
    Task MarkFinalCardSentAsync(PulseRecord pulse, CancellationToken cancellationToken);

    /// <summary>Closed pulses whose summary is not posted yet (<see cref="PulseRecord.SummaryPending"/>), in every conversation.</summary>
    IAsyncEnumerable<PulseRecord> ListSummaryPendingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims the right to post the pending summary until <paramref name="until"/> (an ETag-conditioned write): the pulse
    /// when this call won; null when the summary is not pending, another claim runs until after <paramref name="now"/>, or
    /// another instance claimed it at the same moment.
    /// </summary>
    Task<PulseRecord?> TryClaimSummaryAsync(PulseRecord pulse, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>After a failed try: no instance tries again before <paramref name="retryAt"/>; records the delay notice when given.</summary>
    Task DeferSummaryAsync(PulseRecord pulse, DateTimeOffset retryAt, DateTimeOffset? noticeAt, CancellationToken cancellationToken);

    /// <summary>How many respondents answered (a partition query reading only keys).</summary>
    Task<int> CountAnswersAsync(string pulseId, CancellationToken cancellationToken);

    IAsyncEnumerable<PulseAnswerRow> ReadAnswersAsync(string pulseId, CancellationToken cancellationToken);

    /// <summary>
    /// The answers with only <paramref name="columns"/> read (a Table <c>$select</c>), in row-key order, in pages of
    /// <see cref="PulseStore.AnswerPageSize"/>; <see cref="PulseAnswerRow.AnsweredOn"/> is not read. A compte-rendu
    /// download reads its CSV's columns, or one text list, this way: never a whole row it does not write.
    /// </summary>
    IAsyncEnumerable<PulseAnswerRow> ReadAnswerColumnsAsync(string pulseId, IReadOnlyList<string> columns, CancellationToken cancellationToken);

    /// <summary>
    /// The respondent keys of the pulse's answers (a partition query reading only keys): whoever holds the hash key can
    /// tell who of a roster answered by computing their keys; storage alone cannot.
    /// </summary>
    Task<IReadOnlySet<string>> ReadRespondentKeysAsync(string pulseId, CancellationToken cancellationToken);

    /// <summary>Open pulses whose deadline is at or before <paramref name="now"/>, in every conversation (for the closing sweep).</summary>
    IAsyncEnumerable<PulseRecord> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every pulse of the conversation, open or closed, in no particular order.</summary>
    IAsyncEnumerable<PulseRecord> ListAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>The most recently opened pulse of the conversation (only closed ones when <paramref name="closedOnly"/>), skipping <paramref name="exceptPulseId"/>.</summary>
    Task<PulseRecord?> GetLatestAsync(string channelId, string conversationId, bool closedOnly, string? exceptPulseId, CancellationToken cancellationToken);

    /// <summary>Deletes every answer row of the pulse (deletion command, retention); returns how many there were.</summary>
    Task<int> DeleteAnswersAsync(string pulseId, CancellationToken cancellationToken);

    /// <summary>Records that the closing summary was posted (or given up): the close is finished.</summary>
    Task MarkSummaryPostedAsync(PulseRecord pulse, DateTimeOffset at, CancellationToken cancellationToken);
}
