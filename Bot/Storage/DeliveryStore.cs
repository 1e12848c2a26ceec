using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace ConcertationBot.Bot.Storage;

/// <summary>Where a delivery's row lives: the first two hex characters of its keyed hash, and the hash.</summary>
public sealed record DeliveryKey(string PartitionKey, string RowKey)
{
    /// <summary>The key of a keyed hash given as lowercase hex (at least two characters).</summary>
    public static DeliveryKey FromHash(string hash)
    {
        ArgumentException.ThrowIfNullOrEmpty(hash);
        if (hash.Length < 2)
        {
            throw new ArgumentException("A delivery hash has at least two characters.", nameof(hash));
        }

        TableKeys.ThrowIfInvalid(hash, nameof(hash));
        return new DeliveryKey(hash[..2], hash);
    }
}

/// <summary>Where a delivery stands.</summary>
public enum DeliveryState
{
    /// <summary>A turn is handling the activity (since <see cref="DeliveryRecord.At"/>).</summary>
    Claimed,

    /// <summary>Handled; the answer is recorded (an invoke's status and masked body; a message's 200).</summary>
    Answered,

    /// <summary>Handled, but its answer is not kept (it named other people): a redelivery is handled again.</summary>
    Unrecorded,
}

/// <summary>
/// One handled (or being handled) activity: its state, when it was claimed, and for an answered invoke the HTTP status
/// and the body with the sender's identity masked. Nothing in it names anyone.
/// </summary>
public sealed record DeliveryRecord(DeliveryState State, DateTimeOffset At, int Status = 0, string? Body = null);

/// <summary>A stored delivery with the ETag it was read with.</summary>
public sealed record StoredDelivery(DeliveryRecord Record, ETag ETag);

/// <summary>The <c>Deliveries</c> table: one row per recent activity, under a keyed hash; conditional writes only.</summary>
public interface IDeliveryStore
{
    /// <summary>Inserts the row if there is none; its ETag, or null when a row exists already (409).</summary>
    Task<ETag?> TryAddAsync(DeliveryKey key, DeliveryRecord record, CancellationToken cancellationToken);

    /// <summary>The row, or null.</summary>
    Task<StoredDelivery?> GetAsync(DeliveryKey key, CancellationToken cancellationToken);

    /// <summary>Replaces the row if it still has <paramref name="expected"/>; the new ETag, or null when it changed or is gone.</summary>
    Task<ETag?> TryReplaceAsync(DeliveryKey key, DeliveryRecord record, ETag expected, CancellationToken cancellationToken);

    /// <summary>Deletes the row if it still has <paramref name="expected"/>; a row changed or gone is left as it is.</summary>
    Task DeleteAsync(DeliveryKey key, ETag expected, CancellationToken cancellationToken);

    /// <summary>Deletes every row claimed before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="IDeliveryStore"/> on Table storage. The body (masked JSON) is split over string properties of up to
/// 30,000 characters; a longer answer is not kept (the caller stores <see cref="DeliveryState.Unrecorded"/> instead).
/// </summary>
public sealed class DeliveryStore(TableServiceClient service) : IDeliveryStore
{
    public const string TableName = "Deliveries";

    private const int ChunkLength = 30_000;

    /// <summary>The longest body (characters of JSON) a row holds.</summary>
    public const int MaxBodyLength = ChunkLength * 15;

    private readonly CreatedTable _table = new(service.GetTableClient(TableName));

    public async Task<ETag?> TryAddAsync(DeliveryKey key, DeliveryRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.AddEntityAsync(ToEntity(key, record), cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag ?? (await GetAsync(key, cancellationToken).ConfigureAwait(false))?.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<StoredDelivery?> GetAsync(DeliveryKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? new StoredDelivery(FromEntity(response.Value!), response.Value!.ETag) : null;
    }

    public async Task<ETag?> TryReplaceAsync(DeliveryKey key, DeliveryRecord record, ETag expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(key, record), expected, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag ?? (await GetAsync(key, cancellationToken).ConfigureAwait(false))?.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    public async Task DeleteAsync(DeliveryKey key, ETag expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(key.PartitionKey, key.RowKey, expected, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over or swept meanwhile: not this turn's claim any more.
        }
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"At lt {cutoff.UtcDateTime}");
        var old = new List<(string PartitionKey, string RowKey, ETag ETag)>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "At"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            old.Add((entity.PartitionKey, entity.RowKey, entity.ETag));
        }

        var deleted = 0;
        foreach (var (partitionKey, rowKey, etag) in old)
        {
            try
            {
                // If-Match: a row reclaimed since the query (same activity delivered again much later) is kept.
                await table.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Deleted by another instance's sweep, or rewritten meanwhile.
            }
        }

        return deleted;
    }

    private static TableEntity ToEntity(DeliveryKey key, DeliveryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = new TableEntity(key.PartitionKey, key.RowKey)
        {
            ["State"] = record.State.ToString(),
            ["At"] = record.At.ToUniversalTime(),
            ["Status"] = record.Status,
        };
        if (record.Body is { } body)
        {
            if (body.Length > MaxBodyLength)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A delivery body holds at most {MaxBodyLength} characters."), nameof(record));
            }

            var chunks = (body.Length + ChunkLength - 1) / ChunkLength;
            entity["Chunks"] = chunks;
            for (var i = 0; i < chunks; i++)
            {
                entity[ChunkName(i)] = body.Substring(i * ChunkLength, Math.Min(ChunkLength, body.Length - (i * ChunkLength)));
            }
        }

        return entity;
    }

    private static DeliveryRecord FromEntity(TableEntity entity)
    {
        var state = Enum.TryParse<DeliveryState>(entity.GetString("State"), ignoreCase: false, out var parsed) ? parsed : DeliveryState.Unrecorded;
        string? body = null;
        if (entity.GetInt32("Chunks") is { } chunks)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < chunks; i++)
            {
                builder.Append(entity.GetString(ChunkName(i)));
            }

            body = builder.ToString();
        }

        return new DeliveryRecord(state, entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue, entity.GetInt32("Status") ?? 0, body);
    }

    private static string ChunkName(int index) => "Body" + index.ToString(CultureInfo.InvariantCulture);
}
