using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ConcertationBot.Cards.AdaptiveCards;

/// <summary>
/// The data of one <c>Action.Execute</c> verb, read with source-generated metadata. Cards stay in channels for months:
/// a record tolerates unknown fields (kept in its extension data) and fields of an unexpected JSON type (read as null).
/// </summary>
public interface ICardActionData<TSelf>
    where TSelf : class, ICardActionData<TSelf>
{
    /// <summary>How to read the data.</summary>
    static abstract JsonTypeInfo<TSelf> JsonTypeInfo { get; }

    /// <summary>The data of an action that carried none (or not a JSON object).</summary>
    static abstract TSelf Empty { get; }
}

/// <summary>A field that must be a JSON string; any other JSON type reads as null.</summary>
public sealed class CardStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>A whole number sent as a JSON number (1 or 1.0) or as a string ("1"); anything else reads as null.</summary>
public sealed class CardIntConverter : JsonConverter<int?>
{
    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt32(out var number))
                {
                    return number;
                }

                return reader.TryGetDouble(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue
                    ? (int)real
                    : null;
            case JsonTokenType.String:
                return int.TryParse(reader.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>Text as Teams may send an input's value: a string, a number's digits, or true/false; objects and arrays read as null.</summary>
public sealed class CardTextConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>The fields of an action's data that no record names (the inputs of the card, fields of newer or older cards).</summary>
public static class CardActionFields
{
    /// <summary>The fields as a <see cref="JsonObject"/>, for the pure readers of <c>Dialogs</c> (empty when there are none).</summary>
    public static JsonObject ToJsonObject(IReadOnlyDictionary<string, JsonElement>? fields)
    {
        var data = new JsonObject();
        foreach (var (name, value) in fields ?? new Dictionary<string, JsonElement>())
        {
            data[name] = JsonSerializer.SerializeToNode(value, CardActionDataJsonContext.Default.JsonElement);
        }

        return data;
    }
}

[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CardActionDataJsonContext : JsonSerializerContext;
