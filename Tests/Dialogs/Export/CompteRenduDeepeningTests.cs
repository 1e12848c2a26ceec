using ConcertationBot.Dialogs.Templates;
using static ConcertationBot.Tests.Dialogs.Summaries.SummaryFixtures;

namespace ConcertationBot.Tests.Dialogs.Export;

/// <summary>
/// The compte-rendu of a changes round's deepening (issue #17): "Approfondissement des changements", each category with
/// its facilitants, écueils and souhaits, under the k rule; and its CSV columns.
/// </summary>
public sealed class CompteRenduDeepeningTests
{
    private static readonly string[] Categories = ["Essoufflement / éparpillement", "Élargissement des réseaux | Wider networks", "Autonomie *décisionnelle*"];

    public static TheoryData<Language, string> GoldenFiles => new()
    {
        { Language.French, "compte-rendu-approfondissement.md" },
        { Language.English, "compte-rendu-approfondissement.en.md" },
    };

    /// <summary>Partners' answers, worded as seed 001's conditions of success and traps to avoid.</summary>
    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> FourAnswers() =>
    [
        new Dictionary<string, object?>
        {
            ["cat1_facilitant"] = "Un calendrier commun des projets",
            ["cat1_ecueil"] = "Multiplier les comités",
            ["cat2_facilitant"] = "Inviter les nouveaux acteurs aux comités de travail",
            ["cat3_souhait"] = "Des décisions prises à la table, pas ailleurs",
        },
        new Dictionary<string, object?>
        {
            ["cat1_facilitant"] = "un calendrier  commun des projets",
            ["cat1_souhait"] = "Moins de réunions, mieux préparées",
            ["cat2_ecueil"] = "Perdre les *anciens* partenaires en route",
        },
        new Dictionary<string, object?> { ["cat1_ecueil"] = "Tout porter sur les mêmes personnes" },
        new Dictionary<string, object?>(),
    ];

