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
    private static readonly Localized OwnOptionsHint = new("Vous pouvez lancer un vote avec vos propres options :", "You can start a vote with your own options:");

    /// <summary>"vote clore" (or a button) where no vote is open.</summary>
    public static AdaptiveCard NoOpenVote(Language language)
    {
        var heading = NoOpenVoteHeading.For(language);
        return new AdaptiveCard
        {
            FallbackText = heading,
            Body =
            [
                CardBlocks.Heading(heading, TextSize.Medium),
                CardBlocks.Paragraph(NoOpenVoteText.For(language)),
                VoteHelpCard.Command(StartHint.For(language), CardSpacing.Small),
            ],
        };
    }

    /// <summary>A button of a vote that has closed since; <paramref name="question"/> is shown as typed.</summary>
    public static AdaptiveCard Closed(Language language, string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var heading = ClosedHeading.For(language);
        return new AdaptiveCard
        {
            FallbackText = heading,
            Body =
            [
                CardBlocks.Heading(heading, TextSize.Medium),
                new RichTextBlock { Spacing = CardSpacing.Small, Inlines = [new TextRun { Text = question, Weight = TextWeight.Bolder }] },
                CardBlocks.Paragraph(ClosedText.For(language)),
            ],
        };
    }

    /// <summary>
    /// <c>vote leviers</c> without enough levers: <paramref name="found"/> is how many the last closed pulse has, or
    /// -1 when the conversation has no closed pulse.
    /// </summary>
    public static AdaptiveCard NotEnoughLevers(Language language, int found)
    {
        var heading = LeversHeading.For(language);
        var text = found switch
        {
            < 0 => NoClosedPulse,
            0 => NoLever,
            1 => OneLever,
            _ => TooFewLevers,
        };
        return new AdaptiveCard
        {
            FallbackText = heading,
            Body =
            [
                CardBlocks.Heading(heading, TextSize.Medium),
                CardBlocks.Paragraph(text.For(language)),
                new TextBlock { Text = OwnOptionsHint.For(language), Spacing = CardSpacing.Medium },
                VoteHelpCard.Command(StartHint.For(language), CardSpacing.Small),
            ],
        };
    }
}
