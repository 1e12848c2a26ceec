using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Votes;

/// <summary>Short answers to a vote command or button that could not be carried out.</summary>
public static partial class VoteNoticeCards
{
    /// <summary>The notice on the closed vote card answering a ballot the close refused.</summary>
    public static string BallotTooLate(Language language) => TooLate.For(language);

    /// <summary>"vote clore" (or a button) where no vote is open.</summary>
    public static AdaptiveCard NoOpenVote(Language language) =>
        CardBlocks.Notice(NoOpenVoteHeading.For(language), [CardBlocks.Paragraph(NoOpenVoteText.For(language)), CardBlocks.Command(StartHint.For(language))]);

    /// <summary>A button of a vote that has closed since; <paramref name="question"/> is shown as typed.</summary>
    public static AdaptiveCard Closed(Language language, string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return CardBlocks.Notice(
            ClosedHeading.For(language),
            [CardBlocks.PlainText(question, weight: TextWeight.Bolder), CardBlocks.Paragraph(ClosedText.For(language))]);
    }

    /// <summary>
    /// The one short message <c>vote clore</c> posts: the live vote card itself has become the results, so this only
    /// says the vote closed, how many voted and, when the small-group rule allows, the option(s) in the lead. Never a
    /// second copy of the results.
    /// </summary>
    public static AdaptiveCard ClosedNotice(VoteClosedNoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var participation = VoteCardParts.Participation(language, model.Participation, isClosed: true);
        var title = ClosedNoticeTitle.Format(language, model.Participation <= 0 ? char.ToLowerInvariant(participation[0]) + participation[1..] : participation);
        var body = new List<CardElement>
        {
            new TextBlock { Text = title, Weight = TextWeight.Bolder },
            CardBlocks.PlainText(model.Question, isSubtle: true),
        };
        if (model.Leaders is { Count: > 0 } leaders)
        {
            var runs = new List<TextRun> { new() { Text = (leaders.Count > 1 ? LeadingTied : Leading).For(language) } };
            for (var i = 0; i < leaders.Count; i++)
            {
                runs.Add(new TextRun { Text = (i > 0 ? " · " : string.Empty) + leaders[i], Weight = TextWeight.Bolder });
            }

            body.Add(new RichTextBlock { Spacing = CardSpacing.Small, Inlines = runs });
        }

        body.Add(new TextBlock { Text = ResultsOnTheCard.For(language), Size = TextSize.Small, IsSubtle = true, Spacing = CardSpacing.Small });
        return new AdaptiveCard { FallbackText = title, Body = body };
    }

    /// <summary>
    /// <c>vote leviers</c> without enough levers: <paramref name="found"/> is how many the last closed pulse has, or
    /// -1 when the conversation has no closed pulse.
    /// </summary>
    public static AdaptiveCard NotEnoughLevers(Language language, int found)
    {
        var text = found switch
        {
            < 0 => NoClosedPulse,
            0 => NoLever,
            1 => OneLever,
            _ => TooFewLevers,
        };
        return CardBlocks.Notice(
            LeversHeading.For(language),
            [
                CardBlocks.Paragraph(text.For(language)),
                new TextBlock { Text = OwnOptionsHint.For(language), Spacing = CardSpacing.Medium },
                CardBlocks.Command(StartHint.For(language)),
            ]);
    }
}
