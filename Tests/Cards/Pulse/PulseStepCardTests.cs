namespace ConcertationBot.Tests.Cards.Pulse;

public sealed class PulseStepCardTests
{
    private static List<string?> Verbs(JsonNode json) => [.. CardJson.Actions(json).Select(a => (string?)a["verb"])];

    [Fact]
    public void Build_MiddleStep_HasNextSkipBackWithStepData()
    {
        // Arrange
        var model = PulseFixtures.Step(Language.French, PulseFixtures.Rating(Language.French));

        // Act
        var json = CardJson.Of(PulseStepCard.Build(model));

        // Assert
        var actions = CardJson.Actions(json);
        Assert.Equal([CardVerbs.PulseNext, CardVerbs.PulseSkip, CardVerbs.PulseBack], Verbs(json));
        Assert.Equal(["Suivant", "Passer", "Retour"], actions.Select(a => (string?)a["title"]));
        Assert.All(actions, a => Assert.Equal("""{"pulseId":"p-2026-11-cdn","step":"role-clarity","rev":4}""", a["data"]!.ToJsonString()));
        Assert.Null(actions[0]["associatedInputs"]);
        Assert.Equal("none", (string?)actions[1]["associatedInputs"]);
        Assert.Null(actions[2]["associatedInputs"]); // "Retour" sends what was typed: the dialog keeps it as a draft
        Assert.All(actions, a => Assert.Null(a["style"]));
    }

    [Fact]
    public void Build_FirstStep_HasNoBack()
    {
        // Arrange
        var model = PulseFixtures.Step(Language.French, PulseFixtures.Rating(Language.French), number: 1, canGoBack: false);

        // Act
        var json = CardJson.Of(PulseStepCard.Build(model));

        // Assert
        Assert.Equal([CardVerbs.PulseNext, CardVerbs.PulseSkip], Verbs(json));
        Assert.DoesNotContain(CardJson.Actions(json), a => (string?)a["title"] == "Retour");
    }

    [Theory]
    [InlineData(Language.French, "Enregistrer")]
    [InlineData(Language.English, "Save")]
    public void Build_EditingFromReview_SaysSaveAndOffersBack(Language language, string save)
    {
        // Arrange
        var model = PulseFixtures.Step(language, PulseFixtures.Rating(language), number: 1, canGoBack: false, editingFromReview: true);

        // Act
        var json = CardJson.Of(PulseStepCard.Build(model));

        // Assert: no "Passer" while editing (it read as "leave it" and erased the answer).
        Assert.Equal(save, (string?)CardJson.Actions(json)[0]["title"]);
        Assert.Equal([CardVerbs.PulseNext, CardVerbs.PulseBack], Verbs(json));
    }

    [Theory]
    [InlineData(Language.French, "Enregistrer", "Effacer cette réponse", "Retour")]
    [InlineData(Language.English, "Save", "Clear this answer", "Back")]
    public void Build_EditingASavedAnswer_OffersSaveClearAndBack(Language language, string save, string clear, string back)
    {
        // Arrange
        var model = PulseFixtures.Step(language, PulseFixtures.Rating(language), number: 1, canGoBack: false, editingFromReview: true) with { CanClear = true };

        // Act
        var json = CardJson.Of(PulseStepCard.Build(model));

        // Assert
        var actions = CardJson.Actions(json);
        Assert.Equal([CardVerbs.PulseNext, CardVerbs.PulseClear, CardVerbs.PulseBack], Verbs(json));
        Assert.Equal([save, clear, back], actions.Select(a => (string?)a["title"]));
        Assert.Equal("destructive", (string?)actions[1]["style"]);
        Assert.Equal("none", (string?)actions[1]["associatedInputs"]);
    }

