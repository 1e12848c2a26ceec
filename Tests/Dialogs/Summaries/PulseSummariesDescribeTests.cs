using static ConcertationBot.Tests.Dialogs.Summaries.SummaryFixtures;

namespace ConcertationBot.Tests.Dialogs.Summaries;

public sealed class PulseSummariesDescribeTests
{
    private const char Nbsp = FrenchTypography.NoBreakSpace;

    [Fact]
    public void Describe_French_HeadingPeriodAndParticipation()
    {
        // Arrange
        var summary = TwelveSummary(members: 20);

        // Act
        var model = PulseSummaries.Describe(summary, Template, Language.French);

        // Assert
        Assert.Equal("Synthèse du pouls", model.Heading);
        Assert.Equal("Pouls de la table de quartier", model.PulseTitle);
        Assert.Equal("Du 3 novembre 2026 au 10 novembre 2026", model.Period);
        Assert.Equal($"12 réponses sur 20 membres (60{Nbsp}%)", model.Participation);
    }

    [Fact]
    public void Describe_English_HeadingPeriodAndParticipation()
    {
        // Act
        var model = PulseSummaries.Describe(TwelveSummary(members: 20), Template, Language.English);

        // Assert
        Assert.Equal("Pulse summary", model.Heading);
        Assert.Equal("From November 3, 2026 to November 10, 2026", model.Period);
        Assert.Equal("12 answers from 20 members (60%)", model.Participation);
    }

    [Theory]
    [InlineData(7, 12, Language.French, "7 réponses sur 12 membres (58\u00A0%)")]
    [InlineData(1, 1, Language.French, "1 réponse sur 1 membre (100\u00A0%)")]
    [InlineData(0, 5, Language.French, "0 réponse sur 5 membres (0\u00A0%)")]
    [InlineData(7, null, Language.French, "7 réponses")]
    [InlineData(7, 12, Language.English, "7 answers from 12 members (58%)")]
    [InlineData(1, 1, Language.English, "1 answer from 1 member (100%)")]
    [InlineData(0, 5, Language.English, "0 answers from 5 members (0%)")]
    [InlineData(1, null, Language.English, "1 answer")]
    [InlineData(2, 0, Language.English, "2 answers from 0 members")]
    public void Participation_CountsAndMembers_PluralsAndPercent(int answers, int? members, Language language, string expected)
    {
        // Act & Assert
        Assert.Equal(expected, SummaryWords.Participation(answers, members, language));
    }

    [Fact]
    public void Describe_French_RoleClarityRowsMeanSpreadWithDecimalComma()
    {
        // Act
        var section = Sections<DistributionSection>(TwelveSummary(Previous()), Language.French)[0];

        // Assert
        Assert.Equal("Clarté des rôles", section.Title);
        Assert.Equal(["1 — pas du tout", "2", "3", "4", "5 — tout à fait", "Je ne sais pas"], section.Rows!.Select(r => r.Label));
        Assert.Equal([1, 1, 3, 3, 2, 2], section.Rows!.Select(r => r.Count));
        Assert.All(section.Rows!, r => Assert.Equal(12, r.Total));
        Assert.Equal([$"Moyenne{Nbsp}: 3,4 / 5 · écart 1,2"], section.Figures);
        Assert.Equal("↑ +0,6 depuis le pouls précédent", section.Trend);
        Assert.Null(section.Notice);
    }

    [Fact]
    public void Describe_English_RoleClarityDecimalPoint()
    {
        // Act
        var section = Sections<DistributionSection>(TwelveSummary(Previous()), Language.English)[0];

        // Assert
        Assert.Equal("Role clarity", section.Title);
        Assert.Equal(["Mean: 3.4 / 5 · spread 1.2"], section.Figures);
        Assert.Equal("↑ +0.6 since the previous pulse", section.Trend);
        Assert.Equal("Don't know", section.Rows![^1].Label);
    }

    [Fact]
    public void Describe_Continuum_MedianAndLevelTrend()
    {
        // Act
        var french = Sections<DistributionSection>(TwelveSummary(Previous()), Language.French)[1];
        var english = Sections<DistributionSection>(TwelveSummary(Previous()), Language.English)[1];

        // Assert
        Assert.Equal("Continuum de la coopération", french.Title);
        Assert.Equal(7, french.Rows!.Count);
        Assert.Equal("Intégration", french.Rows![6].Label);
        Assert.Equal([$"Médiane{Nbsp}: Assistance"], french.Figures);
        Assert.Equal($"↓ −1 niveau depuis le pouls précédent (avant{Nbsp}: Coordination)", french.Trend);
        Assert.Equal("↓ −1 level since the previous pulse (was Coordination)", english.Trend);
    }

    [Theory]
    [InlineData(2.9, Language.French, "→ stable depuis le pouls précédent (3,4)")]
    [InlineData(3.1, Language.English, "→ steady since the previous pulse (3.4)")]
    public void MeanTrend_Same_SaysSteady(double current, Language language, string expected)
    {
        // Arrange
        var trend = new SummaryTrend(TrendDirection.Same, current - 3.4, 3.4);

        // Act & Assert
        Assert.Equal(expected, SummaryWords.MeanTrend(trend, language));
    }

