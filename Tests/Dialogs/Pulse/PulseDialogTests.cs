namespace ConcertationBot.Tests.Dialogs.Pulse;

public sealed class PulseDialogTests
{
    private static readonly PulseRespondentView View = new()
    {
        Language = Language.French,
        PulseId = "pulse-1",
        PulseTitle = "Pulse",
        Revision = 0,
        UserId = "29:user",
        DeadlineText = "dimanche",
    };

    public static TheoryData<int> StepIndexesAfterFirst => [.. Enumerable.Range(1, PulseTemplates.Default.Steps.Count - 1)];

    [Fact]
    public void Start_NewPulse_FirstStepAtRevisionZero()
    {
        // Act
        var state = PulseDialog.Start("pulse-1");

        // Assert
        Assert.Equal("pulse-1", state.PulseId);
        Assert.Equal(PulsePosition.Step, state.Position);
        Assert.Equal(0, state.StepIndex);
        Assert.Equal(0, state.Revision);
        Assert.Empty(state.Answers);
        Assert.False(state.HasSubmitted);
    }

    [Fact]
    public void Apply_SkipEverythingThenSubmit_NothingStoredAndReviewAllSkipped()
    {
        // Arrange
        var script = new PulseScript();

        // Act
        for (var i = 0; i < script.Template.Steps.Count; i++)
        {
            Assert.True(script.Skip().Changed);
        }

        var review = Assert.IsType<PulseReviewCardModel>(PulseViews.Describe(script.Template, script.State, View));
        var turn = script.Submit();

        // Assert
        Assert.True(turn.Submitted);
        Assert.Equal(PulsePosition.Done, turn.State.Position);
        Assert.Empty(turn.State.Answers);
        Assert.Empty(PulseAnswerFields.ToFields(script.Template, turn.State.Answers));
        Assert.Equal(8, review.Sections.Count);
        Assert.All(review.Sections.SelectMany(s => s.Lines), line => Assert.Null(line.Value));
        Assert.False(review.AlreadySubmitted);
    }

    [Fact]
    public void Apply_AnswerEverything_ReviewThenDoneWithAllAnswers()
    {
        // Arrange
        var script = new PulseScript();

        // Act
        script.AnswerAll();
        var onReview = script.State;
        var turn = script.Submit();

        // Assert
        Assert.Equal(PulsePosition.Review, onReview.Position);
        Assert.Equal(8, onReview.Revision);
        Assert.True(turn.Submitted);
        Assert.Equal(8, turn.State.Answers.Count);
        Assert.Equal(4, turn.State.Answers["roleClarity"].Rating);
        Assert.Equal("levier soutien", turn.State.Answers["soutien"].Levier);
        Assert.Equal("coordination", turn.State.Answers["continuum"].Choice);
        Assert.Equal(PulseInputIds.Positive, turn.State.Answers["change"].Direction);
    }

    [Theory]
    [MemberData(nameof(StepIndexesAfterFirst))]
    public void Apply_BackFromStep_PreviousStepWithoutSaving(int stepIndex)
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo(script.Template.Steps[stepIndex].Id);
        var before = script.State;

        // Act
        var turn = script.Back();

