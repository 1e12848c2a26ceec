using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>What the conversation is told when a pulse is closed but its summary cannot be posted yet.</summary>
public static class PulseCloseCards
{
    /// <summary>The <c>id</c> of the delayed-summary card's heading (for tests and the load tool).</summary>
    public const string SummaryDelayedId = "pulse.summaryDelayed";

    public static readonly Localized SummaryDelayedHeading = new("Synthèse retardée", "Summary delayed");

    private static readonly Localized SummaryDelayedText = new(
        "Le pulse est clos et toutes les réponses sont comptées, mais Teams ne me laisse pas publier la synthèse pour l'instant. Je la publierai ici dès que possible, sans rien à refaire de votre côté.",
        "The pulse is closed and every answer is counted, but Teams does not let me post the summary just now. I will post it here as soon as I can; there is nothing for you to do.");

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
