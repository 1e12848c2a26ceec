using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>After "Envoyer": thanks, the answers as stored, and "Modifier mes réponses" until the deadline.</summary>
public static partial class PulseThankYouCard
{
    public static AdaptiveCard Build(PulseThankYouCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var view = model.View;
        var language = view.Language;
        var body = new List<CardElement>
        {
            PulseCardParts.Kicker(view.PulseTitle),
            CardBlocks.Heading(Heading.For(language)),
            CardBlocks.Paragraph(Saved.Format(language, view.DeadlineText)),
        };
        body.AddRange(model.Sections.Select(s => PulseCardParts.Section(language, s, edit: null)));

        return new AdaptiveCard
        {
            FallbackText = Heading.For(language),
            Body = body,
            Actions =
            [
                new ExecuteAction
                {
                    Title = EditAnswers.For(language),
                    Verb = CardVerbs.PulseEdit,
                    Data = PulseCardParts.RespondentData(view),
                },
            ],
            Refresh = PulseCardParts.RespondentRefresh(view),
        };
    }
}
