using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Votes;

/// <summary>Short answers to a vote command or button that could not be carried out.</summary>
public static class VoteNoticeCards
{
    private static readonly Localized NoOpenVoteHeading = new("Aucun vote en cours", "No vote under way");
    private static readonly Localized NoOpenVoteText = new("Aucun vote n'est ouvert ici. Pour en lancer un :", "No vote is open here. To start one:");
    private static readonly Localized StartHint = new("vote question : option ; option", "vote question: option; option");
    private static readonly Localized ClosedHeading = new("Ce vote est clos", "This vote is closed");
    private static readonly Localized ClosedText = new(
        "Il n'est plus possible de voter ni de modifier son vote. Les résultats ont été publiés dans la conversation.",
        "Voting and changing votes are no longer possible. The results were posted in the conversation.");
    private static readonly Localized LeversHeading = new("Vote sur les leviers impossible", "Cannot vote on the levers");
    private static readonly Localized NoClosedPulse = new(
        "Aucun pulse clos ici : le vote sur les leviers reprend ceux du dernier pulse clos de cette conversation.",
        "No closed pulse here: a vote on the levers uses those of the last closed pulse in this conversation.");
    private static readonly Localized NoLever = new(
        "Le dernier pulse clos n'a pas assez de leviers pour un vote (il en faut 2 ; il n'en a aucun).",
        "The last closed pulse does not have enough levers for a vote (2 are needed; it has none).");
    private static readonly Localized OneLever = new(
        "Le dernier pulse clos n'a pas assez de leviers pour un vote (il en faut 2 ; il n'en a qu'un).",
        "The last closed pulse does not have enough levers for a vote (2 are needed; it has only one).");
    private static readonly Localized TooFewLevers = new(
        "Le dernier pulse clos n'a pas assez de leviers pour un vote (il en faut 2).",
        "The last closed pulse does not have enough levers for a vote (2 are needed).");
    private static readonly Localized ClosedNoticeTitle = new("Vote clos : {0}", "Vote closed: {0}");
    private static readonly Localized Leading = new("En tête : ", "In the lead: ");
    private static readonly Localized LeadingTied = new("En tête, ex æquo : ", "Tied in the lead: ");
    private static readonly Localized ResultsOnTheCard = new(
        "Le résultat est sur la carte du vote, plus haut dans la conversation.",
        "The result is on the vote card, further up in the conversation.");
    private static readonly Localized TooLate = new(
        "Le vote a été clos avant que votre bulletin arrive : il n'a pas été compté.",
        "The vote closed before your ballot arrived: it was not counted.");
    private static readonly Localized OwnOptionsHint = new("Vous pouvez lancer un vote avec vos propres options :", "You can start a vote with your own options:");

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
