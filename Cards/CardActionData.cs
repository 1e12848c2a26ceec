using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ConcertationBot.Cards.AdaptiveCards;

namespace ConcertationBot.Cards;

/// <summary>The data of a verb that needs none (<see cref="CardVerbs.HelpShow"/>, <see cref="CardVerbs.DeleteCancel"/>).</summary>
public sealed record NoCardData : ICardActionData<NoCardData>
{
    public static JsonTypeInfo<NoCardData> JsonTypeInfo => CardVerbDataJsonContext.Default.NoCardData;

    public static NoCardData Empty { get; } = new();

    /// <summary>Whatever the card sent; nothing reads it. (A setter: System.Text.Json fills extension data only through one.)</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Fields { get; set; }
}

/// <summary>
/// The data of the pulse verbs (<c>pulse.*</c>, <see cref="CardVerbs.PulseDeleteConfirm"/>): the pulse, the conversation it
/// lives in when the card is shown elsewhere, and the step's fields (step, revision, inputs) for the pulse dialog.
/// </summary>
public sealed record PulseActionData : ICardActionData<PulseActionData>
{
    public static JsonTypeInfo<PulseActionData> JsonTypeInfo => CardVerbDataJsonContext.Default.PulseActionData;

    public static PulseActionData Empty { get; } = new();

