using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Help;

/// <summary>Short cards for the situations every turn can meet: an outdated card, a failure on our side.</summary>
public static class NoticeCards
{
    public static readonly Localized ExpiredHeading = new("Cette carte a expiré", "This card has expired");

    private static readonly Localized ExpiredText = new(
        "Ce bouton vient d'une ancienne version de la carte. Écrivez « aide » pour voir ce que vous pouvez faire maintenant.",
        "This button comes from an older version of the card. Type \"help\" to see what you can do now.");

    public static readonly Localized Apology = new(
        "Désolé, un problème est survenu de mon côté. Réessayez dans un instant !",
        "Sorry, something went wrong on my side. Please try again in a moment!");

    /// <summary>The <c>id</c> of the first element of the try-again card (for tests and the load tool).</summary>
    public const string TryAgainId = "notice.tryAgain";

    /// <summary>The <c>id</c> of the try-again card's button that replays the action.</summary>
    public const string RetryActionId = "notice.retry";

    /// <summary>The <c>id</c> of the first element of the apology card.</summary>
    public const string ApologyId = "notice.apology";

    public static readonly Localized TryAgainHeading = new("Service momentanément indisponible", "Service briefly unavailable");

    private static readonly Localized TryAgainActionText = new(
        "Votre action n'a pas pu être enregistrée pour l'instant. Ce qui était déjà enregistré est conservé. Réessayez dans un instant.",
        "Your action could not be saved just now. Everything saved before is kept. Please try again in a moment.");

    private static readonly Localized TryAgainMessageText = new(
        "Je n'ai pas pu traiter votre message pour l'instant. Ce qui était déjà enregistré est conservé. Renvoyez-le dans un instant.",
        "I could not handle your message just now. Everything saved before is kept. Please send it again in a moment.");

    private static readonly Localized RetryTitle = new("Réessayer", "Try again");

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
