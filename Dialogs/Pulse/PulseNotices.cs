using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Pulse;

/// <summary>Short texts the pulse commands answer with.</summary>
public static partial class PulseNotices
{
}
