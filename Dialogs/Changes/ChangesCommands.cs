using System.Globalization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Templates;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Dialogs.Changes;

/// <summary>Reads <c>vote changements [settings]</c> / <c>vote changes [settings]</c> with the settings of the <c>vote</c> command.</summary>
public static class ChangesCommands
{
    private static readonly string[] ChangeWords = ["changements", "changement", "changes", "change"];

    /// <summary>
    /// The vote's rules when <paramref name="text"/> is <c>vote changements</c> followed by vote settings only (<c>top 2</c>,
    /// <c>points 5</c>, <c>résultats cachés</c>…, as <c>vote leviers</c> takes them); null for anything else (a question
    /// that starts with "changes", settings that do not read), which is the ordinary <c>vote</c> command's to answer.
    /// </summary>
    public static VoteRules? ParseVote(string? text)
    {
        var words = CommandText.Words(VoteText.Clean(text).Replace(';', ' ').Replace(',', ' '));
        if (words.Count < 2 || words[0] != "vote" || !ChangeWords.Contains(words[1], StringComparer.Ordinal))
        {
            return null;
        }

        var settings = new VoteSettings();
        return settings.ReadLeading(words, 2) == words.Count && settings.IsWellFormed ? settings.ToRules() : null;
    }

    /// <summary>
    /// How many categories <c>changements approfondir [n]</c> deepens: <see cref="DeepeningTemplate.TopCategories"/> when
    /// no argument is given, <c>n</c> when it is a whole number from 1 to <see cref="DeepeningTemplate.MaxCategories"/>;
    /// null for anything else (the command then says how to write it and opens nothing).
    /// </summary>
    public static int? DeepenCount(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments switch
        {
            [] => DeepeningTemplate.TopCategories,
            [var only] when int.TryParse(only, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                && count is >= 1 and <= DeepeningTemplate.MaxCategories => count,
            _ => null,
        };
    }
}
