using System.Globalization;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>The pulse card posted in the conversation: title, deadline, live count of answers and "Répondre".</summary>
public static partial class PulseCard
{
    /// <summary>
    /// The base view everyone sees. "Répondre" (and the automatic refresh for the first 60 of
    /// <see cref="PulseCardModel.RefreshUserIds"/>) turns it into that user's own view. A closed pulse has no button
    /// and no refresh: there is nothing left to open.
    /// </summary>
    public static AdaptiveCard Build(PulseCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var body = new List<CardElement>();
        if (!string.IsNullOrWhiteSpace(model.Notice))
        {
            body.Add(new TextBlock { Text = model.Notice, Color = TextColor.Attention, Weight = TextWeight.Bolder });
        }

        body.Add(CardBlocks.Heading(model.Title));
        if (!string.IsNullOrWhiteSpace(model.Intro))
        {
            body.Add(CardBlocks.Paragraph(model.Intro));
        }

        body.Add(new TextBlock
        {
            Text = model.IsClosed ? ClosedText.For(language) : Deadline.Format(language, model.DeadlineText),
            Spacing = CardSpacing.Medium,
            Weight = model.IsClosed ? TextWeight.Bolder : null,
        });
        body.Add(new TextBlock { Text = AnswerCount(language, model.AnswerCount), Spacing = CardSpacing.Small, IsSubtle = true });

        return new AdaptiveCard
        {
            FallbackText = model.Title,
            Body = body,
            Actions = model.IsClosed
                ? null
                : [new ExecuteAction { Title = Answer.For(language), Verb = CardVerbs.PulseOpen, Data = PulseCardParts.OpenData(model.PulseId) }],
            Refresh = model.IsClosed ? null : PulseCardParts.OpenRefresh(language, model.PulseId, model.RefreshUserIds),
        };
    }

    /// <summary>"0 réponse", "1 réponse", "2 réponses"; "0 answers", "1 answer", "2 answers".</summary>
    public static string AnswerCount(Language language, int count)
    {
        var number = count.ToString(CultureInfo.InvariantCulture);
        return language == Language.English
            ? count == 1 ? $"{number} answer" : $"{number} answers"
            : count is 0 or 1 ? $"{number} réponse" : $"{number} réponses";
    }
}
