using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// <see cref="IPulseStore"/> on three tables. <c>Pulses</c>: one partition per conversation, a row per pulse (RK = pulse
/// id) and an <c>open</c> pointer row naming the open pulse. <c>PulseAnswers</c>: one partition per pulse, a row per
/// respondent key. Who answered is never stored: it is derived from the roster and these keys when needed.
/// </summary>
public sealed partial class PulseStore : IPulseStore
{
    public const string PulsesTable = "Pulses";
    public const string AnswersTable = "PulseAnswers";

    /// <summary>The table earlier versions kept who answered in (user id, Entra id, time); the start-up sweep deletes it.</summary>
    public const string RetiredParticipationTable = "PulseParticipation";

    /// <summary>The row of a fenced pulse's answer partition that every answer write touches and the close deletes.</summary>
    internal const string FenceRowKey = "~fence";

    /// <summary>A random token the close transaction writes, so a retried close can tell its own earlier success from another's.</summary>
    private const string CloseToken = nameof(CloseToken);

    /// <summary>The dialog revision an answer row was written from: a write of an older revision never replaces a newer one.</summary>
    private const string Revision = nameof(Revision);

    /// <summary>The row of a conversation's open pulse (its id and deadline), which the deadline sweep queries.</summary>
    public const string OpenPointerRowKey = "open";
    private const string UpdatedAt = nameof(UpdatedAt);
    private const string FirstSubmittedAt = nameof(FirstSubmittedAt);
    private const string AnsweredOn = nameof(AnsweredOn);
    private const int MaxFields = 240;
    private const int MaxSaveAttempts = 50;

