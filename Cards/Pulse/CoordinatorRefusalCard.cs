using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>A coordinator-only command tried by someone else: a polite refusal naming who can do it.</summary>
public static partial class CoordinatorRefusalCard
{
    public static AdaptiveCard Build(CoordinatorRefusalCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var names = model.CoordinatorNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
        var ask = names.Count == 0
            ? AskCoordination.For(language)
            : AskNames.Format(language, string.Join(", ", names));
        return CardBlocks.Notice(Heading.For(language), [CardBlocks.PlainText($"{OnlyCoordinators.Format(language, model.Command)} {ask}")]);
    }
}
