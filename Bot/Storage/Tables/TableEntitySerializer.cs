using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Azure;

namespace ConcertationBot.Bot.Storage.Tables;

/// <summary>
/// JSON for the Table service: writes custom properties with <c>@odata.type</c> annotations where the type cannot be
/// inferred (Int64, Double, DateTime, Guid, Binary) and reads <c>minimalmetadata</c> responses back into typed values.
/// </summary>
internal static class TableEntitySerializer
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PocoProperties = new();

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ToOffset(DateTime value) =>
        new(value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime());

    public static ReadOnlyMemory<byte> Serialize<T>(T entity)
        where T : ITableEntity
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteEntity(writer, entity);
        }

        return buffer.WrittenMemory;
    }

    public static void WriteEntity<T>(Utf8JsonWriter writer, T entity)
        where T : ITableEntity
    {
        writer.WriteStartObject();
        writer.WriteString(TableConstants.PartitionKey, entity.PartitionKey);
        writer.WriteString(TableConstants.RowKey, entity.RowKey);
        if (entity is TableEntity dictionary)
        {
            foreach (var pair in dictionary)
            {
                if (!IsSystemProperty(pair.Key))
                {
                    WriteProperty(writer, pair.Key, pair.Value);
                }
            }
        }
        else
        {
            foreach (var property in GetPocoProperties(typeof(T) == entity.GetType() ? typeof(T) : entity.GetType()))
            {
                var value = property.GetValue(entity);
                if (value is not null)
                {
                    WriteProperty(writer, property.Name, value);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static bool IsSystemProperty(string name) =>
        name is TableConstants.PartitionKey or TableConstants.RowKey or TableConstants.Timestamp or TableConstants.ODataEtag;

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                Annotate(writer, name, TableConstants.EdmInt64);
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                Annotate(writer, name, TableConstants.EdmDouble);
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case DateTimeOffset d:
                Annotate(writer, name, TableConstants.EdmDateTime);
                writer.WriteString(name, FormatDateTime(d));
                break;
            case DateTime d:
                Annotate(writer, name, TableConstants.EdmDateTime);
                writer.WriteString(name, FormatDateTime(ToOffset(d)));
                break;
            case Guid g:
                Annotate(writer, name, TableConstants.EdmGuid);
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                Annotate(writer, name, TableConstants.EdmBinary);
                writer.WriteBase64String(name, bytes);
                break;
            case BinaryData data:
                Annotate(writer, name, TableConstants.EdmBinary);
                writer.WriteBase64String(name, data.ToMemory().Span);
                break;
            case Enum e:
                writer.WriteString(name, e.ToString());
                break;
            default:
                throw new NotSupportedException(
                    $"Property '{name}' has type {value.GetType().Name}; supported types are string, bool, int, long, double, DateTimeOffset, DateTime, Guid, byte[], BinaryData and enums.");
        }
    }

    private static void Annotate(Utf8JsonWriter writer, string name, string edmType) =>
        writer.WriteString(name + TableConstants.ODataTypeSuffix, edmType);

    /// <summary>Reads one entity object (a point read, or one element of a query's <c>value</c> array).</summary>
    public static TableEntity ReadEntity(JsonElement element)
    {
        var entity = new TableEntity();
        Dictionary<string, string>? annotations = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith(TableConstants.ODataTypeSuffix, StringComparison.Ordinal))
            {
                annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
                annotations[property.Name[..^TableConstants.ODataTypeSuffix.Length]] = property.Value.GetString() ?? string.Empty;
            }
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name.EndsWith(TableConstants.ODataTypeSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (name == TableConstants.ODataEtag)
            {
                entity.ETag = new ETag(property.Value.GetString() ?? string.Empty);
                continue;
            }

            if (name.StartsWith("odata.", StringComparison.Ordinal) || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (name == TableConstants.Timestamp)
            {
                entity.Timestamp = ParseDateTime(property.Value.GetString()!);
                continue;
            }

            string? edmType = null;
            annotations?.TryGetValue(name, out edmType);
            entity[name] = ReadValue(property.Value, edmType, name);
        }

        return entity;
    }

    private static object ReadValue(JsonElement value, string? edmType, string name) => edmType switch
    {
        TableConstants.EdmInt64 => long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        TableConstants.EdmInt32 => value.ValueKind == JsonValueKind.String
            ? int.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : value.GetInt32(),
        TableConstants.EdmDouble => value.ValueKind == JsonValueKind.String ? ParseDouble(value.GetString()!) : value.GetDouble(),
        TableConstants.EdmDateTime => ParseDateTime(value.GetString()!),
        TableConstants.EdmGuid => Guid.Parse(value.GetString()!),
        TableConstants.EdmBinary => value.GetBytesFromBase64(),
        TableConstants.EdmBoolean => value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean(),
        TableConstants.EdmString => value.GetString()!,
        null => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => ReadUntypedNumber(value),
            _ => throw new FormatException($"Property '{name}' has an unexpected JSON value kind {value.ValueKind}."),
        },
        _ => throw new FormatException($"Property '{name}' has the unsupported type annotation '{edmType}'."),
    };

    /// <summary>Without an annotation a number is Int32 unless it is written with a fraction or exponent (Azurite's "2.0").</summary>
    private static object ReadUntypedNumber(JsonElement value)
    {
        var raw = value.GetRawText();
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && value.TryGetInt32(out var whole))
        {
            return whole;
        }

        return value.GetDouble();
    }

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Converts a read entity into the caller's type.</summary>
    public static T ConvertTo<T>(TableEntity entity)
        where T : class, ITableEntity, new()
    {
        if (entity is T same)
        {
            return same;
        }

        var result = new T
        {
            PartitionKey = entity.PartitionKey,
            RowKey = entity.RowKey,
            Timestamp = entity.Timestamp,
            ETag = entity.ETag,
        };
        foreach (var property in GetPocoProperties(typeof(T)))
        {
            if (entity.TryGetValue(property.Name, out var value))
            {
                property.SetValue(result, ConvertValue(value, property.PropertyType, property.Name));
            }
        }

        return result;
    }

    private static object ConvertValue(object value, Type target, string name)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (type.IsInstanceOfType(value))
        {
            return value;
        }

        return (value, type) switch
        {
            (int i, _) when type == typeof(long) => (long)i,
            (int i, _) when type == typeof(double) => (double)i,
            (DateTimeOffset d, _) when type == typeof(DateTime) => d.UtcDateTime,
            (byte[] b, _) when type == typeof(BinaryData) => new BinaryData(b),
            (string s, _) when type.IsEnum => Enum.Parse(type, s),
            _ => throw new InvalidOperationException($"Property '{name}' holds a {value.GetType().Name}, which cannot be assigned to {target.Name}."),
        };
    }

    private static PropertyInfo[] GetPocoProperties(Type type) => PocoProperties.GetOrAdd(type, static t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<IgnoreTablePropertyAttribute>() is null)
        .Where(p => p.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)))
        .ToArray());
}

/// <summary>Keeps a public property of a typed entity out of storage.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IgnoreTablePropertyAttribute : Attribute;
