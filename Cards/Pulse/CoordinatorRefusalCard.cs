using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>A coordinator-only command tried by someone else: a polite refusal naming who can do it.</summary>
public static class CoordinatorRefusalCard
{
    private static readonly Localized Heading = new("Réservé à la coordination", "For coordinators only");
    private static readonly Localized OnlyCoordinators = new(
        "Seule la coordination de la table peut utiliser « {0} ».",
        "Only the table's coordination can use \"{0}\".");
    private static readonly Localized AskNames = new("Demandez à : {0}.", "Please ask: {0}.");
    private static readonly Localized AskCoordination = new(
        "Demandez à la coordination de votre table.",
        "Please ask your table's coordination.");

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
