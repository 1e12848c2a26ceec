namespace ConcertationBot.Tests.Dialogs.Votes;

public sealed class VoteCommandsTests
{
    [Fact]
    public void Parse_FrenchQuestionWithNbspBeforePunctuation_OpenSingleChoiceKeepingSpelling()
    {
        // Arrange: what a French keyboard (or Teams' autocorrect) produces before "?", ":" and ";".
        const string text = "Vote  Quelle   priorité pour l’été\u202F?\u00A0: Espaces verts\u202F; Mobilité  douce ;Écoles";

        // Act
        var command = VoteCommands.Parse(text);

        // Assert
        Assert.Equal(VoteCommandKind.Open, command.Kind);
        Assert.Equal(VoteCommandProblem.None, command.Problem);
        Assert.Equal(new VoteRules(VoteMode.Single, 1, false), command.Rules);
        var definition = Assert.IsType<VoteDefinition>(command.Definition);
        Assert.Equal("Quelle priorité pour l’été ?", definition.Question);
        Assert.Equal(["Espaces verts", "Mobilité douce", "Écoles"], definition.Options);
        Assert.Equal(command.Rules, definition.Rules);
    }

    [Fact]
    public void Parse_EnglishQuestion_OpenSingleChoice()
    {
        // Act
        var command = VoteCommands.Parse("VOTE Which day? : Monday ; Tuesday");

        // Assert
        Assert.Equal(VoteCommandKind.Open, command.Kind);
        Assert.Equal("Which day?", command.Definition!.Question);
        Assert.Equal(["Monday", "Tuesday"], command.Definition.Options);
    }

    [Fact]
    public void Parse_NewlinesBetweenOptions_CollapsedToSpaces()
    {
        // Act
        var command = VoteCommands.Parse("vote Choix :\n A\r\n; B\tbis ;\n");

        // Assert
        Assert.Equal(["A", "B bis"], command.Definition!.Options);
    }

    [Theory]
    [InlineData("vote top 2 Quelles priorités : A ; B ; C", VoteMode.TopN, 2, false)]
    [InlineData("vote TOP 2 résultats cachés Quelles priorités : A ; B ; C", VoteMode.TopN, 2, true)]
    [InlineData("vote points 5 Quelles priorités : A ; B ; C", VoteMode.Points, 5, false)]
    [InlineData("vote points Quelles priorités : A ; B ; C", VoteMode.Points, 3, false)]
    [InlineData("vote Résultats Cachés Quelles priorités : A ; B ; C", VoteMode.Single, 1, true)]
    [InlineData("vote resultats caches Quelles priorités : A ; B ; C", VoteMode.Single, 1, true)]
    [InlineData("vote hidden results points 10 Quelles priorités : A ; B ; C", VoteMode.Points, 10, true)]
    public void Parse_LeadingSettings_RulesAndQuestionWithoutThem(string text, VoteMode mode, int limit, bool hidden)
    {
        // Act
        var command = VoteCommands.Parse(text);

        // Assert
        Assert.Equal(VoteCommandKind.Open, command.Kind);
        Assert.Equal(new VoteRules(mode, limit, hidden), command.Rules);
        Assert.Equal("Quelles priorités", command.Definition!.Question);
        Assert.Equal(["A", "B", "C"], command.Definition.Options);
    }

    [Theory]
    [InlineData("vote résultats publics Quelles priorités : A ; B ; C", VoteMode.Single, 1, false)]
    [InlineData("vote Resultats Publics top 2 Quelles priorités : A ; B ; C", VoteMode.TopN, 2, false)]
    [InlineData("vote public results points 4 hidden results Quelles priorités : A ; B ; C", VoteMode.Points, 4, true)]
    [InlineData("vote Quelles priorités : A ; B ; C ; résultats publiques", VoteMode.Single, 1, false)]
    public void Parse_PublicResults_StoredWithTheRules(string text, VoteMode mode, int limit, bool hidden)
    {
        // Act
        var command = VoteCommands.Parse(text);

        // Assert
        Assert.Equal(VoteCommandKind.Open, command.Kind);
        Assert.Equal(new VoteRules(mode, limit, hidden, PublicResults: true), command.Rules);
        Assert.Equal(command.Rules, command.Definition!.Rules);
        Assert.Equal("Quelles priorités", command.Definition.Question);
        Assert.Equal(["A", "B", "C"], command.Definition.Options);
    }

    [Fact]
    public void Parse_PublicResultsTwice_BadSetting()
    {
        // Act
        var command = VoteCommands.Parse("vote résultats publics public results Quelles priorités : A ; B ; C");

        // Assert
        Assert.Equal(VoteCommandProblem.BadSetting, command.Problem);
    }

