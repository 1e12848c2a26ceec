using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Summaries;

/// <summary>Turns stored answers into the anonymous <see cref="PulseSummary"/> and describes it for the summary card.</summary>
public static partial class PulseSummaries
{
    /// <summary>k when nothing is configured.</summary>
    public const int DefaultMinimumGroupSize = 3;

    /// <summary>A mean must move by at least this much to show an arrow.</summary>
    public const double MeanTrendThreshold = 0.2;

    public static PulseSummary Compute(PulseSummaryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Template);
        ArgumentNullException.ThrowIfNull(input.Answers);
        ArgumentOutOfRangeException.ThrowIfLessThan(input.MinimumGroupSize, 1);
        var template = input.Template;
        var k = input.MinimumGroupSize;
        var answers = input.Answers.Select(fields => PulseAnswerFields.FromFields(template, fields)).ToList();
        var ratings = new List<RatingSummary>();
        var freinsLeviers = new List<FreinLevierSummary>();
        var choices = new List<ChoiceSummary>();
        var changes = new List<ChangeSummary>();
        var deepenings = new List<DeepeningSummary>();
        foreach (var step in template.Steps)
        {
            var stepAnswers = answers.Select(a => a.GetValueOrDefault(step.Id)).OfType<StepAnswer>().ToList();
            switch (step)
            {
                case RatingStep rating:
                    ratings.Add(Rating(rating, stepAnswers, k, input.Previous?.Ratings.FirstOrDefault(r => r.StepId == step.Id)));
                    break;
                case ChoiceStep choice:
                    choices.Add(Choice(choice, stepAnswers, k, input.Previous?.Choices.FirstOrDefault(c => c.StepId == step.Id)));
                    break;
                case ChangeStep:
                    changes.Add(new ChangeSummary(step.Id, Changes(stepAnswers)));
                    break;
                case FreinLevierStep:
                    freinsLeviers.Add(new FreinLevierSummary(
                        step.Id,
                        Merge(stepAnswers.Select(a => a.Frein)),
                        Merge(stepAnswers.Select(a => a.Levier))));
                    break;
                case DeepeningStep:
                    deepenings.Add(new DeepeningSummary(
                        step.Id,
                        Merge(stepAnswers.Select(a => a.Facilitant)),
                        Merge(stepAnswers.Select(a => a.Ecueil)),
                        Merge(stepAnswers.Select(a => a.Souhait))));
                    break;
                default:
                    throw new NotSupportedException($"Step kind {step.Kind} has no summary.");
            }
        }

