using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Export;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Votes;

/// <summary>Counts ballots and turns counts into card and compte-rendu models (pure).</summary>
public static class VoteTallies
{
    /// <summary>
    /// Sums the valid ballots (invalid ones are skipped, not counted in participation). Ranked: best score first; equal
    /// scores share a rank (1, 2, 2, 4) and are marked tied; within a tie, the vote's order.
    /// </summary>
    public static VoteTally Compute(VoteDefinition vote, IEnumerable<VoteBallot> ballots)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(ballots);
        var scores = new long[vote.Options.Count];
        var participation = 0;
        foreach (var ballot in ballots)
        {
            if (!VoteBallots.IsValid(vote, ballot))
            {
                continue;
            }

            participation++;
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] += ballot.Points[i];
            }
        }

        return Ranked(vote, participation, scores);
    }

    /// <summary>
    /// The tally of a result recorded at the close: <paramref name="scores"/> in the vote's order (one per option),
    /// ranked as <see cref="Compute"/> ranks them.
    /// </summary>
    public static VoteTally FromScores(VoteDefinition vote, int participation, IReadOnlyList<int> scores)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfNegative(participation);
        if (scores.Count != vote.Options.Count)
        {
            throw new ArgumentException($"Expected {vote.Options.Count} scores, got {scores.Count}.", nameof(scores));
        }

        return Ranked(vote, participation, [.. scores.Select(score => (long)Math.Max(score, 0))]);
    }

    private static VoteTally Ranked(VoteDefinition vote, int participation, long[] scores)
    {
        var inVoteOrder = new VoteOptionScore[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var score = scores[i];
            var better = scores.Count(s => s > score);
            var same = scores.Count(s => s == score);
            inVoteOrder[i] = new VoteOptionScore(i, vote.Options[i], (int)Math.Min(score, int.MaxValue), better + 1, same > 1);
        }

        var ranked = inVoteOrder.OrderBy(o => o.Rank).ThenBy(o => o.Index).ToArray();
        return new VoteTally(participation, inVoteOrder, ranked);
    }

    /// <summary>
    /// The vote card's model. The small-group rule: under <paramref name="minimumBallots"/> (k) ballots the tallies are
    /// withheld (participation only, options in the vote's order without scores or ranks), on the live card and on the
    /// final one, unless the vote was opened with <c>résultats publics</c>. A closed vote without a ballot withholds
    /// nothing (it has nothing to show). Hidden results hide the scores until the close as before.
    /// </summary>
    public static VoteCardModel Card(string voteId, VoteDefinition vote, VoteTally tally, bool isClosed, Language language, int minimumBallots)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(tally);
        var withheld = IsWithheld(vote.Rules, tally.Participation, isClosed, minimumBallots);
        var hide = withheld || (vote.Rules.HiddenResults && !isClosed);
        var options = (isClosed && !withheld ? tally.Ranked : tally.InVoteOrder)
            .Select(o => (Label: o.Index < vote.Options.Count ? vote.Options[o.Index] : o.Option, Score: o))
            .Select(o => hide ? new VoteOptionLine(o.Label, 0, 1, false) : new VoteOptionLine(o.Label, o.Score.Score, o.Score.Rank, o.Score.Tied))
            .ToArray();
        return new VoteCardModel
        {
            Language = language,
            VoteId = voteId,
            Question = vote.Question,
            Rules = vote.Rules.ForCard(),
            Participation = tally.Participation,
            Options = options,
            IsClosed = isClosed,
            WithheldBelow = withheld ? minimumBallots : null,
        };
    }

    /// <summary>Whether the small-group rule withholds the tallies of a vote with <paramref name="participation"/> ballots.</summary>
    public static bool IsWithheld(VoteRules rules, int participation, bool isClosed, int minimumBallots)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return !rules.PublicResults && participation < minimumBallots && !(isClosed && participation <= 0);
    }

    /// <summary>The voter's confirmation lines: the options their ballot gives something to, in the vote's order.</summary>
    public static IReadOnlyList<VoteBallotLine> Lines(VoteDefinition vote, VoteBallot ballot)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(ballot);
        return [.. Enumerable.Range(0, Math.Min(vote.Options.Count, ballot.Points.Count))
            .Where(i => ballot.Points[i] > 0)
            .Select(i => new VoteBallotLine(vote.Options[i], ballot.Points[i]))];
    }

    /// <summary>
    /// The closed vote's result for the compte-rendu, under the small-group rule as the final card: fewer than
    /// <paramref name="minimumBallots"/> ballots (results not public) give the options in the vote's order, no score.
    /// </summary>
    public static VoteResultSummary ToResult(VoteDefinition vote, VoteTally tally, int minimumBallots)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(tally);
        if (IsWithheld(vote.Rules, tally.Participation, isClosed: true, minimumBallots))
        {
            return new VoteResultSummary(
                vote.Question,
                tally.Participation,
                [.. vote.Options.Select(option => new VoteOptionResult(0, option, 0, false))],
                WithheldBelow: minimumBallots);
        }

        return new VoteResultSummary(
            vote.Question,
            tally.Participation,
            [.. tally.Ranked.Select(o => new VoteOptionResult(o.Rank, o.Option, o.Score, o.Tied))],
            Hidden: false,
            Unit: vote.Rules.Mode == VoteMode.Points ? VoteScoreUnit.Points : VoteScoreUnit.Votes);
    }

    /// <summary>Between a condition's name and its levier in a <c>vote leviers</c> option.</summary>
    public const string ConditionSeparator = " — ";

    /// <summary>
    /// Options for <c>vote leviers</c>: each levier of <paramref name="summary"/> as "condition — levier", the condition
    /// named by <paramref name="template"/> in <paramref name="language"/> (the vote's language), so a levier keeps what it
    /// was named for. Leviers are merged only within one condition, when equal after case, accent and space folding: the
    /// same levier under two conditions stays two options. Most cited first (ties in the summary's order). Each option
    /// fits in <see cref="VoteCommands.MaxOptionLength"/> characters (text elements, as every option): the levier is cut
    /// and ends with "…", never the condition's name. The levier is put on one line and cut before merging, so two leviers
    /// of one condition that only differ after the cut become one option (a vote cannot offer two identical options).
    /// Conditions the template does not know are left out, as the summary card leaves them out. The caller keeps the
    /// first <see cref="VoteCommands.MaxOptions"/>.
    /// </summary>
    public static IReadOnlyList<string> Levers(PulseSummary summary, PulseTemplate template, Language language)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(template);
        if (summary.TextsWithheld)
        {
            // Fewer answers than k: the leviers are not shown in the channel, so not as vote options either.
            return [];
        }

        var groups = new List<LeverGroup>();
        var byKey = new Dictionary<(string StepId, string Levier), LeverGroup>();
        foreach (var condition in summary.FreinsLeviers)
        {
            if (template.Steps.FirstOrDefault(step => step is FreinLevierStep && string.Equals(step.Id, condition.StepId, StringComparison.Ordinal)) is not { } step)
            {
                continue;
            }

            var prefix = VoteText.Clean(step.Title.For(language)) + ConditionSeparator;
            foreach (var levier in condition.Leviers)
            {
                var text = LeverText(prefix, VoteText.Clean(levier.Text));
                if (text is null)
                {
                    continue;
                }

                var key = (condition.StepId, PulseSummaries.FoldForMerge(text));
                if (!byKey.TryGetValue(key, out var group))
                {
                    group = new LeverGroup(groups.Count);
                    byKey[key] = group;
                    groups.Add(group);
                }

                group.Add(text, Math.Max(levier.Count, 1));
            }
        }

        return [.. groups.OrderByDescending(g => g.Count).ThenBy(g => g.FirstSeen).Select(g => g.Text)];
    }

    /// <summary>"condition — levier" within the option limit, the levier cut; null for an empty levier.</summary>
    private static string? LeverText(string prefix, string levier)
    {
        if (levier.Length == 0)
        {
            return null;
        }

        var room = VoteCommands.MaxOptionLength - VoteText.Length(prefix);
        if (room < 2)
        {
            // Only a template whose condition name alone nearly fills an option (the default's longest has 46
            // characters) gets here; an option over the limit could not be stored, so the whole text is cut.
            return VoteText.Shorten(prefix + levier, VoteCommands.MaxOptionLength);
        }

        return prefix + VoteText.Shorten(levier, room);
    }

    private sealed class LeverGroup(int firstSeen)
    {
        private readonly List<(string Text, long Count)> spellings = [];

        public int FirstSeen { get; } = firstSeen;

        public long Count { get; private set; }

        /// <summary>The most frequent spelling; the first seen on a tie.</summary>
        public string Text => spellings.OrderByDescending(s => s.Count).First().Text;

        public void Add(string text, int count)
        {
            Count += count;
            var at = spellings.FindIndex(s => string.Equals(s.Text, text, StringComparison.Ordinal));
            if (at < 0)
            {
                spellings.Add((text, count));
            }
            else
            {
                spellings[at] = (text, spellings[at].Count + count);
            }
        }
    }
}
