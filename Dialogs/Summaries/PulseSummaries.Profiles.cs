using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Profiles;
using ConcertationBot.Cards.Summary;

namespace ConcertationBot.Dialogs.Summaries;

public static partial class PulseSummaries
{
    /// <summary>
    /// Participation by declared profile: for each category with at least one declared member, how many of them
    /// answered out of how many they are; a category where either number is under <paramref name="minimumGroupSize"/>
    /// keeps neither. Members without a profile (or with a code this version does not know) count in no category.
    /// Null when <paramref name="members"/> is null or nobody declared a known profile.
    /// </summary>
    public static IReadOnlyList<ProfileParticipation>? ByProfile(IReadOnlyList<SummaryMember>? members, int minimumGroupSize)
    {
        if (members is null)
        {
            return null;
        }

        var cells = new List<ProfileParticipation>();
        foreach (var category in ProfileChoices.AllCategories)
        {
            var code = ProfileChoices.Code(category);
            var inCategory = members.Where(m => string.Equals(m.ProfileCategory, code, StringComparison.Ordinal)).ToList();
            if (inCategory.Count == 0)
            {
                continue;
            }

            var answered = inCategory.Count(m => m.Answered);
            cells.Add(answered < minimumGroupSize || inCategory.Count < minimumGroupSize
                ? new ProfileParticipation(code, null, null)
                : new ProfileParticipation(code, answered, inCategory.Count));
        }

        return cells.Count == 0 ? null : cells;
    }

    /// <summary>The participation by profile as the summary card shows it: the category's words and its cell.</summary>
    internal static IReadOnlyList<ProfileParticipationLine> DescribeProfiles(PulseSummary summary, Language language) =>
        [
            .. (summary.Profiles ?? [])
                .Where(p => ProfileChoices.CategoryOf(p.Category) is not null)
                .Select(p => new ProfileParticipationLine(
                    ProfileChoices.Label(ProfileChoices.CategoryOf(p.Category)!.Value, language),
                    SummaryWords.ProfileCell(p, summary.MinimumGroupSize, language))),
        ];
}
