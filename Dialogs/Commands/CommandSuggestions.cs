using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Commands;

/// <summary>A mistyped command and the command it most likely meant, both ready to show.</summary>
public sealed record CommandSuggestion(string Typed, string Suggested);

/// <summary>
/// Finds the command a mistyped message most likely meant ("puls état" → "pulse état", "pouls etta" → "pouls état"), so
/// the bot can ask "Vouliez-vous dire … ?" instead of answering a typo with the whole help card. Pure: words are
/// compared after case and accent folding, each within a small edit distance.
/// </summary>
public static class CommandSuggestions
{
    /// <summary>At most this many words may follow the command's own words (e.g. a duration) for a suggestion.</summary>
    public const int MaxArguments = 2;

    /// <summary>The longest typed text shown back in the suggestion.</summary>
    public const int MaxTypedLength = 80;

    // What is shown (in the conversation's language) and every spelling it is matched against.
    private static readonly (Localized Shown, string[] Spellings)[] Known =
    [
        (new("aide", "help"), ["aide", "help"]),
        (new("pulse démarrer", "pulse start"), ["pulse demarrer", "pulse start", "pulse"]),
        (new("pulse état", "pulse status"), ["pulse etat", "pulse status"]),
        (new("pulse rappel", "pulse remind"), ["pulse rappel", "pulse remind"]),
        (new("pulse clore", "pulse close"), ["pulse clore", "pulse close", "pulse fermer", "pulse terminer"]),
        (new("pulse supprimer", "pulse delete"), ["pulse supprimer", "pulse delete"]),
        (new("pulse configurer", "pulse setup"), ["pulse configurer", "pulse setup"]),

        // "pouls", the French word for the pulse, names the same commands; a mistyped "pouls …" is answered with the
        // "pouls" command in French. After the "pulse" ones, so a typo as near to both ("puls état") keeps "pulse".
        (new("pouls démarrer", "pulse start"), ["pouls demarrer", "pouls start", "pouls"]),
        (new("pouls état", "pulse status"), ["pouls etat", "pouls status"]),
        (new("pouls rappel", "pulse remind"), ["pouls rappel", "pouls remind"]),
        (new("pouls clore", "pulse close"), ["pouls clore", "pouls close", "pouls fermer", "pouls terminer"]),
        (new("pouls supprimer", "pulse delete"), ["pouls supprimer", "pouls delete"]),
        (new("pouls configurer", "pulse setup"), ["pouls configurer", "pouls setup"]),
        (new("vote leviers", "vote levers"), ["vote leviers", "vote levers"]),
        (new("vote clore", "vote close"), ["vote clore", "vote close", "vote fermer", "vote terminer"]),
        (new("vote supprimer", "vote delete"), ["vote supprimer", "vote delete"]),
        (new("export", "export"), ["export"]),
        (new("coordination ajouter", "coordinator add"), ["coordination ajouter", "coordinator add"]),
        (new("langue", "language"), ["langue", "language"]),
        (new("rencontre", "meeting"), ["rencontre", "meeting"]),
        (new("profil", "profile"), ["profil", "profile"]),
        (new("feuille de route", "roadmap"), ["feuille de route", "roadmap"]),
        (new("profil effacer", "profile delete"), ["profil effacer", "profil supprimer", "profile delete"]),
    ];

    /// <summary>
    /// The nearest command to <paramref name="text"/> (the message without the bot's mention), shown in
    /// <paramref name="language"/> and followed by what was typed after it; null when the text is a command as typed,
    /// or is not close enough to any (ordinary chat, a vote question…).
    /// </summary>
    public static CommandSuggestion? Find(string? text, Language language)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var typed = CommandText.CollapseWhiteSpace(text);
        var original = typed.Split(' ');
        var folded = CommandText.Words(typed);
        if (folded.Count != original.Length)
        {
            return null;
        }

        (Localized Shown, int Words, int Distance)? best = null;
        foreach (var (shown, spellings) in Known)
        {
            foreach (var spelling in spellings)
            {
                var words = spelling.Split(' ');
                if (folded.Count < words.Length || folded.Count > words.Length + MaxArguments
                    || Distance(folded, words) is not { } distance)
                {
                    continue;
                }

                if (distance == 0)
                {
                    // The text is this command as typed, the way the bot routed it: nothing to suggest. A one-word
                    // command followed by words it did not understand ("pulse etta") may still be a longer one mistyped.
                    if (words.Length > 1 || folded.Count == 1)
                    {
                        return null;
                    }

                    continue;
                }

                // The nearest wins; on a tie, the command that explains more of the words ("pulse état" over "pulse").
                if (best is null || distance < best.Value.Distance || (distance == best.Value.Distance && words.Length > best.Value.Words))
                {
                    best = (shown, words.Length, distance);
                }
            }
        }

        if (best is not { } found)
        {
            return null;
        }

        var arguments = original.Skip(found.Words).ToArray();
        var suggested = found.Shown.For(language);
        if (arguments.Length > 0 && !arguments.Any(a => a.Contains('<', StringComparison.Ordinal)))
        {
            suggested += " " + string.Join(' ', arguments);
        }

        return new CommandSuggestion(typed.Length > MaxTypedLength ? typed[..MaxTypedLength] + "…" : typed, suggested);
    }

    /// <summary>
    /// The summed distance of the first words of <paramref name="typed"/> to <paramref name="command"/>, or null when one
    /// word is too far: the first word may differ by one edit, the others by about 40 % of their length.
    /// </summary>
    private static int? Distance(IReadOnlyList<string> typed, string[] command)
    {
        var total = 0;
        for (var i = 0; i < command.Length; i++)
        {
            var distance = Edits(typed[i], command[i]);
            var longest = Math.Max(typed[i].Length, command[i].Length);
            var allowed = i == 0 ? 1 : Math.Clamp(longest * 2 / 5, 1, 3);
            if (distance > allowed || (i == 0 && distance > 0 && command[i].Length < 4))
            {
                return null;
            }

            total += distance;
        }

        return total;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    public static int Edits(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
