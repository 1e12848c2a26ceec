using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>
/// The review before sending: "Envoyer" at the top, then each section with its one "Modifier" on the title's line and
/// one line per answer (shown as typed; an answer longer than <see cref="AnswerLength"/> shows its beginning and "…",
/// the whole text being one "Modifier" away), then "Envoyer" again at the end. At 368 px a full default pulse is about
/// two phone screens.
/// </summary>
public static partial class PulseReviewCard
{
    /// <summary>
    /// The longest answer shown whole, "…" included: with its label, at most three lines on a 368 px phone card.
    /// Answers may be 500 characters: the default pulse's ten free texts in full make the review about 3,000 px high
    /// at 368 px (four screens); shortened, about 1,400 px (two).
    /// </summary>
    public const int AnswerLength = 120;

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

        // "Envoyer" at the top too: on a phone the review is about two screens long, and a person who has checked the
        // first answers need not scroll to the end to send.
        body.Add(new ActionSet { Spacing = CardSpacing.Small, Actions = [SendAction(model)] });

        foreach (var section in model.Sections)
        {
            var edit = new ActionSet
            {
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
            body.Add(PulseCardParts.Section(language, section, edit, editBesideTitle: true, shortenTo: AnswerLength));
        }

        return new AdaptiveCard
        {
            FallbackText = Heading.For(language),
            Body = body,
            Actions = [SendAction(model)],
            Refresh = PulseCardParts.RespondentRefresh(view),
        };
    }

    private static ExecuteAction SendAction(PulseReviewCardModel model) => new()
    {
        Title = (model.AlreadySubmitted ? Update : Send).For(model.View.Language),
        Verb = CardVerbs.PulseSubmit,
        Data = PulseCardParts.RespondentData(model.View),
    };
}