        // Assert
        Assert.True(turn.Changed);
        Assert.Equal(stepIndex - 1, turn.State.StepIndex);
        Assert.Equal(PulsePosition.Step, turn.State.Position);
        Assert.Equal(before.Revision + 1, turn.State.Revision);
        Assert.Empty(turn.State.Answers);
    }

    [Fact]
    public void Apply_BackFromFirstStep_ChangesNothing()
    {
        // Arrange
        var script = new PulseScript();
        var before = script.State;

        // Act
        var turn = script.Back();

        // Assert
        Assert.False(turn.Changed);
        Assert.Equal(before, turn.State);
    }

    [Fact]
    public void Apply_BackAfterRefusal_DropsDraftAndNotice()
    {
        // Arrange
        var script = new PulseScript();
        script.Skip();
        script.Next((PulseInputIds.Frein, new string('a', 501)));

        // Act
        var turn = script.Back();

        // Assert
        Assert.Equal(0, turn.State.StepIndex);
        Assert.Null(turn.State.Draft);
        Assert.Null(turn.State.Notice);
        Assert.Empty(turn.State.Answers);
    }

    [Fact]
    public void Apply_EditFromReview_ReturnsToReviewWithOnlyThatAnswerChanged()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();
        var before = script.State.Answers;

        // Act
        var edit = script.Edit("mesures");
        var step = Assert.IsType<PulseStepCardModel>(PulseViews.Describe(script.Template, script.State, View));
        var save = script.Next((PulseInputIds.Frein, "indicateurs trop complexes"), (PulseInputIds.Levier, "indicateurs simples"));

        // Assert
        Assert.Equal(PulsePosition.Step, edit.State.Position);
        Assert.True(edit.State.EditingFromReview);
        Assert.True(step.EditingFromReview);
        Assert.True(step.CanGoBack);
        Assert.Equal(new FreinLevierStepInput("frein mesures", "levier mesures", 500), step.Input);
        Assert.Equal(PulsePosition.Review, save.State.Position);
        Assert.False(save.State.EditingFromReview);
        Assert.Equal("indicateurs simples", save.State.Answers["mesures"].Levier);
        Assert.All(before.Where(a => a.Key != "mesures"), a => Assert.Equal(a.Value, save.State.Answers[a.Key]));
    }

    [Fact]
    public void Apply_BackWhileEditingFromReview_ReturnsToReviewUnchanged()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();
        var answers = script.State.Answers;
        script.Edit("roleClarity");

        // Act
        var turn = script.Back();

        // Assert
        Assert.Equal(PulsePosition.Review, turn.State.Position);
        Assert.False(turn.State.EditingFromReview);
        Assert.Equal(answers, turn.State.Answers);
    }

    [Fact]
    public void Apply_SkipWhileEditingFromReview_KeepsThatAnswerAndReturnsToReview()
    {
        // Arrange: "Passer" on an older card while editing used to erase the saved answer (issue #20).
        var script = new PulseScript();
        script.AnswerAll();
        script.Edit("agenda");

        // Act
        var turn = script.Skip();

        // Assert
        Assert.Equal(PulsePosition.Review, turn.State.Position);
        Assert.Equal("levier agenda", turn.State.Answers["agenda"].Levier);
        Assert.Equal(8, turn.State.Answers.Count);
    }

    [Fact]
    public void Apply_SkipOnAStepWithASavedAnswer_MovesOnAndKeepsIt()
    {
        // Arrange: answered step 2, went back to it with "Retour".
        var script = new PulseScript();
        script.Next((PulseInputIds.Rating, "4"));
        script.Next((PulseInputIds.Frein, "Manque de temps"), (PulseInputIds.Levier, "Le CLSC prête une salle"));
        script.Back();

        // Act
        var turn = script.Skip();

        // Assert
        Assert.Equal(2, turn.State.StepIndex);
        Assert.Equal("Le CLSC prête une salle", turn.State.Answers["agenda"].Levier);
    }

    [Fact]
    public void Apply_ClearWhileEditingFromReview_ErasesThatAnswerAndItsDraftAndReturnsToReview()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();
        script.Edit("continuum");

        // Act
        var turn = script.Clear();

        // Assert
        Assert.Equal(PulsePosition.Review, turn.State.Position);
        Assert.False(turn.State.Answers.ContainsKey("continuum"));
        Assert.Equal(7, turn.State.Answers.Count);
        Assert.Empty(turn.State.Drafts);
    }

    [Fact]
    public void Apply_BackAfterTypingThenNextAgain_TheStepShowsWhatWasTyped()
    {
        // Arrange: step 2 typed but not saved, "Retour" to step 1, "Suivant" to step 2 again.
        var script = new PulseScript();
        script.Next((PulseInputIds.Rating, "4"));
        script.Back((PulseInputIds.Frein, "Manque de temps"), (PulseInputIds.Levier, "Le CLSC prête"));

        // Act
        script.Next((PulseInputIds.Rating, "4"));

        // Assert
        Assert.Equal("agenda", script.CurrentStepId);
        Assert.False(script.State.Answers.ContainsKey("agenda"));
        var view = Assert.IsType<PulseStepCardModel>(PulseViews.Describe(script.Template, script.State, PulseViewsTests.View(Language.French)));
        var input = Assert.IsType<FreinLevierStepInput>(view.Input);
        Assert.Equal("Manque de temps", input.Frein);
        Assert.Equal("Le CLSC prête", input.Levier);
    }

    [Fact]
    public void Apply_BackWhileEditingFromReview_KeepsTheSavedAnswerAndTheTypedDraft()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();
        script.Edit("agenda");

        // Act
        var turn = script.Back((PulseInputIds.Frein, "frein agenda"), (PulseInputIds.Levier, "un autre levier"));
        script.Edit("agenda");

        // Assert
        Assert.Equal(PulsePosition.Review, turn.State.Position);
        Assert.Equal("levier agenda", turn.State.Answers["agenda"].Levier);
        Assert.Equal("un autre levier", turn.State.Drafts["agenda"].Levier);
        var view = Assert.IsType<PulseStepCardModel>(PulseViews.Describe(script.Template, script.State, PulseViewsTests.View(Language.French)));
        Assert.Equal("un autre levier", Assert.IsType<FreinLevierStepInput>(view.Input).Levier);
        Assert.True(view.CanClear);
    }

    [Fact]
    public void Apply_BackWithoutInputsFromAnOlderCard_LeavesDraftsAlone()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();
        script.Edit("agenda");

        // Act
        var turn = script.Back();

        // Assert
        Assert.Empty(turn.State.Drafts);
        Assert.Equal("levier agenda", turn.State.Answers["agenda"].Levier);
    }

    [Fact]
    public void Apply_NextAfterADraft_SavesAndDropsTheDraft()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();
        script.Edit("agenda");
        script.Back((PulseInputIds.Levier, "brouillon"));
        script.Edit("agenda");

        // Act
        var turn = script.Next((PulseInputIds.Levier, "brouillon"));

        // Assert
        Assert.Equal("brouillon", turn.State.Answers["agenda"].Levier);
        Assert.Empty(turn.State.Drafts);
    }

    [Fact]
    public void Apply_NextWithAllFieldsEmptied_RemovesTheAnswer()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();
        script.Edit("agenda");

        // Act
        var turn = script.Next((PulseInputIds.Frein, ""), (PulseInputIds.Levier, "   "));

        // Assert
        Assert.False(turn.State.Answers.ContainsKey("agenda"));
        Assert.Equal(PulsePosition.Review, turn.State.Position);
    }

    [Fact]
    public void Apply_EditAfterSubmitThenResubmit_UpdatesAnswers()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();
        script.Submit();

        // Act
        var toReview = script.Edit();
        var review = Assert.IsType<PulseReviewCardModel>(PulseViews.Describe(script.Template, script.State, View));
        script.Edit("roleClarity");
        script.Next((PulseInputIds.Rating, "2"));
        var resubmit = script.Submit();

        // Assert
        Assert.Equal(PulsePosition.Review, toReview.State.Position);
        Assert.True(review.AlreadySubmitted);
        Assert.True(resubmit.Submitted);
        Assert.Equal(PulsePosition.Done, resubmit.State.Position);
        Assert.Equal(2, resubmit.State.Answers["roleClarity"].Rating);
        Assert.Equal(8, resubmit.State.Answers.Count);
    }

    [Fact]
    public void Apply_ResumedAfterRestart_SameResultAsWithout()
    {
        // Arrange
        var uninterrupted = new PulseScript();
        var first = new PulseScript();
        void FirstHalf(PulseScript s)
        {
            s.Next((PulseInputIds.Rating, PulseInputIds.DontKnow));
            s.Next((PulseInputIds.Frein, "tensions entre partenaires"), (PulseInputIds.Levier, "comités de pilotage"));
            s.Skip();
            s.Next((PulseInputIds.Frein, new string('x', 600)));
        }

        void SecondHalf(PulseScript s)
        {
            s.Next((PulseInputIds.Frein, "activités dispersées"));
            s.Back();
            s.Skip();
            s.Skip();
            s.Skip();
            s.Next((PulseInputIds.Choice, "collaboration"));
            s.Next((PulseInputIds.ChangeText, "Élargissement des réseaux 🎉"), (PulseInputIds.Direction, "positive"));
            s.Edit("agenda");
            s.Next((PulseInputIds.Levier, "gouvernance partagée"));
            s.Submit();
        }

        FirstHalf(uninterrupted);
        SecondHalf(uninterrupted);
        FirstHalf(first);

        // Act
        var json = JsonSerializer.Serialize(first.State, PulseDialogJsonContext.Default.PulseDialogState);
        var restored = JsonSerializer.Deserialize(json, PulseDialogJsonContext.Default.PulseDialogState)!;
        var resumed = new PulseScript(PulseTemplates.Default, restored);
        SecondHalf(resumed);

        // Assert
        Assert.Equal(first.State, restored);
        Assert.NotNull(restored.Draft);
        Assert.Equal(uninterrupted.State, resumed.State);
        Assert.True(resumed.Last.Submitted);
        Assert.Equal(
            JsonSerializer.Serialize(uninterrupted.State, PulseDialogJsonContext.Default.PulseDialogState),
            JsonSerializer.Serialize(resumed.State, PulseDialogJsonContext.Default.PulseDialogState));
    }

    [Fact]
    public void Serialize_State_StableCamelCaseNamesAndEnumNames()
    {
        // Arrange
        var script = new PulseScript();
        script.Next((PulseInputIds.Rating, "3"));

        // Act
        var json = JsonSerializer.Serialize(script.State, PulseDialogJsonContext.Default.PulseDialogState);

        // Assert
        Assert.Contains("\"pulseId\":\"pulse-1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"position\":\"Step\"", json, StringComparison.Ordinal);
        Assert.Contains("\"answers\":{\"roleClarity\":{\"rating\":3", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_TextOf501TextElements_RefusedAndKeptInFull()
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("agenda");
        var text = new string('a', 501);

        // Act
        var turn = script.Next((PulseInputIds.Frein, text), (PulseInputIds.Levier, "ok"));

        // Assert
        Assert.True(turn.Changed);
        Assert.Equal(2, turn.State.Revision);
        Assert.Equal("agenda", script.CurrentStepId);
        Assert.Equal(new PulseNotice(PulseNoticeKind.TooLong, PulseInputIds.Frein, 501), turn.State.Notice);
        Assert.Equal(text, turn.State.Draft?.Frein);
        Assert.Equal("ok", turn.State.Draft?.Levier);
        Assert.False(turn.State.Answers.ContainsKey("agenda"));
    }

    [Fact]
    public void Apply_TextOf500TextElements_Accepted()
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("agenda");
        var text = new string('a', 500);

        // Act
        var turn = script.Next((PulseInputIds.Levier, text));

        // Assert
        Assert.Null(turn.State.Notice);
        Assert.Equal(text, turn.State.Answers["agenda"].Levier);
        Assert.Equal("mesures", script.CurrentStepId);
    }

    [Theory]
    [InlineData("👨‍👩‍👧", 500, true)]
    [InlineData("👍🏽", 500, true)]
    [InlineData("é", 500, true)]
    [InlineData("👨‍👩‍👧", 501, false)]
    public void Apply_ComposedCharacters_CountedAsOneEach(string element, int count, bool accepted)
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("change");
        var text = string.Concat(Enumerable.Repeat(element, count));

        // Act
        var turn = script.Next((PulseInputIds.ChangeText, text));

        // Assert
        Assert.Equal(accepted, turn.State.Notice is null);
        Assert.Equal(accepted ? PulsePosition.Review : PulsePosition.Step, turn.State.Position);
        if (!accepted)
        {
            Assert.Equal(count, turn.State.Notice!.Length);
        }
    }

    [Fact]
    public void Apply_FarTooLongText_DraftKeptUpToItsSafetyLimit()
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("change");

        // Act
        var turn = script.Next((PulseInputIds.ChangeText, new string('z', 100_000)));

        // Assert
        Assert.Equal(100_000, turn.State.Notice!.Length);
        Assert.Equal(500 * PulseDialog.DraftLengthFactor, turn.State.Draft!.Text!.Length);
    }

    [Fact]
    public void Apply_ControlCharacters_RemovedAndNewlinesNormalized()
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("agenda");

        // Act
        var turn = script.Next((PulseInputIds.Frein, " a\tb\u0001c\r\nd\re\u0085f\u009Fg\u007F\u2028h "));

        // Assert
        Assert.Equal("a bc\nd\ne\nfg\nh", turn.State.Answers["agenda"].Frein);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\r\n\t \u0001")]
    [InlineData("")]
    [InlineData(null)]
    public void Apply_WhitespaceOnlyText_TreatedAsSkipped(string? text)
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("change");

        // Act
        var turn = script.Next((PulseInputIds.ChangeText, text), (PulseInputIds.Direction, ""));

        // Assert
        Assert.Empty(turn.State.Answers);
        Assert.Equal(PulsePosition.Review, turn.State.Position);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("abc")]
    [InlineData("3.5")]
    [InlineData("-1")]
    [InlineData("+3")]
    [InlineData("٣")]
    public void Apply_InvalidRating_RefusedOnSameStep(string rating)
    {
        // Arrange
        var script = new PulseScript();

        // Act
        var turn = script.Next((PulseInputIds.Rating, rating));

        // Assert
        Assert.True(turn.Changed);
        Assert.Equal(0, turn.State.StepIndex);
        Assert.Equal(new PulseNotice(PulseNoticeKind.InvalidRating, PulseInputIds.Rating), turn.State.Notice);
        Assert.Empty(turn.State.Answers);
    }

    [Theory]
    [InlineData("1", 1, false)]
    [InlineData(" 5 ", 5, false)]
    [InlineData("dontknow", null, true)]
    [InlineData("DontKnow", null, true)]
    public void Apply_ValidRating_StoredAndMovesOn(string rating, int? expected, bool dontKnow)
    {
        // Arrange
        var script = new PulseScript();

        // Act
        var turn = script.Next((PulseInputIds.Rating, rating));

        // Assert
        Assert.Null(turn.State.Notice);
        Assert.Equal(1, turn.State.StepIndex);
        Assert.Equal(new StepAnswer { Rating = expected, DontKnow = dontKnow }, turn.State.Answers["roleClarity"]);
    }

    [Fact]
    public void Apply_DontKnowWhereNotAllowed_Refused()
    {
        // Arrange
        var template = PulseTemplates.Default with
        {
            Steps = [(PulseTemplates.Default.Steps[0] as RatingStep)! with { AllowDontKnow = false }],
        };
        var script = new PulseScript(template, PulseDialog.Start("p"));

        // Act
        var turn = script.Next((PulseInputIds.Rating, PulseInputIds.DontKnow));

        // Assert
        Assert.Equal(PulseNoticeKind.InvalidRating, turn.State.Notice?.Kind);
    }

    [Fact]
    public void Apply_UnknownChoice_RefusedOnSameStep()
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("continuum");

        // Act
        var turn = script.Next((PulseInputIds.Choice, "fusion"));

        // Assert
        Assert.Equal("continuum", script.CurrentStepId);
        Assert.Equal(new PulseNotice(PulseNoticeKind.InvalidChoice, PulseInputIds.Choice), turn.State.Notice);
        Assert.Empty(turn.State.Answers);
    }

    [Fact]
    public void Apply_UnknownDirection_RefusedWithTextKept()
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("change");

        // Act
        var turn = script.Next((PulseInputIds.ChangeText, "Essoufflement"), (PulseInputIds.Direction, "neutral"));

        // Assert
        Assert.Equal(PulseNoticeKind.InvalidDirection, turn.State.Notice?.Kind);
        Assert.Equal("Essoufflement", turn.State.Draft?.Text);
        Assert.Equal(PulsePosition.Step, turn.State.Position);
    }

    [Fact]
    public void Apply_ValidAfterRefusal_ClearsDraftAndNotice()
    {
        // Arrange
        var script = new PulseScript();
        script.SkipTo("agenda");
        script.Next((PulseInputIds.Frein, new string('a', 700)));

        // Act
        var turn = script.Next((PulseInputIds.Frein, "compétition pour les financements"));

        // Assert
        Assert.Null(turn.State.Draft);
        Assert.Null(turn.State.Notice);
        Assert.Equal("compétition pour les financements", turn.State.Answers["agenda"].Frein);
        Assert.Equal("mesures", script.CurrentStepId);
    }

    [Fact]
    public void Apply_SameActionDeliveredTwice_SecondChangesNothing()
    {
        // Arrange
        var script = new PulseScript();
        var action = script.NextAction((PulseInputIds.Rating, "4"));
        var first = script.Apply(action);

        // Act
        var second = script.Apply(action);

        // Assert
        Assert.True(first.Changed);
        Assert.False(second.Changed);
        Assert.Equal(first.State, second.State);
        Assert.Equal(1, second.State.StepIndex);
    }

    [Fact]
    public void Apply_DoubleClickedSubmit_SubmittedOnce()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();
        var submit = new PulseAction(PulseActionKind.Submit, null, script.State.Revision);

        // Act
        var first = script.Apply(submit);
        var second = script.Apply(submit);

        // Assert
        Assert.True(first.Submitted);
        Assert.False(second.Submitted);
        Assert.False(second.Changed);
    }

    [Theory]
    [InlineData(PulseActionKind.Next, "roleClarity", 5)]
    [InlineData(PulseActionKind.Next, "roleClarity", null)]
    [InlineData(PulseActionKind.Next, "agenda", 0)]
    [InlineData(PulseActionKind.Next, null, 0)]
    [InlineData(PulseActionKind.Skip, "change", 0)]
    [InlineData(PulseActionKind.Back, "roleClarity", 0)]
    [InlineData(PulseActionKind.Edit, "agenda", 0)]
    [InlineData(PulseActionKind.Edit, null, 0)]
    [InlineData(PulseActionKind.Submit, null, 0)]
    [InlineData(PulseActionKind.Open, null, 0)]
    public void Apply_StaleOrOutOfPlaceOnFirstStep_ChangesNothing(PulseActionKind kind, string? stepId, int? revision)
    {
        // Arrange
        var state = PulseDialog.Start("pulse-1");
        var action = new PulseAction(kind, stepId, revision)
        {
            Inputs = new Dictionary<string, string?> { [PulseInputIds.Rating] = "4" },
        };

        // Act
        var turn = PulseDialog.Apply(PulseTemplates.Default, state, action);

        // Assert
        Assert.False(turn.Changed);
        Assert.False(turn.Submitted);
        Assert.Same(state, turn.State);
    }

    [Theory]
    [InlineData(PulseActionKind.Next, "change")]
    [InlineData(PulseActionKind.Skip, "change")]
    [InlineData(PulseActionKind.Back, "change")]
    [InlineData(PulseActionKind.Edit, null)]
    [InlineData(PulseActionKind.Edit, "unknownStep")]
    public void Apply_OutOfPlaceOnReview_ChangesNothing(PulseActionKind kind, string? stepId)
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();
        var before = script.State;

        // Act
        var turn = script.Apply(new PulseAction(kind, stepId, before.Revision));

        // Assert
        Assert.False(turn.Changed);
        Assert.Same(before, turn.State);
    }

    [Fact]
    public void Apply_EditWithStepAfterSubmit_ChangesNothing()
    {
        // Arrange
        var script = new PulseScript();
        script.AnswerAll();
        script.Submit();
        var before = script.State;

        // Act
        var turn = script.Edit("agenda");

        // Assert
        Assert.False(turn.Changed);
        Assert.Same(before, turn.State);
    }

    [Fact]
    public void Apply_StaleActionFromOldCardAfterMovingOn_ChangesNothing()
    {
        // Arrange
        var script = new PulseScript();
        var oldSkip = new PulseAction(PulseActionKind.Skip, "roleClarity", 0);
        script.Next((PulseInputIds.Rating, "5"));
        var before = script.State;

        // Act
        var turn = script.Apply(oldSkip);

        // Assert
        Assert.False(turn.Changed);
        Assert.Equal(5, turn.State.Answers["roleClarity"].Rating);
        Assert.Same(before, turn.State);
    }
}