    [Fact]
    public void Parse_LeversWithPublicResults_LeversPublic()
    {
        // Act
        var command = VoteCommands.Parse("vote leviers résultats publics");

        // Assert
        Assert.Equal(VoteCommandKind.Levers, command.Kind);
        Assert.True(command.Rules.PublicResults);
    }

    [Theory]
    [InlineData("vote Quelles priorités : A ; B ; C ; top 2", VoteMode.TopN, 2, false)]
    [InlineData("vote Quelles priorités : A ; B ; C ; points 4 résultats cachés", VoteMode.Points, 4, true)]
    [InlineData("vote Quelles priorités : A ; B ; C ; hidden results", VoteMode.Single, 1, true)]
    [InlineData("vote Quelles priorités : A ; B ; C ; points", VoteMode.Points, 3, false)]
    [InlineData("vote Quelles priorités : A ; B ; C ; top 2 ; résultats cachés ;", VoteMode.TopN, 2, true)]
    [InlineData("vote résultats cachés Quelles priorités : A ; B ; C ; top 2", VoteMode.TopN, 2, true)]
    public void Parse_TrailingSettings_RulesAndOptionsWithoutThem(string text, VoteMode mode, int limit, bool hidden)
    {
        // Act
        var command = VoteCommands.Parse(text);

        // Assert
        Assert.Equal(VoteCommandKind.Open, command.Kind);
        Assert.Equal(new VoteRules(mode, limit, hidden), command.Rules);
        Assert.Equal("Quelles priorités", command.Definition!.Question);
        Assert.Equal(["A", "B", "C"], command.Definition.Options);
    }

    [Fact]
    public void Parse_LastOptionOnlyStartsLikeASetting_StaysAnOption()
    {
        // Act
        var command = VoteCommands.Parse("vote Classement : Top 3 des idées ; Le reste");

        // Assert
        Assert.Equal(VoteMode.Single, command.Rules.Mode);
        Assert.Equal(["Top 3 des idées", "Le reste"], command.Definition!.Options);
    }

    [Fact]
    public void Parse_QuestionStartingWithTopWord_NotASetting()
    {
        // Act
        var command = VoteCommands.Parse("vote Top priorités ? : A ; B");

        // Assert
        Assert.Equal(VoteMode.Single, command.Rules.Mode);
        Assert.Equal("Top priorités ?", command.Definition!.Question);
    }

    [Theory]
    [InlineData("vote clore la réunion ? : Oui ; Non", "clore la réunion ?")]
    [InlineData("vote Clore : Oui ; Non", "Clore")]
    [InlineData("vote leviers : Oui ; Non", "leviers")]
    public void Parse_QuestionStartingWithCommandWordAndColon_Open(string text, string question)
    {
        // Act
        var command = VoteCommands.Parse(text);

        // Assert
        Assert.Equal(VoteCommandKind.Open, command.Kind);
        Assert.Equal(question, command.Definition!.Question);
        Assert.Equal(["Oui", "Non"], command.Definition.Options);
    }

    [Fact]
    public void Parse_ColonsInsideOptions_OnlyFirstSeparates()
    {
        // Act
        var command = VoteCommands.Parse("vote Format : Ratio 2:1 ; Note : à revoir ; Lien https://exemple.org");

        // Assert
        Assert.Equal("Format", command.Definition!.Question);
        Assert.Equal(["Ratio 2:1", "Note : à revoir", "Lien https://exemple.org"], command.Definition.Options);
    }

    [Fact]
    public void Parse_TimeInQuestion_ColonBetweenDigitsDoesNotSeparate()
    {
        // Act
        var command = VoteCommands.Parse("vote Réunion à 10:30 ou 14:00 ? : 10:30 ; 14:00");

        // Assert
        Assert.Equal("Réunion à 10:30 ou 14:00 ?", command.Definition!.Question);
        Assert.Equal(["10:30", "14:00"], command.Definition.Options);
    }

    [Fact]
    public void Parse_EmptySegments_Ignored()
    {
        // Act
        var command = VoteCommands.Parse("vote Q : ; A ;; ; B ;");

        // Assert
        Assert.Equal(["A", "B"], command.Definition!.Options);
    }

    [Theory]
    [InlineData("vote clore")]
    [InlineData("Vote Clore")]
    [InlineData("vote close")]
    [InlineData("vote  CLOSE ")]
    [InlineData("vote fermer")]
    [InlineData("vote terminer")]
    [InlineData("Vote Terminer")]
    public void Parse_CloseWord_Close(string text)
    {
        // Act
        var command = VoteCommands.Parse(text);

        // Assert
        Assert.Equal(VoteCommandKind.Close, command.Kind);
        Assert.Null(command.Definition);
        Assert.Equal(VoteCommandProblem.None, command.Problem);
    }

