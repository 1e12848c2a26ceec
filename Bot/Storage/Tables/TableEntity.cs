using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Azure;

namespace ConcertationBot.Bot.Storage.Tables;

/// <summary>The system properties every stored entity has.</summary>
public interface ITableEntity
{
    string PartitionKey { get; set; }

    string RowKey { get; set; }

    DateTimeOffset? Timestamp { get; set; }

    ETag ETag { get; set; }
}

/// <summary>
/// A schemaless entity: a dictionary of custom properties plus the system properties.
/// Supported values: string, bool, int, long, double, DateTimeOffset, DateTime, Guid, byte[] and BinaryData.
/// </summary>
public sealed class TableEntity : ITableEntity, IDictionary<string, object>
{
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    public TableEntity()
    {
    }

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public TableEntity(IDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var pair in values)
        {
            this[pair.Key] = pair.Value;
        }
    }

    public string PartitionKey
    {
        get => GetString(TableConstants.PartitionKey) ?? string.Empty;
        set => _properties[TableConstants.PartitionKey] = value;
    }

    public string RowKey
    {
        get => GetString(TableConstants.RowKey) ?? string.Empty;
        set => _properties[TableConstants.RowKey] = value;
    }

    public DateTimeOffset? Timestamp
    {
        get => _properties.TryGetValue(TableConstants.Timestamp, out var value) ? (DateTimeOffset)value : null;
        set
        {
            if (value is null)
            {
                _properties.Remove(TableConstants.Timestamp);
            }
            else
            {
                _properties[TableConstants.Timestamp] = value.Value;
            }
        }
    }

    public ETag ETag { get; set; }

    public object this[string key]
    {
        get => _properties[key];
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            if (value is null)
            {
                _properties.Remove(key);
            }
            else
            {
                _properties[key] = value;
            }
        }
    }

    public ICollection<string> Keys => _properties.Keys;

    public ICollection<object> Values => _properties.Values;

    public int Count => _properties.Count;

    bool ICollection<KeyValuePair<string, object>>.IsReadOnly => false;

    public string? GetString(string key) => _properties.TryGetValue(key, out var value)
        ? value as string ?? throw WrongType(key, value, typeof(string))
        : null;

    public bool? GetBoolean(string key) => Get<bool>(key);

    public int? GetInt32(string key) => Get<int>(key);

    public long? GetInt64(string key) => _properties.TryGetValue(key, out var value)
        ? value switch
        {
            long l => l,
            int i => i,
            _ => throw WrongType(key, value, typeof(long)),
        }
        : null;

    public double? GetDouble(string key) => _properties.TryGetValue(key, out var value)
        ? value switch
        {
            double d => d,
            int i => i,
            _ => throw WrongType(key, value, typeof(double)),
        }
        : null;

    public DateTimeOffset? GetDateTimeOffset(string key) => _properties.TryGetValue(key, out var value)
        ? value switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : d.Kind)),
            _ => throw WrongType(key, value, typeof(DateTimeOffset)),
        }
        : null;

    public Guid? GetGuid(string key) => Get<Guid>(key);

    public byte[]? GetBinary(string key) => _properties.TryGetValue(key, out var value)
        ? value switch
        {
            byte[] b => b,
            BinaryData b => b.ToArray(),
            _ => throw WrongType(key, value, typeof(byte[])),
        }
        : null;

    public void Add(string key, object value) => this[key] = value ?? throw new ArgumentNullException(nameof(value));

    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    public bool Remove(string key) => _properties.Remove(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value) => _properties.TryGetValue(key, out value);

    public void Add(KeyValuePair<string, object> item) => Add(item.Key, item.Value);

    public void Clear() => _properties.Clear();

    public bool Contains(KeyValuePair<string, object> item) => ((ICollection<KeyValuePair<string, object>>)_properties).Contains(item);

    public void CopyTo(KeyValuePair<string, object>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object>>)_properties).CopyTo(array, arrayIndex);

    public bool Remove(KeyValuePair<string, object> item) => ((ICollection<KeyValuePair<string, object>>)_properties).Remove(item);

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private T? Get<T>(string key)
        where T : struct =>
        _properties.TryGetValue(key, out var value) ? value is T typed ? typed : throw WrongType(key, value, typeof(T)) : null;

    private static InvalidOperationException WrongType(string key, object value, Type wanted) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Property '{key}' holds a {value.GetType().Name}, not a {wanted.Name}."));
}
