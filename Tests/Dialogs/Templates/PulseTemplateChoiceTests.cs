using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Tests.Dialogs.Templates;

public sealed class PulseTemplateChoiceTests
{
    private static PulseTemplate Template => PulseTemplates.Default;

    private static PulseTemplateChoice Choice(params string[] stepIds) => new() { StepIds = stepIds, DurationHours = 168 };

    [Fact]
    public void Apply_FourConditionsAndRoleClarity_KeepsOnlyThoseStepsInTemplateOrder()
    {
        // Arrange: asked out of order, with the fifth condition (soutien), the continuum and the change left out.
        var choice = Choice("communication", "agenda", "roleClarity", "activites", "mesures");

        // Act
        var template = choice.Apply(Template);

        // Assert
        Assert.Equal(["roleClarity", "agenda", "mesures", "activites", "communication"], template.Steps.Select(s => s.Id));
        Assert.Equal(Template.Title, template.Title);
        Assert.Equal(Template.Id, template.Id);
    }

    [Fact]
    public void Apply_NoCondition_GivesTheWholeTemplate()
    {
        // Arrange
        var choice = Choice("roleClarity", "continuum");

        // Act
        var template = choice.Apply(Template);

        // Assert
        Assert.Same(Template, template);
    }

    [Fact]
    public void Apply_UnknownStepIds_Ignored()
    {
        // Arrange
        var choice = Choice("agenda", "retired", "change");

        // Act
        var template = choice.Apply(Template);

        // Assert
        Assert.Equal(["agenda", "change"], template.Steps.Select(s => s.Id));
    }

    [Fact]
    public void StepsCodeFor_SomeSteps_RoundTripsThroughSelect()
    {
        // Arrange
        var choice = Choice("agenda", "mesures", "activites", "communication");

        // Act
        var code = choice.StepsCodeFor(Template);
        var stored = PulseTemplateChoice.Select(Template, code);

        // Assert
        Assert.Equal("agenda,mesures,activites,communication", code);
        Assert.Equal(["agenda", "mesures", "activites", "communication"], stored.Steps.Select(s => s.Id));
    }

    [Fact]
    public void StepsCodeFor_EveryStep_IsNull()
    {
        // Arrange
        var choice = PulseTemplateChoice.Everything(Template, TimeSpan.FromDays(7));

        // Act
        var code = choice.StepsCodeFor(Template);

        // Assert
        Assert.Null(code);
        Assert.Equal(168, choice.DurationHours);
        Assert.True(choice.Profiles);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Select_NothingStored_EveryStep(string? stored)
    {
        // Act
        var template = PulseTemplateChoice.Select(Template, stored);

        // Assert
        Assert.Same(Template, template);
    }

    [Fact]
    public void For_StoredDefaultWithRetiredStep_DropsItKeepsTheRest()
    {
        // Arrange
        var stored = Choice("retired", "soutien", "continuum") with { Profiles = false, DurationHours = 72 };

        // Act
        var current = stored.For(Template);

        // Assert
        Assert.Equal(["soutien", "continuum"], current.StepIds);
        Assert.False(current.Profiles);
        Assert.Equal(72, current.DurationHours);
    }

    [Fact]
    public void Current_NoStoredDefault_EveryStepForTheGivenDuration()
    {
        // Act
        var current = PulseTemplateChoice.Current(null, Template, TimeSpan.FromHours(48));

        // Assert
        Assert.Equal(Template.Steps.Select(s => s.Id), current.StepIds);
        Assert.Equal(48, current.DurationHours);
        Assert.True(current.Profiles);
    }

    [Fact]
    public void Current_StoredDefault_ItsStepsAndDurationNotTheGivenOne()
    {
        // Arrange
        var stored = Choice("agenda", "retired") with { DurationHours = 24 };

        // Act
        var current = PulseTemplateChoice.Current(stored, Template, TimeSpan.FromHours(48));

        // Assert
        Assert.Equal(["agenda"], current.StepIds);
        Assert.Equal(24, current.DurationHours);
    }

    [Fact]
    public void Json_Choice_RoundTrips()
    {
        // Arrange
        var choice = Choice("agenda", "continuum") with { Profiles = false, DurationHours = 48 };

        // Act
        var json = JsonSerializer.Serialize(choice, PulseTemplateChoiceJsonContext.Default.PulseTemplateChoice);
        var back = JsonSerializer.Deserialize(json, PulseTemplateChoiceJsonContext.Default.PulseTemplateChoice)!;

        // Assert
        Assert.Equal(choice.StepIds, back.StepIds);
        Assert.False(back.Profiles);
        Assert.Equal(48, back.DurationHours);
    }
}
