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

    public static AdaptiveCard Expired(Language language) =>
        CardBlocks.Announcement(ExpiredHeading.For(language), ExpiredText.For(language), TextSize.Medium);
}
