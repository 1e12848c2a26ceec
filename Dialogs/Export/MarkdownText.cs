using System.Text;

namespace ConcertationBot.Dialogs.Export;

/// <summary>Makes text (user answers, titles) literal in Markdown: no emphasis, link, image, heading, list, table, HTML or entity.</summary>
public static class MarkdownText
{
    // Anywhere in a line these can open emphasis, code, links, images, raw HTML, entities, tables, strikethrough, math or an escape.
    private const string Specials = "\\`*_[]<>#|~&$";

    // At the start of a line these can open a list, a quote or a heading underline.
    private const string LeadingSpecials = "-+=!";

    /// <summary>
    /// Backslash-escapes Markdown punctuation, turns line breaks into spaces (the text stays in its list item or paragraph)
    /// and trims it. "://" and "www." lose their meaning too, so no address becomes a link by itself.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = Flatten(text);
        var builder = new StringBuilder(flat.Length + 16);
        for (var i = 0; i < flat.Length; i++)
        {
            var c = flat[i];
            if (Specials.Contains(c, StringComparison.Ordinal)
                || (i == 0 && LeadingSpecials.Contains(c, StringComparison.Ordinal))
                || (c is '.' or ')' && IsLeadingNumber(flat, i))
                || (c == ':' && flat.AsSpan(i).StartsWith("://", StringComparison.Ordinal))
                || (c == '.' && i >= 3 && flat.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase)))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string Flatten(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var isBreak = c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' or '\t' or '\v' or '\f';
            if (isBreak)
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    // "12." or "3)" at the very start would open an ordered list.
    private static bool IsLeadingNumber(string text, int index)
    {
        if (index == 0)
        {
            return false;
        }

        for (var j = 0; j < index; j++)
        {
            if (!char.IsAsciiDigit(text[j]))
            {
                return false;
            }
        }

        return true;
    }
}
