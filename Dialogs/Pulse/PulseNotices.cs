using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Pulse;

/// <summary>Short texts the pulse commands answer with.</summary>
public static class PulseNotices
{
    public static readonly Localized AlreadyOpen = new(
        "Un pulse est déjà ouvert ici : le voici.",
        "A pulse is already open here: here it is.");
}
