using ConcertationBot.Cards.Rencontres;
using ConcertationBot.Tests.Cards.Pulse;

namespace ConcertationBot.Tests.Cards.Rencontres;

public sealed class RencontreCardsTests
{
    private const char Nbsp = FrenchTypography.NoBreakSpace;

    /// <summary>Markdown, HTML, a mention and a card text function: shown as typed, never interpreted.</summary>
    internal const string HostileText = "**Mobilité** [lien](https://x.example) <at>Nadia</at> {{DATE(2026-09-14T00:00:00Z)}} \"}]";

    internal static RencontreCardModel Model(Language language, string? intention = null, int? pulses = null, int? votes = null) => new()
    {
        Language = language,
        Date = language == Language.English ? "September 14, 2026" : "14 septembre 2026",
        Theme = "Mobilité",
        Intention = intention,
        PulseCount = pulses,
        VoteCount = votes,
    };

    [Theory]
    [InlineData(Language.French, "Rencontre du 14 septembre 2026", "Thématique\u00A0: Mobilité")]
    [InlineData(Language.English, "Meeting of September 14, 2026", "Theme: Mobilité")]
    public void Opened_EachLanguage_SaysTheRencontreInItsOwnWords(Language language, string heading, string themeLine)
    {
        // Act
        var json = CardJson.Of(RencontreCards.Opened(Model(language)));

        // Assert
        Assert.Equal(heading, (string?)json["body"]![0]!["text"]);
        Assert.Equal(heading, (string?)json["fallbackText"]);
        Assert.Equal(themeLine, Assert.Single(CardJson.TextRuns(json)));
        Assert.Equal("1.5", (string?)json["version"]);
    }

    [Fact]
    public void Opened_ReplacingAnother_NamesTheReplacedDate()
    {
        // Act
        var json = CardJson.Of(RencontreCards.Opened(Model(Language.French), replacedDate: "29 septembre 2026"));

        // Assert
        Assert.Contains(CardJson.TextBlocks(json), t => t == "Elle remplace la rencontre du 29 septembre 2026 comme rencontre en cours.");
    }

    [Fact]
    public void Opened_HostileTheme_OnlyInAPlainTextRunNeverInMarkdown()
    {
        // Arrange
        var model = Model(Language.English) with { Theme = HostileText };

        // Act
        var json = CardJson.Of(RencontreCards.Opened(model));

        // Assert
        var run = Assert.Single(CardJson.TextRuns(json));
        Assert.StartsWith("Theme: **Mobilité** [lien](https://x.example) <at>Nadia</at> {", run, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", run, StringComparison.Ordinal);
        Assert.All(CardJson.TextBlocks(json), t => Assert.DoesNotContain("Mobilité", t, StringComparison.Ordinal));
    }

    [Fact]
    public void Current_WithIntentionAndCounts_ShowsThemIntentionAsData()
    {
        // Act
        var json = CardJson.Of(RencontreCards.Current(Model(Language.French, intention: HostileText, pulses: 2, votes: 1)));

        // Assert
        Assert.Equal("Rencontre du 14 septembre 2026", (string?)json["body"]![0]!["text"]);
        Assert.Contains($"Intention{Nbsp}: ", CardJson.TextRuns(json));
        Assert.Contains(CardJson.TextRuns(json), r => r.StartsWith("**Mobilité** [lien]", StringComparison.Ordinal));
        Assert.Contains($"Pouls{Nbsp}: 2 · Votes{Nbsp}: 1", CardJson.TextBlocks(json));
    }

    [Fact]
    public void Current_NoIntentionEnglish_SaysNoneYet()
    {
        // Act
        var json = CardJson.Of(RencontreCards.Current(Model(Language.English, pulses: 0, votes: 0)));

        // Assert
        Assert.Contains("No purpose stated yet.", CardJson.TextBlocks(json));
        Assert.Contains("Pulses: 0 · Votes: 0", CardJson.TextBlocks(json));
    }

    [Fact]
    public void Help_BadDate_RepeatsTheTypedDateAsDataAndListsTheForms()
    {
        // Act
        var json = CardJson.Of(RencontreCards.Help(Language.French, RencontreHelpReason.BadDate, " 31/02 <b>x</b> "));

        // Assert
        Assert.Equal("Date non comprise", (string?)json["body"]![0]!["text"]);
        Assert.Equal("Je n'ai pas compris la date «\u00A031/02 <b>x</b>\u00A0» (ou ce jour n'existe pas).", Assert.Single(CardJson.TextRuns(json)));
        Assert.All(CardJson.TextBlocks(json), t => Assert.DoesNotContain("<b>", t, StringComparison.Ordinal));
        var blocks = CardJson.TextBlocks(json);
        Assert.Contains(blocks, t => t.Contains("14/09/2026", StringComparison.Ordinal) && t.Contains("2026-09-14", StringComparison.Ordinal) && t.Contains("aujourd'hui", StringComparison.Ordinal));
        Assert.Contains($"rencontre 14 septembre{Nbsp}: Mobilité", blocks);
    }

    [Fact]
    public void Help_NoThemeEnglish_RepeatsWhatWasTyped()
    {
        // Act
        var json = CardJson.Of(RencontreCards.Help(Language.English, RencontreHelpReason.NoTheme, "September 14 Mobility"));

        // Assert
        Assert.Equal("Theme missing", (string?)json["body"]![0]!["text"]);
        Assert.Equal("Write the date, then \":\", then the theme. You wrote: \"September 14 Mobility\"", Assert.Single(CardJson.TextRuns(json)));
        Assert.Contains("meeting September 14: Mobility", CardJson.TextBlocks(json));
    }

    [Fact]
    public void TooLong_Intention_SaysNothingWasSavedAndGivesTheWholeTextBack()
    {
        // Arrange
        var text = new string('a', 612);

        // Act
        var json = CardJson.Of(RencontreCards.TooLong(Language.French, isIntention: true, text, 500));

        // Assert
        Assert.Equal("Intention trop longue", (string?)json["body"]![0]!["text"]);
        Assert.Contains(CardJson.TextBlocks(json), t => t.StartsWith("Ce texte fait 612 caractères\u202F; 500 au plus. Rien n'a été enregistré.", StringComparison.Ordinal));
        Assert.Equal(text, Assert.Single(CardJson.TextRuns(json)));
    }

    [Fact]
    public void NoneOpen_English_SaysHowToOpenOne()
    {
        // Act
        var json = CardJson.Of(RencontreCards.NoneOpen(Language.English));

        // Assert
        Assert.Equal("No current meeting", (string?)json["body"]![0]!["text"]);
        Assert.Contains("meeting September 14: Mobility", CardJson.TextBlocks(json));
    }
}
