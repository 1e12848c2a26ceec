using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ConcertationBot.Cards.AdaptiveCards;

/// <summary>Writes cards as JSON (camelCase, nulls omitted) through a source-generated context.</summary>
public static class AdaptiveCardSerializer
{
    public static JsonElement ToElement(AdaptiveCard card) =>
        JsonSerializer.SerializeToElement(card, AdaptiveCardJsonContext.Default.AdaptiveCard);

    public static string ToJson(AdaptiveCard card) =>
        JsonSerializer.Serialize(card, AdaptiveCardJsonContext.Default.AdaptiveCard);

    /// <summary>Size of the card as Teams counts it (UTF-16 code units of its JSON), to stay under the 80 KB budget.</summary>
    public static int MeasureUtf16Bytes(AdaptiveCard card) => ToJson(card).Length * sizeof(char);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdaptiveCard))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class AdaptiveCardJsonContext : JsonSerializerContext;

/// <summary>Writes an <see cref="ExecuteAction"/> held in a property of that exact type through the polymorphic <see cref="CardAction"/> contract, so its <c>type</c> is written.</summary>
internal sealed class RefreshActionConverter : JsonConverter<ExecuteAction>
{
    public override ExecuteAction? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, AdaptiveCardJsonContext.Default.CardAction) as ExecuteAction
            ?? throw new JsonException("refresh.action must be an Action.Execute.");

    public override void Write(Utf8JsonWriter writer, ExecuteAction value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, AdaptiveCardJsonContext.Default.CardAction);
}
