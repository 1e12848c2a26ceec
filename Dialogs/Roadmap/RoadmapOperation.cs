namespace ConcertationBot.Dialogs.Roadmap;

/// <summary>One change a coordinator asks of a feuille de route; <see cref="RoadmapSteps.Apply"/> carries it out.</summary>
public abstract record RoadmapOperation;

public sealed record SetVision(string Vision) : RoadmapOperation;

/// <summary>Adds an item with <paramref name="ItemId"/> (chosen by the caller, so a retried write adds it once).</summary>
public sealed record AddItem(string ItemId, string Text, RoadmapHorizon Horizon, string Source) : RoadmapOperation;

/// <summary>Changes the fields given (null: unchanged; an empty indicator or carriers clears it), as the item form sends them all at once.</summary>
public sealed record EditItem(
    string ItemId, string? Text = null, string? Indicator = null, RoadmapStatus? Status = null, string? Carriers = null, RoadmapHorizon? Horizon = null) : RoadmapOperation;

public sealed record MoveItem(string ItemId, RoadmapHorizon Horizon) : RoadmapOperation;

public sealed record RemoveItem(string ItemId) : RoadmapOperation;
