using static ConcertationBot.Tests.Dialogs.Summaries.SummaryFixtures;

namespace ConcertationBot.Tests.Dialogs.Summaries;

public sealed class PulseSummariesComputeTests
{
    [Fact]
    public void Compute_TwelveAnswers_ParticipationIsAnswersAndMembers()
    {
        // Act
        var summary = TwelveSummary(members: 20);

        // Assert
        Assert.Equal(12, summary.AnswerCount);
        Assert.Equal(20, summary.MemberCount);
        Assert.Equal(3, summary.MinimumGroupSize);
        Assert.Equal(OpenedAt, summary.OpenedAt);
        Assert.Equal(ClosedAt, summary.ClosedAt);
    }

    [Fact]
    public void Compute_TwelveAnswers_RoleClarityHandComputed()
    {
        // Act
        var rating = Assert.Single(TwelveSummary().Ratings);

        // Assert: 5,4,4,3,3,3,2,4,5,1 → mean 34/10 = 3.4; squared deviations sum 14.4 → variance 1.44 → spread 1.2.
        Assert.Equal("roleClarity", rating.StepId);
        Assert.False(rating.Suppressed);
        Assert.Equal(10, rating.NumericCount);
        Assert.Equal(2, rating.DontKnowCount);
        Assert.Equal([1, 1, 3, 3, 2], rating.Distribution!);
        Assert.Equal(3.4, rating.Mean!.Value, 10);
        Assert.Equal(1.2, rating.Spread!.Value, 10);
        Assert.Null(rating.Trend);
    }

    [Fact]
    public void Compute_TwelveAnswers_ContinuumDistributionAndLowerMedian()
    {
        // Act
        var continuum = Assert.Single(TwelveSummary().Choices);

        // Assert: levels 1,2,2,3,3,3,4,4,4,4,5 → the 6th of 11 is level 3 (assistance).
        Assert.Equal(11, continuum.AnswerCount);
        Assert.Equal([0, 1, 2, 3, 4, 1, 0], continuum.Distribution!.Select(c => c.Count));
        Assert.Equal(["concurrence", "coexistence", "communication", "assistance", "coordination", "collaboration", "integration"], continuum.Distribution!.Select(c => c.OptionId));
        Assert.Equal(3, continuum.MedianLevel);
        Assert.Equal("assistance", continuum.MedianOptionId);
    }

    [Fact]
    public void Compute_DuplicatesAfterCaseAccentAndSpaceFolding_MergedMostFrequentFirst()
    {
        // Act
        var agenda = TwelveSummary().FreinsLeviers.Single(f => f.StepId == "agenda");

        // Assert
        Assert.Equal([new SummaryText("Manque de temps", 3), new SummaryText("Financements par projet", 1)], agenda.Freins);
        Assert.Equal([new SummaryText("Comité de pilotage", 2), new SummaryText("Clarifier les bénéfices pour chacun", 1)], agenda.Leviers);
    }

    [Fact]
    public void Compute_FreinLevierSteps_OnePerConditionInTemplateOrder()
    {
        // Act
        var summary = TwelveSummary();

        // Assert
        Assert.Equal(["agenda", "mesures", "activites", "communication", "soutien"], summary.FreinsLeviers.Select(f => f.StepId));
        Assert.Equal(["Activités dispersées", "Compétition pour les financements"], summary.FreinsLeviers.Single(f => f.StepId == "activites").Freins.Select(t => t.Text));
        Assert.Contains(summary.FreinsLeviers.Single(f => f.StepId == "communication").Freins, t => t.Text == Hostile);
    }

    [Fact]
    public void Compute_Changes_GroupedByDirectionDuplicatesMerged()
    {
        // Act
        var changes = Assert.Single(TwelveSummary().Changes);

        // Assert
        Assert.Equal(
            [
                new ChangeText("Plus de projets portés ensemble", ChangeDirection.Positive, 2),
                new ChangeText("Nouveaux partenaires à la table", ChangeDirection.Positive, 1),
                new ChangeText("Départ de la coordonnatrice", ChangeDirection.Negative, 1),
                new ChangeText("« Essoufflement » des équipes 😕", ChangeDirection.Unspecified, 1),
            ],
            changes.Items);
    }

    [Fact]
    public void Compute_TwoAnswers_DistributionsSuppressedFreeTextShown()
    {
        // Arrange
        var input = new PulseSummaryInput
        {
            Template = Template,
            Answers = [Answer(4, continuum: "coordination", conditions: [("agenda", "Frein A", "Levier A")]), Answer(2, continuum: "assistance", change: "Un changement", direction: "negative")],
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
        };

        // Act
        var summary = PulseSummaries.Compute(input);

        // Assert
        var rating = Assert.Single(summary.Ratings);
        Assert.True(rating.Suppressed);
        Assert.Null(rating.Distribution);
        Assert.Null(rating.Mean);
        Assert.Null(rating.Spread);
        Assert.Equal(2, rating.NumericCount);
        var continuum = Assert.Single(summary.Choices);
        Assert.True(continuum.Suppressed);
        Assert.Null(continuum.Distribution);
        Assert.Null(continuum.MedianOptionId);
        Assert.Equal([new SummaryText("Frein A", 1)], summary.FreinsLeviers[0].Freins);
        Assert.Equal("Un changement", Assert.Single(summary.Changes[0].Items).Text);
    }

