namespace ConcertationBot.Dialogs.Roadmap;

/// <summary>When a changement souhaité is meant to happen.</summary>
public enum RoadmapHorizon
{
    Court,
    Moyen,
    Long,
}

/// <summary>Where a changement souhaité stands.</summary>
public enum RoadmapStatus
{
    AVenir,
    EnCours,
    Atteint,
    Abandonne,
}

/// <summary>
/// One changement souhaité. <see cref="Carriers"/> are names a coordinator typed (free text, never an account);
/// <see cref="Source"/> says where it came from: <c>command</c>, <c>vote:&lt;id&gt;</c>…
/// </summary>
public sealed record RoadmapItem
{
    public required string Id { get; init; }

    public required string Text { get; init; }

    public required RoadmapHorizon Horizon { get; init; }

    public string? Indicator { get; init; }

    public RoadmapStatus Status { get; init; } = RoadmapStatus.AVenir;

    public string? Carriers { get; init; }

    public required DateTimeOffset LastChanged { get; init; }

    public required string Source { get; init; }
}

/// <summary>The feuille de route of a team (or of a conversation outside a team): a vision and its items, in the order added.</summary>
public sealed record RoadmapPlan(string? Vision, IReadOnlyList<RoadmapItem> Items)
{
    public static RoadmapPlan Empty { get; } = new(null, []);

    public RoadmapItem? Find(string itemId) => Items.FirstOrDefault(i => string.Equals(i.Id, itemId, StringComparison.Ordinal));
}

/// <summary>What a change did, for the history.</summary>
public enum RoadmapChangeKind
{
    Vision,
    Add,
    Text,
    Indicator,
    Status,
    Carriers,
    Move,
    Remove,
}

/// <summary>
/// One line of a feuille de route's history: what changed, on which item, when, and by whom as a ROLE only
/// (<see cref="CoordinatorRole"/>): never a person's name or id.
/// </summary>
public sealed record RoadmapHistoryEntry(RoadmapChangeKind Kind, string? ItemId, DateTimeOffset At, string By)
{
    /// <summary>The only author a history line names.</summary>
    public const string CoordinatorRole = "coordinator";
}
