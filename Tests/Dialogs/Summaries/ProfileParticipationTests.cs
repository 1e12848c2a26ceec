using static ConcertationBot.Tests.Dialogs.Summaries.SummaryFixtures;

namespace ConcertationBot.Tests.Dialogs.Summaries;

/// <summary>Participation by profile on the pulse summary (issue #16): the k rule on each cell, its words, what is stored.</summary>
public sealed class ProfileParticipationTests
{
    private static IEnumerable<SummaryMember> Many(string? category, int answered, int notAnswered) =>
        [.. Enumerable.Repeat(new SummaryMember(category, true), answered), .. Enumerable.Repeat(new SummaryMember(category, false), notAnswered)];

    [Fact]
    public void ByProfile_CellsAtOrOverK_AnsweredOutOfMembersInTheFormsOrder()
    {
        // Arrange: undeclared members and a code this version does not know count nowhere.
        SummaryMember[] members = [.. Many("citoyen", 3, 1), .. Many("communautaire", 4, 2), .. Many(null, 5, 5), .. Many("futur", 3, 0)];

        // Act
        var cells = PulseSummaries.ByProfile(members, 3);

        // Assert
        Assert.Equal([new ProfileParticipation("communautaire", 4, 6), new ProfileParticipation("citoyen", 3, 4)], cells);
    }

    [Theory]
    [InlineData(2, 3)] // answered under k
    [InlineData(0, 5)] // nobody answered
    [InlineData(2, 0)] // members under k, all answered
    [InlineData(1, 1)] // both under k
    public void ByProfile_EitherNumberUnderK_NeitherKept(int answered, int notAnswered)
    {
        // Act
        var cells = PulseSummaries.ByProfile([.. Many("elu", answered, notAnswered), .. Many("bailleur", 3, 0)], 3);

        // Assert
        Assert.Equal([new ProfileParticipation("bailleur", 3, 3), new ProfileParticipation("elu", null, null)], cells);
        Assert.True(cells![1].Suppressed);
    }

    [Fact]
    public void ByProfile_ConfiguredK_AppliedToBothNumbers()
    {
        // Act
        var cells = PulseSummaries.ByProfile([.. Many("autre", 4, 1)], 5);

        // Assert: 5 members, 4 answered: under k = 5.
        Assert.Equal([new ProfileParticipation("autre", null, null)], cells);
    }

    [Fact]
    public void ByProfile_NoDeclaredProfileOrNoRoster_Null()
    {
        Assert.Null(PulseSummaries.ByProfile([.. Many(null, 4, 2)], 3));
        Assert.Null(PulseSummaries.ByProfile([], 3));
        Assert.Null(PulseSummaries.ByProfile(null, 3));
    }

    [Fact]
    public void Compute_Members_SummaryKeepsTheCellsAndItsJsonNoSmallCount()
    {
        // Arrange
        var input = new PulseSummaryInput
        {
            Template = Template,
            Answers = Twelve(),
            MemberCount = 15,
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
            Members = [.. Many("communautaire", 10, 1), .. Many("elu", 2, 0), .. Many(null, 0, 2)],
        };

        // Act
        var summary = PulseSummaries.Compute(input);
        var json = JsonSerializer.Serialize(summary, PulseSummaryJsonContext.Default.PulseSummary);
        var back = JsonSerializer.Deserialize(json, PulseSummaryJsonContext.Default.PulseSummary)!;

        // Assert
        Assert.Equal([new ProfileParticipation("communautaire", 10, 11), new ProfileParticipation("elu", null, null)], summary.Profiles);
        Assert.Equal(summary.Profiles, back.Profiles);
        Assert.Contains("""{"category":"elu"}""", json, StringComparison.Ordinal);
        Assert.DoesNotContain("members\":[", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.French, "moins de 3", "Organisme communautaire", "Élu·e", "Participation par profil (réponses / membres)")]
    [InlineData(Language.English, "fewer than 3", "Community organization", "Elected official", "Participation by profile (answers / members)")]
    public void Describe_Cells_CountsOrFewerThanKInTheCardsLanguage(Language language, string fewer, string community, string elected, string title)
    {
        // Arrange
        var summary = TwelveSummary() with { Profiles = [new("communautaire", 10, 11), new("elu", null, null), new("futur", 5, 5)] };

        // Act
        var model = PulseSummaries.Describe(summary, Template, language);

        // Assert: a code this version does not know is left out.
        Assert.Equal([new ProfileParticipationLine(community, "10 / 11"), new ProfileParticipationLine(elected, fewer)], model.Profiles);
        Assert.Equal(title, model.ProfilesTitle);
    }

    [Fact]
    public void Describe_SummaryWithoutProfiles_NoLine()
    {
        // Act
        var model = PulseSummaries.Describe(TwelveSummary(), Template, Language.French);

        // Assert
        Assert.Empty(model.Profiles);
    }
}
