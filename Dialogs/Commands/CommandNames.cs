using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Commands;

/// <summary>How each coordinator command reads in each language, as the refusal cards name it.</summary>
public static partial class CommandNames
{
}