    private static readonly HashSet<string> ReservedFieldNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "PartitionKey", "RowKey", "Timestamp", UpdatedAt, FirstSubmittedAt, AnsweredOn, Revision,
    };

    private static readonly string[] KeysOnly = ["PartitionKey", "RowKey"];

    private readonly CreatedTable _pulses;
    private readonly CreatedTable _answers;

    public PulseStore(TableServiceClient service)
        : this(service, string.Empty)
    {
    }

    /// <summary>Tables named <paramref name="tablePrefix"/> + the standard names (tests use a fresh prefix).</summary>
    internal PulseStore(TableServiceClient service, string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        _pulses = new CreatedTable(service.GetTableClient(tablePrefix + PulsesTable));
        _answers = new CreatedTable(service.GetTableClient(tablePrefix + AnswersTable));
    }

    public async Task<PulseRecord?> GetOpenAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = ConversationKeys.Partition(channelId, conversationId);
        var pointer = await table.GetEntityIfExistsAsync<TableEntity>(partition, OpenPointerRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!pointer.HasValue || pointer.Value!.GetString(nameof(PulseRecord.PulseId)) is not { Length: > 0 } pulseId)
        {
            return null;
        }

        var pulse = await GetAsync(channelId, conversationId, pulseId, cancellationToken).ConfigureAwait(false);
        return pulse is { IsOpen: true } ? pulse : null;
    }

    public async Task<PulseRecord?> GetAsync(string channelId, string conversationId, string pulseId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pulseId);
        if (pulseId == OpenPointerRowKey || !TableKeys.IsValid(pulseId))
        {
            return null;
        }

        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(ConversationKeys.Partition(channelId, conversationId), pulseId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<PulseRecord?> TryOpenAsync(PulseRecord pulse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        ArgumentException.ThrowIfNullOrEmpty(pulse.PulseId);
        TableKeys.ThrowIfInvalid(pulse.PulseId, nameof(pulse));
        if (pulse.PulseId == OpenPointerRowKey)
        {
            throw new ArgumentException("The pulse id 'open' is reserved.", nameof(pulse));
        }

        if (pulse.Language is not ("fr" or "en" or "bi"))
        {
            throw new ArgumentException($"Pulse language must be 'fr', 'en' or 'bi', not '{pulse.Language}'.", nameof(pulse));
        }

        var stored = pulse with { ConversationId = ConversationKeys.Normalize(pulse.ConversationId), ClosedAt = null, AnswerFence = true, SummaryPending = false };
        var partition = ConversationKeys.Partition(stored.ChannelId, stored.ConversationId);
        var pointer = new TableEntity(partition, OpenPointerRowKey)
        {
            [nameof(PulseRecord.PulseId)] = stored.PulseId,
            [nameof(PulseRecord.ChannelId)] = stored.ChannelId,
            [nameof(PulseRecord.ConversationId)] = stored.ConversationId,
            [nameof(PulseRecord.Deadline)] = stored.Deadline,
        };
        var row = ToEntity(partition, stored);

        // The answer fence exists before the pulse does, so no answer of an open pulse ever finds it missing; the close deletes it.
        var answers = await _answers.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await answers.AddEntityAsync(new TableEntity(stored.PulseId, FenceRowKey), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already there: a retried open of the same pulse id.
        }

        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var results = await table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, pointer), new TableTransactionAction(TableTransactionActionType.Add, row)],
                cancellationToken).ConfigureAwait(false);
            var etag = results.Value[1].Headers.ETag;
            return etag is { } known
                ? stored with { ETag = known }
                : await GetAsync(stored.ChannelId, stored.ConversationId, stored.PulseId, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Either another pulse is open, or the client retried this very transaction after its first try was stored
            // (a network timeout): storage tells which.
            return await GetAsync(stored.ChannelId, stored.ConversationId, stored.PulseId, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<PulseRecord> SetCardActivityIdAsync(PulseRecord pulse, string activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        TableKeys.ThrowIfInvalid(pulse.PulseId, nameof(pulse));
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var patch = new TableEntity(ConversationKeys.Partition(pulse.ChannelId, pulse.ConversationId), pulse.PulseId)
        {
            [nameof(PulseRecord.CardActivityId)] = activityId,
        };
        var response = await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        if (response.Headers.ETag is { } etag)
        {
            return pulse with { CardActivityId = activityId, ETag = etag };
        }

        return await GetAsync(pulse.ChannelId, pulse.ConversationId, pulse.PulseId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Pulse {pulse.PulseId} vanished while its card id was being recorded.");
    }

    public async Task<PulseRecord?> TryCloseAsync(PulseRecord pulse, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        TableKeys.ThrowIfInvalid(pulse.PulseId, nameof(pulse));
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = ConversationKeys.Partition(pulse.ChannelId, pulse.ConversationId);
        var pointer = await table.GetEntityIfExistsAsync<TableEntity>(partition, OpenPointerRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!pointer.HasValue || pointer.Value!.GetString(nameof(PulseRecord.PulseId)) != pulse.PulseId)
        {
            return null;
        }

        // The answer fence goes first: from here on no answer can be stored, so the summary counts every acknowledged one.
        var answers = await _answers.GetAsync(cancellationToken).ConfigureAwait(false);
        await answers.DeleteEntityAsync(pulse.PulseId, FenceRowKey, ETag.All, cancellationToken).ConfigureAwait(false);

        var token = Guid.NewGuid().ToString("N");
        var patch = new TableEntity(partition, pulse.PulseId)
        {
            [nameof(PulseRecord.ClosedAt)] = at,
            [nameof(PulseRecord.SummaryPending)] = true,
            [FinalCardRows.Pending] = pulse.CardActivityId is not null,
            [CloseToken] = token,
        };
        try
        {
            var results = await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, OpenPointerRowKey), pointer.Value.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpdateMerge, patch, ETag.All),
                ],
                cancellationToken).ConfigureAwait(false);
            return await GetAsync(pulse.ChannelId, pulse.ConversationId, pulse.PulseId, cancellationToken).ConfigureAwait(false) is { } closed
                ? closed with { ETag = results.Value[1].Headers.ETag ?? closed.ETag }
                : null;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Closed by someone else, or by this very call: the client retried the transaction after a network timeout
            // and the first try had been stored. Only the row's close token tells.
            return await ClosedByAsync(pulse, token, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PulseRecord?> ClosedByAsync(PulseRecord pulse, string token, CancellationToken cancellationToken)
    {
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ConversationKeys.Partition(pulse.ChannelId, pulse.ConversationId), pulse.PulseId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value!.GetString(CloseToken) == token ? FromEntity(row.Value) : null;
    }

    public async IAsyncEnumerable<PulseRecord> ListFinalCardPendingAsync(DateTimeOffset closedBefore, DateTimeOffset closedAfter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = FinalCardRows.PendingFilter(nameof(PulseRecord.ClosedAt), closedBefore, closedAfter);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != OpenPointerRowKey && FromEntity(row) is { IsOpen: false, FinalCardPending: true, CardActivityId: not null } pulse)
            {
                yield return pulse;
            }
        }
    }

    public async Task MarkFinalCardSentAsync(PulseRecord pulse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        TableKeys.ThrowIfInvalid(pulse.PulseId, nameof(pulse));
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        await FinalCardRows.MarkSentAsync(table, ConversationKeys.Partition(pulse.ChannelId, pulse.ConversationId), pulse.PulseId, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<PulseRecord> ListSummaryPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"SummaryPending eq {true}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != OpenPointerRowKey && FromEntity(row) is { IsOpen: false, SummaryPending: true } pulse)
            {
                yield return pulse;
            }
        }
    }

    public async Task<PulseRecord?> TryClaimSummaryAsync(PulseRecord pulse, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        TableKeys.ThrowIfInvalid(pulse.PulseId, nameof(pulse));
        var current = await GetAsync(pulse.ChannelId, pulse.ConversationId, pulse.PulseId, cancellationToken).ConfigureAwait(false);
        if (current is not { IsOpen: false, SummaryPending: true } || current.SummaryClaimUntil > now)
        {
            return null;
        }

        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var patch = new TableEntity(ConversationKeys.Partition(pulse.ChannelId, pulse.ConversationId), pulse.PulseId)
        {
            [nameof(PulseRecord.SummaryClaimUntil)] = until,
        };
        try
        {
            var response = await table.UpdateEntityAsync(patch, current.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return current with { SummaryClaimUntil = until, ETag = response.Headers.ETag ?? current.ETag };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Another instance claimed (or finished) it first.
            return null;
        }
    }

    public async Task DeferSummaryAsync(PulseRecord pulse, DateTimeOffset retryAt, DateTimeOffset? noticeAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        TableKeys.ThrowIfInvalid(pulse.PulseId, nameof(pulse));
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var patch = new TableEntity(ConversationKeys.Partition(pulse.ChannelId, pulse.ConversationId), pulse.PulseId)
        {
            [nameof(PulseRecord.SummaryClaimUntil)] = retryAt,
        };
        if (noticeAt is { } at)
        {
            patch[nameof(PulseRecord.SummaryDelayNoticeAt)] = at;
        }

        await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<PulseRecord> ListDueAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {OpenPointerRowKey} and Deadline le {now}");
        await foreach (var pointer in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (pointer.GetString(nameof(PulseRecord.PulseId)) is { Length: > 0 } pulseId
                && pointer.GetString(nameof(PulseRecord.ChannelId)) is { Length: > 0 } channelId
                && pointer.GetString(nameof(PulseRecord.ConversationId)) is { Length: > 0 } conversationId
                && await GetAsync(channelId, conversationId, pulseId, cancellationToken).ConfigureAwait(false) is { IsOpen: true } pulse)
            {
                yield return pulse;
            }
        }
    }

    public async Task<PulseRecord?> GetLatestAsync(string channelId, string conversationId, bool closedOnly, string? exceptPulseId, CancellationToken cancellationToken)
    {
        PulseRecord? latest = null;
        await foreach (var pulse in ListAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false))
        {
            if (pulse.PulseId != exceptPulseId && (!closedOnly || !pulse.IsOpen) && (latest is null || pulse.OpenedAt > latest.OpenedAt))
            {
                latest = pulse;
            }
        }

        return latest;
    }

    public async IAsyncEnumerable<PulseRecord> ListAsync(string channelId, string conversationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = ConversationKeys.Partition(channelId, conversationId);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != OpenPointerRowKey)
            {
                yield return FromEntity(row);
            }
        }
    }

    public async Task MarkSummaryPostedAsync(PulseRecord pulse, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        TableKeys.ThrowIfInvalid(pulse.PulseId, nameof(pulse));
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var patch = new TableEntity(ConversationKeys.Partition(pulse.ChannelId, pulse.ConversationId), pulse.PulseId)
        {
            [nameof(PulseRecord.SummaryPostedAt)] = at,
            [nameof(PulseRecord.SummaryPending)] = false,
        };
        await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public Task SaveAnswerAsync(string pulseId, string respondentKey, IReadOnlyDictionary<string, object> fields, DateTimeOffset at, CancellationToken cancellationToken) =>
        SaveAsync(pulseId, fenced: false, revision: null, respondentKey, fields, at, cancellationToken);

    public Task<bool> SaveAnswerAsync(PulseRecord pulse, string respondentKey, IReadOnlyDictionary<string, object> fields, int revision, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        return SaveAsync(pulse.PulseId, pulse.AnswerFence, revision, respondentKey, fields, at, cancellationToken);
    }

    private async Task<bool> SaveAsync(string pulseId, bool fenced, int? revision, string respondentKey, IReadOnlyDictionary<string, object> fields, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pulseId);
        ArgumentException.ThrowIfNullOrEmpty(respondentKey);
        TableKeys.ThrowIfInvalid(pulseId, nameof(pulseId));
        TableKeys.ThrowIfInvalid(respondentKey, nameof(respondentKey));
        ArgumentNullException.ThrowIfNull(fields);
        ValidateFields(fields);
        var table = await _answers.GetAsync(cancellationToken).ConfigureAwait(false);

        // Insert first, without reading (a first answer is one round trip); only when a row is there (409), read it and
        // replace it conditionally on the ETag just read, so a late duplicate cannot undo an edit.
        // The row holds the day only: a finer time would tie the answer to whoever acted at that moment.
        // A fenced pulse's answer is written in one transaction with a touch of the fence row, which the close deletes
        // first: an answer that reaches storage after the close is refused (404 on the fence), never counted later.
        var read = false;
        for (var attempt = 1; ; attempt++)
        {
            TableEntity? existing = null;
            if (read)
            {
                var found = await table.GetEntityIfExistsAsync<TableEntity>(pulseId, respondentKey, [AnsweredOn, Revision], cancellationToken).ConfigureAwait(false);
                existing = found.HasValue ? found.Value : null;
            }

            read = true;
            if (revision is { } mine && existing?.GetInt32(Revision) is { } stored && stored >= mine)
            {
                // A write of the same or a newer revision of this person's answers is already there (a concurrent
                // submit, or this one arriving late): replacing it would undo a newer edit.
                return true;
            }

            var entity = new TableEntity(pulseId, respondentKey);
            foreach (var (name, value) in fields)
            {
                entity[name] = value;
            }

            entity[AnsweredOn] = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
            if (revision is { } written)
            {
                entity[Revision] = written;
            }

            var write = existing is not null
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, existing.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, entity);
            try
            {
                if (fenced)
                {
                    await table.SubmitTransactionAsync(
                        [write, new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(pulseId, FenceRowKey), ETag.All)],
                        cancellationToken).ConfigureAwait(false);
                }
                else if (existing is null)
                {
                    await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex is null or 1)
            {
                // No fence: the pulse is closed; the transaction wrote nothing.
                return false;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404 && attempt < MaxSaveAttempts)
            {
                // 409 on the first, unread insert: the person answered before (an edit after sending); read and replace
                // at once. Later conflicts are another write of the same row in between: back off a little.
                if (attempt > 1)
                {
                    await Task.Delay(Random.Shared.Next(0, Math.Min(50, attempt * 5)), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    public async Task<int> CountAnswersAsync(string pulseId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pulseId);
        var table = await _answers.GetAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(PartitionFilter(pulseId), select: KeysOnly, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey != FenceRowKey)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Answer rows per Table page when the answers themselves are read (summary, compte-rendu, exports). A page is held
    /// whole in memory while it is read; with 500-character answers in every field a default page of 1,000 rows is about
    /// 11 MB of text, a page of 100 about a tenth of it (issue #23: the bot's peak RSS).
    /// </summary>
    internal const int AnswerPageSize = 100;

    public async IAsyncEnumerable<PulseAnswerRow> ReadAnswersAsync(string pulseId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pulseId);
        var table = await _answers.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync<TableEntity>(PartitionFilter(pulseId), maxPerPage: AnswerPageSize, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == FenceRowKey)
            {
                continue;
            }

            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (name, value) in entity)
            {
                if (!ReservedFieldNames.Contains(name) && !name.StartsWith("odata.", StringComparison.Ordinal))
                {
                    fields[name] = value;
                }
            }

            yield return new PulseAnswerRow(entity.RowKey, fields, entity.GetDateTimeOffset(AnsweredOn) ?? entity.GetDateTimeOffset(UpdatedAt) ?? entity.Timestamp ?? DateTimeOffset.MinValue);
        }
    }

    public async IAsyncEnumerable<PulseAnswerRow> ReadAnswerColumnsAsync(string pulseId, IReadOnlyList<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pulseId);
        ArgumentNullException.ThrowIfNull(columns);
        var table = await _answers.GetAsync(cancellationToken).ConfigureAwait(false);
        string[] select = [.. KeysOnly, .. columns];
        await foreach (var entity in table.QueryAsync<TableEntity>(PartitionFilter(pulseId), maxPerPage: AnswerPageSize, select: select, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == FenceRowKey)
            {
                continue;
            }

            var fields = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
            foreach (var column in columns)
            {
                if (entity.TryGetValue(column, out var value) && value is not null)
                {
                    fields[column] = value;
                }
            }

            yield return new PulseAnswerRow(entity.RowKey, fields, DateTimeOffset.MinValue);
        }
    }

    public async Task<IReadOnlySet<string>> ReadRespondentKeysAsync(string pulseId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pulseId);
        var table = await _answers.GetAsync(cancellationToken).ConfigureAwait(false);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(PartitionFilter(pulseId), select: KeysOnly, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey != FenceRowKey)
            {
                keys.Add(entity.RowKey);
            }
        }

        return keys;
    }

    public async Task<int> DeleteAnswersAsync(string pulseId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pulseId);
        var table = await _answers.GetAsync(cancellationToken).ConfigureAwait(false);
        var keys = await ReadRespondentKeysAsync(pulseId, cancellationToken).ConfigureAwait(false);
        foreach (var key in keys)
        {
            await table.DeleteEntityAsync(pulseId, key, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        return keys.Count;
    }

    public async Task MarkPurgedAsync(PulseRecord pulse, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var patch = new TableEntity(ConversationKeys.Partition(pulse.ChannelId, pulse.ConversationId), pulse.PulseId)
        {
            [nameof(PulseRecord.PurgedAt)] = at,
        };
        await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CountInRencontreAsync(string channelId, string conversationId, string rencontreId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rencontreId);
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = ConversationKeys.Partition(channelId, conversationId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RencontreId eq {rencontreId}");
        // Item rows only: the open pointer row carries no rencontre id, so the filter leaves it out.
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    public async IAsyncEnumerable<PulseRecord> ListClosedBeforeAsync(DateTimeOffset cutoff, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _pulses.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"ClosedAt le {cutoff}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != OpenPointerRowKey && FromEntity(row) is { IsOpen: false, PurgedAt: null } pulse)
            {
                yield return pulse;
            }
        }
    }

    private static string PartitionFilter(string partitionKey) => TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");

    private static void ValidateFields(IReadOnlyDictionary<string, object> fields)
    {
        if (fields.Count > MaxFields)
        {
            throw new ArgumentException($"An answer holds at most {MaxFields} fields; got {fields.Count}.", nameof(fields));
        }

        foreach (var (name, value) in fields)
        {
            if (!FieldNameRegex().IsMatch(name) || ReservedFieldNames.Contains(name))
            {
                throw new ArgumentException($"'{name}' cannot be an answer field name: use letters, digits and '_', not a reserved name.", nameof(fields));
            }

            ArgumentNullException.ThrowIfNull(value, name);
        }
    }

    private static TableEntity ToEntity(string partition, PulseRecord pulse)
    {
        var entity = new TableEntity(partition, pulse.PulseId)
        {
            [nameof(PulseRecord.PulseId)] = pulse.PulseId,
            [nameof(PulseRecord.ChannelId)] = pulse.ChannelId,
            [nameof(PulseRecord.ConversationId)] = pulse.ConversationId,
            [nameof(PulseRecord.ServiceUrl)] = pulse.ServiceUrl,
            [nameof(PulseRecord.ConversationType)] = pulse.ConversationType,
            [nameof(PulseRecord.TemplateId)] = pulse.TemplateId,
            [nameof(PulseRecord.TemplateVersion)] = pulse.TemplateVersion,
            [nameof(PulseRecord.Language)] = pulse.Language,
            [nameof(PulseRecord.OpenedAt)] = pulse.OpenedAt,
            [nameof(PulseRecord.Deadline)] = pulse.Deadline,
            [nameof(PulseRecord.OpenedByUserId)] = pulse.OpenedByUserId,
        };
        SetIfPresent(entity, nameof(PulseRecord.TenantId), pulse.TenantId);
        SetIfPresent(entity, nameof(PulseRecord.TeamId), pulse.TeamId);
        SetIfPresent(entity, nameof(PulseRecord.OpenedByName), pulse.OpenedByName);
        SetIfPresent(entity, nameof(PulseRecord.TimeZone), pulse.TimeZone);
        SetIfPresent(entity, nameof(PulseRecord.PlaceName), pulse.PlaceName);
        SetIfPresent(entity, nameof(PulseRecord.CardActivityId), pulse.CardActivityId);
        SetIfPresent(entity, nameof(PulseRecord.RencontreId), pulse.RencontreId);
        SetIfPresent(entity, nameof(PulseRecord.TemplateSteps), pulse.TemplateSteps);
        SetIfPresent(entity, nameof(PulseRecord.DeepeningCategories), pulse.DeepeningCategories);
        if (pulse.ProfilesHidden)
        {
            entity[nameof(PulseRecord.ProfilesHidden)] = true;
        }

        if (pulse.AnswerFence)
        {
            entity[nameof(PulseRecord.AnswerFence)] = true;
        }

        return entity;
    }

    private static void SetIfPresent(TableEntity entity, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            entity[name] = value;
        }
    }

    private static PulseRecord FromEntity(TableEntity entity) => new()
    {
        PulseId = entity.RowKey,
        ChannelId = Required(entity, nameof(PulseRecord.ChannelId)),
        ConversationId = Required(entity, nameof(PulseRecord.ConversationId)),
        ServiceUrl = Required(entity, nameof(PulseRecord.ServiceUrl)),
        TenantId = entity.GetString(nameof(PulseRecord.TenantId)),
        TeamId = entity.GetString(nameof(PulseRecord.TeamId)),
        ConversationType = Required(entity, nameof(PulseRecord.ConversationType)),
        TemplateId = Required(entity, nameof(PulseRecord.TemplateId)),
        TemplateVersion = entity.GetInt32(nameof(PulseRecord.TemplateVersion)) ?? 1,
        TemplateSteps = entity.GetString(nameof(PulseRecord.TemplateSteps)),
        DeepeningCategories = entity.GetString(nameof(PulseRecord.DeepeningCategories)),
        ProfilesHidden = entity.GetBoolean(nameof(PulseRecord.ProfilesHidden)) ?? false,
        Language = Required(entity, nameof(PulseRecord.Language)),
        OpenedAt = entity.GetDateTimeOffset(nameof(PulseRecord.OpenedAt)) ?? throw Missing(entity, nameof(PulseRecord.OpenedAt)),
        Deadline = entity.GetDateTimeOffset(nameof(PulseRecord.Deadline)) ?? throw Missing(entity, nameof(PulseRecord.Deadline)),
        OpenedByUserId = Required(entity, nameof(PulseRecord.OpenedByUserId)),
        OpenedByName = entity.GetString(nameof(PulseRecord.OpenedByName)),
        TimeZone = entity.GetString(nameof(PulseRecord.TimeZone)),
        PlaceName = entity.GetString(nameof(PulseRecord.PlaceName)),
        ClosedAt = entity.GetDateTimeOffset(nameof(PulseRecord.ClosedAt)),
        CardActivityId = entity.GetString(nameof(PulseRecord.CardActivityId)),
        RencontreId = entity.GetString(nameof(PulseRecord.RencontreId)),
        SummaryPostedAt = entity.GetDateTimeOffset(nameof(PulseRecord.SummaryPostedAt)),
        PurgedAt = entity.GetDateTimeOffset(nameof(PulseRecord.PurgedAt)),
        SummaryPending = entity.GetBoolean(nameof(PulseRecord.SummaryPending)) ?? false,
        FinalCardPending = entity.GetBoolean(FinalCardRows.Pending) ?? false,
        SummaryClaimUntil = entity.GetDateTimeOffset(nameof(PulseRecord.SummaryClaimUntil)),
        SummaryDelayNoticeAt = entity.GetDateTimeOffset(nameof(PulseRecord.SummaryDelayNoticeAt)),
        AnswerFence = entity.GetBoolean(nameof(PulseRecord.AnswerFence)) ?? false,
        ETag = entity.ETag,
    };

    private static string Required(TableEntity entity, string name) => entity.GetString(name) ?? throw Missing(entity, name);

    private static InvalidOperationException Missing(TableEntity entity, string name) =>
        new($"Pulse row {entity.RowKey} has no {name}.");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,254}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldNameRegex();
}
