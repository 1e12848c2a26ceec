using System.Collections.Immutable;

namespace ConcertationBot.Tests.Dialogs.Pulse;

public sealed class PulseAnswerFieldsTests
{
    [Fact]
    public void ToFields_AllAnswered_StableNamesAndTypes()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();

        // Act
        var fields = PulseAnswerFields.ToFields(script.Template, script.State.Answers);

        // Assert
        Assert.Equal(14, fields.Count);
        Assert.Equal(4, Assert.IsType<int>(fields["roleClarity"]));
        Assert.Equal("frein agenda", fields["agenda_frein"]);
        Assert.Equal("levier soutien", fields["soutien_levier"]);
        Assert.Equal("coordination", fields["continuum"]);
        Assert.Equal("Plus de nouveaux acteurs sur des projets en collaboration", fields["change_text"]);
        Assert.Equal(PulseInputIds.Positive, fields["change_direction"]);
    }

    [Fact]
    public void ToFields_PartialAnswers_OnlyAnsweredFields()
    {
        // Arrange
        var answers = new Dictionary<string, StepAnswer>
        {
            ["roleClarity"] = new() { DontKnow = true },
            ["mesures"] = new() { Levier = "indicateurs simples" },
            ["change"] = new() { Direction = PulseInputIds.Negative },
        };

        // Act
        var fields = PulseAnswerFields.ToFields(PulseScript.DefaultTemplate, answers);

        // Assert
        Assert.Equal(
            new Dictionary<string, object>
            {
                ["roleClarity_dontKnow"] = true,
                ["mesures_levier"] = "indicateurs simples",
                ["change_direction"] = PulseInputIds.Negative,
            },
            fields);
    }

    [Fact]
    public void FromFields_ToFieldsOutput_SameAnswers()
    {
        // Arrange
        var script = new PulseScript();
        script.Next((PulseInputIds.Rating, PulseInputIds.DontKnow));
        script.Next((PulseInputIds.Frein, "tensions entre partenaires"));
        script.SkipTo("continuum");
        script.Next((PulseInputIds.Choice, "integration"));
        script.Next((PulseInputIds.ChangeText, "Essoufflement 😓"), (PulseInputIds.Direction, "negative"));
        var answers = script.State.Answers;

        // Act
        var fields = PulseAnswerFields.ToFields(script.Template, answers);
        var back = PulseAnswerFields.FromFields(script.Template, fields.ToDictionary(f => f.Key, f => (object?)f.Value));

        // Assert
        Assert.Equal(4, answers.Count);
        Assert.Equal(answers.OrderBy(a => a.Key), back.OrderBy(a => a.Key));
    }

    [Fact]
    public void FromFields_StoredTypesVaryOrFieldsMissing_Tolerated()
    {
        // Arrange
        var fields = new Dictionary<string, object?>
        {
            ["roleClarity"] = 3L,
            ["agenda_frein"] = JsonSerializer.SerializeToElement("gouvernance"),
            ["agenda_levier"] = null,
            ["mesures_frein"] = "",
            ["continuum"] = 12,
            ["change_direction"] = "positive",
            ["unrelated"] = "x",
        };

        // Act
        var answers = PulseAnswerFields.FromFields(PulseScript.DefaultTemplate, fields);

        // Assert
        Assert.Equal(
            ImmutableSortedDictionary.CreateRange(new Dictionary<string, StepAnswer>
            {
                ["roleClarity"] = new() { Rating = 3 },
                ["agenda"] = new() { Frein = "gouvernance" },
                ["change"] = new() { Direction = "positive" },
            }),
            ImmutableSortedDictionary.CreateRange(answers));
    }

    [Fact]
    public void FromFields_DontKnowAsText_Read()
    {
        // Arrange
        var fields = new Dictionary<string, object?> { ["roleClarity_dontKnow"] = "true" };

        // Act
        var answers = PulseAnswerFields.FromFields(PulseScript.DefaultTemplate, fields);

        // Assert
        Assert.True(answers["roleClarity"].DontKnow);
    }

    [Fact]
    public void FromFields_Empty_NoAnswers()
    {
        // Act
        var answers = PulseAnswerFields.FromFields(PulseScript.DefaultTemplate, new Dictionary<string, object?>());

        // Assert
        Assert.Empty(answers);
    }
}