    [JsonPropertyName(CardDataFields.PulseId)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? PulseId { get; init; }

    /// <summary><see cref="CardDataFields.ConversationId"/>: set on cards shown in another conversation (the 1:1 reminder).</summary>
    [JsonPropertyName(CardDataFields.ConversationId)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? ConversationId { get; init; }

    /// <summary>Every other field: step, revision and the step's inputs, read by the pulse dialog's reader.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Fields { get; set; }

    /// <summary>The step's fields as the pulse dialog's reader takes them.</summary>
    public JsonObject StepFields() => CardActionFields.ToJsonObject(Fields);
}

/// <summary>
/// The data of the vote verbs (<see cref="CardVerbs.VoteOpen"/>, <see cref="CardVerbs.VoteCast"/>,
/// <see cref="CardVerbs.VoteDeleteConfirm"/>, <see cref="CardVerbs.RoadmapFromVote"/>): the vote and the ballot inputs.
/// </summary>
public sealed record VoteActionData : ICardActionData<VoteActionData>
{
    public static JsonTypeInfo<VoteActionData> JsonTypeInfo => CardVerbDataJsonContext.Default.VoteActionData;

    public static VoteActionData Empty { get; } = new();

    [JsonPropertyName(CardDataFields.VoteId)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? VoteId { get; init; }

    /// <summary>Every other field: the ballot inputs, read by the ballot reader.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Fields { get; set; }

    /// <summary>The ballot inputs as the ballot reader takes them.</summary>
    public JsonObject BallotFields() => CardActionFields.ToJsonObject(Fields);
}

/// <summary>
/// The data of <see cref="CardVerbs.VoteChoose"/>: the vote and the index of the option clicked. An index sent as a
/// number or as digits in a string is read; anything else reads as null (and gets the ballot form with a notice).
/// </summary>
public sealed record VoteChoiceData : ICardActionData<VoteChoiceData>
{
    public static JsonTypeInfo<VoteChoiceData> JsonTypeInfo => CardVerbDataJsonContext.Default.VoteChoiceData;

    public static VoteChoiceData Empty { get; } = new();

    [JsonPropertyName(CardDataFields.VoteId)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? VoteId { get; init; }

    [JsonPropertyName(CardDataFields.Option)]
    [JsonConverter(typeof(CardIntConverter))]
    public int? Option { get; init; }

    /// <summary>Whatever else the card sent; nothing reads it. (A setter: System.Text.Json fills extension data only through one.)</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Fields { get; set; }
}

/// <summary>
/// The data of the profile verbs (<see cref="CardVerbs.ProfileSave"/>, <see cref="CardVerbs.ProfileEdit"/>): the form's
/// two inputs as sent. A category that is not a JSON string reads as null; the role is kept as sent, so that a role of
/// another JSON type (never sent by the form) can be told from a role left empty.
/// </summary>
public sealed record ProfileActionData : ICardActionData<ProfileActionData>
{
    public static JsonTypeInfo<ProfileActionData> JsonTypeInfo => CardVerbDataJsonContext.Default.ProfileActionData;

    public static ProfileActionData Empty { get; } = new();

    [JsonPropertyName(CardDataFields.ProfileCategory)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? Category { get; init; }

    /// <summary>The role input as sent (absent or JSON null when left empty).</summary>
    [JsonPropertyName(CardDataFields.ProfileRole)]
    public JsonElement? RoleField { get; init; }

    /// <summary>The role when it was sent as a string; else null.</summary>
    [JsonIgnore]
    public string? Role => RoleField is { ValueKind: JsonValueKind.String } role ? role.GetString() : null;

    /// <summary>True when a role was sent but not as a string (a number, an array, an object…): not the form's data.</summary>
    [JsonIgnore]
    public bool HasMalformedRole => RoleField is { ValueKind: not (JsonValueKind.String or JsonValueKind.Null or JsonValueKind.Undefined) };

    /// <summary>Whatever else the card sent; nothing reads it. (A setter: System.Text.Json fills extension data only through one.)</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Fields { get; set; }
}

/// <summary>
/// The data of <see cref="CardVerbs.PulseSetupOpen"/>: the configuration form's inputs as sent (a toggle per step, the
/// profile toggle, the duration), read by <c>PulseSetupForm</c>, which accepts only the steps of the template.
/// </summary>
public sealed record PulseSetupData : ICardActionData<PulseSetupData>
{
    public static JsonTypeInfo<PulseSetupData> JsonTypeInfo => CardVerbDataJsonContext.Default.PulseSetupData;

    public static PulseSetupData Empty { get; } = new();

    /// <summary>Every field the form sent. (A setter: System.Text.Json fills extension data only through one.)</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Fields { get; set; }

    /// <summary>The form's inputs as the form reader takes them.</summary>
    public JsonObject FormFields() => CardActionFields.ToJsonObject(Fields);
}

/// <summary>
/// The data of the roadmap item verbs (<see cref="CardVerbs.RoadmapItemEdit"/>, <see cref="CardVerbs.RoadmapItemSave"/>,
/// <see cref="CardVerbs.RoadmapItemRemove"/>): the item's id and, on save, the form's inputs as sent (<see cref="Sent"/>: a
/// field that is not a JSON string reads as null, "unchanged") and the fields the form showed (<see cref="Was"/>).
/// </summary>
public sealed record RoadmapItemData : ICardActionData<RoadmapItemData>
{
    public static JsonTypeInfo<RoadmapItemData> JsonTypeInfo => CardVerbDataJsonContext.Default.RoadmapItemData;

    public static RoadmapItemData Empty { get; } = new();

    [JsonPropertyName(CardDataFields.RoadmapItemId)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? ItemId { get; init; }

    /// <summary>
    /// The item's fields as the form showed them (on save): only an input that differs from them is a change, so two
    /// coordinators saving the same item at once each change what they changed, and neither undoes the other.
    /// </summary>
    [JsonPropertyName(CardDataFields.RoadmapWas)]
    public RoadmapItemFields? Was { get; init; }

    /// <summary>The form's inputs and anything else the card sent. (A setter: System.Text.Json fills extension data only through one.)</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Fields { get; set; }

    /// <summary>The form's inputs as sent (on save).</summary>
    public RoadmapItemFields Sent() =>
        CardActionFields.ToJsonObject(Fields).Deserialize(CardVerbDataJsonContext.Default.RoadmapItemFields) ?? new RoadmapItemFields();
}

/// <summary>
/// The data of the changes round's grouping verbs (<see cref="CardVerbs.ChangesShow"/>, <see cref="CardVerbs.ChangesSave"/>):
/// the pulse whose changes are grouped, the version of the grouping the form was built from, and the form's inputs.
/// </summary>
public sealed record ChangesActionData : ICardActionData<ChangesActionData>
{
    public static JsonTypeInfo<ChangesActionData> JsonTypeInfo => CardVerbDataJsonContext.Default.ChangesActionData;

    public static ChangesActionData Empty { get; } = new();

    [JsonPropertyName(CardDataFields.PulseId)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? PulseId { get; init; }

    [JsonPropertyName(CardDataFields.ChangesETag)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? ETag { get; init; }

    /// <summary>The form's inputs. (A setter: System.Text.Json fills extension data only through one.)</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Fields { get; set; }

    /// <summary>The form's inputs as the grouping reader takes them.</summary>
    public JsonObject FormFields() => CardActionFields.ToJsonObject(Fields);
}

/// <summary>An item's fields as the roadmap item form showed them (codes for status and horizon).</summary>
public sealed record RoadmapItemFields
{
    [JsonPropertyName(CardDataFields.RoadmapStatus)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? Status { get; init; }

    [JsonPropertyName(CardDataFields.RoadmapHorizon)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? Horizon { get; init; }

    [JsonPropertyName(CardDataFields.RoadmapText)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? Text { get; init; }

    [JsonPropertyName(CardDataFields.RoadmapIndicator)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? Indicator { get; init; }

    [JsonPropertyName(CardDataFields.RoadmapCarriers)]
    [JsonConverter(typeof(CardStringConverter))]
    public string? Carriers { get; init; }
}

[JsonSerializable(typeof(NoCardData))]
[JsonSerializable(typeof(PulseActionData))]
[JsonSerializable(typeof(VoteActionData))]
[JsonSerializable(typeof(VoteChoiceData))]
[JsonSerializable(typeof(ProfileActionData))]
[JsonSerializable(typeof(PulseSetupData))]
[JsonSerializable(typeof(RoadmapItemData))]
[JsonSerializable(typeof(RoadmapItemFields))]
[JsonSerializable(typeof(ChangesActionData))]
internal sealed partial class CardVerbDataJsonContext : JsonSerializerContext;
