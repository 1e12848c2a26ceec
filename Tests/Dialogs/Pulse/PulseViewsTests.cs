namespace ConcertationBot.Tests.Dialogs.Pulse;

public sealed class PulseViewsTests
{
    internal static PulseRespondentView View(Language language) => ViewIn(language);

    private static PulseRespondentView ViewIn(Language language) => new()
    {
        Language = language,
        PulseId = "pulse-1",
        PulseTitle = "Pulse",
        Revision = -1,
        UserId = "29:user",
        DeadlineText = "dimanche 29 novembre 2026",
    };

    [Fact]
    public void Describe_NewDialog_FirstStepInFrench()
    {
        // Arrange
        var script = new PulseScript();

        // Act
        var model = Assert.IsType<PulseStepCardModel>(PulseViews.Describe(script.Template, script.State, ViewIn(Language.French)));

        // Assert
        Assert.Equal("roleClarity", model.StepId);
        Assert.Equal(1, model.StepNumber);
        Assert.Equal(8, model.StepCount);
        Assert.Equal("Clarté des rôles", model.StepTitle);
        Assert.False(model.CanGoBack);
        Assert.False(model.EditingFromReview);
        Assert.Null(model.Notice);
        Assert.Equal(0, model.View.Revision);
        Assert.Equal(new RatingStepInput(1, 5, "pas du tout", "tout à fait", true, null), model.Input);
    }

    [Fact]
    public void Describe_Continuum_OptionsLocalizedWithoutAnswer()
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("continuum");

        // Act
        var model = Assert.IsType<PulseStepCardModel>(PulseViews.Describe(script.Template, script.State, ViewIn(Language.English)));

