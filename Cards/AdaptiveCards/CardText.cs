using System.Text;

namespace ConcertationBot.Cards.AdaptiveCards;

/// <summary>Helpers for text placed in Markdown-rendering card fields.</summary>
public static class CardText
{
    private const string MarkdownSpecials = "\\`*_[]()<>#~|";

    /// <summary>
    /// U+2060 WORD JOINER: invisible, and it breaks the <c>{{</c> that opens Adaptive Card text functions
    /// (<c>{{DATE(…)}}</c>, <c>{{TIME(…)}}</c>), which renderers expand in TextBlock, TextRun and Fact text alike.
    /// </summary>
    private const char WordJoiner = '\u2060';

    /// <summary>
    /// Escapes Markdown so that text written by a user is shown as typed (no bold, links or lists), and breaks
    /// <c>{{</c> so no date or time function is expanded.
    /// Use it for any user text that must go into a <see cref="TextBlock"/> or a <see cref="Fact"/>.
    /// </summary>
    public static string Inert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        var previous = '\0';
        foreach (var c in text)
        {
            if (MarkdownSpecials.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }
            else if (c == '{' && previous == '{')
            {
                builder.Append(WordJoiner);
            }

            builder.Append(c);
            previous = c;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Breaks every <c>{{</c> so no <c>{{DATE(…)}}</c> / <c>{{TIME(…)}}</c> function is expanded; nothing else changes.
    /// For text shown without Markdown (<see cref="TextRun"/>), where escaping would show the backslashes.
    /// </summary>
    public static string WithoutTextFunctions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains("{{", StringComparison.Ordinal)
            ? text.Replace("{{", "{" + WordJoiner + "{", StringComparison.Ordinal).Replace("{{", "{" + WordJoiner + "{", StringComparison.Ordinal)
            : text;
    }
}
