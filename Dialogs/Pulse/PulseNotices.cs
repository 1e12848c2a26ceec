using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Pulse;

/// <summary>Short texts the pulse commands answer with.</summary>
public static class PulseNotices
{
    public static readonly Localized AlreadyOpen = new(
        "Un pulse est déjà ouvert ici : le voici.",
        "A pulse is already open here: here it is.");

    public static readonly Localized RemindersStarted = new(
        "C'est parti : j'écris en privé à chaque membre qui n'a pas encore répondu. Je vous fais un bilan ici quand c'est fini.",
        "On it: I am writing privately to every member who has not answered yet. I will report here when done.");
}
