using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Commands;
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
}
