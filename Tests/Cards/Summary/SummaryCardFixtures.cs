using ConcertationBot.Dialogs.Templates;
using ConcertationBot.Tests.Dialogs.Summaries;

namespace ConcertationBot.Tests.Cards.Summary;

/// <summary>Summary and export card models from the summary fixtures; fresh on every call.</summary>
internal static class SummaryCardFixtures
{
    /// <summary>The twelve-answer summary with every profile category declared: three shown, five under k.</summary>
    public static PulseSummaryCardModel TwelveWithProfiles(Language language) =>
        PulseSummaries.Describe(
            SummaryFixtures.TwelveSummary(SummaryFixtures.Previous()) with
            {
                Profiles =
                [
                    new("communautaire", 5, 6),
                    new("institution-sante", null, null),
                    new("institution-education", 3, 3),
                    new("institution-municipale", null, null),
                    new("citoyen", 4, 9),
                    new("bailleur", null, null),
                    new("elu", null, null),
                    new("autre", null, null),
                ],
            },
            SummaryFixtures.Template,
            language);

    /// <summary>The twelve-answer summary with role clarity by role group (both groups at k).</summary>
    public static PulseSummaryCardModel TwelveWithRoleGroups(Language language) =>
        PulseSummaries.Describe(
            SummaryFixtures.TwelveSummary(SummaryFixtures.Previous()) with
            {
                RoleClarityByRole = [new("direction", 4, 4.25), new("terrain", 5, 2.6)],
            },
            SummaryFixtures.Template,
            language);

    public static PulseSummaryCardModel Twelve(Language language) =>
        PulseSummaries.Describe(SummaryFixtures.TwelveSummary(SummaryFixtures.Previous()), SummaryFixtures.Template, language);

    public static PulseSummaryCardModel TwoAnswers(Language language) =>
        PulseSummaries.Describe(
            PulseSummaries.Compute(new PulseSummaryInput
            {
                Template = SummaryFixtures.Template,
                Answers = [SummaryFixtures.Answer(4, conditions: [("agenda", SummaryFixtures.Hostile, null)]), SummaryFixtures.Answer(dontKnow: true)],
                OpenedAt = SummaryFixtures.OpenedAt,
                ClosedAt = SummaryFixtures.ClosedAt,
            }),
            SummaryFixtures.Template,
            language);

    public static PulseSummaryCardModel SixtyLong(Language language) =>
        PulseSummaries.Describe(
            PulseSummaries.Compute(new PulseSummaryInput
            {
                Template = SummaryFixtures.Template,
                Answers = SummaryFixtures.SixtyLong(),
                MemberCount = 75,
                OpenedAt = SummaryFixtures.OpenedAt,
                ClosedAt = SummaryFixtures.ClosedAt,
            }),
            SummaryFixtures.Template,
            language);

    /// <summary>A closed deepening round: three categories, six answers worded as people write, the roadmap action offered.</summary>
    public static PulseSummaryCardModel Deepening(Language language)
    {
        var template = DeepeningTemplate.Build(["Essoufflement / éparpillement", "Élargissement des réseaux | Wider networks", "Autonomie *décisionnelle* [x](y)"], 500);
        var answers = Enumerable.Range(0, 6).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["cat1_facilitant"] = $"Un calendrier commun des projets, partagé avant chaque comité ({i})",
            ["cat1_ecueil"] = "Multiplier les comités sans leur donner de mandat clair",
            ["cat2_souhait"] = $"Inviter les nouveaux acteurs du quartier aux comités de travail, *même* en cours d'année ({i})",
            ["cat3_ecueil"] = i % 2 == 0 ? "Des décisions prises ailleurs qu'à la table 😀" : null,
        }).ToList();
        var summary = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = template,
            Answers = answers,
            MemberCount = 14,
            OpenedAt = SummaryFixtures.OpenedAt,
            ClosedAt = SummaryFixtures.ClosedAt,
        });
        return PulseSummaries.Describe(summary, template, language) with { RoadmapPulseId = "0198a1b2c3d4e5f60718293a4b5c6d7e" };
    }

    public static ExportCardModel Export(Language language, bool withPulse = true) => new()
    {
        Language = language,
        Title = "Table *Côte-des-Neiges* [x](y) 😀",
        PulsePeriod = withPulse ? SummaryWords.Period(SummaryFixtures.OpenedAt, SummaryFixtures.ClosedAt, language) : null,
        AnswerCount = withPulse ? 12 : 0,
        VoteCount = 2,
        MarkdownUrl = new Uri("https://bot.example.org/export/abc123.md?exp=1763000000&sig=Zm9v"),
        CsvUrl = new Uri("https://bot.example.org/export/abc123.csv?exp=1763000000&sig=YmFy"),
        ExpiresText = language == Language.English ? "Thursday, November 12, 2026 at 9:30 AM (UTC)" : "jeudi 12 novembre 2026 à 9\u00A0h\u00A030 (UTC)",
    };
}
