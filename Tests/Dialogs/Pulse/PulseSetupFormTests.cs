using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Tests.Dialogs.Pulse;

public sealed class PulseSetupFormTests
{
    private static PulseTemplate Template => PulseTemplates.Default;

    private static PulseTemplateChoice Everything() => PulseTemplateChoice.Everything(Template, TimeSpan.FromDays(7));

    /// <summary>The inputs as Teams sends the form: every toggle as "true" or "false", the duration as a string.</summary>
    private static JsonObject Inputs(string duration, string profiles, params string[] on)
    {
        var fields = new JsonObject { [CardDataFields.SetupDuration] = duration, [CardDataFields.SetupProfiles] = profiles };
        foreach (var step in Template.Steps)
        {
            fields[CardDataFields.SetupStepPrefix + step.Id] = on.Contains(step.Id) ? "true" : "false";
        }

        return fields;
    }

    [Fact]
    public void Read_FourConditionsNoOptionalStep_ChoiceHoldsThem()
    {
        // Arrange
        var inputs = Inputs("72", "false", "agenda", "mesures", "activites", "communication");

        // Act
        var read = PulseSetupForm.Read(Template, Everything(), inputs);

        // Assert
        Assert.False(read.NoCondition);
        Assert.Equal(["agenda", "mesures", "activites", "communication"], read.Choice.StepIds);
        Assert.False(read.Choice.Profiles);
        Assert.Equal(72, read.Choice.DurationHours);
    }

    [Fact]
    public void Read_NoConditionOnlyOptionalSteps_NoConditionAndKeepsWhatWasChosen()
    {
        // Arrange
        var inputs = Inputs("48", "true", "roleClarity", "change");

        // Act
        var read = PulseSetupForm.Read(Template, Everything(), inputs);

        // Assert
        Assert.True(read.NoCondition);
        Assert.Equal(["roleClarity", "change"], read.Choice.StepIds);
        Assert.Equal(48, read.Choice.DurationHours);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5000")]
    [InlineData("sept")]
    [InlineData("-24")]
    public void Read_DurationOutOfRangeOrUnreadable_KeepsTheCurrentDuration(string duration)
    {
        // Arrange
        var current = Everything() with { DurationHours = 336 };

        // Act
        var read = PulseSetupForm.Read(Template, current, Inputs(duration, "true", "agenda"));

        // Assert
        Assert.Equal(336, read.Choice.DurationHours);
    }

    [Fact]
    public void Read_BooleanTogglesAndUnknownStep_ReadsBooleansIgnoresUnknown()
    {
        // Arrange
        var inputs = new JsonObject
        {
            [CardDataFields.SetupStepPrefix + "soutien"] = true,
            [CardDataFields.SetupStepPrefix + "invented"] = "true",
            [CardDataFields.SetupStepPrefix + "agenda"] = "TRUE",
            [CardDataFields.SetupProfiles] = false,
        };

        // Act
        var read = PulseSetupForm.Read(Template, Everything(), inputs);

        // Assert
        Assert.Equal(["agenda", "soutien"], read.Choice.StepIds);
        Assert.False(read.Choice.Profiles);
        Assert.Equal(168, read.Choice.DurationHours);
    }

    [Fact]
    public void Describe_Choice_ConditionsAndOptionalStepsAsToggles()
    {
        // Arrange
        var choice = Everything() with { StepIds = ["agenda", "continuum"], Profiles = false, DurationHours = 48 };

        // Act
        var model = PulseSetupForm.Describe(Template, choice, Language.French, noCondition: true);

        // Assert
        Assert.Equal(["agenda", "mesures", "activites", "communication", "soutien"], model.Conditions.Select(c => c.StepId));
        Assert.Equal(["agenda"], model.Conditions.Where(c => c.Chosen).Select(c => c.StepId));
        Assert.Equal(["roleClarity", "continuum", "change"], model.OptionalSteps.Select(c => c.StepId));
        Assert.Equal(["continuum"], model.OptionalSteps.Where(c => c.Chosen).Select(c => c.StepId));
        Assert.Equal("Agenda partagé", model.Conditions[0].Title);
        Assert.False(model.Profiles);
        Assert.Equal(48, model.DurationHours);
        Assert.True(model.NoCondition);
    }
}
