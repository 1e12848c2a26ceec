using ConcertationBot.Dialogs.Dashboard;
using ConcertationBot.Dialogs.Roadmap;
using ConcertationBot.Tests.Dialogs.Summaries;

namespace ConcertationBot.Tests.Dialogs.Dashboard;

public sealed class DashboardAggregatesTests
{
    [Fact]
    public void Trends_PulseOfTwoAnswers_CountsOnlyNoMeanNoMedianNoDistribution()
    {
        // Arrange
        var pulse = Pulse(k: 3, SummaryFixtures.Answer(4, continuum: "coordination"), SummaryFixtures.Answer(5, continuum: "collaboration"));

        // Act
        var point = Assert.Single(DashboardAggregates.Trends([pulse], minimumGroupSize: 3, Language.French).Points);

        // Assert
        Assert.Equal(2, point.Answers);
        Assert.Equal(new RoleClarityPoint(1, 5, 2, 0, true, null, null, null), point.RoleClarity);
        Assert.Equal(new ContinuumPoint(2, true, null, null), point.Continuum);
    }

    [Fact]
    public void Trends_SummaryMadeWithASmallerK_TheConfiguredKStillWithholds()
    {
        // Arrange: a summary made while k was 1 holds a distribution of two ratings; k is 3 now.
        var pulse = Pulse(k: 1, SummaryFixtures.Answer(4, continuum: "coordination"), SummaryFixtures.Answer(5, continuum: "collaboration"));
        Assert.NotNull(pulse.Summary.Ratings[0].Distribution);

        // Act
        var point = Assert.Single(DashboardAggregates.Trends([pulse], minimumGroupSize: 3, Language.French).Points);

        // Assert
        Assert.True(point.RoleClarity!.Withheld);
        Assert.Null(point.RoleClarity.Distribution);
        Assert.True(point.Continuum!.Withheld);
        Assert.Null(point.Continuum.Distribution);
    }

    [Fact]
    public void Trends_PulseOfThreeAnswers_MeanSpreadAndDistributionsInTheLevelsOrder()
    {
        // Arrange
        var pulse = Pulse(
            k: 3,
            SummaryFixtures.Answer(4, continuum: "coordination"),
            SummaryFixtures.Answer(4, continuum: "coordination"),
            SummaryFixtures.Answer(5, continuum: "collaboration"),
            SummaryFixtures.Answer(dontKnow: true));

        // Act
        var trends = DashboardAggregates.Trends([pulse], minimumGroupSize: 3, Language.English);
        var point = Assert.Single(trends.Points);

        // Assert
        Assert.Equal(["concurrence", "coexistence", "communication", "assistance", "coordination", "collaboration", "integration"], trends.ContinuumLevels.Select(l => l.OptionId));
        Assert.Equal("Coordination", trends.ContinuumLevels[4].Label);
        Assert.False(point.RoleClarity!.Withheld);
        Assert.Equal(3, point.RoleClarity.Numeric);
        Assert.Equal(1, point.RoleClarity.DontKnow);
        Assert.Equal(13.0 / 3, point.RoleClarity.Mean!.Value, 6);
        Assert.Equal(Math.Sqrt(2.0 / 9), point.RoleClarity.Spread!.Value, 6);
        Assert.Equal([0, 0, 0, 2, 1], point.RoleClarity.Distribution);
        Assert.Equal("coordination", point.Continuum!.MedianOptionId);
        Assert.Equal([0, 0, 0, 0, 2, 1, 0], point.Continuum.Distribution);
    }

