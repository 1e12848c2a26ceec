namespace ConcertationBot.Tests.Cards.Pulse;

public sealed class PulseSetupCardTests
{
    private static PulseSetupCardModel Model(Language language, bool noCondition = false, int durationHours = 168) => new()
    {
        Language = language,
        PulseTitle = "Pulse *de la table*",
        Conditions =
        [
            new("agenda", "Agenda partagé", true),
            new("mesures", "Mesures partagées", false),
            new("soutien", "Structure de soutien", true),
        ],
        OptionalSteps = [new("roleClarity", "Clarté des rôles", false), new("continuum", "Continuum", true)],
        Profiles = false,
        DurationHours = durationHours,
        NoCondition = noCondition,
    };

    /// <summary>Every setup card in both languages (also checked by <c>OfficialRendererValidationTests</c>).</summary>
    internal static IEnumerable<(string Name, AdaptiveCard Card)> AllCards()
    {
        foreach (var language in Enum.GetValues<Language>())
        {
            yield return ($"setup-form-{language}", PulseSetupCard.Form(Model(language)));
            yield return ($"setup-form-error-{language}", PulseSetupCard.Form(Model(language, noCondition: true, durationHours: 120)));
            yield return ($"setup-shared-{language}", PulseSetupCard.Shared(language, "29:nadia"));
            yield return ($"setup-opened-{language}", PulseSetupCard.Opened(language, 4));
            yield return ($"setup-already-open-{language}", PulseSetupCard.AlreadyOpen(language, choiceKept: false));
            yield return ($"setup-already-open-kept-{language}", PulseSetupCard.AlreadyOpen(language, choiceKept: true));
        }
    }

    [Fact]
    public void Form_Model_OneTogglePerStepSetAsChosen()
    {
        // Act
        var json = CardJson.Of(PulseSetupCard.Form(Model(Language.French)));

        // Assert
        var toggles = CardJson.OfType(json, "Input.Toggle").ToDictionary(t => (string)t["id"]!, t => (string?)t["value"]);
        Assert.Equal("true", toggles[CardDataFields.SetupStepPrefix + "agenda"]);
        Assert.Equal("false", toggles[CardDataFields.SetupStepPrefix + "mesures"]);
        Assert.Equal("true", toggles[CardDataFields.SetupStepPrefix + "soutien"]);
        Assert.Equal("false", toggles[CardDataFields.SetupStepPrefix + "roleClarity"]);
        Assert.Equal("true", toggles[CardDataFields.SetupStepPrefix + "continuum"]);
        Assert.Equal("false", toggles[CardDataFields.SetupProfiles]);
        Assert.Equal(6, toggles.Count);
        Assert.Equal("168", (string?)CardJson.Input(json, CardDataFields.SetupDuration)["value"]);
        var open = Assert.Single(CardJson.Actions(json));
        Assert.Equal(CardVerbs.PulseSetupOpen, (string?)open["verb"]);
        Assert.Null(json["refresh"]);
    }

    [Fact]
    public void Form_TitleWithMarkdown_ShownInertly()
    {
        // Act
        var json = CardJson.Of(PulseSetupCard.Form(Model(Language.French)));

        // Assert
        Assert.Contains("Pulse *de la table*", CardJson.TextRuns(json));
        Assert.DoesNotContain(CardJson.TextBlocks(json), t => t.Contains("*de la table*", StringComparison.Ordinal));
    }

    [Fact]
    public void Form_NoCondition_SaysSoAndKeepsTheChoices()
    {
        // Act
        var json = CardJson.Of(PulseSetupCard.Form(Model(Language.English, noCondition: true)));

        // Assert
        Assert.Contains(CardJson.TextBlocks(json), t => t.StartsWith("Choose at least one condition", StringComparison.Ordinal));
        Assert.Equal("true", (string?)CardJson.Input(json, CardDataFields.SetupStepPrefix + "agenda")["value"]);
    }

    [Fact]
    public void Form_DurationNotOffered_AddedInOrder()
    {
        // Act
        var json = CardJson.Of(PulseSetupCard.Form(Model(Language.French, durationHours: 120)));

        // Assert
        var choices = CardJson.Input(json, CardDataFields.SetupDuration)["choices"]!.AsArray();
        Assert.Equal(["24", "48", "72", "120", "168", "336", "504", "672"], choices.Select(c => (string?)c!["value"]));
        Assert.Equal("5 jours", (string?)choices[3]!["title"]);
    }

    [Theory]
    [InlineData(Language.French, 24, "1 jour")]
    [InlineData(Language.French, 336, "2 semaines")]
    [InlineData(Language.English, 168, "1 week")]
    [InlineData(Language.English, 36, "36 hours")]
    public void DurationText_Hours_ReadsAsPeopleSayIt(Language language, int hours, string expected)
    {
        // Act
        var text = PulseSetupCard.DurationText(language, hours);

        // Assert
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(Language.French, 1, "avec 1 condition.")]
    [InlineData(Language.French, 4, "avec 4 conditions.")]
    [InlineData(Language.English, 5, "with 5 conditions.")]
    public void Opened_ConditionCount_SaysHowManyConditions(Language language, int count, string expected)
    {
        // Act
        var json = CardJson.Of(PulseSetupCard.Opened(language, count));

        // Assert
        Assert.Contains(CardJson.TextBlocks(json), t => t.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void AlreadyOpen_ChoiceKept_SaysSoOnlyThen(bool choiceKept, int paragraphs)
    {
        // Act
        var json = CardJson.Of(PulseSetupCard.AlreadyOpen(Language.French, choiceKept));

        // Assert
        Assert.Equal(paragraphs + 1, CardJson.TextBlocks(json).Count);
        Assert.Equal(choiceKept, CardJson.TextBlocks(json).Any(t => t.StartsWith("Votre choix est gardé", StringComparison.Ordinal)));
    }

    [Fact]
    public void Shared_Coordinator_RefreshesForThemOnly()
    {
        // Act
        var json = CardJson.Of(PulseSetupCard.Shared(Language.French, "29:nadia"));

        // Assert
        Assert.Equal(["29:nadia"], json["refresh"]!["userIds"]!.AsArray().Select(u => (string?)u));
        Assert.Equal(CardVerbs.PulseSetupShow, (string?)json["refresh"]!["action"]!["verb"]);
        Assert.Equal(CardVerbs.PulseSetupShow, (string?)Assert.Single(CardJson.Actions(json))["verb"]);
        Assert.Empty(CardJson.OfType(json, "Input.Toggle"));
    }
}