    [Fact]
    public void Compute_ExactlyThreeAnswers_DistributionsShown()
    {
        // Arrange
        var input = new PulseSummaryInput
        {
            Template = Template,
            Answers = [Answer(4, continuum: "coordination"), Answer(2, continuum: "assistance"), Answer(3, continuum: "assistance")],
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
        };

        // Act
        var summary = PulseSummaries.Compute(input);

        // Assert
        Assert.False(summary.Ratings[0].Suppressed);
        Assert.Equal([0, 1, 1, 1, 0], summary.Ratings[0].Distribution!);
        Assert.Equal(3.0, summary.Ratings[0].Mean!.Value, 10);
        Assert.Equal(Math.Sqrt(2.0 / 3), summary.Ratings[0].Spread!.Value, 10);
        Assert.False(summary.Choices[0].Suppressed);
        Assert.Equal("assistance", summary.Choices[0].MedianOptionId);
    }

    [Fact]
    public void Compute_DontKnowAnswers_DoNotCountTowardsK()
    {
        // Arrange: three answers, but only two numeric.
        var input = new PulseSummaryInput
        {
            Template = Template,
            Answers = [Answer(4), Answer(5), Answer(dontKnow: true)],
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
        };

        // Act
        var rating = PulseSummaries.Compute(input).Ratings[0];

        // Assert
        Assert.True(rating.Suppressed);
        Assert.Equal(1, rating.DontKnowCount);
    }

    [Fact]
    public void Compute_ConfiguredK_Applied()
    {
        // Arrange
        var input = new PulseSummaryInput
        {
            Template = Template,
            Answers = Twelve(),
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
            MinimumGroupSize = 11,
        };

        // Act
        var summary = PulseSummaries.Compute(input);

        // Assert: 10 numeric ratings < 11 → hidden; 11 continuum answers → shown.
        Assert.True(summary.Ratings[0].Suppressed);
        Assert.False(summary.Choices[0].Suppressed);
        Assert.Equal(11, summary.MinimumGroupSize);
    }