    [Fact]
    public void Trends_PulsesGivenInAnyOrder_OldestFirst()
    {
        // Arrange
        var older = Pulse(k: 3, SummaryFixtures.Answer(1)) with { ClosedOn = new DateOnly(2026, 9, 1) };
        var newer = Pulse(k: 3, SummaryFixtures.Answer(2)) with { ClosedOn = new DateOnly(2026, 10, 1) };
        newer = newer with { Summary = newer.Summary with { ClosedAt = older.Summary.ClosedAt.AddDays(30) } };

        // Act
        var points = DashboardAggregates.Trends([newer, older], minimumGroupSize: 3, Language.French).Points;

        // Assert
        Assert.Equal([new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1)], points.Select(p => p.ClosedOn));
    }

    [Fact]
    public void Trends_TwoPulsesClosedTheSameDay_EachItsRankThatDayAndAPulseAloneNone()
    {
        // Arrange
        var first = Pulse(k: 3, SummaryFixtures.Answer(1)) with { ClosedOn = new DateOnly(2026, 9, 1) };
        var second = first with { Summary = first.Summary with { ClosedAt = first.Summary.ClosedAt.AddHours(2) } };
        var later = Pulse(k: 3, SummaryFixtures.Answer(2)) with { ClosedOn = new DateOnly(2026, 10, 1) };
        later = later with { Summary = later.Summary with { ClosedAt = first.Summary.ClosedAt.AddDays(30) } };

        // Act
        var points = DashboardAggregates.Trends([later, second, first], minimumGroupSize: 3, Language.French).Points;

        // Assert
        Assert.Equal([1, 2, 0], points.Select(p => p.SameDay));
        Assert.Contains("<th scope=\"row\">1er septembre 2026 (2)</th>", DashboardPage.Render(Input([later, second, first])), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 3, 3, 3, 3)]
    [InlineData(2, 5, 3, null, null)]
    [InlineData(3, 2, 3, null, null)]
    [InlineData(4, 9, 5, null, null)]
    [InlineData(5, 9, 5, 5, 9)]
    public void Profile_EitherNumberUnderK_Neither(int answered, int members, int k, int? expectedAnswered, int? expectedMembers)
    {
        // Act
        var point = DashboardAggregates.Profile(new ProfileParticipation("communautaire", answered, members), k);

        // Assert
        Assert.Equal(new ProfilePoint("communautaire", expectedAnswered, expectedMembers), point);
    }

    [Fact]
    public void Render_PulseOfTwoAnswersWithFreeText_NoTextNoDistributionAndTheNote()
    {
        // Arrange
        var pulse = Pulse(
            k: 3,
            SummaryFixtures.Answer(4, continuum: "coordination", change: "Changement-visible-de-deux", direction: "positive", conditions: [("agenda", "Frein-de-deux", "Levier-de-deux")]),
            SummaryFixtures.Answer(5, continuum: "collaboration"));

        // Act
        var html = DashboardPage.Render(Input([pulse]));

        // Assert
        Assert.DoesNotContain("Frein-de-deux", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Levier-de-deux", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Changement-visible-de-deux", html, StringComparison.Ordinal);
        Assert.Contains("Moins de 3 réponses : rien d'autre n'est montré.".Replace(" :", "\u00A0:", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal), html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-value=\"4.5\"", html, StringComparison.Ordinal);
        Assert.Contains("<td data-value=\"2\">2</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UserTextWithMarkup_EscapedAndCarriersNeverShown()
    {
        // Arrange
        var plan = new RoadmapPlan("<script>alert(1)</script> Vision", [new RoadmapItem
        {
            Id = "i1",
            Text = "Trottoirs <b>sûrs</b>",
            Horizon = RoadmapHorizon.Court,
            Status = RoadmapStatus.EnCours,
            Carriers = "Marie Dupont",
            Indicator = "Nombre de plaintes",
            LastChanged = SummaryFixtures.ClosedAt,
            Source = "command",
        }]);

        // Act
        var html = DashboardPage.Render(Input([]) with { Roadmap = plan });

        // Assert
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Vision", html, StringComparison.Ordinal);
        Assert.Contains("Trottoirs &lt;b&gt;sûrs&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Marie Dupont", html, StringComparison.Ordinal);
        Assert.Contains("Nombre de plaintes", html, StringComparison.Ordinal);
        Assert.Contains("En cours", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ProfilesPerPulse_CellUnderKReadsMoinsDeK()
    {
        // Arrange: four community members of whom three answered; two citizens, one of whom answered.
        SummaryMember[] members =
        [
            new("communautaire", true), new("communautaire", true), new("communautaire", true), new("communautaire", false),
            new("citoyen", true), new("citoyen", false),
        ];
        var summary = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = SummaryFixtures.Template,
            Answers = [SummaryFixtures.Answer(4), SummaryFixtures.Answer(4), SummaryFixtures.Answer(5), SummaryFixtures.Answer(3)],
            OpenedAt = SummaryFixtures.OpenedAt,
            ClosedAt = SummaryFixtures.ClosedAt,
            MinimumGroupSize = 3,
            MemberCount = members.Length,
            Members = members,
        });
        var pulse = new DashboardPulse(new DateOnly(2026, 11, 10), summary, SummaryFixtures.Template);

        // Act
        var html = DashboardPage.Render(Input([pulse]));

        // Assert
        Assert.Contains("<td>3 / 4</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>moins de 3</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1 / 2", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithheldVote_OptionsWithoutScoresAndNoChart()
    {
        // Arrange
        var vote = new DashboardVote(new DateOnly(2026, 11, 10), new VoteResultSummary(
            "Priorité", 2, [new VoteOptionResult(0, "Trottoirs", 0, false), new VoteOptionResult(0, "Bancs", 0, false)], WithheldBelow: 3));

        // Act
        var html = DashboardPage.Render(Input([]) with { Votes = [vote] });

        // Assert
        Assert.Contains("<li>Trottoirs</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("vote-1-table", html, StringComparison.Ordinal);
        Assert.Contains("Moins de 3 bulletins", html, StringComparison.Ordinal);
    }

    private static DashboardInput Input(IReadOnlyList<DashboardPulse> pulses) => new()
    {
        Language = Language.French,
        MinimumGroupSize = 3,
        Pulses = pulses,
        ExpiresText = "demain",
        AssetsPath = "dashboard/assets/",
    };

    private static DashboardPulse Pulse(int k, params IReadOnlyDictionary<string, object?>[] answers) => new(
        DateOnly.FromDateTime(SummaryFixtures.ClosedAt.UtcDateTime),
        PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = SummaryFixtures.Template,
            Answers = answers,
            OpenedAt = SummaryFixtures.OpenedAt,
            ClosedAt = SummaryFixtures.ClosedAt,
            MinimumGroupSize = k,
        }),
        SummaryFixtures.Template);
}