    [Fact]
    public void Build_Header_SaysStepNumberAndPulseTitle()
    {
        // Act
        var fr = CardJson.Of(PulseStepCard.Build(PulseFixtures.Step(Language.French, PulseFixtures.Rating(Language.French))));
        var en = CardJson.Of(PulseStepCard.Build(PulseFixtures.Step(Language.English, PulseFixtures.Rating(Language.English))));

        // Assert
        Assert.StartsWith("Étape 2 sur 8", (string?)fr["body"]![0]!["text"], StringComparison.Ordinal);
        Assert.EndsWith(PulseFixtures.Title(Language.French), (string?)fr["body"]![0]!["text"], StringComparison.Ordinal);
        Assert.StartsWith("Step 2 of 8", (string?)en["body"]![0]!["text"], StringComparison.Ordinal);
        Assert.Equal("Programme commun", (string?)fr["body"]![1]!["text"]);
    }

    [Fact]
    public void Build_Rating_IsExpandedChoiceSetWithLabelsDontKnowAndValue()
    {
        // Act
        var json = CardJson.Of(PulseStepCard.Build(PulseFixtures.Step(Language.French, PulseFixtures.Rating(Language.French, value: "4"))));

        // Assert
        var input = CardJson.Input(json, PulseInputIds.Rating);
        Assert.Equal("Input.ChoiceSet", (string?)input["type"]);
        Assert.Equal("expanded", (string?)input["style"]);
        Assert.Equal("4", (string?)input["value"]);
        Assert.Equal(
            """[{"title":"1 — pas du tout","value":"1"},{"title":"2","value":"2"},{"title":"3","value":"3"},{"title":"4","value":"4"},{"title":"5 — tout à fait","value":"5"},{"title":"Je ne sais pas","value":"dontknow"}]""",
            input["choices"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Build_RatingWithoutDontKnowOrValue_HasOnlyNumbers()
    {
        // Act
        var json = CardJson.Of(PulseStepCard.Build(PulseFixtures.Step(Language.English, PulseFixtures.Rating(Language.English, value: null, allowDontKnow: false))));

        // Assert
        var input = CardJson.Input(json, PulseInputIds.Rating);
        Assert.Equal(["1", "2", "3", "4", "5"], input["choices"]!.AsArray().Select(c => (string?)c!["value"]));
        Assert.Null(input["value"]);
    }

    [Fact]
    public void Build_FreinLevier_TwoMultilineInputsKeepingOverLongValue()
    {
        // Arrange
        var input = PulseFixtures.FreinLevier(frein: new string('é', 612), levier: PulseFixtures.MarkdownText, maxLength: 500);

        // Act
        var json = CardJson.Of(PulseStepCard.Build(PulseFixtures.Step(Language.French, input)));

        // Assert
        var frein = CardJson.Input(json, PulseInputIds.Frein);
        var levier = CardJson.Input(json, PulseInputIds.Levier);
        Assert.Equal("Input.Text", (string?)frein["type"]);
        Assert.True((bool?)frein["isMultiline"]);
        Assert.Equal(500, (int?)frein["maxLength"]);
        Assert.Equal(612, ((string?)frein["value"])!.Length);
        Assert.Equal("Un frein (ce qui bloque), 500 caractères au plus", (string?)frein["label"]);
        Assert.Equal("Un levier (ce qui aide), 500 caractères au plus", (string?)levier["label"]);
        Assert.Equal(PulseFixtures.MarkdownText, (string?)levier["value"]);
    }

    [Fact]
    public void Build_FreinWithMarkdown_NeverReachesAMarkdownText()
    {
        // Arrange
        var input = PulseFixtures.FreinLevier(frein: "*_[x](y)<b>_*", levier: null);

        // Act
        var json = CardJson.Of(PulseStepCard.Build(PulseFixtures.Step(Language.French, input)));

        // Assert: the value lives only in the input (shown as typed), never in a TextBlock.
        Assert.Equal("*_[x](y)<b>_*", (string?)CardJson.Input(json, PulseInputIds.Frein)["value"]);
        Assert.DoesNotContain(CardJson.TextBlocks(json), t => t.Contains("[x](y)", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_FreinLevierEnglish_HasEnglishLabels()
    {
        // Act
        var json = CardJson.Of(PulseStepCard.Build(PulseFixtures.Step(Language.English, PulseFixtures.FreinLevier())));

        // Assert
        Assert.Equal("A barrier (what holds us back), 500 characters at most", (string?)CardJson.Input(json, PulseInputIds.Frein)["label"]);
        Assert.Equal("A lever (what helps), 500 characters at most", (string?)CardJson.Input(json, PulseInputIds.Levier)["label"]);
    }

    [Fact]
    public void Build_Choice_TitlesCarryDescriptionsAfterEmDash()
    {
        // Act
        var json = CardJson.Of(PulseStepCard.Build(PulseFixtures.Step(Language.French, PulseFixtures.Continuum(Language.French, value: "coordination"))));

        // Assert
        var input = CardJson.Input(json, PulseInputIds.Choice);
        Assert.Equal("expanded", (string?)input["style"]);
        Assert.Equal("coordination", (string?)input["value"]);
        var choices = input["choices"]!.AsArray();
        Assert.Equal("Réseautage — On échange de l'information.", (string?)choices[0]!["title"]);
        Assert.Equal("networking", (string?)choices[0]!["value"]);
        Assert.Equal("Collaboration", (string?)choices[3]!["title"]);
    }

    [Fact]
    public void Build_Change_TextAndDirection()
    {
        // Act
        var json = CardJson.Of(PulseStepCard.Build(PulseFixtures.Step(Language.French, PulseFixtures.Change(Language.French, text: "Les écoles viennent", direction: PulseInputIds.Negative))));

        // Assert
        var text = CardJson.Input(json, PulseInputIds.ChangeText);
        Assert.Equal("Input.Text", (string?)text["type"]);
        Assert.True((bool?)text["isMultiline"]);
        Assert.Equal("Les écoles viennent", (string?)text["value"]);
        var direction = CardJson.Input(json, PulseInputIds.Direction);
        Assert.Equal("expanded", (string?)direction["style"]);
        Assert.Equal(PulseInputIds.Negative, (string?)direction["value"]);
        Assert.Equal(
            [("Positif", "positive"), ("Négatif", "negative")],
            direction["choices"]!.AsArray().Select(c => ((string?)c!["title"], (string?)c["value"])));
    }

    [Fact]
    public void Build_Notice_ShownInAttentionContainerBeforeInputs()
    {
        // Act
        var json = CardJson.Of(PulseStepCard.Build(PulseFixtures.Step(Language.French, PulseFixtures.FreinLevier(), notice: "Votre frein fait 612 caractères ; 500 au plus.")));

        // Assert
        var body = json["body"]!.AsArray();
        var noticeIndex = body.ToList().FindIndex(e => (string?)e!["style"] == "Attention");
        var firstInput = body.ToList().FindIndex(e => ((string?)e!["type"])!.StartsWith("Input.", StringComparison.Ordinal));
        Assert.True(noticeIndex >= 0 && noticeIndex < firstInput);
        Assert.Equal("Votre frein fait 612 caractères ; 500 au plus.", (string?)body[noticeIndex]!["items"]![0]!["text"]);
        Assert.Equal("Attention", (string?)body[noticeIndex]!["items"]![0]!["color"]);
    }

    [Fact]
    public void Build_AnyStep_RefreshesOnlyThisUsersOwnView()
    {
        // Act
        var json = CardJson.Of(PulseStepCard.Build(PulseFixtures.Step(Language.French, PulseFixtures.Continuum(Language.French))));

        // Assert
        Assert.Equal($"[\"{PulseFixtures.UserId}\"]", json["refresh"]!["userIds"]!.ToJsonString());
        Assert.Equal(CardVerbs.PulseOpen, (string?)json["refresh"]!["action"]!["verb"]);
        Assert.Equal("""{"pulseId":"p-2026-11-cdn"}""", json["refresh"]!["action"]!["data"]!.ToJsonString());
        Assert.Equal("1.5", (string?)json["version"]);
        Assert.Null(json["msteams"]);
    }
}
