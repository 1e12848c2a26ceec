namespace ConcertationBot.Tests.Dialogs.Pulse;

public sealed class PulseTemplatesTests
{
    [Fact]
    public void Default_EmbeddedResource_EightStepsInOrder()
    {
        // Act
        var template = PulseTemplates.Default;

        // Assert
        Assert.Equal("collective-impact", template.Id);
        Assert.Equal(1, template.Version);
        Assert.Equal(500, template.MaxTextLength);
        Assert.Equal("Pouls de la table de quartier", template.Title.French);
        Assert.Equal("Round table pulse", template.Title.English);
        Assert.Equal(
            ["roleClarity", "agenda", "mesures", "activites", "communication", "soutien", "continuum", "change"],
            template.Steps.Select(s => s.Id));
        Assert.Equal(
            [PulseStepKind.Rating, .. Enumerable.Repeat(PulseStepKind.FreinLevier, 5), PulseStepKind.Choice, PulseStepKind.Change],
            template.Steps.Select(s => s.Kind));
    }

    [Fact]
    public void Default_RoleClarity_OneToFiveWithDontKnow()
    {
        // Act
        var rating = Assert.IsType<RatingStep>(PulseTemplates.Default.Steps[0]);

        // Assert
        Assert.Equal(1, rating.Min);
        Assert.Equal(5, rating.Max);
        Assert.True(rating.AllowDontKnow);
        Assert.Equal("pas du tout", rating.MinLabel.French);
        Assert.Equal("tout à fait", rating.MaxLabel.French);
        Assert.Equal("Les objectifs, les rôles et les attentes sont compris de la même façon par tous les partenaires.", rating.Prompt.French);
    }

    [Fact]
    public void Default_EveryCondition_DefinedByItsPromptWithoutTheQuestion()
    {
        // Act
        var conditions = PulseTemplates.Default.Steps.OfType<FreinLevierStep>().ToList();

        // Assert: the compte-rendu prints the definition under the condition's name (issue #16).
        Assert.Equal(5, conditions.Count);
        Assert.All(conditions, condition =>
        {
            var definition = Assert.IsType<Localized>(condition.Definition);
            Assert.StartsWith(definition.French, condition.Prompt.French, StringComparison.Ordinal);
            Assert.StartsWith(definition.English, condition.Prompt.English, StringComparison.Ordinal);
            Assert.DoesNotContain("Nommez", definition.French, StringComparison.Ordinal);
            Assert.DoesNotContain("Name one", definition.English, StringComparison.Ordinal);
        });
        Assert.Equal("Tous les partenaires partagent une vision et des objectifs alignés.", conditions[0].Definition!.French);
    }

    [Fact]
    public void Default_Continuum_SevenLevelsFromRivalryToTrust()
    {
        // Act
        var continuum = Assert.IsType<ChoiceStep>(PulseTemplates.Default.Steps[6]);

        // Assert
        Assert.Equal(
            ["concurrence", "coexistence", "communication", "assistance", "coordination", "collaboration", "integration"],
            continuum.Options.Select(o => o.Id));
        Assert.Equal("Intégration", continuum.Options[^1].Label.French);
        Assert.All(continuum.Options, o => Assert.NotNull(o.Description));
    }

    [Fact]
    public void Default_EveryText_BothLanguagesNonEmpty()
    {
        // Arrange
        var template = PulseTemplates.Default;
        var texts = new List<Localized?> { template.Title, template.Intro };
        foreach (var step in template.Steps)
        {
            texts.Add(step.Title);
            texts.Add(step.Prompt);
            switch (step)
            {
                case RatingStep r:
                    texts.AddRange([r.MinLabel, r.MaxLabel]);
                    break;
                case ChoiceStep c:
                    texts.AddRange(c.Options.SelectMany(o => new[] { o.Label, o.Description }));
                    break;
                case ChangeStep ch:
                    texts.AddRange([ch.PositiveLabel, ch.NegativeLabel]);
                    break;
            }
        }

        // Assert
        Assert.Equal(36, texts.Count);
        Assert.All(texts, t =>
        {
            Assert.NotNull(t);
            Assert.False(string.IsNullOrWhiteSpace(t.French));
            Assert.False(string.IsNullOrWhiteSpace(t.English));
        });
    }

