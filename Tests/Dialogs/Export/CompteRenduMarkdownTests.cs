using static ConcertationBot.Tests.Dialogs.Summaries.SummaryFixtures;

namespace ConcertationBot.Tests.Dialogs.Export;

public sealed class CompteRenduMarkdownTests
{
    public static TheoryData<Language, string> GoldenFiles => new()
    {
        { Language.French, "compte-rendu-12.md" },
        { Language.English, "compte-rendu-12.en.md" },
    };

    /// <summary>
    /// Byte-for-byte against the approved file. On a difference the output is written next to it as <c>.received.md</c>:
    /// review it and, when right, replace the approved file with it (the Verify workflow).
    /// </summary>
    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Markdown_TwelveAnswersTwoVotes_MatchesApprovedFile(Language language, string fileName)
    {
        // Arrange
        var input = TwelveInput(language);

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert
        GoldenFile.AssertMatches(fileName, markdown);
    }

    [Fact]
    public void Markdown_French_ShapedLikeTheSeedReports()
    {
        // Act
        var markdown = CompteRendu.Markdown(TwelveInput(Language.French));

        // Assert
        var headings = markdown.Split('\n').Where(l => l.StartsWith('#')).ToList();
        Assert.Equal(
            [
                "# Compte-rendu — Table de quartier Côte-des-Neiges",
                "## Participation",
                "## Clarté des rôles",
                "## Conditions de l'impact collectif",
                "### Agenda partagé",
                "### Mesures partagées et apprentissage stratégique",
                "### Activités qui se renforcent mutuellement",
                "### Communication ouverte et continue",
                "### Structure de soutien",
                "## Continuum de la coopération",
                "## Changements les plus significatifs",
                "## Résultats des votes",
                "### Quelles priorités pour 2027 ?",
                "### Date de la prochaine rencontre",
            ],
            headings);
        Assert.Contains("**Freins**\n\n- Manque de temps (×3)\n- Financements par projet\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- **1.** Sécurité alimentaire — 12 points\n- **2.** Logement \\*salubre\\* — 8 points (ex æquo)\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", markdown, StringComparison.Ordinal);
        Assert.EndsWith("\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_HostileAnswer_CannotOpenLinksHeadingsOrHtml()
    {
        // Act
        var markdown = CompteRendu.Markdown(TwelveInput(Language.French));

        // Assert
        var line = markdown.Split('\n').Single(l => l.Contains("urgent", StringComparison.Ordinal));
        Assert.Equal(
            "- \\*urgent\\* \\_vite\\_ \\[lien\\](http\\://exemple.org) \\<b\\>gras\\</b\\> \\# titre \\`code\\` \\| \\~x\\~ \\&amp; www\\.site.org",
            line);
        Assert.DoesNotContain("<b>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_VoteClosedWithoutBallot_SaysNoVoteAndRanksNothing()
    {
        // Arrange
        var input = TwelveInput(Language.French) with
        {
            Votes = [new VoteResultSummary("Quelle date ?", 0, [new VoteOptionResult(1, "Mardi", 0, true), new VoteOptionResult(1, "Jeudi", 0, true)])],
        };

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert
        Assert.Contains("Aucun vote.\n\n- Mardi\n- Jeudi\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("ex æquo", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("0 votant", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_HostileTitleAndVoteOption_Escaped()
    {
        // Arrange
        var input = TwelveInput(Language.English) with
        {
            Title = "# Table\n## <script>alert(1)</script>",
            Votes = [new VoteResultSummary("[Q](javascript:x)", 1, [new VoteOptionResult(1, "- item", 1, false)])],
        };

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert
        Assert.StartsWith("# Compte-rendu — \\# Table \\#\\# \\<script\\>alert(1)\\</script\\>\n", markdown, StringComparison.Ordinal);
        Assert.Contains("### \\[Q\\](javascript:x)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- **1.** \\- item — 1 vote\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_NoPulseNoVote_SaysSo()
    {
        // Arrange
        var input = new CompteRenduInput { Language = Language.French, Title = "Table", GeneratedAt = GeneratedAt };

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert
        Assert.Equal(
            "# Compte-rendu — Table\n\nDocument généré le 11 novembre 2026.\n\n## Participation\n\n*Aucun pouls clos pour cette période.*\n\n## Résultats des votes\n\n*Aucun vote.*\n",
            markdown);
    }

    [Fact]
    public void Markdown_TwoAnswers_NoDistributionAndNoText()
    {
        // Arrange
        var summary = global::ConcertationBot.Dialogs.Summaries.PulseSummaries.Compute(new()
        {
            Template = Template,
            Answers = [Answer(5, continuum: "integration", conditions: [("agenda", "Frein seul", null)]), Answer(1)],
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
        });
        var input = new CompteRenduInput { Summary = summary, Template = Template, Language = Language.French, Title = "Table", GeneratedAt = GeneratedAt };

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert
        Assert.Contains("*Pas assez de réponses pour afficher la répartition (minimum 3).*", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Moyenne", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("- 5 — tout à fait", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Frein seul", markdown, StringComparison.Ordinal);
        Assert.Contains("*Pas assez de réponses pour afficher les textes (minimum 3).*", markdown, StringComparison.Ordinal);
    }

    private static CompteRenduInput TwelveInput(Language language) => new()
    {
        Summary = TwelveSummary(Previous()),
        Template = Template,
        Language = language,
        Title = "Table de quartier Côte-des-Neiges",
        GeneratedAt = GeneratedAt,
        Votes = Summaries.SummaryFixtures.Votes(),
    };
}
