using static ConcertationBot.Tests.Dialogs.Summaries.SummaryFixtures;

namespace ConcertationBot.Tests.Dialogs.Summaries;

/// <summary>
/// Role clarity by role group on the pulse summary (issue #16): shown only when both "direction / coordination" and
/// "équipe terrain" have at least k ratings carrying their role; otherwise nothing, with no hint of the smaller group.
/// </summary>
public sealed class RoleClarityByRoleTests
{
    private static IEnumerable<IReadOnlyDictionary<string, object?>> Rated(string? role, params int[] ratings) =>
        ratings.Select(r =>
        {
            var answer = Answer(r);
            if (role is not null)
            {
                answer[PulseSummaries.RoleField] = role;
            }

            return (IReadOnlyDictionary<string, object?>)answer;
        });

    private static PulseSummary Summary(IEnumerable<IReadOnlyDictionary<string, object?>> answers) => PulseSummaries.Compute(new PulseSummaryInput
    {
        Template = Template,
        Answers = [.. answers],
        OpenedAt = OpenedAt,
        ClosedAt = ClosedAt,
    });

    [Fact]
    public void Compute_BothGroupsReachK_MeanOfEachGroupInTheFormsOrder()
    {
        // Arrange: answers without a role count in no group.
        var answers = Rated("terrain", 2, 3, 3).Concat(Rated("direction", 5, 4, 4, 5)).Concat(Rated(null, 1, 1, 1));

        // Act
        var summary = Summary(answers);

        // Assert
        Assert.Equal([new RoleGroupMean("direction", 4, 4.5), new RoleGroupMean("terrain", 3, 8 / 3.0)], summary.RoleClarityByRole);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    [InlineData(0, 9)]
    public void Compute_OneGroupUnderK_NoGroupShown(int direction, int terrain)
    {
        // Arrange
        var answers = Rated("direction", [.. Enumerable.Repeat(4, direction)]).Concat(Rated("terrain", [.. Enumerable.Repeat(2, terrain)]));

        // Act
        var summary = Summary(answers);

        // Assert
        Assert.Null(summary.RoleClarityByRole);
    }

    [Fact]
    public void Compute_GroupReachesKOnlyWithDontKnow_NoGroupShown()
    {
        // Arrange: "je ne sais pas" carries the role but gives no rating, so the mean would be over fewer than k.
        var dontKnow = Answer(dontKnow: true);
        dontKnow[PulseSummaries.RoleField] = "terrain";
        var answers = Rated("direction", 4, 4, 4).Concat(Rated("terrain", 2, 2)).Append(dontKnow);

        // Act
        var summary = Summary(answers);

        // Assert
        Assert.Null(summary.RoleClarityByRole);
    }

    [Fact]
    public void Describe_BothGroupsAtK_RoleClaritySectionHoldsTheGroupsMeans()
    {
        // Arrange
        var summary = Summary(Rated("direction", 4, 4, 5).Concat(Rated("terrain", 2, 3, 3)));

        // Act
        var model = PulseSummaries.Describe(summary, Template, Language.French);

        // Assert
        var roleClarity = Assert.IsType<DistributionSection>(model.Sections[0]);
        Assert.Equal(
            [new GroupFigure("Direction / coordination", "4,3 / 5 (3 réponses)"), new GroupFigure("Équipe terrain", "2,7 / 5 (3 réponses)")],
            roleClarity.ByGroup);
        Assert.All(model.Sections.Skip(1).OfType<DistributionSection>(), s => Assert.Empty(s.ByGroup));
    }

    [Fact]
    public void Describe_TerrainUnderK_NoGroupLineAnywhere()
    {
        // Arrange
        var summary = Summary(Rated("direction", 4, 4, 5).Concat(Rated("terrain", 2, 3)));

        // Act
        var model = PulseSummaries.Describe(summary, Template, Language.French);

        // Assert
        Assert.All(model.Sections.OfType<DistributionSection>(), s => Assert.Empty(s.ByGroup));
    }
}
