using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Profiles;
using ConcertationBot.Cards.Summary;
using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Summaries;

public static partial class PulseSummaries
{
    /// <summary>
    /// The answer row's field holding the respondent's declared role code ("direction", "terrain"), written only when
    /// at least k members of the team declared that role when the answer was sent. A stored property name: a stable API.
    /// Step ids are letters and digits and no step suffix is "_role", so it never collides with an answer field.
    /// </summary>
    public const string RoleField = "profile_role";

    /// <summary>The rating step whose mean is shown by role group ("Clarté des rôles").</summary>
    public const string RoleClarityStepId = "roleClarity";

    /// <summary>
    /// Role clarity by role group: the mean of the role-clarity ratings of the answers carrying each role, for every
    /// role (direction / coordination, then équipe terrain); null unless EVERY group has at least
    /// <paramref name="minimumGroupSize"/> numeric ratings, so nothing hints at a smaller group. Null too when the
    /// template asks no role clarity.
    /// </summary>
    public static IReadOnlyList<RoleGroupMean>? ByRole(PulseTemplate template, IReadOnlyList<IReadOnlyDictionary<string, object?>> answers, int minimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(answers);
        if (template.Steps.OfType<RatingStep>().FirstOrDefault(s => s.Id == RoleClarityStepId) is not { } step)
        {
            return null;
        }

        var groups = new List<RoleGroupMean>();
        foreach (var role in ProfileChoices.AllRoles)
        {
            var code = ProfileChoices.Code(role);
            var values = answers
                .Where(a => a.GetValueOrDefault(RoleField) is string carried && string.Equals(carried, code, StringComparison.Ordinal))
                .Select(a => PulseAnswerFields.FromFields(template, a).GetValueOrDefault(step.Id))
                .Where(a => a is { DontKnow: false, Rating: { } r } && r >= step.Min && r <= step.Max)
                .Select(a => a!.Rating!.Value)
                .ToList();
            if (values.Count < minimumGroupSize)
            {
                return null;
            }

            groups.Add(new RoleGroupMean(code, values.Count, values.Average()));
        }

        return groups;
    }

    /// <summary>The role groups' means as the summary card shows them: the role's words and "3,4 / 5 (4 réponses)".</summary>
    internal static IReadOnlyList<GroupFigure> DescribeRoles(IReadOnlyList<RoleGroupMean>? groups, RatingStep step, Language language) =>
        [
            .. (groups ?? [])
                .Where(g => ProfileChoices.RoleOf(g.Role) is not null)
                .Select(g => new GroupFigure(
                    ProfileChoices.Label(ProfileChoices.RoleOf(g.Role)!.Value, language),
                    SummaryWords.GroupMean(g.Mean, step.Max, g.Answers, language))),
        ];
}
