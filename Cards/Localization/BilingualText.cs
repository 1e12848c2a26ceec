namespace ConcertationBot.Cards.Localization;

/// <summary>
/// Text a coordinator typed in both languages, French first: <c>Logement abordable | Affordable housing</c>. In a
/// bilingual conversation each language shows its half; elsewhere the text is shown as typed.
/// </summary>
public static class BilingualText
{
    public const char Separator = '|';

    /// <summary>
    /// The half of <paramref name="text"/> in <paramref name="language"/> (trimmed) when it holds exactly one
    /// <c>|</c> with words on both sides; else <paramref name="text"/> unchanged.
    /// </summary>
    public static string For(string text, Language language)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Split(text) is { } halves
            ? (language == Language.English ? halves.English : halves.French)
            : text;
    }

    /// <summary>
    /// <paramref name="french"/> and <paramref name="english"/> written as one bilingual text (<c>fr | en</c>), as a
    /// coordinator would type it; <see cref="Split"/> gives the halves back.
    /// </summary>
    public static string Join(string french, string english)
    {
        ArgumentNullException.ThrowIfNull(french);
        ArgumentNullException.ThrowIfNull(english);
        return french + " " + Separator + " " + english;
    }

    /// <summary>The French and English halves of <paramref name="text"/>, or null when it is not written in two halves.</summary>
    public static (string French, string English)? Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf(Separator, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(Separator, at + 1) >= 0)
        {
            return null;
        }

        var french = text[..at].Trim();
        var english = text[(at + 1)..].Trim();
        return french.Length > 0 && english.Length > 0 ? (french, english) : null;
    }
}
