using ConcertationBot.Dialogs.Commands;

namespace ConcertationBot.Dialogs.Roadmap;

/// <summary>What a <c>feuille de route …</c> / <c>roadmap …</c> message asks for.</summary>
public enum RoadmapCommandKind
{
    /// <summary>The command alone: show the feuille de route (anyone).</summary>
    Show,

    /// <summary><c>vision : &lt;texte&gt;</c>: <see cref="RoadmapCommand.Text"/> is set.</summary>
    SetVision,

    /// <summary><c>ajouter &lt;court|moyen|long&gt; : &lt;changement&gt;</c>: <see cref="RoadmapCommand.Text"/> and <see cref="RoadmapCommand.Horizon"/> are set.</summary>
    Add,

    /// <summary>Unreadable: <see cref="RoadmapCommand.Problem"/> says why.</summary>
    Invalid,
}

/// <summary>Why a <c>feuille de route</c> command could not be read.</summary>
public enum RoadmapCommandProblem
{
    None,

    /// <summary>Words after the command that are neither <c>vision</c> nor <c>ajouter</c>.</summary>
    Unknown,

    /// <summary><c>vision</c> without <c>:</c> or without text.</summary>
    NoVision,

    /// <summary>The vision is longer than <see cref="RoadmapSteps.MaxVisionLength"/>.</summary>
    VisionTooLong,

    /// <summary><c>ajouter</c> without a horizon (court, moyen, long), without <c>:</c> or without text.</summary>
    NoItem,

    /// <summary>The changement is longer than <see cref="RoadmapSteps.MaxTextLength"/>.</summary>
    ItemTooLong,
}

/// <summary>A read <c>feuille de route</c> command; <see cref="Typed"/> is what followed the command word, shown back as data when it cannot be carried out.</summary>
public sealed record RoadmapCommand(
    RoadmapCommandKind Kind,
    RoadmapCommandProblem Problem = RoadmapCommandProblem.None,
    string? Text = null,
    RoadmapHorizon? Horizon = null,
    string Typed = "");

/// <summary>
/// Reads <c>feuille de route</c> / <c>roadmap</c> commands: alone (show), <c>vision : &lt;texte&gt;</c> and
/// <c>ajouter &lt;court|moyen|long&gt; [terme] : &lt;changement&gt;</c> (<c>add &lt;short|medium|long&gt; [term]: …</c>).
/// The split is at the first <c>:</c>; the words before it are case- and accent-insensitive, the text after it is kept
/// as written with its white space runs as one space.
/// </summary>
public static class RoadmapCommands
{
    private static readonly string[][] Keywords = [["feuille", "de", "route"], ["roadmap"]];
    private static readonly string[] VisionWords = ["vision"];
    private static readonly string[] AddWords = ["ajouter", "add"];
    private static readonly string[] TermWords = ["terme", "term", "-", "termes", "terms"];

    public static RoadmapCommand Parse(string? text)
    {
        var rest = AfterKeyword(text ?? string.Empty).Trim();
        if (rest.Length == 0)
        {
            return new RoadmapCommand(RoadmapCommandKind.Show);
        }

        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var head = CommandText.Words(colon < 0 ? rest : rest[..colon]);
        var tail = colon < 0 ? string.Empty : CommandText.CollapseWhiteSpace(rest[(colon + 1)..]);
        if (head.Count == 1 && VisionWords.Contains(head[0], StringComparer.Ordinal))
        {
            return tail.Length switch
            {
                0 => Invalid(RoadmapCommandProblem.NoVision, rest),
                > RoadmapSteps.MaxVisionLength => Invalid(RoadmapCommandProblem.VisionTooLong, tail, tail),
                _ => new RoadmapCommand(RoadmapCommandKind.SetVision, Text: tail, Typed: rest),
            };
        }

        if (head.Count >= 1 && AddWords.Contains(head[0], StringComparer.Ordinal))
        {
            if (head.Count < 2 || ReadHorizon(head[1]) is not { } horizon || head.Skip(2).Any(w => !TermWords.Contains(w, StringComparer.Ordinal)) || tail.Length == 0)
            {
                return Invalid(RoadmapCommandProblem.NoItem, rest);
            }

            return tail.Length > RoadmapSteps.MaxTextLength
                ? Invalid(RoadmapCommandProblem.ItemTooLong, tail, tail) with { Horizon = horizon }
                : new RoadmapCommand(RoadmapCommandKind.Add, Text: tail, Horizon: horizon, Typed: rest);
        }

        return Invalid(RoadmapCommandProblem.Unknown, rest);
    }

    /// <summary>"court", "court-terme", "short" → <see cref="RoadmapHorizon.Court"/>; likewise moyen/medium, long; else null.</summary>
    public static RoadmapHorizon? ReadHorizon(string word) => CommandText.Fold(word ?? string.Empty).Split('-')[0] switch
    {
        "court" or "short" or "ct" => RoadmapHorizon.Court,
        "moyen" or "medium" or "mt" => RoadmapHorizon.Moyen,
        "long" or "lt" => RoadmapHorizon.Long,
        _ => null,
    };

    private static RoadmapCommand Invalid(RoadmapCommandProblem problem, string typed, string? text = null) =>
        new(RoadmapCommandKind.Invalid, problem, Text: text, Typed: typed);

    /// <summary>The text after <c>feuille de route</c> or <c>roadmap</c> when it starts with one of them; the whole text otherwise.</summary>
    private static string AfterKeyword(string text)
    {
        foreach (var keyword in Keywords)
        {
            var position = 0;
            var matched = true;
            foreach (var word in keyword)
            {
                while (position < text.Length && char.IsWhiteSpace(text[position]))
                {
                    position++;
                }

                var end = position;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != ':')
                {
                    end++;
                }

                if (CommandText.Fold(text[position..end]) != word)
                {
                    matched = false;
                    break;
                }

                position = end;
            }

            if (matched)
            {
                return text[position..];
            }
        }

        return text;
    }
}
