using System.Text.Json.Serialization;
using ConcertationBot.Cards.Changes;

namespace ConcertationBot.Dialogs.Changes;

/// <summary>
/// A coordinator's grouping of the changes named in one pulse, as stored with the pulse: the category names (one per
/// slot, empty when unnamed) and, for each change put in a category, its key (<see cref="ChangeGroupings.Key"/>, a hash
/// of its text: never who wrote it) and the slot. <see cref="VoteId"/> is set once the categories were put to a vote,
/// after which the grouping no longer changes.
/// </summary>
public sealed record ChangeGrouping
{
    public static ChangeGrouping Empty { get; } = new();

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Change key → category slot; a change left out has no entry.</summary>
    public IReadOnlyDictionary<string, int> Assignments { get; init; } = new Dictionary<string, int>();

    /// <summary>The vote the categories were put to (<c>vote changements</c>); set, the grouping is locked.</summary>
    public string? VoteId { get; init; }

    [JsonIgnore]
    public bool IsLocked => VoteId is not null;
}

/// <summary>A change of the pulse as the grouping knows it: its key, its text (merged as the summary merges), tone and how many named it.</summary>
public sealed record ChangeItem(string Key, string Text, ChangeTone Tone, int Count);

/// <summary>A named category holding at least one change, in slot order: what <c>vote changements</c> puts to the vote.</summary>
public sealed record ChangeCategory(int Slot, string Name, int Count);

/// <summary>A category holding changes and the changes it holds, in the order of the pulse's summary.</summary>
public sealed record GroupedChanges(ChangeCategory Category, IReadOnlyList<ChangeItem> Changes);

/// <summary>Source-generated JSON for storing a <see cref="ChangeGrouping"/> with its pulse.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChangeGrouping))]
public sealed partial class ChangeGroupingJsonContext : JsonSerializerContext;
