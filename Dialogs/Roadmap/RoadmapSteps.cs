namespace ConcertationBot.Dialogs.Roadmap;

/// <summary>Why an operation changed nothing.</summary>
public enum RoadmapProblem
{
    None,

    /// <summary>The item is not (or no longer) on the feuille de route: the card that asked was stale.</summary>
    ItemMissing,

    /// <summary>The feuille de route already holds <see cref="RoadmapSteps.MaxItems"/> items.</summary>
    Full,

    /// <summary>A text is empty or longer than its limit.</summary>
    BadText,

    /// <summary>The item with that id is already there (a retried add): nothing to do.</summary>
    AlreadyDone,

    /// <summary>Every field asked is already as asked.</summary>
    Unchanged,
}

/// <summary>The outcome of one operation: the new plan and its history lines, or the problem and the unchanged one.</summary>
public sealed record RoadmapStep(RoadmapPlan Plan, IReadOnlyList<RoadmapHistoryEntry> History, RoadmapProblem Problem = RoadmapProblem.None)
{
    public bool Applied => Problem == RoadmapProblem.None;
}

/// <summary>The pure step function of a feuille de route: (roadmap, operation, now) → the new one and what to append to its history.</summary>
public static class RoadmapSteps
{
    public const int MaxVisionLength = 300;
    public const int MaxTextLength = 200;
    public const int MaxItems = 30;

    public static RoadmapStep Apply(RoadmapPlan roadmap, RoadmapOperation operation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(roadmap);
        ArgumentNullException.ThrowIfNull(operation);
        return operation switch
        {
            SetVision v => SetVisionStep(roadmap, v, now),
            AddItem a => AddStep(roadmap, a, now),
            AddItemOnce o => HasSame(roadmap, o.Item) ? Refused(roadmap, RoadmapProblem.AlreadyDone) : AddStep(roadmap, o.Item, now),
            EditItem e => EditStep(roadmap, e, now),
            MoveItem m => Change(roadmap, m.ItemId, item => item.Horizon == m.Horizon ? [] : [(RoadmapChangeKind.Move, item with { Horizon = m.Horizon })], now),
            RemoveItem r => RemoveStep(roadmap, r, now),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.GetType().Name, "Unknown roadmap operation."),
        };
    }

    private static RoadmapStep SetVisionStep(RoadmapPlan roadmap, SetVision v, DateTimeOffset now)
    {
        var vision = v.Vision.Trim();
        if (vision.Length is 0 or > MaxVisionLength)
        {
            return Refused(roadmap, RoadmapProblem.BadText);
        }

        return vision == roadmap.Vision
            ? Refused(roadmap, RoadmapProblem.Unchanged)
            : new RoadmapStep(roadmap with { Vision = vision }, [Entry(RoadmapChangeKind.Vision, null, now)]);
    }

    private static RoadmapStep AddStep(RoadmapPlan roadmap, AddItem a, DateTimeOffset now)
    {
        if (roadmap.Find(a.ItemId) is not null)
        {
            return Refused(roadmap, RoadmapProblem.AlreadyDone);
        }

        var text = a.Text.Trim();
        if (text.Length is 0 or > MaxTextLength)
        {
            return Refused(roadmap, RoadmapProblem.BadText);
        }

        if (roadmap.Items.Count >= MaxItems)
        {
            return Refused(roadmap, RoadmapProblem.Full);
        }

        var item = new RoadmapItem { Id = a.ItemId, Text = text, Horizon = a.Horizon, LastChanged = now, Source = a.Source };
        return new RoadmapStep(roadmap with { Items = [.. roadmap.Items, item] }, [Entry(RoadmapChangeKind.Add, a.ItemId, now)]);
    }

    /// <summary>Whether an item from the same source with the same text (as <see cref="AddStep"/> would store it) is there.</summary>
    private static bool HasSame(RoadmapPlan roadmap, AddItem a) =>
        roadmap.Items.Any(i => string.Equals(i.Source, a.Source, StringComparison.Ordinal) && string.Equals(i.Text, a.Text.Trim(), StringComparison.Ordinal));

    private static RoadmapStep EditStep(RoadmapPlan roadmap, EditItem e, DateTimeOffset now)
    {
        var text = e.Text?.Trim();
        if (text is { Length: 0 or > MaxTextLength } || e.Indicator?.Trim().Length > MaxTextLength || e.Carriers?.Trim().Length > MaxTextLength)
        {
            return Refused(roadmap, RoadmapProblem.BadText);
        }

        return Change(roadmap, e.ItemId, item =>
        {
            var changes = new List<(RoadmapChangeKind, RoadmapItem)>();
            void Set(bool changed, RoadmapChangeKind kind, Func<RoadmapItem, RoadmapItem> change)
            {
                if (changed)
                {
                    item = change(item);
                    changes.Add((kind, item));
                }
            }

            Set(text is not null && text != item.Text, RoadmapChangeKind.Text, i => i with { Text = text! });
            Set(e.Indicator is not null && Optional(e.Indicator) != item.Indicator, RoadmapChangeKind.Indicator, i => i with { Indicator = Optional(e.Indicator!) });
            Set(e.Status is { } status && status != item.Status, RoadmapChangeKind.Status, i => i with { Status = e.Status!.Value });
            Set(e.Carriers is not null && Optional(e.Carriers) != item.Carriers, RoadmapChangeKind.Carriers, i => i with { Carriers = Optional(e.Carriers!) });
            Set(e.Horizon is { } horizon && horizon != item.Horizon, RoadmapChangeKind.Move, i => i with { Horizon = e.Horizon!.Value });
            return changes;
        }, now);
    }

    private static RoadmapStep RemoveStep(RoadmapPlan roadmap, RemoveItem r, DateTimeOffset now) =>
        roadmap.Find(r.ItemId) is null
            ? Refused(roadmap, RoadmapProblem.ItemMissing)
            : new RoadmapStep(
                roadmap with { Items = [.. roadmap.Items.Where(i => i.Id != r.ItemId)] },
                [Entry(RoadmapChangeKind.Remove, r.ItemId, now)]);

    /// <summary>Applies <paramref name="change"/> to one item; each change it lists is a history line, the last item the new one.</summary>
    private static RoadmapStep Change(
        RoadmapPlan roadmap, string itemId, Func<RoadmapItem, IReadOnlyList<(RoadmapChangeKind Kind, RoadmapItem Item)>> change, DateTimeOffset now)
    {
        if (roadmap.Find(itemId) is not { } item)
        {
            return Refused(roadmap, RoadmapProblem.ItemMissing);
        }

        var changes = change(item);
        if (changes.Count == 0)
        {
            return Refused(roadmap, RoadmapProblem.Unchanged);
        }

        var changed = changes[^1].Item with { LastChanged = now };
        return new RoadmapStep(
            roadmap with { Items = [.. roadmap.Items.Select(i => i.Id == itemId ? changed : i)] },
            [.. changes.Select(c => Entry(c.Kind, itemId, now))]);
    }

    private static string? Optional(string text) => text.Trim() is { Length: > 0 } t ? t : null;

    private static RoadmapHistoryEntry Entry(RoadmapChangeKind kind, string? itemId, DateTimeOffset now) =>
        new(kind, itemId, now, RoadmapHistoryEntry.CoordinatorRole);

    private static RoadmapStep Refused(RoadmapPlan roadmap, RoadmapProblem problem) => new(roadmap, [], problem);
}