    [Fact]
    public void Default_ReadTwice_SameInstance()
    {
        // Act
        var first = PulseTemplates.Default;
        var second = PulseTemplates.Default;

        // Assert
        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("missingText", "pulse-test.json: steps[3].title.en is missing")]
    [InlineData("emptyText", "pulse-test.json: steps[5].prompt.fr is empty")]
    [InlineData("badOptionId", "pulse-test.json: steps[6].options[2].id \"x y\" is not a valid id")]
    [InlineData("maxNotAboveMin", "pulse-test.json: steps[0].max must be greater than min")]
    [InlineData("minAsString", "pulse-test.json: steps[0].min must be a whole number")]
    [InlineData("unknownKind", "pulse-test.json: steps[4].kind \"foo\" is unknown (rating, freinLevier, choice, change)")]
    [InlineData("missingKind", "pulse-test.json: steps[1].kind is missing")]
    [InlineData("duplicateStepId", "pulse-test.json: steps[2].id \"agenda\" is used twice (also steps[1].id)")]
    [InlineData("duplicateOptionId", "pulse-test.json: steps[6].options[1].id \"concurrence\" is used twice (also options[0].id)")]
    [InlineData("badStepId", "pulse-test.json: steps[7].id \"Change\" is not a valid id")]
    [InlineData("typoInStep", "pulse-test.json: steps[0].titel is not a known property")]
    [InlineData("typoAtRoot", "pulse-test.json: maxTextLenght is not a known property")]
    [InlineData("typoInText", "pulse-test.json: title.de is not a known property")]
    [InlineData("kindSpecificOnWrongKind", "pulse-test.json: steps[1].options is not a known property")]
    [InlineData("textNotLocalized", "pulse-test.json: steps[2].title must be an object with \"fr\" and \"en\" texts")]
    [InlineData("noSteps", "pulse-test.json: steps must hold at least one step")]
    [InlineData("oneOption", "pulse-test.json: steps[6].options must hold at least two options")]
    [InlineData("missingPositiveLabel", "pulse-test.json: steps[7].positiveLabel is missing")]
    [InlineData("allowDontKnowAsString", "pulse-test.json: steps[0].allowDontKnow must be true or false")]
    [InlineData("maxTextLengthZero", "pulse-test.json: maxTextLength must be between 1 and 4000")]
    [InlineData("versionZero", "pulse-test.json: version must be 1 or more")]
    public void Parse_MalformedTemplate_MessageNamesSourceAndField(string mutation, string expectedStart)
    {
        // Arrange
        var json = Mutate(mutation);

        // Act
        var error = Assert.Throws<PulseTemplateException>(() => PulseTemplates.Parse(json, "pulse-test.json"));

        // Assert
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
        Assert.Equal("pulse-test.json", error.SourceName);
    }

    [Fact]
    public void Parse_NotJson_SaysSo()
    {
        // Act
        var error = Assert.Throws<PulseTemplateException>(() => PulseTemplates.Parse("{ \"id\": ", "broken.json"));

        // Assert
        Assert.StartsWith("broken.json: is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicatePropertyInJson_Rejected()
    {
        // Arrange
        var json = DefaultJson().Replace("\"version\": 1,", "\"version\": 1, \"version\": 2,", StringComparison.Ordinal);

        // Act
        var error = Assert.Throws<PulseTemplateException>(() => PulseTemplates.Parse(json, "pulse-test.json"));

        // Assert
        Assert.Equal("pulse-test.json: version is given twice", error.Message);
    }

    [Fact]
    public void Parse_DefaultJsonWithoutOptionalParts_Loads()
    {
        // Arrange
        var root = DefaultNode();
        root.Remove("intro");
        root["steps"]![0]!.AsObject().Remove("allowDontKnow");
        root["steps"]![6]!["options"]![0]!.AsObject().Remove("description");

        // Act
        var template = PulseTemplates.Parse(root.ToJsonString(), "pulse-test.json");

        // Assert
        Assert.Null(template.Intro);
        Assert.False(Assert.IsType<RatingStep>(template.Steps[0]).AllowDontKnow);
        Assert.Null(Assert.IsType<ChoiceStep>(template.Steps[6]).Options[0].Description);
    }

    private static string Mutate(string mutation)
    {
        var root = DefaultNode();
        var steps = root["steps"]!.AsArray();
        switch (mutation)
        {
            case "missingText":
                steps[3]!["title"]!.AsObject().Remove("en");
                break;
            case "emptyText":
                steps[5]!["prompt"]!["fr"] = "  ";
                break;
            case "badOptionId":
                steps[6]!["options"]![2]!["id"] = "x y";
                break;
            case "maxNotAboveMin":
                steps[0]!["max"] = 1;
                break;
            case "minAsString":
                steps[0]!["min"] = "1";
                break;
            case "unknownKind":
                steps[4]!["kind"] = "foo";
                break;
            case "missingKind":
                steps[1]!.AsObject().Remove("kind");
                break;
            case "duplicateStepId":
                steps[2]!["id"] = "agenda";
                break;
            case "duplicateOptionId":
                steps[6]!["options"]![1]!["id"] = "concurrence";
                break;
            case "badStepId":
                steps[7]!["id"] = "Change";
                break;
            case "typoInStep":
                steps[0]!["titel"] = "x";
                break;
            case "typoAtRoot":
                root["maxTextLenght"] = 400;
                break;
            case "typoInText":
                root["title"]!["de"] = "Puls";
                break;
            case "kindSpecificOnWrongKind":
                steps[1]!["options"] = new JsonArray();
                break;
            case "textNotLocalized":
                steps[2]!["title"] = "Mesures";
                break;
            case "noSteps":
                root["steps"] = new JsonArray();
                break;
            case "oneOption":
                steps[6]!["options"] = new JsonArray(steps[6]!["options"]![0]!.DeepClone());
                break;
            case "missingPositiveLabel":
                steps[7]!.AsObject().Remove("positiveLabel");
                break;
            case "allowDontKnowAsString":
                steps[0]!["allowDontKnow"] = "true";
                break;
            case "maxTextLengthZero":
                root["maxTextLength"] = 0;
                break;
            case "versionZero":
                root["version"] = 0;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "Unknown mutation.");
        }

        return root.ToJsonString();
    }

    private static JsonObject DefaultNode() => JsonNode.Parse(DefaultJson())!.AsObject();

    private static string DefaultJson()
    {
        using var stream = typeof(PulseTemplates).Assembly.GetManifestResourceStream(PulseTemplates.DefaultResourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
