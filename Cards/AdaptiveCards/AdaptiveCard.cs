using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ConcertationBot.Cards.AdaptiveCards;

/// <summary>An Adaptive Card (schema 1.5 at most, the highest Teams renders).</summary>
public sealed record AdaptiveCard
{
    public const string CurrentVersion = "1.5";
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyName("type")]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema")]
    public string Schema { get; init; } = SchemaUrl;

    public string Version { get; init; } = CurrentVersion;

    /// <summary>
    /// BCP 47 language of the card's text. Left unset by our builders: adaptivecards 3.0.6 validates it with a
    /// stateful global regex and reports every other card as invalid.
    /// </summary>
    public string? Lang { get; init; }

    /// <summary>Shown by clients that cannot render the card.</summary>
    public string? FallbackText { get; init; }

    public IReadOnlyList<CardElement> Body { get; init; } = [];

    public IReadOnlyList<CardAction>? Actions { get; init; }

    /// <summary>Automatic refresh (user-specific views); null for none.</summary>
    public CardRefresh? Refresh { get; init; }

    [JsonPropertyName("msteams")]
    public TeamsCardOptions? MsTeams { get; init; }
}

/// <summary>Teams-specific card options: <c>{"width":"Full"}</c> lets a card use the whole message width.</summary>
public sealed record TeamsCardOptions
{
    public string? Width { get; init; }

    public static TeamsCardOptions FullWidth { get; } = new() { Width = "Full" };
}

/// <summary><c>refresh</c>: the action Teams invokes automatically for the listed users (≤ 60 ids).</summary>
public sealed record CardRefresh
{
    public const int MaxUserIds = 60;

    /// <summary>Written with its <c>"type":"Action.Execute"</c> like any card action (Teams ignores a typeless refresh action).</summary>
    [JsonConverter(typeof(RefreshActionConverter))]
    public required ExecuteAction Action { get; init; }

    public IReadOnlyList<string>? UserIds { get; init; }
}

/// <summary>Common base of body elements; <c>type</c> is written from the derived type.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(Table), "Table")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(ToggleInput), "Input.Toggle")]
[JsonDerivedType(typeof(NumberInput), "Input.Number")]
public abstract record CardElement
{
    public string? Id { get; init; }

    public CardSpacing? Spacing { get; init; }

    public bool? Separator { get; init; }

    public bool? IsVisible { get; init; }
}

/// <summary>Common base of actions; <c>type</c> is written from the derived type.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
public abstract record CardAction
{
    public required string Title { get; init; }

    public string? Id { get; init; }

    public ActionStyle? Style { get; init; }
}

/// <summary><c>Action.Execute</c> (Universal Actions): the bot receives an <c>adaptiveCard/action</c> invoke with <see cref="Verb"/> and <see cref="Data"/>.</summary>
public sealed record ExecuteAction : CardAction
{
    public required string Verb { get; init; }

    /// <summary>Action data merged with the card's inputs; a stable API (cards live for months).</summary>
    public JsonObject? Data { get; init; }

    /// <summary><c>none</c> skips input validation (for "back"/"skip" buttons).</summary>
    public string? AssociatedInputs { get; init; }
}

/// <summary><c>Action.ShowCard</c>: reveals an inline card.</summary>
public sealed record ShowCardAction : CardAction
{
    public required AdaptiveCard Card { get; init; }
}

/// <summary><c>Action.OpenUrl</c>.</summary>
public sealed record OpenUrlAction : CardAction
{
    public required Uri Url { get; init; }
}

/// <summary>Style of an action; written in lower case as the schema spells it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionStyle>))]
public enum ActionStyle
{
    [JsonStringEnumMemberName("default")]
    Default,

    [JsonStringEnumMemberName("positive")]
    Positive,

    [JsonStringEnumMemberName("destructive")]
    Destructive,
}

[JsonConverter(typeof(JsonStringEnumConverter<CardSpacing>))]
public enum CardSpacing
{
    None,
    Small,
    Default,
    Medium,
    Large,
    ExtraLarge,
    Padding,
}