    private static CompteRenduInput Input(Language language, IReadOnlyList<IReadOnlyDictionary<string, object?>> answers)
    {
        var template = DeepeningTemplate.Build(Categories, 500);
        return new CompteRenduInput
        {
            Summary = PulseSummaries.Compute(new PulseSummaryInput
            {
                Template = template,
                Answers = answers,
                MemberCount = 14,
                OpenedAt = OpenedAt,
                ClosedAt = ClosedAt,
            }),
            Template = template,
            Language = language,
            Title = "Table de quartier Rosemont",
            GeneratedAt = GeneratedAt,
        };
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Markdown_FourAnswersOnThreeCategories_MatchesApprovedFile(Language language, string fileName)
    {
        // Act
        var markdown = CompteRendu.Markdown(Input(language, FourAnswers()));

        // Assert
        GoldenFile.AssertMatches(fileName, markdown);
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public async Task MarkdownParts_TextsReadOneListAtATime_MatchesApprovedFileEachListReadOnce(Language language, string fileName)
    {
        // Arrange: a big table's export reads each list's column on its own while the document is written.
        var texts = new OneListTexts(DeepeningTemplate.Build(Categories, 500), FourAnswers());
        var input = Input(language, FourAnswers()) with { Texts = texts };

        // Act
        var parts = new List<string>();
        await foreach (var part in CompteRendu.MarkdownPartsAsync(input, CancellationToken.None))
        {
            parts.Add(part);
        }

        // Assert: the document written from every text at once, each category's three lists read once each.
        GoldenFile.AssertMatches(fileName, string.Concat(parts));
        Assert.Equal(Categories.Length * 3, texts.Reads.Count);
        Assert.Equal(Categories.Length * 3, texts.Reads.Distinct().Count());
    }

    [Fact]
    public void Markdown_FourAnswers_EachCategoryItsThreeListsInOrderMergedAndEscaped()
    {
        // Act
        var markdown = CompteRendu.Markdown(Input(Language.French, FourAnswers()));
        var lines = markdown.Split('\n');

        // Assert
        var section = Array.IndexOf(lines, "## Approfondissement des changements");
        Assert.True(section > 0, markdown);
        Assert.Equal(
            ["### Essoufflement / éparpillement", "### Élargissement des réseaux", "### Autonomie \\*décisionnelle\\*"],
            lines[section..].Where(l => l.StartsWith("### ", StringComparison.Ordinal)));
        Assert.Contains("Un calendrier commun des projets", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("un calendrier  commun", markdown, StringComparison.Ordinal);
        Assert.Contains("Perdre les \\*anciens\\* partenaires en route", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_TwoAnswersUnderK_HeadingAndSmallGroupLineOnlyNoCategoryNoText()
    {
        // Act
        var markdown = CompteRendu.Markdown(Input(Language.French, [.. FourAnswers().Take(2)])).Replace('\u00A0', ' ').Replace('\u202F', ' ');

        // Assert
        Assert.Contains("## Approfondissement des changements\n\n*Pas assez de réponses pour afficher les textes (minimum 3).*\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("### ", markdown[markdown.IndexOf("## Approfondissement", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("calendrier", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BilingualMarkdown_NameTypedFrenchBarEnglish_EachHalfItsSectionAndItsHalfOfTheName()
    {
        // Act
        var parts = new List<string>();
        await foreach (var part in CompteRendu.BilingualMarkdownPartsAsync(language => Input(language, FourAnswers()), CancellationToken.None))
        {
            parts.Add(part);
        }

        var markdown = string.Concat(parts);
        var rule = markdown.IndexOf(CompteRendu.BilingualRule, StringComparison.Ordinal);

        // Assert
        Assert.True(rule > 0);
        var (french, english) = (markdown[..rule], markdown[rule..]);
        Assert.Contains("## Approfondissement des changements\n", french, StringComparison.Ordinal);
        Assert.Contains("### Élargissement des réseaux\n", french, StringComparison.Ordinal);
        Assert.Contains("## Deepening the changes\n", english, StringComparison.Ordinal);
        Assert.Contains("### Wider networks\n", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Wider networks", french, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_DeepeningTemplate_ThreeColumnsPerCategoryUnderItsStoredNames()
    {
        // Arrange
        var template = DeepeningTemplate.Build(Categories, 500);

        // Act
        var columns = CompteRendu.Columns(template);
        var headers = CompteRendu.Headers(template, Language.English);

        // Assert
        Assert.Equal(["cat1_facilitant", "cat1_ecueil", "cat1_souhait"], columns.Take(3));
        Assert.Equal(9, columns.Count);
        Assert.Equal("Category: Wider networks — pitfall", headers[4]);
    }

    /// <summary>Reads one deepening list at a time from the answers, holding that list's column only.</summary>
    private sealed class OneListTexts(PulseTemplate template, IReadOnlyList<IReadOnlyDictionary<string, object?>> answers) : ICompteRenduTexts
    {
        public List<string> Reads { get; } = [];

        public Task<FreinLevierSummary> ConditionAsync(string stepId, bool leviers, CancellationToken cancellationToken) =>
            throw new NotSupportedException("A deepening has no condition.");

        public Task<ChangeSummary> ChangesAsync(string stepId, CancellationToken cancellationToken) =>
            throw new NotSupportedException("A deepening has no change.");

        public Task<DeepeningSummary> DeepeningAsync(string stepId, DeepeningTextList list, CancellationToken cancellationToken)
        {
            var column = stepId + list switch
            {
                DeepeningTextList.Facilitants => "_facilitant",
                DeepeningTextList.Ecueils => "_ecueil",
                _ => "_souhait",
            };
            Reads.Add(column);
            IReadOnlyList<IReadOnlyDictionary<string, object?>> oneColumn =
                [.. answers.Where(a => a.ContainsKey(column)).Select(a => new Dictionary<string, object?> { [column] = a[column] })];
            var summary = PulseSummaries.Compute(new PulseSummaryInput { Template = template, Answers = oneColumn, OpenedAt = OpenedAt, ClosedAt = ClosedAt });
            return Task.FromResult(summary.Deepenings.Single(d => d.StepId == stepId));
        }
    }
}
