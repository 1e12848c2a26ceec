using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>What the conversation is told when a pulse is closed but its summary cannot be posted yet.</summary>
public static partial class PulseCloseCards
{
    /// <summary>The <c>id</c> of the delayed-summary card's heading (for tests and the load tool).</summary>
    public const string SummaryDelayedId = "pulse.summaryDelayed";

    public static AdaptiveCard SummaryDelayed(Language language)
    {
        var heading = SummaryDelayedHeading.For(language);
        return new AdaptiveCard
        {
            FallbackText = heading,
            Body =
            [
                CardBlocks.Heading(heading, TextSize.Medium) with { Id = SummaryDelayedId },
                CardBlocks.Paragraph(SummaryDelayedText.For(language)),
            ],
        };
    }
}
