using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>The review before sending: every answer (shown as typed), "Modifier" per section, then "Envoyer".</summary>
public static class PulseReviewCard
{
    private static readonly Localized Heading = new("Vérifiez vos réponses", "Check your answers");
    private static readonly Localized AlreadySent = new(
        "Déjà envoyées : vous pouvez les modifier jusqu'au {0}.",
        "Already sent: you can change them until {0}.");
    private static readonly Localized Edit = new("Modifier", "Edit");
    private static readonly Localized Send = new("Envoyer", "Send");
    private static readonly Localized Update = new("Mettre à jour", "Update");

    public static AdaptiveCard Build(PulseReviewCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var view = model.View;
        var language = view.Language;
        var body = new List<CardElement>
        {
            PulseCardParts.Kicker(view.PulseTitle),
            CardBlocks.Heading(Heading.For(language)),
        };
        if (model.AlreadySubmitted)
        {
            body.Add(CardBlocks.Paragraph(AlreadySent.Format(language, view.DeadlineText)));
        }

        foreach (var section in model.Sections)
        {
            var edit = new ActionSet
            {
                Spacing = CardSpacing.Small,
                Actions =
                [
                    new ExecuteAction
                    {
                        Title = Edit.For(language),
                        Verb = CardVerbs.PulseEdit,
                        Data = PulseCardParts.RespondentData(view, section.StepId),
                        AssociatedInputs = "none",
                    },
                ],
            };
            body.Add(PulseCardParts.Section(language, section, edit));
        }

        return new AdaptiveCard
        {
            FallbackText = Heading.For(language),
            Body = body,
            Actions =
            [
                new ExecuteAction
                {
                    Title = (model.AlreadySubmitted ? Update : Send).For(language),
                    Verb = CardVerbs.PulseSubmit,
                    Data = PulseCardParts.RespondentData(view),
                },
            ],
            Refresh = PulseCardParts.RespondentRefresh(view),
        };
    }
}
