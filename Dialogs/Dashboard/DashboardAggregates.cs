using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Dashboard;

/// <summary>
/// The dashboard's trends from closed pulses' stored summaries, under the small-group rule exactly as the summary card
/// applies it: a rating or a continuum with fewer than k answers keeps its count only (no mean, spread, median or
/// distribution), and a profile category with fewer than k members or answers keeps neither number. k is the larger of
/// the one the summary was made with and the one configured now, so raising k hides more, never less. No free text.
/// </summary>
public static class DashboardAggregates
{
    public static DashboardTrends Trends(IReadOnlyList<DashboardPulse> pulses, int minimumGroupSize, Language language)
    {
        ArgumentNullException.ThrowIfNull(pulses);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumGroupSize, 1);
        var ordered = pulses.OrderBy(p => p.Summary.ClosedAt).ToList();
        var levels = ordered.Select(p => ContinuumStep(p.Template)).LastOrDefault(s => s is not null) is { } step
            ? [.. step.Options.Select(o => new ContinuumLevel(o.Id, o.Label.For(language)))]
            : new List<ContinuumLevel>();
        var rating = ordered.Select(p => RatingStep(p.Template)).LastOrDefault(s => s is not null);
        var points = ordered.Select(p => Point(p, Math.Max(minimumGroupSize, p.Summary.MinimumGroupSize), levels)).ToList();
        for (var i = 0; i < points.Count; i++)
        {
            var day = points[i].ClosedOn;
            if (points.Count(p => p.ClosedOn == day) > 1)
            {
                points[i] = points[i] with { SameDay = points.Take(i).Count(p => p.ClosedOn == day) + 1 };
            }
        }

        return new DashboardTrends(points, levels, rating?.Min ?? 1, rating?.Max ?? 5);
    }

    private static PulseTrendPoint Point(DashboardPulse pulse, int k, IReadOnlyList<ContinuumLevel> levels)
    {
        var summary = pulse.Summary;
        var ratingStep = RatingStep(pulse.Template);
        var choiceStep = ContinuumStep(pulse.Template);
        var rating = ratingStep is null ? null : summary.Ratings.FirstOrDefault(r => r.StepId == ratingStep.Id);
        var choice = choiceStep is null ? null : summary.Choices.FirstOrDefault(c => c.StepId == choiceStep.Id);
        return new PulseTrendPoint(
            pulse.ClosedOn,
            summary.AnswerCount,
            summary.MemberCount,
            rating is null ? null : RoleClarity(rating, k),
            choice is null ? null : Continuum(choice, k, levels),
            summary.Profiles is { } profiles ? [.. profiles.Select(p => Profile(p, k))] : null);
    }

    /// <summary>Role clarity under k: only the counts when fewer than k numeric ratings (or the summary withheld it).</summary>
    public static RoleClarityPoint RoleClarity(RatingSummary rating, int minimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(rating);
        var withheld = rating.Suppressed || rating.NumericCount < minimumGroupSize || rating.Distribution is null;
        return withheld
            ? new RoleClarityPoint(rating.Min, rating.Max, rating.NumericCount, rating.DontKnowCount, true, null, null, null)
            : new RoleClarityPoint(rating.Min, rating.Max, rating.NumericCount, rating.DontKnowCount, false, rating.Mean, rating.Spread, rating.Distribution);
    }

    /// <summary>The continuum under k: only the count when fewer than k levels chosen (or the summary withheld it).</summary>
    public static ContinuumPoint Continuum(ChoiceSummary choice, int minimumGroupSize, IReadOnlyList<ContinuumLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(choice);
        ArgumentNullException.ThrowIfNull(levels);
        if (choice.Suppressed || choice.AnswerCount < minimumGroupSize || choice.Distribution is null)
        {
            return new ContinuumPoint(choice.AnswerCount, true, null, null);
        }

        var counts = choice.Distribution.ToDictionary(c => c.OptionId, c => c.Count, StringComparer.Ordinal);
        return new ContinuumPoint(
            choice.AnswerCount,
            false,
            choice.MedianOptionId,
            [.. levels.Select(l => counts.GetValueOrDefault(l.OptionId))]);
    }

    /// <summary>A profile category: neither number when either is under k (as <c>PulseSummaries.ByProfile</c> stores it).</summary>
    public static ProfilePoint Profile(ProfileParticipation profile, int minimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Answered is { } answered && profile.Members is { } members && answered >= minimumGroupSize && members >= minimumGroupSize
            ? new ProfilePoint(profile.Category, answered, members)
            : new ProfilePoint(profile.Category, null, null);
    }

    /// <summary>The role clarity step: the template's first rating step.</summary>
    public static RatingStep? RatingStep(PulseTemplate template) => template?.Steps.OfType<RatingStep>().FirstOrDefault();

    /// <summary>The cooperation continuum: the template's first choice step.</summary>
    public static ChoiceStep? ContinuumStep(PulseTemplate template) => template?.Steps.OfType<ChoiceStep>().FirstOrDefault();
}
