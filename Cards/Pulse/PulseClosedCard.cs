using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>Answer to any action on a pulse that no longer takes answers.</summary>
public static class PulseClosedCard
{
    private static readonly Localized Text = new(
        "« {0} » ne prend plus de réponses. Merci à toutes les personnes qui ont participé ! La synthèse est publiée dans la conversation.",
        "\"{0}\" no longer takes answers. Thank you to everyone who took part! The summary is posted in the conversation.");

    public static AdaptiveCard Build(PulseClosedCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return CardBlocks.Notice(PulseCard.ClosedText.For(model.Language), [CardBlocks.PlainText(Text.Format(model.Language, model.PulseTitle))]);
    }
}
