namespace ConcertationBot.Dialogs.Roadmap;

/// <summary>One change a coordinator asks of a feuille de route; <see cref="RoadmapSteps.Apply"/> carries it out.</summary>
public abstract record RoadmapOperation;

public sealed record SetVision(string Vision) : RoadmapOperation;

/// <summary>Adds an item with <paramref name="ItemId"/> (chosen by the caller, so a retried write adds it once).</summary>
public sealed record AddItem(string ItemId, string Text, RoadmapHorizon Horizon, string Source) : RoadmapOperation;

/// <summary>
/// Adds the item as <see cref="AddItem"/> does, unless an item with the same <see cref="AddItem.Source"/> and text is
/// already there (<see cref="RoadmapProblem.AlreadyDone"/>): a second click on a vote's "Ajouter à la feuille de route"
/// adds nothing. Checked on the roadmap as read at each attempt, so concurrent clicks add it once.
/// </summary>
public sealed record AddItemOnce(AddItem Item) : RoadmapOperation;

/// <summary>Changes the fields given (null: unchanged; an empty indicator or carriers clears it), as the item form sends them all at once.</summary>
public sealed record EditItem(
    string ItemId, string? Text = null, string? Indicator = null, RoadmapStatus? Status = null, string? Carriers = null, RoadmapHorizon? Horizon = null) : RoadmapOperation;

public sealed record MoveItem(string ItemId, RoadmapHorizon Horizon) : RoadmapOperation;

public sealed record RemoveItem(string ItemId) : RoadmapOperation;
