using ConcertationBot.Cards.Summary;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;
using static ConcertationBot.Tests.Dialogs.Summaries.SummaryFixtures;

namespace ConcertationBot.Tests.Dialogs.Summaries;

/// <summary>A pulse opened with a chosen template (<c>pulse configurer</c>): its summary and its trend follow that template.</summary>
public sealed class PulseSummariesChosenTemplateTests
{
    private static PulseTemplate Chosen(params string[] stepIds) =>
        new PulseTemplateChoice { StepIds = stepIds, DurationHours = 168 }.Apply(Template);

    private static PulseSummary Summarize(PulseTemplate template, PulseSummary? previous = null) => PulseSummaries.Compute(new PulseSummaryInput
    {
        Template = template,
        Answers = Twelve(),
        OpenedAt = OpenedAt,
        ClosedAt = ClosedAt,
        Previous = previous,
    });

    [Fact]
    public void Describe_FourConditionsChosen_ShowsFourConditionsOnly()
    {
        // Arrange: the answers hold texts for soutien too; the pulse did not ask it.
        var template = Chosen("agenda", "mesures", "activites", "communication");

        // Act
        var model = PulseSummaries.Describe(Summarize(template), template, Language.French);

        // Assert
        var groups = model.Sections.OfType<TextListsSection>().SelectMany(s => s.Groups).Select(g => g.Title).ToList();
        Assert.Equal(["Agenda partagé", "Mesures partagées et apprentissage stratégique", "Activités qui se renforcent mutuellement", "Communication ouverte et continue"], groups);
        Assert.DoesNotContain(model.Sections, s => s.Title.Contains("Clarté", StringComparison.Ordinal) || s.Title.Contains("Continuum", StringComparison.Ordinal));
    }

    [Fact]
    public void Compute_PreviousDidNotAskRoleClarity_NoRoleClarityTrendButContinuumTrend()
    {
        // Arrange: the previous pulse asked the conditions and the continuum, not role clarity.
        var previous = Summarize(Chosen("agenda", "continuum"));

        // Act
        var current = Summarize(Template, previous);

        // Assert
        Assert.Empty(previous.Ratings);
        Assert.Null(Assert.Single(current.Ratings).Trend);
        Assert.NotNull(Assert.Single(current.Choices).Trend);
    }

    [Fact]
    public void Compute_CurrentDoesNotAskContinuum_NoContinuumComparedAndRoleClarityStillCompared()
    {
        // Arrange
        var previous = Previous();

        // Act
        var current = Summarize(Chosen("roleClarity", "agenda"), previous);

        // Assert
        Assert.Empty(current.Choices);
        Assert.NotNull(Assert.Single(current.Ratings).Trend);
    }
}