        // Assert
        var input = Assert.IsType<ChoiceStepInput>(model.Input);
        Assert.Equal(7, model.StepNumber);
        Assert.True(model.CanGoBack);
        Assert.Equal(7, input.Options.Count);
        Assert.Equal(new ChoiceOption("integration", "Integration", "Fully integrated programmes, planning and funding."), input.Options[^1]);
        Assert.Null(input.Value);
        Assert.Equal(6, model.View.Revision);
    }

    [Fact]
    public void Describe_BackToAnsweredStep_PrefilledWithAnswer()
    {
        // Arrange
        var script = new PulseScript();
        script.Next((PulseInputIds.Rating, PulseInputIds.DontKnow));
        script.Back();

        // Act
        var model = Assert.IsType<PulseStepCardModel>(PulseViews.Describe(script.Template, script.State, ViewIn(Language.French)));

        // Assert
        Assert.Equal(PulseInputIds.DontKnow, Assert.IsType<RatingStepInput>(model.Input).Value);
    }

    [Fact]
    public void Describe_AfterTooLongText_PoliteNoticeAndTextKept()
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("agenda");
        var text = new string('a', 612);
        script.Next((PulseInputIds.Frein, "ok"), (PulseInputIds.Levier, text));

        // Act
        var french = Assert.IsType<PulseStepCardModel>(PulseViews.Describe(script.Template, script.State, ViewIn(Language.French)));
        var english = Assert.IsType<PulseStepCardModel>(PulseViews.Describe(script.Template, script.State, ViewIn(Language.English)));

        // Assert
        Assert.Equal(
            "Votre levier fait 612 caractères\u202F; la limite est de 500. Raccourcissez-le un peu, il est conservé ci-dessous.",
            french.Notice);
        Assert.Equal("Your lever is 612 characters long; the limit is 500. Please shorten it a little: it is kept below.", english.Notice);
        Assert.Equal(new FreinLevierStepInput("ok", text, 500), french.Input);
    }

    [Fact]
    public void Describe_AfterTooLongChange_NoticeSaysText()
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("change");
        script.Next((PulseInputIds.ChangeText, new string('a', 501)), (PulseInputIds.Direction, "negative"));

        // Act
        var model = Assert.IsType<PulseStepCardModel>(PulseViews.Describe(script.Template, script.State, ViewIn(Language.French)));

        // Assert
        Assert.StartsWith("Votre texte fait 501 caractères", model.Notice, StringComparison.Ordinal);
        var input = Assert.IsType<ChangeStepInput>(model.Input);
        Assert.Equal(PulseInputIds.Negative, input.Direction);
        Assert.Equal("Positif", input.PositiveLabel);
        Assert.Equal(500, input.MaxLength);
    }

    [Theory]
    [InlineData(Language.French, "Choisissez une note de 1 à 5, ou «\u00A0je ne sais pas\u00A0».")]
    [InlineData(Language.English, "Please choose a rating from 1 to 5, or \"I don't know\".")]
    public void Describe_AfterInvalidRating_NoticeGivesRange(Language language, string expected)
    {
        // Arrange
        var script = new PulseScript();
        script.Next((PulseInputIds.Rating, "9"));

        // Act
        var model = Assert.IsType<PulseStepCardModel>(PulseViews.Describe(script.Template, script.State, ViewIn(language)));

        // Assert
        Assert.Equal(expected, model.Notice);
        Assert.Null(Assert.IsType<RatingStepInput>(model.Input).Value);
    }

    [Fact]
    public void Describe_AfterUnknownChoice_NoticeAsksForAListedOption()
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("continuum");
        script.Next((PulseInputIds.Choice, "fusion"));

        // Act
        var model = Assert.IsType<PulseStepCardModel>(PulseViews.Describe(script.Template, script.State, ViewIn(Language.English)));

        // Assert
        Assert.Equal("That choice is not in the list; please pick one of the options shown.", model.Notice);
    }

    [Fact]
    public void Describe_Review_LinesForEveryKind()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();

        // Act
        var model = Assert.IsType<PulseReviewCardModel>(PulseViews.Describe(script.Template, script.State, ViewIn(Language.French)));

        // Assert
        Assert.False(model.AlreadySubmitted);
        Assert.Equal(script.State.Revision, model.View.Revision);
        Assert.Equal(8, model.Sections.Count);
        Assert.Equal(new PulseAnswerLine("Votre note", "4 / 5"), Assert.Single(model.Sections[0].Lines));
        Assert.Equal("Agenda partagé", model.Sections[1].Title);
        Assert.Equal([new("Frein", "frein agenda"), new("Levier", "levier agenda")], model.Sections[1].Lines);
        Assert.Equal(new PulseAnswerLine("Votre choix", "Coordination"), Assert.Single(model.Sections[6].Lines));
        Assert.Equal(
            [new("Changement", "Plus de nouveaux acteurs sur des projets en collaboration"), new("Positif ou négatif", "Positif")],
            model.Sections[7].Lines);
    }

    [Fact]
    public void Describe_ReviewInEnglishWithDontKnowAndPartialAnswers_SkippedValuesNull()
    {
        // Arrange
        var script = new PulseScript();
        script.Next((PulseInputIds.Rating, PulseInputIds.DontKnow));
        script.Next((PulseInputIds.Levier, "steering committees"));
        script.SkipTo("continuum");
        script.Next((PulseInputIds.Choice, "integration"));
        script.Next((PulseInputIds.Direction, "negative"));

        // Act
        var model = Assert.IsType<PulseReviewCardModel>(PulseViews.Describe(script.Template, script.State, ViewIn(Language.English)));

        // Assert
        Assert.Equal(new PulseAnswerLine("Your rating", "I don't know"), model.Sections[0].Lines[0]);
        Assert.Equal([new("Barrier", null), new("Lever", "steering committees")], model.Sections[1].Lines);
        Assert.Equal([new("Barrier", null), new("Lever", null)], model.Sections[2].Lines);
        Assert.Equal("Integration", model.Sections[6].Lines[0].Value);
        Assert.Equal([new("Change", null), new("Positive or negative", "Negative")], model.Sections[7].Lines);
        Assert.Equal("Common agenda", model.Sections[1].Title);
    }

    [Fact]
    public void Describe_DontKnowInFrench_ReadsJeNeSaisPas()
    {
        // Arrange
        var script = new PulseScript();
        script.Next((PulseInputIds.Rating, PulseInputIds.DontKnow));
        script.SkipTo("change");
        script.Skip();

        // Act
        var model = Assert.IsType<PulseReviewCardModel>(PulseViews.Describe(script.Template, script.State, ViewIn(Language.French)));

        // Assert
        Assert.Equal("Je ne sais pas", model.Sections[0].Lines[0].Value);
    }

    [Fact]
    public void Describe_AfterSubmit_ThankYouWithAnswers()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();
        script.Submit();

        // Act
        var model = Assert.IsType<PulseThankYouCardModel>(PulseViews.Describe(script.Template, script.State, ViewIn(Language.French)));

        // Assert
        Assert.Equal(8, model.Sections.Count);
        Assert.Equal("frein soutien", model.Sections[5].Lines[0].Value);
        Assert.Equal(script.State.Revision, model.View.Revision);
    }

    [Fact]
    public void Describe_StepIndexBeyondTemplate_ShowsReview()
    {
        // Arrange
        var state = PulseDialog.Start("pulse-1") with { StepIndex = 42 };

        // Act
        var model = PulseViews.Describe(PulseScript.DefaultTemplate, state, ViewIn(Language.French));

        // Assert
        Assert.IsType<PulseReviewCardModel>(model);
    }
}
