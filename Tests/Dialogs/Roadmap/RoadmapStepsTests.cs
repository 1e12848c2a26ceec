using ConcertationBot.Dialogs.Roadmap;

namespace ConcertationBot.Tests.Dialogs.Roadmap;

public sealed class RoadmapStepsTests
{
    private static readonly DateTimeOffset Added = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private static readonly RoadmapItem Shuttle = new()
    {
        Id = "i1", Text = "Une navette le samedi", Horizon = RoadmapHorizon.Court, LastChanged = Added, Source = "command",
    };

    private static readonly RoadmapPlan WithShuttle = new("Un quartier pour tous", [Shuttle]);

    [Fact]
    public void Apply_SetVision_NewVisionAndOneHistoryLineByTheRole()
    {
        // Act
        var step = RoadmapSteps.Apply(RoadmapPlan.Empty, new SetVision("  Un quartier pour tous "), Now);

        // Assert
        Assert.True(step.Applied);
        Assert.Equal("Un quartier pour tous", step.Plan.Vision);
        var entry = Assert.Single(step.History);
        Assert.Equal(new RoadmapHistoryEntry(RoadmapChangeKind.Vision, null, Now, RoadmapHistoryEntry.CoordinatorRole), entry);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Apply_EmptyVision_BadTextNothingChanged(string vision)
    {
        // Act
        var step = RoadmapSteps.Apply(WithShuttle, new SetVision(vision), Now);

        // Assert
        Assert.Equal(RoadmapProblem.BadText, step.Problem);
        Assert.Same(WithShuttle, step.Plan);
        Assert.Empty(step.History);
    }

    [Fact]
    public void Apply_AddItem_AppendedAVenirWithSourceAndTime()
    {
        // Act
        var step = RoadmapSteps.Apply(WithShuttle, new AddItem("i2", "Un local partagé", RoadmapHorizon.Moyen, "vote:abc"), Now);

        // Assert
        Assert.True(step.Applied);
        var added = step.Plan.Items[1];
        Assert.Equal(("i2", "Un local partagé", RoadmapHorizon.Moyen, RoadmapStatus.AVenir, "vote:abc", Now), (added.Id, added.Text, added.Horizon, added.Status, added.Source, added.LastChanged));
        Assert.Equal(RoadmapChangeKind.Add, Assert.Single(step.History).Kind);
    }

    [Fact]
    public void Apply_AddItemAgainSameId_AlreadyDone()
    {
        // Act
        var step = RoadmapSteps.Apply(WithShuttle, new AddItem("i1", "Autre", RoadmapHorizon.Long, "command"), Now);

        // Assert
        Assert.Equal(RoadmapProblem.AlreadyDone, step.Problem);
        Assert.Single(step.Plan.Items);
    }

    [Theory]
    [InlineData("Une navette le samedi", "command", false)]
    [InlineData(" Une navette le samedi ", "command", false)]
    [InlineData("Une navette le samedi", "vote:abc", true)]
    [InlineData("Une navette le dimanche", "command", true)]
    public void Apply_AddItemOnce_AddedUnlessSameSourceAndText(string text, string source, bool added)
    {
        // Act: a new id each time, as a second click on "Ajouter à la feuille de route" makes.
        var step = RoadmapSteps.Apply(WithShuttle, new AddItemOnce(new AddItem("i2", text, RoadmapHorizon.Court, source)), Now);

        // Assert
        Assert.Equal(added ? RoadmapProblem.None : RoadmapProblem.AlreadyDone, step.Problem);
        Assert.Equal(added ? 2 : 1, step.Plan.Items.Count);
        Assert.Equal(added ? 1 : 0, step.History.Count);
    }

    [Fact]
    public void Apply_AddItemWhenFull_Full()
    {
        // Arrange
        var full = new RoadmapPlan(null, [.. Enumerable.Range(0, RoadmapSteps.MaxItems).Select(n => Shuttle with { Id = "i" + n })]);

        // Act
        var step = RoadmapSteps.Apply(full, new AddItem("new", "Un de trop", RoadmapHorizon.Court, "command"), Now);

        // Assert
        Assert.Equal(RoadmapProblem.Full, step.Problem);
    }

    [Fact]
    public void Apply_EditSeveralFields_EachChangeIsAHistoryLineAndLastChangedMoves()
    {
        // Act
        var step = RoadmapSteps.Apply(WithShuttle, new EditItem("i1", Indicator: "2 trajets par samedi", Status: RoadmapStatus.EnCours, Carriers: "Marie, le CLSC"), Now);

        // Assert
        var item = Assert.Single(step.Plan.Items);
        Assert.Equal(("2 trajets par samedi", RoadmapStatus.EnCours, "Marie, le CLSC", Now, "Une navette le samedi"), (item.Indicator, item.Status, item.Carriers, item.LastChanged, item.Text));
        Assert.Equal([RoadmapChangeKind.Indicator, RoadmapChangeKind.Status, RoadmapChangeKind.Carriers], step.History.Select(h => h.Kind));
        Assert.All(step.History, h => Assert.Equal(("i1", RoadmapHistoryEntry.CoordinatorRole), (h.ItemId, h.By)));
    }

    [Fact]
    public void Apply_EditEmptyIndicator_Cleared()
    {
        // Arrange
        var measured = WithShuttle with { Items = [Shuttle with { Indicator = "2 trajets" }] };

        // Act
        var step = RoadmapSteps.Apply(measured, new EditItem("i1", Indicator: " "), Now);

        // Assert
        Assert.Null(Assert.Single(step.Plan.Items).Indicator);
    }

    [Fact]
    public void Apply_EditSameStatus_UnchangedNoHistory()
    {
        // Act
        var step = RoadmapSteps.Apply(WithShuttle, new EditItem("i1", Status: RoadmapStatus.AVenir), Now);

        // Assert
        Assert.Equal(RoadmapProblem.Unchanged, step.Problem);
        Assert.Empty(step.History);
    }

    [Fact]
    public void Apply_EditTextTooLong_BadText()
    {
        // Act
        var step = RoadmapSteps.Apply(WithShuttle, new EditItem("i1", Text: new string('x', RoadmapSteps.MaxTextLength + 1)), Now);

        // Assert
        Assert.Equal(RoadmapProblem.BadText, step.Problem);
    }

    [Fact]
    public void Apply_MoveHorizon_MovedWithHistory()
    {
        // Act
        var step = RoadmapSteps.Apply(WithShuttle, new MoveItem("i1", RoadmapHorizon.Long), Now);

        // Assert
        Assert.Equal(RoadmapHorizon.Long, Assert.Single(step.Plan.Items).Horizon);
        Assert.Equal(RoadmapChangeKind.Move, Assert.Single(step.History).Kind);
    }

    [Fact]
    public void Apply_Remove_GoneWithHistory()
    {
        // Act
        var step = RoadmapSteps.Apply(WithShuttle, new RemoveItem("i1"), Now);

        // Assert
        Assert.Empty(step.Plan.Items);
        Assert.Equal(new RoadmapHistoryEntry(RoadmapChangeKind.Remove, "i1", Now, RoadmapHistoryEntry.CoordinatorRole), Assert.Single(step.History));
    }

    [Theory]
    [MemberData(nameof(ItemOperations))]
    public void Apply_ItemOperationOnMissingItem_ItemMissing(RoadmapOperation operation)
    {
        // Act
        var step = RoadmapSteps.Apply(WithShuttle, operation, Now);

        // Assert
        Assert.Equal(RoadmapProblem.ItemMissing, step.Problem);
        Assert.Same(WithShuttle, step.Plan);
    }

    public static TheoryData<RoadmapOperation> ItemOperations() =>
    [
        new EditItem("gone", Status: RoadmapStatus.Atteint),
        new MoveItem("gone", RoadmapHorizon.Long),
        new RemoveItem("gone"),
    ];
}
