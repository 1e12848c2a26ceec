using ConcertationBot.Cards.Coordination;

namespace ConcertationBot.Tests.Cards.Pulse;

public sealed class PulseSmallCardsTests
{
    [Fact]
    public void Closed_Build_SaysClosedWithoutActions()
    {
        // Act
        var json = CardJson.Of(PulseClosedCard.Build(new PulseClosedCardModel(Language.French, "Pulse *novembre*")));

        // Assert
        Assert.Null(json["actions"]);
        Assert.Null(json["refresh"]);
        Assert.Equal("Ce pouls est terminé", CardJson.TextBlocks(json)[0]);
        Assert.StartsWith("«\u00A0Pulse *novembre*\u00A0» ne prend plus de réponses.", CardJson.TextRuns(json)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_WithNames_NamesThemInertly()
    {
        // Arrange
        var model = new CoordinatorRefusalCardModel
        {
            Language = Language.French,
            Command = "pulse démarrer",
            CoordinatorNames = ["Nadia Benali", "Marc *Ouellet*"],
        };

        // Act
        var json = CardJson.Of(CoordinatorRefusalCard.Build(model));

        // Assert
        Assert.Equal(
            "Seule la coordination de la table peut utiliser «\u00A0pulse démarrer\u00A0». Demandez à\u00A0: Nadia Benali, Marc *Ouellet*.",
            Assert.Single(CardJson.TextRuns(json)));
        Assert.DoesNotContain(CardJson.TextBlocks(json), t => t.Contains("Ouellet", StringComparison.Ordinal));
        Assert.Null(json["actions"]);
    }

    [Theory]
    [InlineData(Language.French, "Seule la coordination de la table peut utiliser «\u00A0pulse clore\u00A0». Demandez à la coordination de votre table.")]
    [InlineData(Language.English, "Only the table's coordination can use \"pulse clore\". Please ask your table's coordination.")]
    public void Refusal_WithoutNames_AsksTheCoordination(Language language, string expected)
    {
        // Act
        var json = CardJson.Of(CoordinatorRefusalCard.Build(new CoordinatorRefusalCardModel { Language = language, Command = "pulse clore" }));

        // Assert
        Assert.Equal(expected, Assert.Single(CardJson.TextRuns(json)));
    }

    [Theory]
    [InlineData(Language.French, "pulse démarrer 3j", "pulse démarrer 48h")]
    [InlineData(Language.English, "pulse start 3d", "pulse start 48h")]
    public void BadDuration_TypedTextInert_ExamplesGiven(Language language, string example1, string example2)
    {
        // Act
        var json = CardJson.Of(PulseNoticeCards.BadDuration(language, " 3 *semaines* [x] "));

        // Assert
        var texts = CardJson.TextBlocks(json);
        Assert.Contains(example1, texts);
        Assert.Contains(example2, texts);
        Assert.Contains(CardJson.TextRuns(json), t => t.Contains("3 *semaines* [x]", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("semaines", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("90", StringComparison.Ordinal) && t.Contains('7', StringComparison.Ordinal));
    }

    [Fact]
    public void BadDuration_Blank_StillExplains()
    {
        // Act
        var json = CardJson.Of(PulseNoticeCards.BadDuration(Language.French, "  "));

        // Assert
        Assert.Equal("Je n'ai pas compris la durée.", Assert.Single(CardJson.TextRuns(json)));
    }

    [Fact]
    public void Granted_Name_IsPlainRun()
    {
        // Act
        var json = CardJson.Of(CoordinationCards.Granted(Language.French, "Éloïse _Tremblay_ 😀"));

        // Assert
        Assert.Equal("Éloïse _Tremblay_ 😀 fait maintenant partie de la coordination de cette équipe.", Assert.Single(CardJson.TextRuns(json)));
        Assert.DoesNotContain(CardJson.TextBlocks(json), t => t.Contains("Tremblay", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Language.French, "coordination ajouter @nom")]
    [InlineData(Language.English, "coordinator add @name")]
    public void GrantUsage_ShowsTheCommand(Language language, string command)
    {
        // Act
        var json = CardJson.Of(CoordinationCards.GrantUsage(language));

        // Assert
        Assert.Contains(command, CardJson.TextBlocks(json));
    }

    [Theory]
    [InlineData(Language.French, Language.French, "Je parlerai désormais français dans cette conversation, pour tout le monde.")]
    [InlineData(Language.English, Language.English, "From now on I will speak English in this conversation, to everyone.")]
    [InlineData(Language.French, Language.English, "Je parlerai désormais anglais dans cette conversation, pour tout le monde.")]
    [InlineData(Language.French, null, "Je parlerai de nouveau à chaque personne dans sa propre langue Teams.")]
    [InlineData(Language.English, null, "I will again speak to each person in their own Teams language.")]
    public void LanguageSet_SaysWhatChanged(Language reply, Language? fixedLanguage, string expected)
    {
        // Act
        var json = CardJson.Of(LanguageCards.Set(reply, fixedLanguage));

        // Assert
        Assert.Contains(expected, CardJson.TextBlocks(json));
    }

    [Theory]
    [InlineData(Language.French, "langue français | english | bilingue | auto")]
    [InlineData(Language.English, "language français | english | bilingual | auto")]
    public void LanguageUsage_ShowsTheChoices(Language language, string usage)
    {
        // Act
        var json = CardJson.Of(LanguageCards.Usage(language));

        // Assert
        Assert.Contains(usage, CardJson.TextBlocks(json));
    }
}
