using System.Globalization;
using System.Text;

namespace ConcertationBot.Dialogs.Commands;

/// <summary>Folds typed text for command matching: case-, accent- and spacing-insensitive.</summary>
public static class CommandText
{
    /// <summary>Lower-cases, removes accents and splits on white space: "  Pulse  ÉTAT " → ["pulse", "etat"].</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return Fold(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Lower-case, accent-free form of one word or phrase ("Démarrer" → "demarrer").</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Every run of white space (newlines, tabs, U+00A0, U+202F…) as one space, trimmed; characters in
    /// <paramref name="drop"/> are removed first ("  Manque de\n TEMPS " → "Manque de TEMPS").
    /// </summary>
    public static string CollapseWhiteSpace(string text, ReadOnlySpan<char> drop = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (drop.Contains(c))
            {
                continue;
            }

            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }
}
