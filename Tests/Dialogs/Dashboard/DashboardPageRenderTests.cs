using ConcertationBot.Dialogs.Dashboard;
using ConcertationBot.Dialogs.Roadmap;

namespace ConcertationBot.Tests.Dialogs.Dashboard;

/// <summary>The page's HTML from a given input: the rencontres' compte-rendu links and the bilingual page.</summary>
public sealed class DashboardPageRenderTests
{
    [Fact]
    public void Render_RencontreWithAndWithoutCompteRendu_EscapedLinkForOneNoteForTheOther()
    {
        // Arrange
        var input = Input(Language.French) with
        {
            Rencontres =
            [
                new DashboardRencontre(new DateOnly(2026, 9, 14), "Mobilité active", null),
                new DashboardRencontre(new DateOnly(2026, 9, 7), "Logement", "Nommer les freins") { CompteRenduLink = "exports/compte-rendu.md?grant=a.b&x=\"1\"" },
            ],
        };

        // Act
        var html = DashboardPage.Render(input);

        // Assert
        Assert.Contains("<td>Pas encore de pouls clos</td>", html, StringComparison.Ordinal);
        Assert.Contains(
            "<a class=\"compte-rendu\" href=\"exports/compte-rendu.md?grant=a.b&amp;x=&quot;1&quot;\">Compte-rendu du 7 septembre 2026</a>",
            html,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Render_English_LinkWordedInEnglishAndNoFrenchPart()
    {
        // Arrange
        var input = Input(Language.English) with
        {
            Rencontres = [new DashboardRencontre(new DateOnly(2026, 9, 7), "Logement", null) { CompteRenduLink = "exports/compte-rendu.md?grant=a.b" }],
        };

        // Act
        var html = DashboardPage.Render(input);

        // Assert
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains(">Compte-rendu of September 7, 2026</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"alt", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Feuille de route", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Bilingual_LabelsInBothLanguagesParagraphsInFrenchThenEnglishExpiryInEach()
    {
        // Arrange
        var input = Input(Language.French) with
        {
            Bilingual = true,
            EnglishExpiresText = "tomorrow",
            Rencontres = [new DashboardRencontre(new DateOnly(2026, 9, 7), "Logement", null) { CompteRenduLink = "exports/compte-rendu.md?grant=a.b" }],
            Roadmap = new RoadmapPlan(null, [new RoadmapItem
            {
                Id = "1", Text = "Trottoirs déneigés", Horizon = RoadmapHorizon.Court, Indicator = "Trois rues-indicateur", LastChanged = DateTimeOffset.UnixEpoch, Source = "test",
            }]),
        };

        // Act
        var html = DashboardPage.Render(input);

        // Assert
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"rencontres-h\">Rencontres<span class=\"alt\"><span aria-hidden=\"true\"> / </span><span lang=\"en\">Meetings</span></span></h2>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Aucun pouls clos pour l&#39;instant.</p>\n<p class=\"alt-block\" lang=\"en\">No closed pulse yet.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Ce lien expire le demain.", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"alt-block\" lang=\"en\">This link expires on tomorrow.", html, StringComparison.Ordinal);
        Assert.Contains(">Compte-rendu du 7 septembre 2026<span class=\"alt\"><span aria-hidden=\"true\"> / </span><span lang=\"en\">Compte-rendu of September 7, 2026</span></span></a>", html, StringComparison.Ordinal);

        // User text once: the indicator after both labels.
        Assert.Contains("Indicateur\u00A0:<span class=\"alt\"><span aria-hidden=\"true\"> / </span><span lang=\"en\">Indicator:</span></span> Trois rues-indicateur</span>", html, StringComparison.Ordinal);
        Assert.Single(html.Split("Trois rues-indicateur")[1..]);

        // A column header that reads the same in both languages is written once.
        Assert.Contains("<th scope=\"col\">Compte-rendu</th>", html, StringComparison.Ordinal);
    }

    private static DashboardInput Input(Language language) => new()
    {
        Language = language,
        MinimumGroupSize = 3,
        ExpiresText = "demain",
        AssetsPath = "dashboard/assets/",
    };
}
