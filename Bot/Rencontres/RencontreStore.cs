using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Rencontres;

/// <summary>
/// <see cref="IRencontreStore"/> on the <c>Rencontres</c> table: one partition per conversation (as pulses and votes), a
/// row per rencontre (RK = its id) and a <c>current</c> pointer row naming the current one. Every write that changes
/// which rencontre is current, or what the current one says, is one entity-group transaction conditioned on the ETags
/// read just before; a conflict reads again and retries.
/// </summary>
public sealed class RencontreStore : IRencontreStore
{
    public const string TableName = "Rencontres";

    private const string CurrentRowKey = "current";
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>Tries of a write that keeps meeting a concurrent write of the same conversation's rencontre.</summary>
    private const int MaxAttempts = 5;

    private readonly CreatedTable _table;

    public RencontreStore(TableServiceClient service)
        : this(service, string.Empty)
    {
    }

    /// <summary>The table named <paramref name="tablePrefix"/> + <see cref="TableName"/> (tests use a fresh prefix).</summary>
    internal RencontreStore(TableServiceClient service, string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = new CreatedTable(service.GetTableClient(tablePrefix + TableName));
    }

    public async Task<string?> GetCurrentIdAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var pointer = await ReadPointerAsync(table, ConversationKeys.Partition(channelId, conversationId), cancellationToken).ConfigureAwait(false);
        return pointer?.GetString(nameof(RencontreRecord.RencontreId));
    }

    public async Task<RencontreRecord?> GetCurrentAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = ConversationKeys.Partition(channelId, conversationId);
        var pointer = await ReadPointerAsync(table, partition, cancellationToken).ConfigureAwait(false);
        return pointer?.GetString(nameof(RencontreRecord.RencontreId)) is { Length: > 0 } id
            ? await ReadAsync(table, partition, id, cancellationToken).ConfigureAwait(false)
            : null;
    }

    public async Task<RencontreRecord?> GetAsync(string channelId, string conversationId, string rencontreId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rencontreId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(table, ConversationKeys.Partition(channelId, conversationId), rencontreId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RencontreOpening> OpenAsync(RencontreRecord rencontre, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rencontre);
        TableKeys.ThrowIfInvalid(rencontre.RencontreId, nameof(rencontre));
        if (rencontre.RencontreId == CurrentRowKey)
        {
            throw new ArgumentException($"The rencontre id '{CurrentRowKey}' is reserved.", nameof(rencontre));
        }

        var stored = rencontre with { ConversationId = ConversationKeys.Normalize(rencontre.ConversationId), ETag = default };
        var partition = ConversationKeys.Partition(stored.ChannelId, stored.ConversationId);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var pointer = await ReadPointerAsync(table, partition, cancellationToken).ConfigureAwait(false);
            var replacedId = pointer?.GetString(nameof(RencontreRecord.RencontreId));
            if (replacedId == stored.RencontreId)
            {
                // A retried transaction whose first try was stored (a network timeout): it is already current.
                return new RencontreOpening(await ReadAsync(table, partition, stored.RencontreId, cancellationToken).ConfigureAwait(false) ?? stored, null);
            }

            var newPointer = new TableEntity(partition, CurrentRowKey) { [nameof(RencontreRecord.RencontreId)] = stored.RencontreId };
            var pointerWrite = pointer is null
                ? new TableTransactionAction(TableTransactionActionType.Add, newPointer)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, newPointer, pointer.ETag);
            try
            {
                await table.SubmitTransactionAsync(
                    [new TableTransactionAction(TableTransactionActionType.Add, ToEntity(partition, stored)), pointerWrite],
                    cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another rencontre became current since the pointer was read (or a retried try of ours was stored):
                // nothing of this try was written; read again.
                continue;
            }

            var replaced = replacedId is { Length: > 0 } ? await ReadAsync(table, partition, replacedId, cancellationToken).ConfigureAwait(false) : null;
            var opened = await ReadAsync(table, partition, stored.RencontreId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Rencontre {stored.RencontreId} vanished right after it was opened.");
            return new RencontreOpening(opened, replaced);
        }
    }

    public async Task<RencontreRecord?> SetIntentionAsync(string channelId, string conversationId, string intention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intention);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = ConversationKeys.Partition(channelId, conversationId);
        for (var attempt = 1; ; attempt++)
        {
            var pointer = await ReadPointerAsync(table, partition, cancellationToken).ConfigureAwait(false);
            if (pointer?.GetString(nameof(RencontreRecord.RencontreId)) is not { Length: > 0 } id
                || await ReadAsync(table, partition, id, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return null;
            }

            var patch = new TableEntity(partition, id) { [nameof(RencontreRecord.Intention)] = intention };
            // The pointer is merged with nothing: the write only asserts that it is unchanged.
            var unchanged = new TableEntity(partition, CurrentRowKey);
            try
            {
                await table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.UpdateMerge, patch, current.ETag),
                        new TableTransactionAction(TableTransactionActionType.UpdateMerge, unchanged, pointer.ETag),
                    ],
                    cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412 && attempt < MaxAttempts)
            {
                continue;
            }

            return await ReadAsync(table, partition, id, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<RencontreRecord?> GetPreviousAsync(string channelId, string conversationId, DateTimeOffset openedBefore, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = ConversationKeys.Partition(channelId, conversationId);
        RencontreRecord? previous = null;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != CurrentRowKey && FromEntity(row) is { } rencontre && rencontre.OpenedAt < openedBefore
                && (previous is null || rencontre.OpenedAt > previous.OpenedAt))
            {
                previous = rencontre;
            }
        }

        return previous;
    }

    private static async Task<TableEntity?> ReadPointerAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, CurrentRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static async Task<RencontreRecord?> ReadAsync(TableClient table, string partition, string id, CancellationToken cancellationToken)
    {
        if (id == CurrentRowKey || !TableKeys.IsValid(id))
        {
            return null;
        }

        var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    private static TableEntity ToEntity(string partition, RencontreRecord rencontre)
    {
        var entity = new TableEntity(partition, rencontre.RencontreId)
        {
            [nameof(RencontreRecord.ChannelId)] = rencontre.ChannelId,
            [nameof(RencontreRecord.ConversationId)] = rencontre.ConversationId,
            [nameof(RencontreRecord.Date)] = rencontre.Date.ToString(DateFormat, CultureInfo.InvariantCulture),
            [nameof(RencontreRecord.Theme)] = rencontre.Theme,
            [nameof(RencontreRecord.OpenedAt)] = rencontre.OpenedAt,
            [nameof(RencontreRecord.OpenedByUserId)] = rencontre.OpenedByUserId,
        };
        if (!string.IsNullOrEmpty(rencontre.Intention))
        {
            entity[nameof(RencontreRecord.Intention)] = rencontre.Intention;
        }

        return entity;
    }

    private static RencontreRecord FromEntity(TableEntity entity) => new()
    {
        RencontreId = entity.RowKey,
        ChannelId = Required(entity, nameof(RencontreRecord.ChannelId)),
        ConversationId = Required(entity, nameof(RencontreRecord.ConversationId)),
        Date = DateOnly.ParseExact(Required(entity, nameof(RencontreRecord.Date)), DateFormat, CultureInfo.InvariantCulture),
        Theme = Required(entity, nameof(RencontreRecord.Theme)),
        Intention = entity.GetString(nameof(RencontreRecord.Intention)),
        OpenedAt = entity.GetDateTimeOffset(nameof(RencontreRecord.OpenedAt)) ?? throw Missing(entity, nameof(RencontreRecord.OpenedAt)),
        OpenedByUserId = Required(entity, nameof(RencontreRecord.OpenedByUserId)),
        ETag = entity.ETag,
    };

    private static string Required(TableEntity entity, string name) => entity.GetString(name) ?? throw Missing(entity, name);

    private static InvalidOperationException Missing(TableEntity entity, string name) =>
        new($"Rencontre row {entity.RowKey} has no {name}.");
}