    [Theory]
    [InlineData("vote leviers", VoteMode.Single, 1, false)]
    [InlineData("vote Levers", VoteMode.Single, 1, false)]
    [InlineData("vote leviers top 3", VoteMode.TopN, 3, false)]
    [InlineData("vote leviers points 5 résultats cachés", VoteMode.Points, 5, true)]
    [InlineData("vote levers points", VoteMode.Points, 3, false)]
    [InlineData("vote top 2 leviers", VoteMode.TopN, 2, false)]
    [InlineData("vote leviers ; top 2", VoteMode.TopN, 2, false)]
    public void Parse_Levers_LeversWithRules(string text, VoteMode mode, int limit, bool hidden)
    {
        // Act
        var command = VoteCommands.Parse(text);

        // Assert
        Assert.Equal(VoteCommandKind.Levers, command.Kind);
        Assert.Equal(new VoteRules(mode, limit, hidden), command.Rules);
        Assert.Null(command.Definition);
    }

    [Theory]
    [InlineData("vote leviers top 0")]
    [InlineData("vote leviers top 12")]
    [InlineData("vote leviers points 100")]
    [InlineData("vote leviers top 2 points 3")]
    [InlineData("vote leviers s'il vous plaît")]
    public void Parse_LeversWithBadSettings_BadSetting(string text)
    {
        // Act
        var command = VoteCommands.Parse(text);

        // Assert
        Assert.Equal(VoteCommandKind.Invalid, command.Kind);
        Assert.Equal(VoteCommandProblem.BadSetting, command.Problem);
    }

    [Theory]
    [InlineData("vote")]
    [InlineData("  Vote  ")]
    [InlineData("vote top 2")]
    [InlineData("vote résultats cachés")]
    [InlineData("")]
    [InlineData("bonjour")]
    public void Parse_NothingToVoteOn_Empty(string text)
    {
        // Act
        var command = VoteCommands.Parse(text);

        // Assert
        Assert.Equal(VoteCommandKind.Invalid, command.Kind);
        Assert.Equal(VoteCommandProblem.Empty, command.Problem);
        Assert.Null(command.Definition);
    }

    [Theory]
    [InlineData("vote Quelle priorité A ; B", VoteCommandProblem.NoQuestion)]
    [InlineData("vote clore maintenant", VoteCommandProblem.NoQuestion)]
    [InlineData("vote : A ; B", VoteCommandProblem.NoQuestion)]
    [InlineData("vote top 2 : A ; B ; C", VoteCommandProblem.NoQuestion)]
    [InlineData("vote Q :", VoteCommandProblem.TooFewOptions)]
    [InlineData("vote Q : A", VoteCommandProblem.TooFewOptions)]
    [InlineData("vote Q : A ; ; ", VoteCommandProblem.TooFewOptions)]
    [InlineData("vote Q : A ; top 2", VoteCommandProblem.TooFewOptions)]
    [InlineData("vote Q : Mobilité ; mobilite ; C", VoteCommandProblem.DuplicateOption)]
    [InlineData("vote Q : Espaces  verts ; ESPACES VERTS", VoteCommandProblem.DuplicateOption)]
    [InlineData("vote top 3 Q : A ; B ; C", VoteCommandProblem.BadSetting)]
    [InlineData("vote top 0 Q : A ; B ; C", VoteCommandProblem.BadSetting)]
    [InlineData("vote top 2x Q : A ; B ; C", VoteCommandProblem.BadSetting)]
    [InlineData("vote top -1 Q : A ; B ; C", VoteCommandProblem.BadSetting)]
    [InlineData("vote top 1.5 Q : A ; B ; C", VoteCommandProblem.BadSetting)]
    [InlineData("vote points 0 Q : A ; B ; C", VoteCommandProblem.BadSetting)]
    [InlineData("vote points 100 Q : A ; B ; C", VoteCommandProblem.BadSetting)]
    [InlineData("vote points 99999999999 Q : A ; B ; C", VoteCommandProblem.BadSetting)]
    [InlineData("vote top 2 points 5 Q : A ; B ; C", VoteCommandProblem.BadSetting)]
    [InlineData("vote top 2 Q : A ; B ; C ; points 5", VoteCommandProblem.BadSetting)]
    [InlineData("vote top 1 top 2 Q : A ; B ; C", VoteCommandProblem.BadSetting)]
    [InlineData("vote résultats cachés Q : A ; B ; C ; hidden results", VoteCommandProblem.BadSetting)]
    public void Parse_Problem_InvalidWithProblem(string text, VoteCommandProblem problem)
    {
        // Act
        var command = VoteCommands.Parse(text);

        // Assert
        Assert.Equal(VoteCommandKind.Invalid, command.Kind);
        Assert.Equal(problem, command.Problem);
        Assert.Null(command.Definition);
    }

