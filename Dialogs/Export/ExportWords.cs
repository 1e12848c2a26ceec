using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Export;

/// <summary>Words of the compte-rendu export.</summary>
public static class ExportWords
{
    /// <summary>The title when the pulse names no place.</summary>
    public static readonly Localized DefaultTitle = new("Table de quartier", "Round table");
}