    [Fact]
    public void Compute_PreviousLowerMeanAndHigherMedian_TrendsUpAndDown()
    {
        // Act
        var summary = TwelveSummary(Previous());

        // Assert: 3.4 − 2.8 = +0.6; assistance (3) − coordination (4) = −1 level.
        var ratingTrend = summary.Ratings[0].Trend!;
        Assert.Equal(TrendDirection.Up, ratingTrend.Direction);
        Assert.Equal(0.6, ratingTrend.Delta, 6);
        Assert.Equal(2.8, ratingTrend.Previous, 6);
        var levelTrend = summary.Choices[0].Trend!;
        Assert.Equal(TrendDirection.Down, levelTrend.Direction);
        Assert.Equal(-1, levelTrend.Delta);
        Assert.Equal(4, levelTrend.Previous);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 3, 3 }, TrendDirection.Up)] // 2.4 → 3.4: +1.0
    [InlineData(new[] { 5, 5, 5, 4, 4 }, TrendDirection.Down)] // 4.6 → 3.4: −1.2
    [InlineData(new[] { 3, 3, 3, 4, 4 }, TrendDirection.Same)] // 3.4 → 3.4
    [InlineData(new[] { 3, 4, 4, 4, 3 }, TrendDirection.Down)] // 3.6 → 3.4: −0.2, the threshold itself
    public void Compute_MeanAgainstPrevious_ArrowFollowsThreshold(int[] previousRatings, TrendDirection expected)
    {
        // Arrange
        var previous = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = Template,
            Answers = [.. previousRatings.Select(r => (IReadOnlyDictionary<string, object?>)Answer(r))],
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
        });

        // Act
        var trend = TwelveSummary(previous).Ratings[0].Trend!;

        // Assert
        Assert.Equal(expected, trend.Direction);
    }

    [Fact]
    public void Compute_MeanMovesByLessThanThreshold_Same()
    {
        // Arrange: previous 3.3 (3,3,3,4,3,4,3,3,4,3 → 33/10), current 3.4: +0.1.
        var previous = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = Template,
            Answers = [.. new[] { 3, 3, 3, 4, 3, 4, 3, 3, 4, 3 }.Select(r => (IReadOnlyDictionary<string, object?>)Answer(r))],
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
        });

        // Act
        var trend = TwelveSummary(previous).Ratings[0].Trend!;

        // Assert
        Assert.Equal(TrendDirection.Same, trend.Direction);
        Assert.Equal(0.1, trend.Delta, 6);
    }

    [Fact]
    public void Compute_MeanMovesByExactlyThreshold_Arrow()
    {
        // Arrange: previous 3.2 (16/5), current 3.4: +0.2 in floating point is 0.19999…, still an arrow.
        var previous = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = Template,
            Answers = [.. new[] { 3, 3, 3, 3, 4 }.Select(r => (IReadOnlyDictionary<string, object?>)Answer(r))],
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
        });

        // Act
        var trend = TwelveSummary(previous).Ratings[0].Trend!;

        // Assert
        Assert.Equal(TrendDirection.Up, trend.Direction);
    }

    [Fact]
    public void Compute_SameMedianAsPrevious_Same()
    {
        // Arrange
        var previous = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = Template,
            Answers = [Answer(continuum: "assistance"), Answer(continuum: "assistance"), Answer(continuum: "integration")],
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
        });

        // Act
        var trend = TwelveSummary(previous).Choices[0].Trend!;

        // Assert
        Assert.Equal(TrendDirection.Same, trend.Direction);
        Assert.Equal(0, trend.Delta);
    }

    [Fact]
    public void Compute_PreviousSuppressed_NoTrend()
    {
        // Arrange: two previous answers only.
        var previous = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = Template,
            Answers = [Answer(1, continuum: "concurrence"), Answer(1, continuum: "concurrence")],
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
        });

        // Act
        var summary = TwelveSummary(previous);

        // Assert
        Assert.True(previous.Ratings[0].Suppressed);
        Assert.Null(summary.Ratings[0].Trend);
        Assert.Null(summary.Choices[0].Trend);
    }

    [Fact]
    public void Compute_CurrentSuppressed_NoTrend()
    {
        // Arrange
        var input = new PulseSummaryInput
        {
            Template = Template,
            Answers = [Answer(5, continuum: "integration")],
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
            Previous = Previous(),
        };

        // Act
        var summary = PulseSummaries.Compute(input);

        // Assert
        Assert.Null(summary.Ratings[0].Trend);
        Assert.Null(summary.Choices[0].Trend);
    }

    [Fact]
    public void Compute_NoAnswers_EverythingEmptyAndSuppressed()
    {
        // Act
        var summary = PulseSummaries.Compute(new PulseSummaryInput { Template = Template, Answers = [], OpenedAt = OpenedAt, ClosedAt = ClosedAt });

        // Assert
        Assert.Equal(0, summary.AnswerCount);
        Assert.True(summary.Ratings[0].Suppressed);
        Assert.All(summary.FreinsLeviers, f => Assert.Empty(f.Freins));
        Assert.Empty(summary.Changes[0].Items);
    }

    [Fact]
    public void Compute_UnreadableOrOutOfRangeValues_Ignored()
    {
        // Arrange
        var odd = new Dictionary<string, object?> { ["roleClarity"] = 9, ["continuum"] = "nowhere", ["agenda_frein"] = "   " };

        // Act
        var summary = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = Template,
            Answers = [odd, Answer(3), Answer(3), Answer(3)],
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
        });

        // Assert
        Assert.Equal(3, summary.Ratings[0].NumericCount);
        Assert.Equal(0, summary.Choices[0].AnswerCount);
        Assert.Empty(summary.FreinsLeviers[0].Freins);
    }

    [Fact]
    public void Serialize_Summary_RoundTripsThroughJsonContext()
    {
        // Arrange
        var summary = TwelveSummary(Previous());

        // Act
        var json = JsonSerializer.Serialize(summary, PulseSummaryJsonContext.Default.PulseSummary);
        var back = JsonSerializer.Deserialize(json, PulseSummaryJsonContext.Default.PulseSummary)!;

        // Assert
        Assert.Contains("\"direction\":\"Up\"", json, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(back, PulseSummaryJsonContext.Default.PulseSummary), json);
        Assert.Equal(summary.Ratings[0].Mean, back.Ratings[0].Mean);
        Assert.Equal(summary.Ratings[0].Distribution, back.Ratings[0].Distribution);
        Assert.Equal(summary.FreinsLeviers[0].Freins, back.FreinsLeviers[0].Freins);
        Assert.Equal(summary.Changes[0].Items, back.Changes[0].Items);
    }

    [Fact]
    public void Compute_StoredSummaryAsPrevious_GivesSameTrendAsFresh()
    {
        // Arrange
        var json = JsonSerializer.Serialize(Previous(), PulseSummaryJsonContext.Default.PulseSummary);
        var stored = JsonSerializer.Deserialize(json, PulseSummaryJsonContext.Default.PulseSummary)!;

        // Act
        var summary = TwelveSummary(stored);

        // Assert
        Assert.Equal(TrendDirection.Up, summary.Ratings[0].Trend!.Direction);
        Assert.Equal(TrendDirection.Down, summary.Choices[0].Trend!.Direction);
    }

    [Theory]
    [InlineData("  Manque de  TEMPS ", "manque de temps")]
    [InlineData("Équipe\n\tépuisée", "equipe epuisee")]
    [InlineData("Ça", "ca")]
    public void FoldForMerge_Variants_FoldToSameKey(string text, string expected)
    {
        // Act & Assert
        Assert.Equal(expected, PulseSummaries.FoldForMerge(text));
    }
}
