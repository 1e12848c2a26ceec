using ConcertationBot.Cards.Changes;
using ConcertationBot.Dialogs.Changes;
using static ConcertationBot.Tests.Dialogs.Summaries.SummaryFixtures;

namespace ConcertationBot.Tests.Dialogs.Export;

/// <summary>
/// The compte-rendu of a pulse whose changes the coordinator grouped (the changes round, issue #17): "Regroupement des
/// changements" after the changes, each category with its counts and its changes, the vote that ranked them pointed to.
/// </summary>
public sealed class CompteRenduChangeGroupsTests
{
    private const string VoteQuestion = "Quelles catégories de changements prioriser ?";

    /// <summary>Ten partners' changes, worded as seed 001's "Wow" of collaborations, and the category each is put in (null: left out).</summary>
    private static readonly (string Text, string? Direction, int? Category)[] TenChanges =
    [
        ("Plus de nouveaux acteurs sur des projets en collaboration", "positive", 0),
        ("plus de nouveaux acteurs sur des projets en collaboration", "positive", 0),
        ("Rôle de chacun bien déterminé, expertises valorisées (insalubrité des logements)", "positive", 0),
        ("Les comités de travail intersectoriels donnent une vision partagée et des réalisations concrètes", "positive", 1),
        ("Des personnes engagées dans plus de collaborations intersectorielles (Jardin des Patriotes)", "positive", 1),
        ("Hausse des collaborations : plus de projets, donc plus d'intensité", "positive", 2),
        ("Déséquilibre d'implication entre équipes de travail et directions", "negative", 2),
        ("Éparpillement et essoufflement liés à l'arrivée du PIC", "negative", 2),
        ("Perte d'autonomie décisionnelle et manque de clarté", "negative", 3),
        ("La participation citoyenne aux concertations n'a pas bougé", null, null),
    ];

    private static readonly string[] Categories =
        ["Élargissement des réseaux", "Intersectorialité", "Essoufflement / éparpillement", "Autonomie *décisionnelle*", ""];

    public static TheoryData<Language, string> GoldenFiles => new()
    {
        { Language.French, "compte-rendu-changements.md" },
        { Language.English, "compte-rendu-changements.en.md" },
    };

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Markdown_TenChangesGroupedInFourCategoriesVoteClosed_MatchesApprovedFile(Language language, string fileName)
    {
        // Arrange
        var input = GroupedInput(language, TenChanges, VoteQuestion);

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert
        GoldenFile.AssertMatches(fileName, markdown);
    }

