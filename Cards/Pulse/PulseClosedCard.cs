using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>Answer to any action on a pulse that no longer takes answers.</summary>
public static partial class PulseClosedCard
{
    public static AdaptiveCard Build(PulseClosedCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return CardBlocks.Notice(PulseCard.ClosedText.For(model.Language), [CardBlocks.PlainText(Text.Format(model.Language, model.PulseTitle))]);
    }
}
