using System.Text;

namespace ConcertationBot.Cards.AdaptiveCards;

/// <summary>Helpers for text placed in Markdown-rendering card fields.</summary>
public static class CardText
{
    private const string MarkdownSpecials = "\\`*_[]()<>#~|";

    /// <summary>
    /// Escapes Markdown so that text written by a user is shown as typed (no bold, links or lists).
    /// Use it for any user text that must go into a <see cref="TextBlock"/> or a <see cref="Fact"/>.
    /// </summary>
    public static string Inert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (MarkdownSpecials.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
