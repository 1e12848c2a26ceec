using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConcertationBot.Cards;
using ConcertationBot.Cards.Pulse;

namespace ConcertationBot.Dialogs.Pulse;

/// <summary>What the respondent did on a pulse card.</summary>
public enum PulseActionKind
{
    Open,
    Next,
    Back,
    Skip,
    Edit,
    Submit,

    /// <summary>"Effacer cette réponse": erases the step's saved answer and draft.</summary>
    Clear,
}

/// <summary>
/// One card action: its kind, the step and revision the card was built from, and the step's input values
/// (keyed by <see cref="PulseInputIds"/>).
/// </summary>
public sealed record PulseAction(PulseActionKind Kind, string? StepId = null, int? Revision = null)
{
    public IReadOnlyDictionary<string, string?> Inputs { get; init; } = EmptyInputs;

    private static readonly IReadOnlyDictionary<string, string?> EmptyInputs = new Dictionary<string, string?>();
}

/// <summary>Reads <c>Action.Execute</c> verbs and data into <see cref="PulseAction"/>, leniently about the JSON types Teams sends.</summary>
public static class PulseActionReader
{
    private static readonly string[] InputIds =
    [
        PulseInputIds.Rating,
        PulseInputIds.Frein,
        PulseInputIds.Levier,
        PulseInputIds.Choice,
        PulseInputIds.ChangeText,
        PulseInputIds.Direction,
        PulseInputIds.Facilitant,
        PulseInputIds.Ecueil,
        PulseInputIds.Souhait,
    ];

    /// <summary>
    /// Reads a pulse action. False when the verb is not a pulse verb. The step and revision are null when absent or
    /// unreadable (such an action is then stale, except <see cref="PulseActionKind.Open"/>); inputs hold the
    /// <see cref="PulseInputIds"/> present in the data, as strings.
    /// </summary>
    public static bool TryRead(string? verb, JsonObject? data, out PulseAction action)
    {
        var kind = KindOf(verb);
        action = kind is null ? new PulseAction(PulseActionKind.Open) : Read(kind.Value, data);
        return kind is not null;
    }

    /// <summary>
    /// Reads the data of a pulse action whose kind the route already knows. The step and revision are null when absent
    /// or unreadable; inputs hold the <see cref="PulseInputIds"/> present in the data, as strings.
    /// </summary>
    public static PulseAction Read(PulseActionKind kind, JsonObject? data)
    {
        var inputs = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (data is not null)
        {
            foreach (var id in InputIds)
            {
                if (data.TryGetPropertyValue(id, out var node) && TryReadText(node, out var text))
                {
                    inputs[id] = text;
                }
            }
        }

        var step = data is not null && data.TryGetPropertyValue(CardDataFields.Step, out var stepNode)
            && TryReadText(stepNode, out var stepText) && !string.IsNullOrEmpty(stepText)
            ? stepText
            : null;
        return new PulseAction(kind, step, RevisionOf(data)) { Inputs = inputs };
    }

    /// <summary>The pulse id in the action data, or null when absent or not a string.</summary>
    public static string? PulseIdOf(JsonObject? data) =>
        data is not null && data.TryGetPropertyValue(CardDataFields.PulseId, out var node)
            && node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            && value.GetValue<string>() is { Length: > 0 } id
            ? id
            : null;

    private static int? RevisionOf(JsonObject? data)
    {
        if (data is null || !data.TryGetPropertyValue(CardDataFields.Revision, out var node) || node is not JsonValue value)
        {
            return null;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                if (value.TryGetValue<int>(out var number))
                {
                    return number;
                }

                return value.TryGetValue<double>(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue
                    ? (int)real
                    : null;
            case JsonValueKind.String:
                return int.TryParse(value.GetValue<string>().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : null;
            default:
                return null;
        }
    }

    private static bool TryReadText(JsonNode? node, out string? text)
    {
        text = null;
        if (node is null)
        {
            return true;
        }

        if (node is not JsonValue value)
        {
            return false;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                text = value.GetValue<string>();
                return true;
            case JsonValueKind.Number:
                text = value.ToJsonString();
                return true;
            case JsonValueKind.True:
                text = "true";
                return true;
            case JsonValueKind.False:
                text = "false";
                return true;
            default:
                return false;
        }
    }

    private static PulseActionKind? KindOf(string? verb) => verb switch
    {
        CardVerbs.PulseOpen => PulseActionKind.Open,
        CardVerbs.PulseNext => PulseActionKind.Next,
        CardVerbs.PulseBack => PulseActionKind.Back,
        CardVerbs.PulseSkip => PulseActionKind.Skip,
        CardVerbs.PulseEdit => PulseActionKind.Edit,
        CardVerbs.PulseSubmit => PulseActionKind.Submit,
        CardVerbs.PulseClear => PulseActionKind.Clear,
        _ => null,
    };
}
