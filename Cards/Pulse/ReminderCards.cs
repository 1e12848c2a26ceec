using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>The coordinator's card while <c>pulse rappel</c> runs; updated in place, it ends as the report.</summary>
public sealed record ReminderProgressCardModel
{
    public required Language Language { get; init; }

    /// <summary>"Je relance 5 membres en privé", already worded.</summary>
    public required string Heading { get; init; }

    /// <summary>"120 / 300 relancés · fin estimée vers 14 h 52", already worded.</summary>
    public required string Progress { get; init; }

    /// <summary>A line under the progress (what the card will do), already worded; none when null.</summary>
    public string? Detail { get; init; }
}

/// <summary>Cards of a reminder run: its progress (the report is <see cref="PulseCoordinationCards.ReminderReport"/>).</summary>
public static class ReminderCards
{
    public static AdaptiveCard Progress(ReminderProgressCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = new List<CardElement>
        {
            new TextBlock { Text = model.Progress, Weight = TextWeight.Bolder, Spacing = CardSpacing.Small },
        };
        if (!string.IsNullOrWhiteSpace(model.Detail))
        {
            body.Add(new TextBlock { Text = model.Detail, IsSubtle = true, Size = TextSize.Small });
        }

        return CardBlocks.Notice(model.Heading, body);
    }
}