    [Fact]
    public void LevelTrend_TwoLevelsUp_Plural()
    {
        // Act & Assert
        Assert.Equal(
            $"↑ +2 niveaux depuis le pouls précédent (avant{Nbsp}: Communication)",
            SummaryWords.LevelTrend(new SummaryTrend(TrendDirection.Up, 2, 2), "Communication", Language.French));
    }

    [Theory]
    [InlineData(Language.French, "Pas assez de réponses pour afficher la répartition (minimum 3).")]
    [InlineData(Language.English, "Not enough answers to show (minimum 3).")]
    public void Describe_TwoAnswers_SuppressedNoticeInsteadOfRows(Language language, string notice)
    {
        // Arrange
        var summary = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = Template,
            Answers = [Answer(4, continuum: "coordination", conditions: [("agenda", "Frein A", null)]), Answer(dontKnow: true)],
            OpenedAt = OpenedAt,
            ClosedAt = OpenedAt.AddHours(3),
        });

        // Act
        var model = PulseSummaries.Describe(summary, Template, language);

        // Assert
        var distributions = model.Sections.OfType<DistributionSection>().ToList();
        Assert.All(distributions, d => Assert.Null(d.Rows));
        Assert.All(distributions, d => Assert.Equal(notice, d.Notice));
        Assert.Equal(language == Language.French ? $"Je ne sais pas{Nbsp}: 1" : "Don't know: 1", Assert.Single(distributions[0].Figures));
        Assert.Equal(language == Language.French ? "Le 3 novembre 2026" : "On November 3, 2026", model.Period);
        // No free text under k either: the section says why instead of listing "Frein A".
        var freins = model.Sections.OfType<TextListsSection>().First();
        Assert.Empty(freins.Groups);
        Assert.Equal(language == Language.French ? "Pas assez de réponses pour afficher les textes (minimum 3)." : "Not enough answers to show the texts (minimum 3).", freins.EmptyText);
    }

    [Fact]
    public void Describe_FreinsLeviers_OneSectionGroupedByConditionWithCounts()
    {
        // Act
        var section = Sections<TextListsSection>(TwelveSummary(), Language.French)[0];

        // Assert
        Assert.Equal("Freins et leviers par condition", section.Title);
        Assert.Equal(
            ["Agenda partagé", "Mesures partagées et apprentissage stratégique", "Activités qui se renforcent mutuellement", "Communication ouverte et continue", "Structure de soutien"],
            section.Groups.Select(g => g.Title));
        var agenda = section.Groups[0];
        Assert.Equal(["Freins", "Leviers"], agenda.Lists.Select(l => l.Heading));
        Assert.Equal(new SummaryItem("Manque de temps", 3), agenda.Lists[0].Items[0]);
        Assert.Equal(["=SOMME(A1:A9)"], section.Groups[4].Lists[0].Items.Select(i => i.Text));
        Assert.Equal(["+ de réunions", "Agente de liaison"], section.Groups[4].Lists[1].Items.Select(i => i.Text));
        Assert.Equal("Aucun frein nommé.", section.Groups[4].Lists[0].EmptyText);
    }

    [Fact]
    public void Describe_ConditionWithoutTexts_LeftOut()
    {
        // Arrange
        var summary = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = Template,
            Answers = [Answer(conditions: [("soutien", null, "Agente de liaison")]), Answer(), Answer()],
            OpenedAt = OpenedAt,
            ClosedAt = ClosedAt,
        });

        // Act
        var section = Sections<TextListsSection>(summary, Language.English)[0];

        // Assert
        var group = Assert.Single(section.Groups);
        Assert.Equal("Backbone support", group.Title);
        Assert.Empty(group.Lists[0].Items);
        Assert.Equal("No barrier named.", group.Lists[0].EmptyText);
        Assert.Equal("Levers", group.Lists[1].Heading);
    }

    [Fact]
    public void Describe_Changes_ListsByDirection()
    {
        // Act
        var changes = Sections<TextListsSection>(TwelveSummary(), Language.French)[1];

        // Assert
        Assert.Equal("Changements les plus significatifs", changes.Title);
        var group = Assert.Single(changes.Groups);
        Assert.Null(group.Title);
        Assert.Equal(["Positifs", "Négatifs", "Sans précision"], group.Lists.Select(l => l.Heading));
        Assert.Equal(new SummaryItem("Plus de projets portés ensemble", 2), group.Lists[0].Items[0]);
    }

    [Fact]
    public void Describe_SectionsFollowTemplateOrder()
    {
        // Act
        var model = PulseSummaries.Describe(TwelveSummary(), Template, Language.French);

        // Assert
        Assert.Equal(
            ["Clarté des rôles", "Freins et leviers par condition", "Continuum de la coopération", "Changements les plus significatifs"],
            model.Sections.Select(s => s.Title));
    }

    private static List<T> Sections<T>(PulseSummary summary, Language language)
        where T : SummarySection =>
        [.. PulseSummaries.Describe(summary, Template, language).Sections.OfType<T>()];
}