    [Theory]
    [InlineData(1, VoteCommandProblem.None)]
    [InlineData(2, VoteCommandProblem.BadSetting)]
    public void Parse_TopNAgainstOptionCount_AtMostOptionsMinusOne(int extra, VoteCommandProblem problem)
    {
        // Arrange: 3 options, top 2 is fine, top 3 is everything.
        var text = $"vote top {1 + extra} Q : A ; B ; C";

        // Act
        var command = VoteCommands.Parse(text);

        // Assert
        Assert.Equal(problem, command.Problem);
    }

    [Theory]
    [InlineData(12, VoteCommandProblem.None)]
    [InlineData(13, VoteCommandProblem.TooManyOptions)]
    public void Parse_OptionCount_TwelveAtMost(int count, VoteCommandProblem problem)
    {
        // Arrange
        var text = "vote Q : " + string.Join(" ; ", Enumerable.Range(1, count).Select(i => $"Option {i}"));

        // Act
        var command = VoteCommands.Parse(text);

        // Assert
        Assert.Equal(problem, command.Problem);
        Assert.Equal(problem == VoteCommandProblem.None ? count : null, command.Definition?.Options.Count);
    }

    [Theory]
    [InlineData(200, VoteCommandProblem.None)]
    [InlineData(201, VoteCommandProblem.QuestionTooLong)]
    public void Parse_QuestionLengthInTextElements_TwoHundredAtMost(int length, VoteCommandProblem problem)
    {
        // Arrange: a family emoji is 8 UTF-16 units but one character to a person.
        var question = string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", length));

        // Act
        var command = VoteCommands.Parse($"vote {question} : A ; B");

        // Assert
        Assert.Equal(problem, command.Problem);
    }

    [Theory]
    [InlineData(100, VoteCommandProblem.None)]
    [InlineData(101, VoteCommandProblem.OptionTooLong)]
    public void Parse_OptionLengthInTextElements_HundredAtMost(int length, VoteCommandProblem problem)
    {
        // Arrange: "é" as e + combining acute is one character to a person.
        var option = string.Concat(Enumerable.Repeat("e\u0301", length));

        // Act
        var command = VoteCommands.Parse($"vote Q : {option} ; B");

        // Assert
        Assert.Equal(problem, command.Problem);
    }

    [Theory]
    [InlineData(VoteCommandProblem.Empty)]
    [InlineData(VoteCommandProblem.NoQuestion)]
    [InlineData(VoteCommandProblem.TooFewOptions)]
    [InlineData(VoteCommandProblem.TooManyOptions)]
    [InlineData(VoteCommandProblem.DuplicateOption)]
    [InlineData(VoteCommandProblem.QuestionTooLong)]
    [InlineData(VoteCommandProblem.OptionTooLong)]
    [InlineData(VoteCommandProblem.BadSetting)]
    public void Describe_EveryProblem_DifferentSentenceInEachLanguage(VoteCommandProblem problem)
    {
        // Act
        var french = VoteCommands.Describe(problem, Language.French);
        var english = VoteCommands.Describe(problem, Language.English);

        // Assert
        Assert.False(string.IsNullOrWhiteSpace(french));
        Assert.False(string.IsNullOrWhiteSpace(english));
        Assert.NotEqual(french, english);
        Assert.EndsWith(".", french);
        Assert.EndsWith(".", english);
    }

    [Fact]
    public void Describe_TooFewOptionsFrench_FrenchTypography()
    {
        // Act
        var text = VoteCommands.Describe(VoteCommandProblem.TooFewOptions, Language.French);

        // Assert
        Assert.Equal("Il faut au moins 2 options, séparées par «\u202F;\u00A0».", text);
    }

    [Fact]
    public void Describe_None_Null()
    {
        // Act
        var text = VoteCommands.Describe(VoteCommandProblem.None, Language.English);

        // Assert
        Assert.Null(text);
    }

    [Theory]
    [InlineData(VoteMode.Single, 1, Language.French, "Quel levier prioriser ?")]
    [InlineData(VoteMode.TopN, 1, Language.French, "Quel levier prioriser ?")]
    [InlineData(VoteMode.TopN, 3, Language.French, "Quels leviers prioriser ?")]
    [InlineData(VoteMode.Points, 5, Language.French, "Quels leviers prioriser ?")]
    [InlineData(VoteMode.Single, 1, Language.English, "Which lever should we prioritise?")]
    [InlineData(VoteMode.TopN, 2, Language.English, "Which levers should we prioritise?")]
    public void LeversQuestion_Rules_SingularForOneChoice(VoteMode mode, int limit, Language language, string expected)
    {
        // Act
        var question = VoteCommands.LeversQuestion(new VoteRules(mode, limit, false), language);

        // Assert
        Assert.Equal(expected, question.Replace('\u202F', ' '));
    }
}
