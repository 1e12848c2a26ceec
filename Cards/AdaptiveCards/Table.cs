using System.Text.Json.Serialization;

namespace ConcertationBot.Cards.AdaptiveCards;

/// <summary><c>Table</c> (schema 1.5): rows of cells under column definitions.</summary>
public sealed record Table : CardElement
{
    public IReadOnlyList<TableColumnDefinition> Columns { get; init; } = [];

    public IReadOnlyList<TableRow> Rows { get; init; } = [];

    /// <summary>
    /// Announces the first row as headers (default true). Written as the schema spells it (<c>firstRowAsHeader</c>);
    /// the adaptivecards 3.0.6 JS renderer reads <c>firstRowAsHeaders</c> and ignores this name, defaulting to true.
    /// </summary>
    public bool? FirstRowAsHeader { get; init; }

    public bool? ShowGridLines { get; init; }

    public ContainerStyle? GridStyle { get; init; }
}

/// <summary>A column of a <see cref="Table"/>; <see cref="Width"/> is a relative weight (default 1).</summary>
public sealed record TableColumnDefinition
{
    public int? Width { get; init; }
}

/// <summary>A row of a <see cref="Table"/>.</summary>
public sealed record TableRow
{
    [JsonPropertyName("type")]
    public string Type => "TableRow";

    public IReadOnlyList<TableCell> Cells { get; init; } = [];

    public ContainerStyle? Style { get; init; }
}

/// <summary>A cell of a <see cref="TableRow"/>: any elements.</summary>
public sealed record TableCell
{
    [JsonPropertyName("type")]
    public string Type => "TableCell";

    public IReadOnlyList<CardElement> Items { get; init; } = [];
}
