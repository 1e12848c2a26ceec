using ConcertationBot.Dialogs.Roadmap;

namespace ConcertationBot.Tests.Dialogs.Roadmap;

public sealed class RoadmapCommandsTests
{
    [Theory]
    [InlineData("feuille de route")]
    [InlineData("  Feuille  de ROUTE ")]
    [InlineData("roadmap")]
    [InlineData("Roadmap")]
    public void Parse_KeywordAlone_Show(string text)
    {
        // Act
        var command = RoadmapCommands.Parse(text);

        // Assert
        Assert.Equal(RoadmapCommandKind.Show, command.Kind);
    }

    [Theory]
    [InlineData("feuille de route vision : Un quartier où chacun trouve sa place.", "Un quartier où chacun trouve sa place.")]
    [InlineData("FEUILLE DE ROUTE Vision: Des  partenariats\n durables", "Des partenariats durables")]
    [InlineData("roadmap vision: A neighbourhood for all: really", "A neighbourhood for all: really")]
    public void Parse_Vision_SetVisionWithTextAsTyped(string text, string vision)
    {
        // Act
        var command = RoadmapCommands.Parse(text);

        // Assert
        Assert.Equal(RoadmapCommandKind.SetVision, command.Kind);
        Assert.Equal(vision, command.Text);
    }

    [Theory]
    [InlineData("feuille de route ajouter court : Une navette le samedi", RoadmapHorizon.Court, "Une navette le samedi")]
    [InlineData("feuille de route ajouter moyen terme : Un local partagé", RoadmapHorizon.Moyen, "Un local partagé")]
    [InlineData("Feuille de route AJOUTER long-terme: Un centre de santé", RoadmapHorizon.Long, "Un centre de santé")]
    [InlineData("roadmap add short: A Saturday shuttle", RoadmapHorizon.Court, "A Saturday shuttle")]
    [InlineData("roadmap add medium term: A shared room", RoadmapHorizon.Moyen, "A shared room")]
    [InlineData("roadmap add long: A health centre", RoadmapHorizon.Long, "A health centre")]
    public void Parse_Add_AddWithHorizonAndText(string text, RoadmapHorizon horizon, string item)
    {
        // Act
        var command = RoadmapCommands.Parse(text);

        // Assert
        Assert.Equal(RoadmapCommandKind.Add, command.Kind);
        Assert.Equal(horizon, command.Horizon);
        Assert.Equal(item, command.Text);
    }

    [Theory]
    [InlineData("feuille de route vision", RoadmapCommandProblem.NoVision)]
    [InlineData("feuille de route vision :   ", RoadmapCommandProblem.NoVision)]
    [InlineData("feuille de route ajouter : Une navette", RoadmapCommandProblem.NoItem)]
    [InlineData("feuille de route ajouter bientôt : Une navette", RoadmapCommandProblem.NoItem)]
    [InlineData("feuille de route ajouter court Une navette", RoadmapCommandProblem.NoItem)]
    [InlineData("roadmap add short:", RoadmapCommandProblem.NoItem)]
    [InlineData("roadmap delete everything", RoadmapCommandProblem.Unknown)]
    public void Parse_Unreadable_InvalidWithProblem(string text, RoadmapCommandProblem problem)
    {
        // Act
        var command = RoadmapCommands.Parse(text);

        // Assert
        Assert.Equal(RoadmapCommandKind.Invalid, command.Kind);
        Assert.Equal(problem, command.Problem);
    }

    [Fact]
    public void Parse_VisionOverLimit_VisionTooLong()
    {
        // Act
        var command = RoadmapCommands.Parse("roadmap vision: " + new string('v', RoadmapSteps.MaxVisionLength + 1));

        // Assert
        Assert.Equal(RoadmapCommandProblem.VisionTooLong, command.Problem);
    }

    [Fact]
    public void Parse_ItemAtLimitAndOver_AddThenItemTooLong()
    {
        // Act
        var atLimit = RoadmapCommands.Parse("roadmap add short: " + new string('x', RoadmapSteps.MaxTextLength));
        var over = RoadmapCommands.Parse("roadmap add short: " + new string('x', RoadmapSteps.MaxTextLength + 1));

        // Assert
        Assert.Equal(RoadmapCommandKind.Add, atLimit.Kind);
        Assert.Equal(RoadmapCommandProblem.ItemTooLong, over.Problem);
    }
}
