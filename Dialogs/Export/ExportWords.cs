using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Export;

/// <summary>Words of the compte-rendu export.</summary>
public static partial class ExportWords
{
}
