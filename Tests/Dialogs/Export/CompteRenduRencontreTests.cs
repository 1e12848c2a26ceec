using ConcertationBot.Dialogs.Rencontres;
using static ConcertationBot.Tests.Dialogs.Summaries.SummaryFixtures;

namespace ConcertationBot.Tests.Dialogs.Export;

/// <summary>The compte-rendu of a rencontre: the seeds' opening (date, thématique, intention), the pulse, its votes, then what comes next.</summary>
public sealed class CompteRenduRencontreTests
{
    private const string Theme = "Le développement de partenariats dans les projets de quartier social-santé";
    private const string Intention =
        "Identifier, grâce à l'expérience des participant·es, les freins et les leviers pour renforcer et pérenniser le réseau.";

    private static readonly DateTimeOffset PulseOpenedAt = new(2026, 9, 7, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PulseClosedAt = new(2026, 9, 14, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Generated = new(2026, 9, 15, 8, 30, 0, TimeSpan.Zero);

    public static TheoryData<Language, string> GoldenFiles => new()
    {
        { Language.French, "compte-rendu-rencontre.md" },
        { Language.English, "compte-rendu-rencontre.en.md" },
    };

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Markdown_RencontreWithIntentionNineAnswersTwoVotes_MatchesApprovedFile(Language language, string fileName)
    {
        // Arrange
        var input = RencontreInput(language);

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert
        GoldenFile.AssertMatches(fileName, markdown);
    }

    [Fact]
    public void Markdown_RencontreFrench_TitleThemeAndIntentionBeforeParticipationAndNextStepsLast()
    {
        // Act
        var lines = CompteRendu.Markdown(RencontreInput(Language.French)).Split('\n');

        // Assert
        Assert.Equal("# Compte-rendu de la rencontre du 14 septembre 2026", lines[0]);
        var theme = Array.IndexOf(lines, "Thématique\u00A0: " + MarkdownText.Escape(Theme));
        var intention = Array.IndexOf(lines, "Intention\u00A0: " + MarkdownText.Escape(Intention));
        var participation = Array.IndexOf(lines, "## Participation");
        var votes = Array.IndexOf(lines, "## Résultats des votes");
        var next = Array.IndexOf(lines, "## Pistes d'action et suite");
        Assert.True(0 < theme && theme < intention && intention < participation && participation < votes && votes < next, string.Join('\n', lines));
        Assert.Equal(["*À compléter\u00A0: la feuille de route de la table reprendra ces pistes.*", string.Empty], lines[(next + 2)..]);
        Assert.Equal(1, lines.Count(l => l.StartsWith("# ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Markdown_RencontreWithAnEarlierPulse_EachPulseWithItsSectionsOldestFirstDateOnce()
    {
        // Arrange: the same rencontre, with a pulse closed a week before the export's own.
        var earlier = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = Template,
            Answers = NineAnswers(),
            MemberCount = 11,
            OpenedAt = PulseOpenedAt.AddDays(-14),
            ClosedAt = PulseOpenedAt.AddDays(-7),
        });
        var input = RencontreInput(Language.French) with { EarlierPulses = [new CompteRenduPulse(earlier, Template, null)] };

        // Act
        var lines = CompteRendu.Markdown(input).Split('\n');

        // Assert
        var pulseLines = lines.Select((line, i) => (line, i)).Where(x => x.line.StartsWith("Pouls «", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pulseLines.Count);
        Assert.Contains("24 août 2026", pulseLines[0].line, StringComparison.Ordinal);
        Assert.Contains("7 septembre 2026", pulseLines[1].line, StringComparison.Ordinal);
        Assert.Equal(2, lines.Count(l => l == "## Participation"));
        Assert.Equal(2, lines.Count(l => l == "## Conditions de l'impact collectif"));
        Assert.Equal("---", lines[pulseLines[1].i - 2]);
        Assert.Single(lines, l => l.StartsWith("Document généré le", StringComparison.Ordinal));
        Assert.True(pulseLines[1].i < Array.IndexOf(lines, "## Résultats des votes"));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void Markdown_RoleClarityByRole_ShownUnderRoleClarityOnlyWhenBothGroupsReachK(int perGroup, bool shown)
    {
        // Arrange: the first answers carry a declared role, as the bot stores it only when k members declared it.
        var answers = NineAnswers().Select((answer, i) => i < 2 * perGroup
            ? new Dictionary<string, object?>(answer) { [PulseSummaries.RoleField] = i < perGroup ? "direction" : "terrain" }
            : answer).ToList();
        var summary = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = Template,
            Answers = answers,
            MemberCount = 11,
            OpenedAt = PulseOpenedAt,
            ClosedAt = PulseClosedAt,
        });

        // Act
        var lines = CompteRendu.Markdown(RencontreInput(Language.French) with { Summary = summary }).Split('\n');

        // Assert
        var title = Array.IndexOf(lines, "Moyenne par groupe");
        Assert.Equal(shown, title > Array.IndexOf(lines, "## Clarté des rôles"));
        Assert.Equal(shown, lines.Any(l => l.StartsWith("- Direction / coordination\u00A0: ", StringComparison.Ordinal) && l.EndsWith("(3 réponses)", StringComparison.Ordinal)));
        Assert.Equal(shown, lines.Any(l => l.StartsWith("- Équipe terrain\u00A0: ", StringComparison.Ordinal)));
        Assert.True(!shown || title < Array.IndexOf(lines, "## Conditions de l'impact collectif"));
    }

    [Fact]
    public void Markdown_NextStepsWithOneChangedItem_OnlyThatListUnderPistesDAction()
    {
        // Arrange
        var input = RencontreInput(Language.French) with
        {
            NextSteps = new CompteRenduNextSteps([], [new CompteRenduRoadmapItem("Une agente de liaison *à mi-temps*", "Long", "EnCours")], []),
        };

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert: user text escaped, the empty lists and the prompt left out.
        var next = markdown[markdown.IndexOf("## Pistes d'action et suite\n", StringComparison.Ordinal)..];
        Assert.Equal(
            "## Pistes d'action et suite\n\n### Modifié pendant la rencontre\n\n- Long terme — Une agente de liaison \\*à mi-temps\\* (en cours)\n",
            next);
    }

    [Fact]
    public void Markdown_RencontreEnglish_MeetingTitleThemeAndNextSteps()
    {
        // Act
        var markdown = CompteRendu.Markdown(RencontreInput(Language.English));

        // Assert
        Assert.StartsWith("# Minutes of the meeting of September 14, 2026\n\nTheme: ", markdown, StringComparison.Ordinal);
        Assert.Contains("\nPurpose: ", markdown, StringComparison.Ordinal);
        Assert.EndsWith("## Actions and next steps\n\n*To be completed: the table's roadmap will take up these actions.*\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_RencontreWithoutIntention_NoIntentionLine()
    {
        // Arrange
        var input = RencontreInput(Language.French) with { Rencontre = new CompteRenduRencontre(new DateOnly(2026, 10, 1), "Mobilité", null) };

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert
        Assert.StartsWith("# Compte-rendu de la rencontre du 1er octobre 2026\n\nThématique\u00A0: Mobilité\n\nPouls «\u00A0", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Intention", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_RencontreWithoutClosedPulse_SaysSoAndKeepsTheRencontreShape()
    {
        // Arrange
        var input = RencontreInput(Language.French) with { Summary = null, Template = null, Votes = [] };

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert
        Assert.Equal(
            "# Compte-rendu de la rencontre du 14 septembre 2026\n\n"
            + "Thématique\u00A0: " + MarkdownText.Escape(Theme) + "\n\n"
            + "Intention\u00A0: " + MarkdownText.Escape(Intention) + "\n\n"
            + "Document généré le 15 septembre 2026.\n\n## Participation\n\n*Aucun pouls clos pour cette période.*\n\n"
            + "## Résultats des votes\n\n*Aucun vote.*\n\n"
            + "## Pistes d'action et suite\n\n*À compléter\u00A0: la feuille de route de la table reprendra ces pistes.*\n",
            markdown);
    }

    [Theory]
    [InlineData("# Mobilité\n## <b>gras</b> [lien](http://exemple.org) *vite*")]
    [InlineData("- 1. | `code` ~x~ &amp; www.site.org")]
    [InlineData("12. Logement\r\n> cité")]
    public void Markdown_HostileThemeAndIntention_EscapedAsEveryOtherUserText(string hostile)
    {
        // Arrange
        var input = RencontreInput(Language.French) with { Rencontre = new CompteRenduRencontre(new DateOnly(2026, 9, 14), hostile, hostile) };

        // Act
        var lines = CompteRendu.Markdown(input).Split('\n');

        // Assert
        Assert.Contains("Thématique\u00A0: " + MarkdownText.Escape(hostile), lines);
        Assert.Contains("Intention\u00A0: " + MarkdownText.Escape(hostile), lines);
        Assert.Equal(1, lines.Count(l => l.StartsWith("# ", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("<b>", StringComparison.Ordinal) || l.Contains("](http://", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_SameInputWithoutRencontre_GeneralShapeWithoutRencontreWords()
    {
        // Arrange
        var input = RencontreInput(Language.French) with { Rencontre = null };

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert
        Assert.StartsWith("# Compte-rendu — Table de quartier Parc-Extension\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Thématique", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Pistes d'action", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownParts_Rencontre_JoinIntoTheWholeDocument()
    {
        // Arrange
        var input = RencontreInput(Language.French);

        // Act
        var joined = string.Concat(CompteRendu.MarkdownParts(input));

        // Assert
        Assert.Equal(CompteRendu.Markdown(input), joined);
        Assert.Contains(RencontreDates.Write(new DateOnly(2026, 9, 14), Language.French), joined, StringComparison.Ordinal);
    }

    private static CompteRenduInput RencontreInput(Language language) => new()
    {
        Summary = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = Template,
            Answers = NineAnswers(),
            MemberCount = 11,
            Members = RencontreMembers(),
            OpenedAt = PulseOpenedAt,
            ClosedAt = PulseClosedAt,
        }),
        Template = Template,
        Language = language,
        Title = "Table de quartier Parc-Extension",
        GeneratedAt = Generated,
        Votes = RencontreVotes(),
        Rencontre = new CompteRenduRencontre(new DateOnly(2026, 9, 14), Theme, Intention),
    };

    /// <summary>
    /// The eleven members by declared profile: six community organisations (five answered), three health institutions
    /// (all answered), one funder (answered: under k, so "moins de 3") and one member without a profile.
    /// </summary>
    private static List<SummaryMember> RencontreMembers() =>
    [
        .. Enumerable.Range(0, 6).Select(i => new SummaryMember("communautaire", Answered: i < 5)),
        .. Enumerable.Range(0, 3).Select(_ => new SummaryMember("institution-sante", Answered: true)),
        new SummaryMember("bailleur", Answered: true),
        new SummaryMember(null, Answered: false),
    ];

    /// <summary>Nine partners' answers, worded as the seeds' freins and leviers are.</summary>
    private static List<IReadOnlyDictionary<string, object?>> NineAnswers() =>
    [
        Answer(4, continuum: "coordination", change: "Deux organismes portent maintenant ensemble l'aide aux devoirs.", direction: "positive",
            conditions:
            [
                ("agenda", "Les objectifs sont surtout fixés par les financements et les directives politiques.", "Un comité de pilotage qui réunit tous les partenaires chaque trimestre."),
                ("communication", "Certaines communautés ne reçoivent pas l'information à temps.", "Adapter les messages à chaque public et passer par les médias du quartier."),
            ]),
        Answer(3, continuum: "coordination", change: "Deux organismes portent maintenant ensemble l'aide aux devoirs.", direction: "positive",
            conditions:
            [
                ("agenda", "Les objectifs sont surtout fixés par les financements et les directives politiques.", "Clarifier ce que chaque partenaire gagne à travailler ensemble."),
                ("mesures", "Difficile de s'entendre sur des indicateurs communs à tous les projets.", "Choisir trois indicateurs simples avec les personnes concernées."),
            ]),
        Answer(4, continuum: "collaboration", change: "Le départ de la coordonnatrice a ralenti les projets communs.", direction: "negative",
            conditions:
            [
                ("activites", "Trop d'activités dispersées dans le quartier, parfois le même soir.", "Un calendrier commun des activités, tenu à jour par l'agente de liaison."),
                ("soutien", "L'organisation pivot manque de temps pour animer la table entre les rencontres.", "Une agente de liaison à mi-temps, financée par plusieurs partenaires."),
            ]),
        Answer(5, continuum: "coordination",
            conditions: [("agenda", "Des tensions persistent entre partenaires qui demandent les mêmes subventions.", "Un comité de pilotage qui réunit tous les partenaires chaque trimestre.")]),
        Answer(2, continuum: "assistance",
            conditions: [("communication", "La communication demande beaucoup de temps et certaines compétences.", null)]),
        Answer(3, continuum: "communication",
            conditions: [("activites", "La compétition entre organismes pour les financements freine les projets communs.", null)]),
        Answer(4, continuum: "coordination", change: "La bibliothèque accueille désormais les rencontres de la table.", direction: "positive"),
        Answer(3, continuum: "assistance"),
        Answer(dontKnow: true, continuum: "coordination"),
    ];

    private static IReadOnlyList<VoteResultSummary> RencontreVotes() =>
    [
        new VoteResultSummary(
            "Quelles pistes prioriser d'ici la prochaine rencontre ?",
            8,
            [
                new VoteOptionResult(1, "Un calendrier commun des activités du quartier", 11, false),
                new VoteOptionResult(2, "Trois indicateurs simples choisis avec les personnes concernées", 7, false),
                new VoteOptionResult(3, "Une agente de liaison à mi-temps", 6, false),
            ],
            Unit: VoteScoreUnit.Points),
        new VoteResultSummary(
            "Qui anime le comité de pilotage ?",
            8,
            [new VoteOptionResult(1, "Une coanimation entre deux organismes", 5, false), new VoteOptionResult(2, "L'organisation pivot", 3, false)]),
    ];
}
