using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Export;
using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Cards.Summary;

namespace ConcertationBot.Tests.Dialogs.Templates;

/// <summary>The deepening round's generated template (issue #17): ids, texts in both languages, names as data, answer fields.</summary>
public sealed class DeepeningTemplateTests
{
    private static readonly string[] Three = ["Logement", "Mobilité | Mobility", "Jeunesse"];

    [Fact]
    public void Build_ThreeCategories_OneDeepeningStepEachWithStableIdsInOrder()
    {
        // Act
        var template = DeepeningTemplate.Build(Three, 500);

        // Assert
        Assert.Equal(DeepeningTemplate.Id, template.Id);
        Assert.Equal(["cat1", "cat2", "cat3"], template.Steps.Select(s => s.Id));
        Assert.All(template.Steps, s => Assert.Equal(PulseStepKind.Deepening, s.Kind));
        Assert.All(template.Steps, s => Assert.Matches("^[a-z][A-Za-z0-9]{1,30}$", s.Id));
        Assert.Equal(Three, template.Steps.OfType<DeepeningStep>().Select(s => s.Category));
        Assert.Equal(500, template.MaxTextLength);
    }

    [Fact]
    public void Build_ThreeCategories_IntroNamesThemInOrderEachInItsLanguagesHalf()
    {
        // Act
        var template = DeepeningTemplate.Build(Three, 500);

        // Assert: the shared card says which categories the round is about.
        Assert.Contains("(Logement, Mobilité, Jeunesse)", template.Intro!.For(Language.French), StringComparison.Ordinal);
        Assert.Contains("(Logement, Mobility, Jeunesse)", template.Intro.For(Language.English), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NameWithMarkdown_InertOnCardsAsTypedInTheCsvHeader()
    {
        // Act
        var template = DeepeningTemplate.Build(["**Logement** [abordable](https://exemple.org)"], 500);

        // Assert: the step title and intro (cards only) escape it; the CSV's header shows it as typed.
        Assert.Equal("Category: \\*\\*Logement\\*\\* \\[abordable\\]\\(https://exemple.org\\)", template.Steps[0].Title.For(Language.English));
        Assert.Contains("(\\*\\*Logement", template.Intro!.For(Language.English), StringComparison.Ordinal);
        Assert.Equal("Category: **Logement** [abordable](https://exemple.org) — what will help", CompteRendu.Headers(template, Language.English)[0]);
    }

    [Fact]
    public void Build_AnyLanguage_EveryTextInFrenchAndEnglishWithTheCategoryNameAsDataAndItsHalf()
    {
        // Act
        var template = DeepeningTemplate.Build(Three, 500);

        // Assert: the name as typed; a name "fr | en" gives each language its half.
        Assert.Equal("Catégorie\u00A0: Logement", template.Steps[0].Title.For(Language.French));
        Assert.Equal("Category: Logement", template.Steps[0].Title.For(Language.English));
        Assert.EndsWith("Mobilité", template.Steps[1].Title.For(Language.French), StringComparison.Ordinal);
        Assert.Equal("Category: Mobility", template.Steps[1].Title.For(Language.English));
        Assert.All(template.Steps, s => Assert.NotEqual(s.Prompt.French, s.Prompt.English));
        Assert.NotEqual(template.Title.French, template.Title.English);
        Assert.NotNull(template.Intro);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Build_NoneOrMoreThanFive_Refused(int count)
    {
        // Arrange
        var names = Enumerable.Range(1, count).Select(i => "Catégorie " + i).ToList();

        // Act / Assert
        Assert.Throws<ArgumentException>(() => DeepeningTemplate.Build(names, 500));
    }

    [Fact]
    public void Build_FiveCategories_FiveSteps()
    {
        // Act
        var template = DeepeningTemplate.Build([.. Enumerable.Range(1, 5).Select(i => "C" + i)], 500);

        // Assert
        Assert.Equal(DeepeningTemplate.MaxCategories, template.Steps.Count);
        Assert.Equal("cat5", template.Steps[^1].Id);
    }

    [Fact]
    public void AnswerFields_DeepeningAnswers_StoredUnderStableNamesAndReadBack()
    {
        // Arrange
        var template = DeepeningTemplate.Build(Three, 500);
        var answers = new Dictionary<string, StepAnswer>
        {
            ["cat1"] = new() { Facilitant = "Des élus présents", Ecueil = "Promettre trop", Souhait = "Un comité" },
            ["cat3"] = new() { Souhait = "Un local" },
        };

        // Act
        var fields = PulseAnswerFields.ToFields(template, answers);
        var back = PulseAnswerFields.FromFields(template, fields.ToDictionary(f => f.Key, f => (object?)f.Value));

        // Assert
        Assert.Equal(["cat1_ecueil", "cat1_facilitant", "cat1_souhait", "cat3_souhait"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(answers["cat1"], back["cat1"]);
        Assert.Equal(answers["cat3"], back["cat3"]);
        Assert.False(back.ContainsKey("cat2"));
    }

    [Fact]
    public void Compute_ThreeAnswersAtK_EachCategorysTextsMergedAndDescribedUnderItsTitle()
    {
        // Arrange: k = 3, three answers, two naming the same facilitant.
        var template = DeepeningTemplate.Build(Three, 500);
        IReadOnlyDictionary<string, object?> Row(string facilitant) =>
            new Dictionary<string, object?> { ["cat1_facilitant"] = facilitant, ["cat2_ecueil"] = "Aller trop vite" };
        var input = new PulseSummaryInput
        {
            Template = template,
            Answers = [Row("Des élus présents"), Row("des élus  présents"), Row("Un budget")],
            OpenedAt = DateTimeOffset.UnixEpoch,
            ClosedAt = DateTimeOffset.UnixEpoch.AddDays(7),
        };

        // Act
        var summary = PulseSummaries.Compute(input);
        var card = PulseSummaries.Describe(summary, template, Language.French);

        // Assert
        var first = Assert.Single(summary.Deepenings, d => d.StepId == "cat1");
        Assert.Equal([("Des élus présents", 2), ("Un budget", 1)], first.Facilitants.Select(t => (t.Text, t.Count)));
        Assert.Equal(3, card.Sections.Count);
        Assert.Equal("Catégorie\u00A0: Logement", card.Sections[0].Title);
    }
}

/// <summary>The pulse's own dialog and bounds on a deepening template: the three texts read, limited and kept.</summary>
public sealed class DeepeningDialogTests
{
    private static readonly PulseTemplate Template = DeepeningTemplate.Build(["Logement", "Mobilité"], 20);

    private static PulseAction Next(int revision, string step, string? facilitant, string? ecueil, string? souhait) =>
        new(PulseActionKind.Next, step, revision)
        {
            Inputs = new Dictionary<string, string?>
            {
                [PulseInputIds.Facilitant] = facilitant,
                [PulseInputIds.Ecueil] = ecueil,
                [PulseInputIds.Souhait] = souhait,
            },
        };

    [Fact]
    public void Apply_NextWithTwoOfThreeTexts_SavedAndOnToTheNextCategory()
    {
        // Act
        var turn = PulseDialog.Apply(Template, PulseDialog.Start("p1"), Next(0, "cat1", " Des élus ", null, "Un local"));

        // Assert
        Assert.Equal(new StepAnswer { Facilitant = "Des élus", Souhait = "Un local" }, turn.State.Answers["cat1"]);
        Assert.Equal(1, turn.State.StepIndex);
        Assert.Null(turn.State.Notice);
    }

    [Fact]
    public void Apply_EcueilOverTheLimit_RefusedKeptAsDraftAndTheViewSaysWhich()
    {
        // Act
        var turn = PulseDialog.Apply(Template, PulseDialog.Start("p1"), Next(0, "cat1", "Court", new string('é', 25), null));
        var view = (PulseStepCardModel)PulseViews.Describe(Template, turn.State, new PulseRespondentView { Language = Language.French, PulseId = "p1", PulseTitle = "Approfondir", Revision = 0, UserId = "29:amelie", DeadlineText = "le 10 novembre" });

        // Assert
        Assert.Equal(PulseInputIds.Ecueil, turn.State.Notice?.Field);
        Assert.False(turn.State.Answers.ContainsKey("cat1"));
        Assert.Equal(new string('é', 25), ((DeepeningStepInput)view.Input).Ecueil);
        Assert.StartsWith("Votre écueil fait 25 caractères", view.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Bound_SixtyLongAnswersPerCategory_SummaryCardUnderItsWeightWithTheRestCounted()
    {
        // Arrange: 60 answers of 450 characters in every list of both categories.
        var template = DeepeningTemplate.Build(["Logement", "Mobilité"], 500);
        var words = string.Concat(Enumerable.Repeat("Un calendrier commun des projets partagé avant chaque comité de travail. ", 7))[..440];
        var answers = Enumerable.Range(0, 60).Select(i => (IReadOnlyDictionary<string, object?>)new[] { "cat1", "cat2" }
            .SelectMany(s => new[] { s + "_facilitant", s + "_ecueil", s + "_souhait" })
            .ToDictionary(f => f, f => (object?)$"{words} {f} {i}")).ToList();
        var whole = PulseSummaries.Compute(new PulseSummaryInput { Template = template, Answers = answers, OpenedAt = DateTimeOffset.UnixEpoch, ClosedAt = DateTimeOffset.UnixEpoch.AddDays(1) });

        // Act
        var bounded = PulseSummaries.Bound(whole, template);
        var card = PulseSummaryCard.Build(PulseSummaries.Describe(bounded, template, Language.French));

        // Assert
        Assert.True(PulseSummaries.IsBounded(bounded));
        Assert.All(bounded.Deepenings, d => Assert.Equal(60, d.Facilitants.Count + (d.FacilitantsOmitted?.Items ?? 0)));
        Assert.True(AdaptiveCardSerializer.MeasureUtf16Bytes(card) <= PulseSummaryCard.MaxCardBytes);
        Assert.Equal(whole.Deepenings, PulseSummaries.WithTextsOf(bounded, whole).Deepenings);
    }
}
