using System.Text.Json.Serialization;

namespace ConcertationBot.Cards.AdaptiveCards;

/// <summary>
/// Common base of inputs. Their values arrive merged into the data of the <c>Action.Execute</c> that sends them,
/// under <see cref="Id"/>, which is therefore required and must be unique in the card.
/// </summary>
public abstract record InputElement : CardElement
{
    /// <summary>The input's id: the key of its value in the action data.</summary>
    public new required string Id
    {
        get => base.Id!;
        init => base.Id = value;
    }

    /// <summary>Accessible label shown above the input (schema 1.3).</summary>
    public string? Label { get; init; }

    /// <summary>The client refuses to send an action with this input empty; needs <see cref="Label"/> and <see cref="ErrorMessage"/>.</summary>
    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

/// <summary><c>Input.Text</c>: its <see cref="Value"/> is shown as typed (never Markdown), so user text may go there as is.</summary>
public sealed record TextInput : InputElement
{
    public string? Placeholder { get; init; }

    public string? Value { get; init; }

    public bool? IsMultiline { get; init; }

    /// <summary>Clients stop typing past this length; a longer pre-filled <see cref="Value"/> is shown whole.</summary>
    public int? MaxLength { get; init; }

    public TextInputStyle? Style { get; init; }
}

/// <summary><c>Input.ChoiceSet</c>: one choice (or several with <see cref="IsMultiSelect"/>); the value is the chosen values, comma-separated.</summary>
public sealed record ChoiceSetInput : InputElement
{
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary><c>expanded</c> shows radio buttons (best on a phone for a few options); <c>compact</c> a drop-down.</summary>
    public ChoiceSetStyle? Style { get; init; }

    public bool? IsMultiSelect { get; init; }

    /// <summary>The pre-selected value (comma-separated when multi-select).</summary>
    public string? Value { get; init; }

    public string? Placeholder { get; init; }

    /// <summary>Lets long choice titles wrap (schema 1.2).</summary>
    public bool? Wrap { get; init; } = true;
}

/// <summary>One choice of a <see cref="ChoiceSetInput"/>; its title is shown as plain text.</summary>
public sealed record Choice(string Title, string Value);

/// <summary><c>Input.Toggle</c>: a check box whose value is <see cref="ValueOn"/> or <see cref="ValueOff"/> ("true"/"false" by default).</summary>
public sealed record ToggleInput : InputElement
{
    public required string Title { get; init; }

    public string? Value { get; init; }

    public string? ValueOn { get; init; }

    public string? ValueOff { get; init; }

    public bool? Wrap { get; init; } = true;
}

/// <summary>
/// <c>Input.Number</c>: a whole number between <see cref="Min"/> and <see cref="Max"/> (clients refuse to send a value
/// outside them); its value arrives as text ("3"), and is absent when the field is left empty.
/// </summary>
public sealed record NumberInput : InputElement
{
    public int? Min { get; init; }

    public int? Max { get; init; }

    /// <summary>The pre-filled number.</summary>
    public int? Value { get; init; }

    public string? Placeholder { get; init; }
}

/// <summary>Style of a <see cref="TextInput"/> (<c>password</c> needs schema 1.5).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TextInputStyle>))]
public enum TextInputStyle
{
    [JsonStringEnumMemberName("text")]
    Text,

    [JsonStringEnumMemberName("tel")]
    Tel,

    [JsonStringEnumMemberName("url")]
    Url,

    [JsonStringEnumMemberName("email")]
    Email,

    [JsonStringEnumMemberName("password")]
    Password,
}

/// <summary>Style of a <see cref="ChoiceSetInput"/>; the official parser only accepts these lower-case names. (<c>filtered</c> is 1.5 but not offered: Teams mobile shows it as a drop-down.)</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChoiceSetStyle>))]
public enum ChoiceSetStyle
{
    [JsonStringEnumMemberName("compact")]
    Compact,

    [JsonStringEnumMemberName("expanded")]
    Expanded,
}
