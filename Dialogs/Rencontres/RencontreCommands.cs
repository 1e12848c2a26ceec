using ConcertationBot.Dialogs.Commands;

namespace ConcertationBot.Dialogs.Rencontres;

/// <summary>What a <c>rencontre …</c> / <c>meeting …</c> message asks for.</summary>
public enum RencontreCommandKind
{
    /// <summary><c>rencontre</c> alone: show the current rencontre.</summary>
    Show,

    /// <summary><c>rencontre &lt;date&gt; : &lt;thématique&gt;</c>: <see cref="RencontreCommand.Date"/> and <see cref="RencontreCommand.Theme"/> are set.</summary>
    Open,

    /// <summary><c>rencontre intention : &lt;texte&gt;</c>: <see cref="RencontreCommand.Intention"/> is set.</summary>
    SetIntention,

    /// <summary>Unreadable: <see cref="RencontreCommand.Problem"/> says why.</summary>
    Invalid,
}

/// <summary>Why a <c>rencontre</c> command could not be read.</summary>
public enum RencontreCommandProblem
{
    None,

    /// <summary>No <c>:</c> after the date, or nothing after it.</summary>
    NoTheme,

    /// <summary>The text before <c>:</c> is not a date (or not one that exists); <see cref="RencontreCommand.Typed"/> holds it.</summary>
    BadDate,

    /// <summary>The thématique is longer than <see cref="RencontreCommands.MaxThemeLength"/>.</summary>
    ThemeTooLong,

    /// <summary><c>rencontre intention</c> without <c>:</c> or without text.</summary>
    NoIntention,

    /// <summary>The intention is longer than <see cref="RencontreCommands.MaxIntentionLength"/>.</summary>
    IntentionTooLong,
}

/// <summary>
/// A read <c>rencontre</c> command. <see cref="Typed"/> is what the person wrote after the command word (for a bad date,
/// the date part only), shown back to them as data when the command cannot be carried out.
/// </summary>
public sealed record RencontreCommand(
    RencontreCommandKind Kind,
    RencontreCommandProblem Problem = RencontreCommandProblem.None,
    DateOnly? Date = null,
    string? Theme = null,
    string? Intention = null,
    string Typed = "");

/// <summary>
/// Reads <c>rencontre</c> / <c>meeting</c> commands: alone (show), <c>&lt;date&gt; : &lt;thématique&gt;</c> (open) and
/// <c>intention : &lt;texte&gt;</c> / <c>purpose : &lt;text&gt;</c> (set the intention). The split is at the first
/// <c>:</c>; the words before it are case- and accent-insensitive, the text after it is kept as written (white space
/// runs of a thématique become one space; an intention keeps its line breaks).
/// </summary>
public static class RencontreCommands
{
    /// <summary>A thématique is a title: "le développement de partenariats dans les projets de quartier social-santé" is 79.</summary>
    public const int MaxThemeLength = 200;

    /// <summary>An intention is a paragraph (seed 001's is about 420 characters).</summary>
    public const int MaxIntentionLength = 500;

    private static readonly string[] Keywords = ["rencontre", "meeting"];
    private static readonly string[] IntentionWords = ["intention", "purpose"];

    /// <summary>
    /// Reads <paramref name="text"/>, the message without the bot's mention (starting with <c>rencontre</c> or
    /// <c>meeting</c>); <paramref name="today"/> is today where the table meets (see <see cref="RencontreDates"/>).
    /// </summary>
    public static RencontreCommand Parse(string? text, DateOnly today)
    {
        var rest = AfterKeyword(text ?? string.Empty).Trim();
        if (rest.Length == 0)
        {
            return new RencontreCommand(RencontreCommandKind.Show);
        }

        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? rest : rest[..colon].Trim();
        var tail = colon < 0 ? string.Empty : rest[(colon + 1)..].Trim();
        var headWords = CommandText.Words(head);
        if (headWords.Count >= 1 && IntentionWords.Contains(headWords[0], StringComparer.Ordinal))
        {
            if (colon < 0 || headWords.Count > 1 || tail.Length == 0)
            {
                return new RencontreCommand(RencontreCommandKind.Invalid, RencontreCommandProblem.NoIntention, Typed: rest);
            }

            return tail.Length > MaxIntentionLength
                ? new RencontreCommand(RencontreCommandKind.Invalid, RencontreCommandProblem.IntentionTooLong, Intention: tail, Typed: tail)
                : new RencontreCommand(RencontreCommandKind.SetIntention, Intention: tail, Typed: rest);
        }

        if (colon < 0)
        {
            return new RencontreCommand(RencontreCommandKind.Invalid, RencontreCommandProblem.NoTheme, Typed: rest);
        }

        if (!RencontreDates.TryRead(head, today, out var date))
        {
            return new RencontreCommand(RencontreCommandKind.Invalid, RencontreCommandProblem.BadDate, Typed: head);
        }

        var theme = CommandText.CollapseWhiteSpace(tail);
        if (theme.Length == 0)
        {
            return new RencontreCommand(RencontreCommandKind.Invalid, RencontreCommandProblem.NoTheme, Date: date, Typed: rest);
        }

        return theme.Length > MaxThemeLength
            ? new RencontreCommand(RencontreCommandKind.Invalid, RencontreCommandProblem.ThemeTooLong, Date: date, Theme: theme, Typed: theme)
            : new RencontreCommand(RencontreCommandKind.Open, Date: date, Theme: theme, Typed: rest);
    }

    /// <summary>The text after the first word when that word is <c>rencontre</c> or <c>meeting</c>; the whole text otherwise.</summary>
    private static string AfterKeyword(string text)
    {
        var trimmed = text.TrimStart();
        var end = 0;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end]) && trimmed[end] != ':')
        {
            end++;
        }

        return Keywords.Contains(CommandText.Fold(trimmed[..end]), StringComparer.Ordinal) ? trimmed[end..] : trimmed;
    }
}
