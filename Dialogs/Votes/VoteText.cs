using System.Text;
using ConcertationBot.Dialogs.Pulse;

namespace ConcertationBot.Dialogs.Votes;

/// <summary>Cleans and measures the user text of questions and options.</summary>
internal static class VoteText
{
    public const string Ellipsis = "…";

    /// <summary>
    /// One line of user text: control characters and invisible zero-width spaces go, every white-space run (newlines,
    /// tabs, U+00A0, U+202F…) becomes one space, the result is NFC and trimmed (empty when nothing is left).
    /// </summary>
    public static string Clean(string? text)
    {
        var sanitized = PulseText.Sanitize(text);
        if (sanitized is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(sanitized.Length);
        foreach (var c in sanitized)
        {
            if (c is '\u200B' or '\u2060' or '\uFEFF')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
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

        return builder.ToString().TrimEnd();
    }

    /// <summary>Length as a person counts it (text elements).</summary>
    public static int Length(string text) => PulseText.Length(text);

    /// <summary>The text itself when it fits in <paramref name="maxElements"/> text elements, else its start ending with "…".</summary>
    public static string Shorten(string text, int maxElements)
    {
        if (Length(text) <= maxElements)
        {
            return text;
        }

        return PulseText.Truncate(text, maxElements - 1).TrimEnd() + Ellipsis;
    }
}