    [Fact]
    public void Markdown_GroupedFrench_SectionAfterTheChangesWithCountsAndTheVotePointer()
    {
        // Act
        var lines = CompteRendu.Markdown(GroupedInput(Language.French, TenChanges, VoteQuestion)).Split('\n');

        // Assert
        var changes = Array.IndexOf(lines, "## Changements les plus significatifs");
        var grouping = Array.IndexOf(lines, "## Regroupement des changements");
        var votes = Array.IndexOf(lines, "## Résultats des votes");
        Assert.True(0 < changes && changes < grouping && grouping < votes, string.Join('\n', lines));
        Assert.Equal("*Priorisés par le vote «\u00A0" + MarkdownText.Escape(VoteQuestion) + "\u00A0» ci-dessous.*", lines[grouping + 2]);
        Assert.Equal(
            ["### Élargissement des réseaux", "### Intersectorialité", "### Essoufflement / éparpillement", "### Autonomie \\*décisionnelle\\*"],
            lines[grouping..votes].Where(l => l.StartsWith("### ", StringComparison.Ordinal)));
        Assert.Contains("2 changements (2 positifs).", lines[grouping..votes]);
        Assert.Contains("3 changements (1 positif, 2 négatifs).", lines[grouping..votes]);
        Assert.Contains("1 changement (1 négatif).", lines[grouping..votes]);
        Assert.DoesNotContain(lines[grouping..votes], l => l.Contains("participation citoyenne", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_VoteNotClosed_NoPointerToTheVotes()
    {
        // Act
        var markdown = CompteRendu.Markdown(GroupedInput(Language.French, TenChanges, voteQuestion: null));

        // Assert
        Assert.Contains("## Regroupement des changements\n\n### Élargissement des réseaux\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Priorisés par le vote", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_TwoAnswersUnderK_HeadingAndSmallGroupLineOnlyNoCategoryNoText()
    {
        // Arrange: categories given anyway (a grouping stored when the answers were more): the k rule still holds.
        var input = GroupedInput(Language.French, TenChanges[..2], VoteQuestion) with
        {
            ChangeGroups = new CompteRenduChangeGroups(
                [new CompteRenduChangeCategory("Élargissement des réseaux", [new ChangeText(TenChanges[0].Text, ChangeDirection.Positive, 2)])],
                VoteQuestion),
        };

        // Act
        var markdown = CompteRendu.Markdown(input);

        // Assert
        var section = markdown[markdown.IndexOf("## Regroupement des changements\n", StringComparison.Ordinal)..markdown.IndexOf("## Résultats des votes", StringComparison.Ordinal)];
        Assert.Equal("## Regroupement des changements\n\n*Pas assez de réponses pour afficher les textes (minimum 3).*\n\n", section.Replace('\u00A0', ' ').Replace('\u202F', ' '));
        Assert.DoesNotContain("nouveaux acteurs", markdown, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Of_BilingualNameTypedFrenchBarEnglish_EachLanguageItsHalf()
    {
        // Arrange
        var grouped = new[] { new GroupedChanges(new ChangeCategory(0, "Logement | Housing", 1), [new ChangeItem("k", "Trois logements sociaux de plus", ChangeTone.Positive, 1)]) };

        // Act
        var french = CompteRenduChangeGroups.Of(grouped, bilingual: true, Language.French, null);
        var english = CompteRenduChangeGroups.Of(grouped, bilingual: true, Language.English, null);
        var single = CompteRenduChangeGroups.Of(grouped, bilingual: false, Language.English, null);

        // Assert
        Assert.Equal(("Logement", "Housing", "Logement | Housing"), (french.Categories[0].Name, english.Categories[0].Name, single.Categories[0].Name));
        Assert.Equal(new ChangeText("Trois logements sociaux de plus", ChangeDirection.Positive, 1), english.Categories[0].Changes[0]);
    }

    [Fact]
    public void Markdown_GroupedWithoutGroupingInput_SameDocumentAsBefore()
    {
        // Arrange
        var input = GroupedInput(Language.French, TenChanges, VoteQuestion);

        // Act
        var markdown = CompteRendu.Markdown(input with { ChangeGroups = null });

        // Assert
        Assert.DoesNotContain("Regroupement", markdown, StringComparison.Ordinal);
        Assert.Equal(markdown, string.Concat(CompteRendu.MarkdownParts(input with { ChangeGroups = null })));
    }

    /// <summary>
    /// A pulse asking only the change step, one answer per change; the grouping built as the bot builds it (the summary's
    /// changes keyed, each put in its category) and the categories' vote closed with its ranking.
    /// </summary>
    private static CompteRenduInput GroupedInput(Language language, (string Text, string? Direction, int? Category)[] changes, string? voteQuestion)
    {
        var template = Template with { Steps = [.. Template.Steps.Where(s => s is ChangeStep)] };
        var summary = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = template,
            Answers = [.. changes.Select(c => Answer(change: c.Text, direction: c.Direction))],
            MemberCount = 14,
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
        });
        var items = ChangeGroupings.Items(summary);
        var grouping = new ChangeGrouping
        {
            Categories = Categories,
            Assignments = changes.Where(c => c.Category is not null)
                .Select(c => (Key: ChangeGroupings.Key(c.Text, c.Direction == "negative" ? ChangeTone.Negative : ChangeTone.Positive), Slot: c.Category!.Value))
                .DistinctBy(a => a.Key)
                .ToDictionary(a => a.Key, a => a.Slot, StringComparer.Ordinal),
            VoteId = "vote-1",
        };
        return new CompteRenduInput
        {
            Summary = summary,
            Template = template,
            Language = language,
            Title = "Table de quartier Rosemont",
            GeneratedAt = GeneratedAt,
            Votes =
            [
                new VoteResultSummary(
                    VoteQuestion,
                    9,
                    [
                        new VoteOptionResult(1, "Essoufflement / éparpillement (3 changements)", 6, false),
                        new VoteOptionResult(2, "Élargissement des réseaux (2 changements)", 5, false),
                        new VoteOptionResult(3, "Intersectorialité (2 changements)", 4, false),
                        new VoteOptionResult(4, "Autonomie *décisionnelle* (1 changement)", 3, false),
                    ]),
            ],
            ChangeGroups = CompteRenduChangeGroups.Of(ChangeGroupings.Grouped(grouping, items), bilingual: false, language, voteQuestion),
        };
    }
}
