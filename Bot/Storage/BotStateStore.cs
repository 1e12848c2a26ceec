using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Storage;

/// <summary>Where a piece of bot state lives: per conversation, per user, or per user within a conversation.</summary>
public sealed record BotStateKey(string PartitionKey, string RowKey)
{
    public static BotStateKey ForConversation(string channelId, string conversationId) =>
        new(Compose("conversation", channelId, conversationId), "state");

    public static BotStateKey ForUser(string channelId, string userId) =>
        new(Compose("user", channelId, userId), "state");

    public static BotStateKey ForConversationMember(string channelId, string conversationId, string userId) =>
        new(Compose("conversation", channelId, conversationId), Compose("member", userId));

    /// <summary>
    /// Joins parts with '|' after percent-escaping '%', '|' and every character the Table service forbids in keys, so
    /// any channel, conversation or user id gives a valid, unambiguous key. Overlong keys fall back to a SHA-256.
    /// </summary>
    internal static string Compose(params string[] parts)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            ArgumentException.ThrowIfNullOrEmpty(parts[i]);
            if (i > 0)
            {
                builder.Append('|');
            }

            foreach (var c in parts[i])
            {
                if (c is '%' or '|' or '/' or '\\' or '#' or '?' || c <= '\u001F' || c is >= '\u007F' and <= '\u009F')
                {
                    builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }
            }
        }

        var key = builder.ToString();
        return key.Length <= 512 ? key : parts[0] + "|sha256|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}

/// <summary>A state value with the ETag it was read or written with.</summary>
public sealed record StateEntry<T>(T Value, ETag ETag);

/// <summary>Someone else changed (or created, or deleted) the state since it was read.</summary>
public sealed class StateConflictException : Exception
{
    public StateConflictException()
    {
    }

    public StateConflictException(string message)
        : base(message)
    {
    }

    public StateConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Typed bot state with optimistic concurrency: every write names the ETag it expects.</summary>
public interface IBotStateStore
{
    /// <summary>The stored state and its ETag, or null when there is none.</summary>
    Task<StateEntry<T>?> ReadAsync<T>(BotStateKey key, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the state if it still has <paramref name="expected"/> (default: if it does not exist yet) and returns the new ETag.
    /// Throws <see cref="StateConflictException"/> otherwise.
    /// </summary>
    Task<ETag> WriteAsync<T>(BotStateKey key, T value, ETag expected, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);

    /// <summary>Deletes the state if it still has <paramref name="expected"/> (<see cref="ETag.All"/>: unconditionally).</summary>
    Task DeleteAsync(BotStateKey key, ETag expected, CancellationToken cancellationToken = default);

    /// <summary>Deletes every state of <paramref name="partitionKey"/> whose row key starts with <paramref name="rowKeyPrefix"/>; returns how many.</summary>
    Task<int> DeleteAllAsync(string partitionKey, string rowKeyPrefix, CancellationToken cancellationToken = default);

    /// <summary>Read-modify-write, retried on conflicts until it applies on the latest state.</summary>
    Task<StateEntry<T>> UpdateAsync<T>(BotStateKey key, Func<T?, T> update, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default);
}

/// <summary><see cref="IBotStateStore"/> on one table; the JSON is split over string properties of up to 30,000 characters.</summary>
public sealed partial class BotStateStore : IBotStateStore
{
    private const int ChunkLength = 30_000;
    private const int MaxChunks = 15;
    private const int MaxUpdateAttempts = 500;

    /// <summary>The longest JSON one state can hold (characters); a longer write throws.</summary>
    public const int MaxJsonLength = ChunkLength * MaxChunks;

    private readonly TableClient _table;
    private readonly ILogger<BotStateStore> _logger;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public BotStateStore(TableServiceClient service, IOptions<StorageOptions> options, ILogger<BotStateStore> logger)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _table = service.GetTableClient(options.Value.StateTableName);
        _logger = logger;
    }

    public async Task<StateEntry<T>?> ReadAsync<T>(BotStateKey key, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(key);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        var chunks = entity.GetInt32("Chunks") ?? 0;
        var json = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            json.Append(entity.GetString(ChunkName(i)));
        }

        var value = JsonSerializer.Deserialize(json.ToString(), typeInfo)
            ?? throw new InvalidOperationException($"State {key} holds JSON null.");
        return new StateEntry<T>(value, entity.ETag);
    }

    public async Task<ETag> WriteAsync<T>(BotStateKey key, T value, ETag expected, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(key);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = ToEntity(key, JsonSerializer.Serialize(value, typeInfo));
        try
        {
            var response = expected == default
                ? await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await _table.UpdateEntityAsync(entity, expected, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            if (response.Headers.ETag is { } etag)
            {
                return etag;
            }

            return (await _table.GetEntityAsync<TableEntity>(key.PartitionKey, key.RowKey, ["Chunks"], cancellationToken).ConfigureAwait(false)).Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            LogConflict(_logger, ex.Status);
            throw new StateConflictException($"State {key} changed since it was read ({ex.Status} {ex.ErrorCode}).", ex);
        }
    }

    public async Task DeleteAsync(BotStateKey key, ETag expected, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(key);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.DeleteEntityAsync(key.PartitionKey, key.RowKey, expected == default ? ETag.All : expected, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw new StateConflictException($"State {key} changed since it was read.", ex);
        }
    }

    public async Task<int> DeleteAllAsync(string partitionKey, string rowKeyPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKeyPrefix);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey.StartsWith(rowKeyPrefix, StringComparison.Ordinal))
            {
                keys.Add(entity.RowKey);
            }
        }

        foreach (var key in keys)
        {
            await _table.DeleteEntityAsync(partitionKey, key, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        return keys.Count;
    }

    public async Task<StateEntry<T>> UpdateAsync<T>(BotStateKey key, Func<T?, T> update, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(key, typeInfo, cancellationToken).ConfigureAwait(false);
            var next = update(current is null ? default : current.Value);
            try
            {
                var etag = await WriteAsync(key, next, current?.ETag ?? default, typeInfo, cancellationToken).ConfigureAwait(false);
                return new StateEntry<T>(next, etag);
            }
            catch (StateConflictException) when (attempt < MaxUpdateAttempts)
            {
                await Task.Delay(Random.Shared.Next(0, Math.Min(50, attempt * 2)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void ThrowIfInvalid(BotStateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        TableKeys.ThrowIfInvalid(key.PartitionKey, nameof(key));
        TableKeys.ThrowIfInvalid(key.RowKey, nameof(key));
    }

    private static TableEntity ToEntity(BotStateKey key, string json)
    {
        var chunks = (json.Length + ChunkLength - 1) / ChunkLength;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"State {key} is {json.Length} characters of JSON; the limit is {MaxJsonLength}."));
        }

        var entity = new TableEntity(key.PartitionKey, key.RowKey) { ["Chunks"] = chunks };
        for (var i = 0; i < chunks; i++)
        {
            entity[ChunkName(i)] = json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - (i * ChunkLength)));
        }

        return entity;
    }

    private static string ChunkName(int index) => "Json" + index.ToString(CultureInfo.InvariantCulture);

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                _created = true;
            }
        }
        finally
        {
            _createLock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "State write conflict ({Status}); the caller will re-read")]
    private static partial void LogConflict(ILogger logger, int status);
}
