using ConcertationBot.Dialogs.Roadmap;

namespace ConcertationBot.Tests.Dialogs.Roadmap;

public sealed class RoadmapCardModelsTests
{
    private static readonly RoadmapItemFields Shown = new()
    {
        Status = "AVenir", Horizon = "Court", Text = "Une navette le samedi", Indicator = "", Carriers = "",
    };

    [Fact]
    public void ReadForm_OnlyStatusChanged_EditOfTheStatusAlone()
    {
        // Act
        var edit = RoadmapCardModels.ReadForm("i1", Shown with { Status = "Atteint" }, Shown);

        // Assert
        Assert.Equal(new EditItem("i1", Status: RoadmapStatus.Atteint), edit);
    }

    [Fact]
    public void ReadForm_EveryFieldChanged_EveryFieldInTheEdit()
    {
        // Act
        var edit = RoadmapCardModels.ReadForm(
            "i1", new RoadmapItemFields { Status = "EnCours", Horizon = "Long", Text = "Deux navettes", Indicator = "2 trajets", Carriers = "Marie" }, Shown);

        // Assert
        Assert.Equal(new EditItem("i1", "Deux navettes", "2 trajets", RoadmapStatus.EnCours, "Marie", RoadmapHorizon.Long), edit);
    }

    [Fact]
    public void ReadForm_CodesNotOfTheCard_Unchanged()
    {
        // Act
        var edit = RoadmapCardModels.ReadForm("i1", Shown with { Status = "Fini", Horizon = "2" }, Shown);

        // Assert
        Assert.Equal(new EditItem("i1"), edit);
    }

    [Fact]
    public void ReadForm_NoShownFields_EveryFieldSentCounts()
    {
        // Act
        var edit = RoadmapCardModels.ReadForm("i1", new RoadmapItemFields { Status = "Atteint", Carriers = "" }, was: null);

        // Assert
        Assert.Equal(new EditItem("i1", Status: RoadmapStatus.Atteint, Carriers: ""), edit);
    }

    [Fact]
    public void Describe_ItemChangedLateUtc_DateWhereTheTableMeets()
    {
        // Arrange: 02:00 UTC on 7 December is still 6 December in Montréal.
        var item = new RoadmapItem
        {
            Id = "i1", Text = "Une navette", Horizon = RoadmapHorizon.Moyen, Status = RoadmapStatus.Abandonne,
            LastChanged = new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero), Source = "command",
        };

        // Act
        var shown = RoadmapCardModels.Describe(item, Language.French, "America/Toronto");

        // Assert
        Assert.Equal(("6 décembre 2026", "Moyen", "Abandonne"), (shown.Changed, shown.Horizon, shown.Status));
    }
}
