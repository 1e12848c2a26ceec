using ConcertationBot.Dialogs.Roadmap;

namespace ConcertationBot.Tests.Dialogs.Export;

/// <summary>
/// "Pistes d'action et suite" read from the feuille de route and its history (issue #17): what was added or changed
/// during the rencontre, and what was reached since the previous one (résultats attendus vs obtenus).
/// </summary>
public sealed class CompteRenduNextStepsTests
{
    private static readonly DateTimeOffset PreviousRencontre = new(2026, 6, 10, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Rencontre = new(2026, 9, 14, 13, 0, 0, TimeSpan.Zero);

    private static RoadmapItem Item(string id, string text, RoadmapStatus status = RoadmapStatus.AVenir, RoadmapHorizon horizon = RoadmapHorizon.Court) => new()
    {
        Id = id,
        Text = text,
        Horizon = horizon,
        Status = status,
        Source = "command",
        LastChanged = PreviousRencontre.AddDays(-30),
    };

    private static RoadmapHistoryEntry Line(RoadmapChangeKind kind, string? itemId, DateTimeOffset at) =>
        new(kind, itemId, at, RoadmapHistoryEntry.CoordinatorRole);

    [Fact]
    public void From_AddedDuringTheRencontre_InAddedOnlyEvenWhenAlsoEdited()
    {
        // Arrange
        var plan = new RoadmapPlan(null, [Item("a", "Un registre des logements vacants")]);
        var history = new[]
        {
            Line(RoadmapChangeKind.Add, "a", Rencontre.AddMinutes(5)),
            Line(RoadmapChangeKind.Indicator, "a", Rencontre.AddMinutes(6)),
        };

        // Act
        var steps = CompteRenduNextSteps.From(plan, history, Rencontre, PreviousRencontre);

        // Assert
        Assert.Equal(["Un registre des logements vacants"], steps.Added.Select(i => i.Text));
        Assert.Empty(steps.Changed);
        Assert.Empty(steps.Reached);
    }

    [Fact]
    public void From_ReachedBetweenTheRencontres_ReachedNotChanged()
    {
        // Arrange: added before the previous rencontre; reached in July, between the two rencontres.
        var plan = new RoadmapPlan(null, [Item("a", "Une navette le samedi", RoadmapStatus.Atteint)]);
        var history = new[]
        {
            Line(RoadmapChangeKind.Add, "a", PreviousRencontre.AddDays(-30)),
            Line(RoadmapChangeKind.Status, "a", PreviousRencontre.AddDays(30)),
        };

        // Act
        var steps = CompteRenduNextSteps.From(plan, history, Rencontre, PreviousRencontre);

        // Assert
        Assert.Equal([new CompteRenduRoadmapItem("Une navette le samedi", "Court", "Atteint")], steps.Reached);
        Assert.Empty(steps.Added);
        Assert.Empty(steps.Changed);
    }

    [Fact]
    public void From_ReachedBeforeThePreviousRencontre_NotReportedAgain()
    {
        // Arrange: the previous compte-rendu already said it was reached.
        var plan = new RoadmapPlan(null, [Item("a", "Une navette le samedi", RoadmapStatus.Atteint)]);
        var history = new[] { Line(RoadmapChangeKind.Status, "a", PreviousRencontre.AddDays(-1)) };

        // Act
        var steps = CompteRenduNextSteps.From(plan, history, Rencontre, PreviousRencontre);

        // Assert
        Assert.True(steps.IsEmpty);
    }

    [Fact]
    public void From_NoPreviousRencontre_EveryReachedItemSinceTheFeuilleDeRouteBegan()
    {
        // Arrange
        var plan = new RoadmapPlan(null, [Item("a", "Une navette le samedi", RoadmapStatus.Atteint), Item("b", "Un jardin collectif", RoadmapStatus.EnCours)]);
        var history = new[]
        {
            Line(RoadmapChangeKind.Status, "a", PreviousRencontre.AddYears(-2)),
            Line(RoadmapChangeKind.Status, "b", PreviousRencontre.AddYears(-2)),
        };

        // Act
        var steps = CompteRenduNextSteps.From(plan, history, Rencontre, previousRencontreOpenedAt: null);

        // Assert: only what is reached now; "en cours" is not a result.
        Assert.Equal(["Une navette le samedi"], steps.Reached.Select(i => i.Text));
    }

    [Fact]
    public void From_ChangedDuringTheRencontre_ChangedUnlessReachedOrRemoved()
    {
        // Arrange: b moved to the long term, c reached, d removed (no longer in the plan), e only the vision changed.
        var plan = new RoadmapPlan("Un quartier où l'on se loge dignement", [
            Item("b", "Une coopérative d'habitation", horizon: RoadmapHorizon.Long),
            Item("c", "Une clinique juridique", RoadmapStatus.Atteint),
            Item("e", "Un comité de locataires"),
        ]);
        var history = new[]
        {
            Line(RoadmapChangeKind.Move, "b", Rencontre.AddMinutes(1)),
            Line(RoadmapChangeKind.Status, "c", Rencontre.AddMinutes(2)),
            Line(RoadmapChangeKind.Remove, "d", Rencontre.AddMinutes(3)),
            Line(RoadmapChangeKind.Vision, null, Rencontre.AddMinutes(4)),
            Line(RoadmapChangeKind.Carriers, "e", Rencontre.AddMinutes(-1)),
        };

        // Act
        var steps = CompteRenduNextSteps.From(plan, history, Rencontre, PreviousRencontre);

        // Assert
        Assert.Equal([new CompteRenduRoadmapItem("Une coopérative d'habitation", "Long", "AVenir")], steps.Changed);
        Assert.Equal(["Une clinique juridique"], steps.Reached.Select(i => i.Text));
        Assert.Empty(steps.Added);
    }
}