        return new PulseSummary
        {
            TemplateId = template.Id,
            TemplateVersion = template.Version,
            OpenedAt = input.OpenedAt,
            ClosedAt = input.ClosedAt,
            AnswerCount = input.Answers.Count,
            MemberCount = input.MemberCount,
            MinimumGroupSize = k,
            Ratings = ratings,
            FreinsLeviers = freinsLeviers,
            Choices = choices,
            Changes = changes,
            Deepenings = deepenings,
            Profiles = ByProfile(input.Members, k),
            RoleClarityByRole = ByRole(template, input.Answers, k),
        };
    }

    /// <summary>
    /// Folds text for merging duplicates: lower case, no accents, runs of white space as one space, trimmed
    /// ("  Manque de  TEMPS " and "manque de temps" are the same answer).
    /// </summary>
    public static string FoldForMerge(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CommandText.CollapseWhiteSpace(CommandText.Fold(text));
    }

    private static RatingSummary Rating(RatingStep step, List<StepAnswer> answers, int k, RatingSummary? previous)
    {
        var values = answers
            .Where(a => !a.DontKnow && a.Rating is { } r && r >= step.Min && r <= step.Max)
            .Select(a => a.Rating!.Value)
            .ToList();
        var dontKnow = answers.Count(a => a.DontKnow);
        var counts = new RatingSummary
        {
            StepId = step.Id,
            Min = step.Min,
            Max = step.Max,
            NumericCount = values.Count,
            DontKnowCount = dontKnow,
            Suppressed = values.Count < k,
        };
        if (counts.Suppressed)
        {
            return counts;
        }

        var mean = values.Average();
        var spread = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        var distribution = Enumerable.Range(step.Min, step.Max - step.Min + 1).Select(v => values.Count(x => x == v)).ToList();
        SummaryTrend? trend = null;
        if (previous is { Suppressed: false, Mean: { } previousMean })
        {
            var delta = Math.Round(mean - previousMean, 6);
            var direction = Math.Abs(delta) < MeanTrendThreshold ? TrendDirection.Same : delta > 0 ? TrendDirection.Up : TrendDirection.Down;
            trend = new SummaryTrend(direction, delta, previousMean);
        }

        return counts with
        {
            Distribution = distribution,
            Mean = mean,
            Spread = spread,
            Trend = trend,
        };
    }

    private static ChoiceSummary Choice(ChoiceStep step, List<StepAnswer> answers, int k, ChoiceSummary? previous)
    {
        var levels = answers
            .Select(a => IndexOf(step, a.Choice))
            .Where(i => i >= 0)
            .Order()
            .ToList();
        if (levels.Count < k)
        {
            return new ChoiceSummary { StepId = step.Id, AnswerCount = levels.Count, Suppressed = true };
        }

        var median = levels[(levels.Count - 1) / 2];
        SummaryTrend? trend = null;
        if (previous is { Suppressed: false, MedianLevel: { } previousMedian })
        {
            var delta = median - previousMedian;
            var direction = delta == 0 ? TrendDirection.Same : delta > 0 ? TrendDirection.Up : TrendDirection.Down;
            trend = new SummaryTrend(direction, delta, previousMedian);
        }

        return new ChoiceSummary
        {
            StepId = step.Id,
            AnswerCount = levels.Count,
            Suppressed = false,
            Distribution = [.. step.Options.Select((o, i) => new ChoiceCount(o.Id, levels.Count(l => l == i)))],
            MedianLevel = median,
            MedianOptionId = step.Options[median].Id,
            Trend = trend,
        };
    }

    private static int IndexOf(ChoiceStep step, string? optionId)
    {
        for (var i = 0; i < step.Options.Count; i++)
        {
            if (string.Equals(step.Options[i].Id, optionId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static List<ChangeText> Changes(List<StepAnswer> answers)
    {
        var items = new List<ChangeText>();
        foreach (var direction in new[] { ChangeDirection.Positive, ChangeDirection.Negative, ChangeDirection.Unspecified })
        {
            var texts = answers.Where(a => DirectionOf(a.Direction) == direction).Select(a => a.Text);
            items.AddRange(Merge(texts).Select(t => new ChangeText(t.Text, direction, t.Count)));
        }

        return items;
    }

    private static ChangeDirection DirectionOf(string? direction) => direction switch
    {
        "positive" => ChangeDirection.Positive,
        "negative" => ChangeDirection.Negative,
        _ => ChangeDirection.Unspecified,
    };

    /// <summary>
    /// Merges texts equal after <see cref="FoldForMerge"/>; each group is shown as its most frequent spelling
    /// (ordinal first on a tie). Order: most frequent first, then folded text, so it says nothing about who answered when.
    /// </summary>
    private static List<SummaryText> Merge(IEnumerable<string?> texts) =>
        [.. texts
            .Select(t => t?.Trim())
            .Where(t => !string.IsNullOrEmpty(t))
            .Select(t => t!)
            .GroupBy(FoldForMerge, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Item: new SummaryText(
                g.GroupBy(t => t, StringComparer.Ordinal)
                    .OrderByDescending(v => v.Count())
                    .ThenBy(v => v.Key, StringComparer.Ordinal)
                    .First().Key,
                g.Count())))
            .OrderByDescending(x => x.Item.Count)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .ThenBy(x => x.Item.Text, StringComparer.Ordinal)
            .Select(x => x.Item)];
}
