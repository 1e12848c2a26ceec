using System.Globalization;
using System.Text;

namespace ConcertationBot.Dialogs.Pulse;

/// <summary>Cleans typed text before it is validated and stored, and counts it as a person would.</summary>
public static class PulseText
{
    /// <summary>
    /// Newlines (CR LF, CR, NEL, U+2028/9) become <c>\n</c>; a tab becomes a space; other control characters
    /// (C0, DEL, C1) go; a lone surrogate becomes U+FFFD; the result is NFC, trimmed, and null when empty.
    /// </summary>
    public static string? Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c is '\n' or '\u0085' or '\u2028' or '\u2029')
            {
                builder.Append('\n');
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
            else if (char.IsControl(c))
            {
                continue;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(c);
            }
        }

        var cleaned = builder.ToString().Normalize(NormalizationForm.FormC).Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>Length in text elements (grapheme clusters): an emoji, even a composed one, counts as one.</summary>
    public static int Length(string? text) => string.IsNullOrEmpty(text) ? 0 : new StringInfo(text).LengthInTextElements;

    /// <summary>The first <paramref name="maxElements"/> text elements of <paramref name="text"/>.</summary>
    public static string Truncate(string text, int maxElements)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= maxElements ? text : info.SubstringByTextElements(0, maxElements);
    }
}
