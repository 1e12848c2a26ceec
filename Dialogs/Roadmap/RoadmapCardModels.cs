using ConcertationBot.Cards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Roadmap;
using ConcertationBot.Dialogs.Rencontres;
using ConcertationBot.Dialogs.Summaries;

namespace ConcertationBot.Dialogs.Roadmap;

/// <summary>A feuille de route as its card shows it, and the item form's inputs read back into an operation.</summary>
public static class RoadmapCardModels
{
    /// <summary>
    /// The card's model: items in the order added, each with its status and horizon as card codes and its last change
    /// written as a date where the table meets (<paramref name="timeZoneId"/>). <paramref name="editable"/>: a
    /// coordinator's own view (edit actions); <paramref name="refreshUserId"/>: whose client refreshes it into their own.
    /// </summary>
    public static RoadmapCardModel Describe(
        RoadmapPlan plan, Language language, string? timeZoneId, bool editable = false, string? refreshUserId = null, RoadmapNotice notice = RoadmapNotice.None)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new RoadmapCardModel
        {
            Language = language,
            Vision = plan.Vision,
            Items = [.. plan.Items.Select(item => Describe(item, language, timeZoneId))],
            Editable = editable,
            RefreshUserId = refreshUserId,
            Notice = notice,
        };
    }

    public static RoadmapCardItem Describe(RoadmapItem item, Language language, string? timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new RoadmapCardItem
        {
            Id = item.Id,
            Text = item.Text,
            Horizon = item.Horizon.ToString(),
            Status = item.Status.ToString(),
            Indicator = item.Indicator,
            Carriers = item.Carriers,
            Changed = RencontreDates.Write(DateOnly.FromDateTime(LocalTime.In(item.LastChanged, timeZoneId).DateTime), language),
        };
    }

    /// <summary>
    /// The item form as sent, as one <see cref="EditItem"/> of the fields the coordinator changed: an input equal to what
    /// the form showed (<paramref name="was"/>) is no change, so it never undoes a concurrent coordinator's edit of that
    /// field. A field absent, or a status or horizon that is no code of the card, is unchanged; without
    /// <paramref name="was"/> every field sent counts.
    /// </summary>
    public static EditItem ReadForm(string itemId, RoadmapItemFields sent, RoadmapItemFields? was)
    {
        ArgumentNullException.ThrowIfNull(sent);
        string? Changed(string? now, string? before) => now is not null && (was is null || now.Trim() != (before ?? string.Empty).Trim()) ? now : null;
        var status = Changed(sent.Status, was?.Status);
        var horizon = Changed(sent.Horizon, was?.Horizon);
        return new(
            itemId,
            Text: Changed(sent.Text, was?.Text),
            Indicator: Changed(sent.Indicator, was?.Indicator),
            Status: status is not null && RoadmapCard.StatusCodes.Contains(status) ? Enum.Parse<RoadmapStatus>(status) : null,
            Carriers: Changed(sent.Carriers, was?.Carriers),
            Horizon: horizon is not null && RoadmapCard.HorizonCodes.Contains(horizon) ? Enum.Parse<RoadmapHorizon>(horizon) : null);
    }

    /// <summary>What the card says about a write that changed nothing.</summary>
    public static RoadmapNotice NoticeOf(RoadmapProblem problem) => problem switch
    {
        RoadmapProblem.None => RoadmapNotice.Saved,
        RoadmapProblem.ItemMissing => RoadmapNotice.Stale,
        RoadmapProblem.Full => RoadmapNotice.Full,
        RoadmapProblem.BadText => RoadmapNotice.BadText,
        _ => RoadmapNotice.Unchanged,
    };
}
