using System.Text.Json.Serialization;

namespace ConcertationBot.Cards.AdaptiveCards;

/// <summary>
/// <c>TextBlock</c>. Its text is rendered with the card's Markdown subset, so user-written text
/// must go through <see cref="CardText.Inert"/> before it is placed here.
/// </summary>
public sealed record TextBlock : CardElement
{
    public required string Text { get; init; }

    public TextSize? Size { get; init; }

    public TextWeight? Weight { get; init; }

    public TextColor? Color { get; init; }

    public bool? IsSubtle { get; init; }

    public bool? Wrap { get; init; } = true;

    public int? MaxLines { get; init; }

    public TextStyle? Style { get; init; }

    /// <summary><c>Monospace</c> for things to type as shown (commands); schema 1.2.</summary>
    public FontType? FontType { get; init; }
}

/// <summary><c>RichTextBlock</c>: runs of plain text (no Markdown), the safe place for user text.</summary>
public sealed record RichTextBlock : CardElement
{
    public IReadOnlyList<TextRun> Inlines { get; init; } = [];
}

/// <summary>A run inside a <see cref="RichTextBlock"/>; never interpreted as Markdown.</summary>
public sealed record TextRun
{
    [JsonPropertyName("type")]
    public string Type => "TextRun";

    /// <summary>Shown as given, except that <c>{{</c> is broken so user text cannot call DATE / TIME functions.</summary>
    public required string Text { get; init => field = CardText.WithoutTextFunctions(value); }

    public TextWeight? Weight { get; init; }

    public bool? Italic { get; init; }

    public bool? IsSubtle { get; init; }

    public TextColor? Color { get; init; }
}

/// <summary><c>Container</c>: groups elements, optionally styled.</summary>
public sealed record Container : CardElement
{
    public IReadOnlyList<CardElement> Items { get; init; } = [];

    public ContainerStyle? Style { get; init; }

    public bool? Bleed { get; init; }
}

/// <summary><c>ColumnSet</c>.</summary>
public sealed record ColumnSet : CardElement
{
    public IReadOnlyList<Column> Columns { get; init; } = [];
}

/// <summary><c>Column</c> (only inside a <see cref="ColumnSet"/>); width is <c>auto</c>, <c>stretch</c>, a weight or pixels.</summary>
public sealed record Column
{
    [JsonPropertyName("type")]
    public string Type => "Column";

    public string? Width { get; init; }

    public IReadOnlyList<CardElement> Items { get; init; } = [];

    public VerticalAlignment? VerticalContentAlignment { get; init; }
}

/// <summary><c>FactSet</c>: title/value pairs.</summary>
public sealed record FactSet : CardElement
{
    public IReadOnlyList<Fact> Facts { get; init; } = [];
}

/// <summary>One fact of a <see cref="FactSet"/>.</summary>
public sealed record Fact(string Title, string Value);

/// <summary><c>ActionSet</c>: actions placed inside the body.</summary>
public sealed record ActionSet : CardElement
{
    public IReadOnlyList<CardAction> Actions { get; init; } = [];
}

[JsonConverter(typeof(JsonStringEnumConverter<TextSize>))]
public enum TextSize { Default, Small, Medium, Large, ExtraLarge }

[JsonConverter(typeof(JsonStringEnumConverter<TextWeight>))]
public enum TextWeight { Default, Lighter, Bolder }

[JsonConverter(typeof(JsonStringEnumConverter<TextColor>))]
public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }

[JsonConverter(typeof(JsonStringEnumConverter<FontType>))]
public enum FontType { Default, Monospace }

[JsonConverter(typeof(JsonStringEnumConverter<TextStyle>))]
public enum TextStyle { Default, Heading }

[JsonConverter(typeof(JsonStringEnumConverter<ContainerStyle>))]
public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }

[JsonConverter(typeof(JsonStringEnumConverter<VerticalAlignment>))]
public enum VerticalAlignment { Top, Center, Bottom }
