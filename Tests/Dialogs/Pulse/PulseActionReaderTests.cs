namespace ConcertationBot.Tests.Dialogs.Pulse;

public sealed class PulseActionReaderTests
{
    [Theory]
    [InlineData(CardVerbs.PulseOpen, PulseActionKind.Open)]
    [InlineData(CardVerbs.PulseNext, PulseActionKind.Next)]
    [InlineData(CardVerbs.PulseBack, PulseActionKind.Back)]
    [InlineData(CardVerbs.PulseSkip, PulseActionKind.Skip)]
    [InlineData(CardVerbs.PulseEdit, PulseActionKind.Edit)]
    [InlineData(CardVerbs.PulseSubmit, PulseActionKind.Submit)]
    public void TryRead_PulseVerb_Kind(string verb, PulseActionKind expected)
    {
        // Act
        var ok = PulseActionReader.TryRead(verb, new JsonObject { ["pulseId"] = "p1" }, out var action);

        // Assert
        Assert.True(ok);
        Assert.Equal(expected, action.Kind);
    }

    [Theory]
    [InlineData(CardVerbs.HelpShow)]
    [InlineData("pulse.unknown")]
    [InlineData("PULSE.NEXT")]
    [InlineData("")]
    [InlineData(null)]
    public void TryRead_OtherVerb_False(string? verb)
    {
        // Act
        var ok = PulseActionReader.TryRead(verb, new JsonObject(), out _);

        // Assert
        Assert.False(ok);
    }

    [Fact]
    public void TryRead_NextFromTeams_StepRevisionAndInputs()
    {
        // Arrange
        var data = JsonNode.Parse("""
            {"pulseId":"p1","step":"agenda","rev":"7","frein":"tensions","levier":"","choice":null,"other":"ignored","msteams":{"x":1}}
            """)!.AsObject();

        // Act
        PulseActionReader.TryRead(CardVerbs.PulseNext, data, out var action);

        // Assert
        Assert.Equal("agenda", action.StepId);
        Assert.Equal(7, action.Revision);
        Assert.Equal(3, action.Inputs.Count);
        Assert.Equal("tensions", action.Inputs[PulseInputIds.Frein]);
        Assert.Equal(string.Empty, action.Inputs[PulseInputIds.Levier]);
        Assert.Null(action.Inputs[PulseInputIds.Choice]);
    }

    [Theory]
    [InlineData("""{"rev":3}""", 3)]
    [InlineData("""{"rev":"3"}""", 3)]
    [InlineData("""{"rev":" 12 "}""", 12)]
    [InlineData("""{"rev":3.0}""", 3)]
    [InlineData("""{"rev":3.5}""", null)]
    [InlineData("""{"rev":"abc"}""", null)]
    [InlineData("""{"rev":true}""", null)]
    [InlineData("""{"rev":[1]}""", null)]
    [InlineData("""{}""", null)]
    public void TryRead_RevisionAsTeamsSendsIt_ReadLeniently(string json, int? expected)
    {
        // Act
        PulseActionReader.TryRead(CardVerbs.PulseSkip, JsonNode.Parse(json)!.AsObject(), out var action);

        // Assert
        Assert.Equal(expected, action.Revision);
    }

    [Fact]
    public void TryRead_NumberAndBooleanInputs_ReadAsText()
    {
        // Arrange
        var data = new JsonObject { ["rating"] = 4, ["direction"] = true, ["changeText"] = new JsonObject() };

        // Act
        PulseActionReader.TryRead(CardVerbs.PulseNext, data, out var action);

        // Assert
        Assert.Equal("4", action.Inputs[PulseInputIds.Rating]);
        Assert.Equal("true", action.Inputs[PulseInputIds.Direction]);
        Assert.False(action.Inputs.ContainsKey(PulseInputIds.ChangeText));
    }

    [Fact]
    public void TryRead_NoData_ActionWithoutStepOrRevision()
    {
        // Act
        var ok = PulseActionReader.TryRead(CardVerbs.PulseOpen, null, out var action);

        // Assert
        Assert.True(ok);
        Assert.Null(action.StepId);
        Assert.Null(action.Revision);
        Assert.Empty(action.Inputs);
    }

    [Theory]
    [InlineData("""{"pulseId":"p-42"}""", "p-42")]
    [InlineData("""{"pulseId":""}""", null)]
    [InlineData("""{"pulseId":42}""", null)]
    [InlineData("""{}""", null)]
    public void PulseIdOf_Data_IdOrNull(string json, string? expected)
    {
        // Act
        var id = PulseActionReader.PulseIdOf(JsonNode.Parse(json)!.AsObject());

        // Assert
        Assert.Equal(expected, id);
    }

    [Fact]
    public void TryRead_ThenApply_DrivesTheDialog()
    {
        // Arrange
        var state = PulseDialog.Start("p1");
        var data = new JsonObject { ["pulseId"] = "p1", ["step"] = "roleClarity", ["rev"] = 0, ["rating"] = "3" };
        PulseActionReader.TryRead(CardVerbs.PulseNext, data, out var action);

        // Act
        var turn = PulseDialog.Apply(PulseScript.DefaultTemplate, state, action);

        // Assert
        Assert.True(turn.Changed);
        Assert.Equal(3, turn.State.Answers["roleClarity"].Rating);
    }
}
