using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Help;

/// <summary>Short cards for the situations every turn can meet: an outdated card, a failure on our side.</summary>
public static partial class NoticeCards
{
    /// <summary>The <c>id</c> of the first element of the try-again card (for tests and the load tool).</summary>
    public const string TryAgainId = "notice.tryAgain";

    /// <summary>The <c>id</c> of the try-again card's button that replays the action.</summary>
    public const string RetryActionId = "notice.retry";

    /// <summary>The <c>id</c> of the first element of the apology card.</summary>
    public const string ApologyId = "notice.apology";

    public static AdaptiveCard Expired(Language language) =>
        CardBlocks.Announcement(ExpiredHeading.For(language), ExpiredText.For(language), TextSize.Medium);

    /// <summary>
    /// A passing outage: nothing was lost, try again. With <paramref name="retry"/> (the clicked action's verb and data),
    /// the card offers one button that replays the action; without it, it asks to send the message again.
    /// </summary>
    public static AdaptiveCard TryAgain(Language language, ExecuteAction? retry = null)
    {
        var heading = TryAgainHeading.For(language);
        return new AdaptiveCard
        {
            FallbackText = heading,
            Body =
            [
                CardBlocks.Heading(heading, TextSize.Medium) with { Id = TryAgainId },
                CardBlocks.Paragraph((retry is null ? TryAgainMessageText : TryAgainActionText).For(language)),
            ],
            Actions = retry is null ? null : [retry with { Id = RetryActionId, Title = RetryTitle.For(language), Style = ActionStyle.Positive }],
        };
    }

    /// <summary>A failure on our side that trying again will not obviously fix.</summary>
    public static AdaptiveCard ApologyCard(Language language) => new()
    {
        FallbackText = Apology.For(language),
        Body = [CardBlocks.Paragraph(Apology.For(language)) with { Id = ApologyId, Spacing = null }],
    };
}
