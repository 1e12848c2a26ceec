using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Tests.Cards.Pulse;

namespace ConcertationBot.Tests.Cards.Votes;

public sealed class VoteHelpAndNoticeCardsTests
{
    private const char Nbsp = FrenchTypography.NoBreakSpace;
    private const char Narrow = FrenchTypography.NarrowNoBreakSpace;

    private static List<string> Monospace(System.Text.Json.Nodes.JsonNode card) =>
        [.. CardJson.OfType(card, "TextBlock").Where(o => (string?)o["fontType"] == "Monospace").Select(o => (string)o["text"]!)];

    [Fact]
    public void Build_FrenchHelpWithProblem_ShowsProblemSyntaxAndExamples()
    {
        // Arrange
        var model = new VoteHelpCardModel { Language = Language.French, Problem = "Il faut entre 2 et 12 options." };

        // Act
        var json = CardJson.Of(VoteHelpCard.Build(model));

        // Assert
        var problem = json["body"]![1]!;
        Assert.Equal("Attention", (string?)problem["style"]);
        Assert.Equal("Il faut entre 2 et 12 options.", (string?)problem["items"]![0]!["text"]);
        Assert.Equal(
        [
            $"vote question{Nbsp}: option{Narrow}; option{Narrow}; …",
            $"vote Nos priorités pour 2027{Nbsp}: Logement{Narrow}; Mobilité{Narrow}; Emploi des jeunes",
            $"vote top 2 Nos priorités pour 2027{Nbsp}: Logement{Narrow}; Mobilité{Narrow}; Emploi des jeunes",
            $"vote points 5 résultats cachés Nos priorités pour 2027{Nbsp}: Logement{Narrow}; Mobilité{Narrow}; Emploi des jeunes",
            "vote leviers",
            "vote clore",
        ],
            Monospace(json));
        Assert.Contains(CardJson.TextBlocks(json), t => t.StartsWith("Entre 2 et 12 options, séparées par «", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Language.French, "• résultats cachés")]
    [InlineData(Language.English, "• hidden results")]
    public void Build_HiddenResultsSetting_UsesTheSameWordingAsTheVoteCard(Language language, string start)
    {
        // Act
        var texts = CardJson.TextBlocks(CardJson.Of(VoteHelpCard.Build(new VoteHelpCardModel { Language = language })));

        // Assert
        var line = Assert.Single(texts, t => t.StartsWith(start, StringComparison.Ordinal));
        var wording = VoteCardParts.HiddenUntilClose.For(language);
        Assert.Contains(char.ToLowerInvariant(wording[0]) + wording[1..], line, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EnglishHelpWithoutProblem_HasNoAttentionBox()
    {
        // Act
        var json = CardJson.Of(VoteHelpCard.Build(new VoteHelpCardModel { Language = Language.English }));

        // Assert
        Assert.DoesNotContain(CardJson.OfType(json, "Container"), c => (string?)c["style"] == "Attention");
        Assert.Equal(
        [
            "vote question: option; option; …",
            "vote Our priorities: Housing; Transport; Youth jobs",
            "vote top 2 Our priorities: Housing; Transport; Youth jobs",
            "vote points 5 hidden results Our priorities: Housing; Transport; Youth jobs",
            "vote levers",
            "vote close",
        ],
            Monospace(json));
        Assert.Contains(CardJson.TextBlocks(json), t => t.StartsWith("From 2 to 12 options, separated by \";\"", StringComparison.Ordinal));
        Assert.Null(json["actions"]);
    }

    [Theory]
    [InlineData(Language.French, "Aucun vote n'est ouvert ici. Pour en lancer un\u00A0:", "vote question\u00A0: option\u202F; option")]
    [InlineData(Language.English, "No vote is open here. To start one:", "vote question: option; option")]
    public void NoOpenVote_Language_SaysSoWithTheSyntax(Language language, string text, string hint)
    {
        // Act
        var json = CardJson.Of(VoteNoticeCards.NoOpenVote(language));

        // Assert
        Assert.Contains(text, CardJson.TextBlocks(json));
        Assert.Equal([hint], Monospace(json));
    }

    [Theory]
    [InlineData(Language.French, -1, "Aucun pouls clos ici")]
    [InlineData(Language.French, 0, "(il en faut 2\u202F; il n'en a aucun).")]
    [InlineData(Language.French, 1, "Le dernier pouls clos n'a pas assez de leviers pour un vote (il en faut 2\u202F; il n'en a qu'un).")]
    [InlineData(Language.English, -1, "No closed pulse here")]
    [InlineData(Language.English, 1, "(2 are needed; it has only one).")]
    [InlineData(Language.English, 0, "(2 are needed; it has none).")]
    public void NotEnoughLevers_Found_ExplainsWhatIsMissing(Language language, int found, string expected)
    {
        // Act
        var json = CardJson.Of(VoteNoticeCards.NotEnoughLevers(language, found));

        // Assert
        Assert.Contains(CardJson.TextBlocks(json), t => t.Contains(expected, StringComparison.Ordinal));
        Assert.Single(Monospace(json));
    }

    [Fact]
    public void Closed_MarkdownQuestion_IsShownAsTyped()
    {
        // Act
        var json = CardJson.Of(VoteNoticeCards.Closed(Language.French, VoteFixtures.MarkdownText));

        // Assert
        Assert.Equal([VoteFixtures.MarkdownText], CardJson.TextRuns(json));
        Assert.Contains("Ce vote est clos", CardJson.TextBlocks(json));
    }

    [Fact]
    public void ClosedNotice_Leader_SaysParticipationAndLeaderWithoutAnyBarOrRanking()
    {
        // Arrange
        var model = new VoteClosedNoticeModel { Language = Language.French, Question = VoteFixtures.MarkdownText, Participation = 4, Leaders = ["Logement"] };

        // Act
        var json = CardJson.Of(VoteNoticeCards.ClosedNotice(model));

        // Assert
        var texts = CardJson.TextBlocks(json);
        Assert.Equal($"Vote clos{Nbsp}: 4 votes", texts[0]);
        Assert.Equal([VoteFixtures.MarkdownText, $"En tête{Nbsp}: ", "Logement"], CardJson.TextRuns(json));
        Assert.DoesNotContain(texts, t => t.Contains('█', StringComparison.Ordinal) || t.Contains("Résultats du vote", StringComparison.Ordinal));
        Assert.Null(json["actions"]);
    }

    [Fact]
    public void ClosedNotice_WithheldEnglish_NamesNoOption()
    {
        // Arrange
        var model = new VoteClosedNoticeModel { Language = Language.English, Question = "Our priorities?", Participation = 2, Leaders = null };

        // Act
        var json = CardJson.Of(VoteNoticeCards.ClosedNotice(model));

        // Assert
        Assert.Equal(["Our priorities?"], CardJson.TextRuns(json));
        Assert.Contains("Vote closed: 2 votes", CardJson.TextBlocks(json));
    }

    [Theory]
    [InlineData(Language.French, "• résultats publics")]
    [InlineData(Language.English, "• public results")]
    public void Build_PublicResultsSetting_SaysFromHowManyVotesOtherwise(Language language, string start)
    {
        // Act
        var json = CardJson.Of(VoteHelpCard.Build(new VoteHelpCardModel { Language = language, MinimumBallots = 4 }));

        // Assert
        var line = Assert.Single(CardJson.TextBlocks(json), t => t.StartsWith(start, StringComparison.Ordinal));
        Assert.Contains("4 vote", line, StringComparison.Ordinal);
    }
}
