namespace ConcertationBot.Tests.Cards.AdaptiveCards;

public sealed class CardModelTests
{
    [Fact]
    public void ToJson_CardWithElementsAndActions_WritesSchemaShape()
    {
        // Arrange
        var card = new AdaptiveCard
        {
            Lang = "fr",
            Body =
            [
                new TextBlock { Text = "Titre", Size = TextSize.Large, Weight = TextWeight.Bolder },
                new ColumnSet { Columns = [new Column { Width = "auto", Items = [new TextBlock { Text = "a" }] }] },
                new FactSet { Facts = [new Fact("Participation", "3 / 5")] },
                new RichTextBlock { Inlines = [new TextRun { Text = "*pas gras*" }] },
            ],
            Actions = [new ExecuteAction { Title = "Répondre", Verb = "pulse.answer", Data = new JsonObject { ["pulseId"] = "p1" } }],
            MsTeams = TeamsCardOptions.FullWidth,
        };

        // Act
        var json = JsonNode.Parse(AdaptiveCardSerializer.ToJson(card))!;

        // Assert
        Assert.Equal("AdaptiveCard", (string?)json["type"]);
        Assert.Equal("1.5", (string?)json["version"]);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)json["$schema"]);
        Assert.Equal("TextBlock", (string?)json["body"]![0]!["type"]);
        Assert.Equal("Large", (string?)json["body"]![0]!["size"]);
        Assert.Equal("Bolder", (string?)json["body"]![0]!["weight"]);
        Assert.True((bool?)json["body"]![0]!["wrap"]);
        Assert.Equal("Column", (string?)json["body"]![1]!["columns"]![0]!["type"]);
        Assert.Equal("3 / 5", (string?)json["body"]![2]!["facts"]![0]!["value"]);
        Assert.Equal("TextRun", (string?)json["body"]![3]!["inlines"]![0]!["type"]);
        Assert.Equal("Action.Execute", (string?)json["actions"]![0]!["type"]);
        Assert.Equal("pulse.answer", (string?)json["actions"]![0]!["verb"]);
        Assert.Equal("p1", (string?)json["actions"]![0]!["data"]!["pulseId"]);
        Assert.Equal("Full", (string?)json["msteams"]!["width"]);
        Assert.Null(json["refresh"]);
        Assert.Null(json["body"]![0]!["color"]);
    }

    [Fact]
    public void ToJson_PolymorphicElement_TypeComesFirst()
    {
        // Act
        var json = AdaptiveCardSerializer.ToJson(new AdaptiveCard { Body = [new TextBlock { Text = "x" }] });

        // Assert
        Assert.Contains("{\"type\":\"TextBlock\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("**gras** et [lien](http://x.y)", "\\*\\*gras\\*\\* et \\[lien\\]\\(http://x.y\\)")]
    [InlineData("<at>Karim</at>", "\\<at\\>Karim\\</at\\>")]
    [InlineData("Éloïse 😀 — ok", "Éloïse 😀 — ok")]
    public void Inert_MarkdownInUserText_IsEscaped(string text, string expected)
    {
        // Act
        var inert = CardText.Inert(text);

        // Assert
        Assert.Equal(expected, inert);
    }

    [Theory]
    [InlineData("Durée : 7 jours", "Durée\u00A0: 7 jours")]
    [InlineData("Prêt ? Oui !", "Prêt\u202F? Oui\u202F!")]
    [InlineData("a;b", "a\u202F;b")]
    [InlineData("« bonjour »", "«\u00A0bonjour\u00A0»")]
    [InlineData("https://exemple.org à 10:30", "https://exemple.org à 10:30")]
    [InlineData("Quoi ?!", "Quoi\u202F?!")]
    public void FrenchTypography_Apply_PutsNonBreakingSpaces(string text, string expected)
    {
        // Act
        var result = FrenchTypography.Apply(text);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData(null, Language.French)]
    [InlineData("fr-CA", Language.French)]
    [InlineData("en-US", Language.English)]
    [InlineData("EN", Language.English)]
    [InlineData("de-DE", Language.French)]
    public void FromLocale_Locale_PicksLanguage(string? locale, Language expected)
    {
        // Act
        var language = Languages.FromLocale(locale);

        // Assert
        Assert.Equal(expected, language);
    }

    [Fact]
    public void HelpCard_Build_ListsSectionsAndStaysSmall()
    {
        // Arrange
        var model = new HelpCardModel
        {
            Language = Language.French,
            ForEveryone = [new CommandHelp("aide", "Affiche cette aide.")],
            ComingSoon = [new CommandHelp("pulse état", "Participation et temps restant.")],
        };

        // Act
        var card = HelpCard.Build(model);
        var json = JsonNode.Parse(AdaptiveCardSerializer.ToJson(card))!;

        // Assert
        Assert.Equal("Aide de ConcertationBot", (string?)json["body"]![0]!["text"]);
        var texts = json["body"]!.AsArray().Select(e => (string?)e!["text"]).Where(t => t is not null).ToList();
        Assert.Contains("Pour tout le monde", texts);
        Assert.Contains("Bientôt disponible", texts);
        Assert.DoesNotContain("Pour la coordination", texts);
        Assert.Contains("Écrivez simplement la commande, par exemple\u00A0: aide", texts);
        Assert.True(AdaptiveCardSerializer.MeasureUtf16Bytes(card) < 80 * 1024);
    }

    [Fact]
    public void WelcomeCard_Build_HasShowHelpAction()
    {
        // Act
        var card = WelcomeCard.Build(Language.English, isGroupConversation: true);

        // Assert
        var action = Assert.IsType<ExecuteAction>(Assert.Single(card.Actions!));
        Assert.Equal(CardVerbs.HelpShow, action.Verb);
        Assert.Equal("Show help", action.Title);
    }

    [Theory]
    [InlineData(Language.French, "Petits groupes\u00A0: sous 4 réponses ou 4 votes, je n'affiche que la participation")]
    [InlineData(Language.English, "Small groups: under 4 answers or 4 votes, I show participation only")]
    public void HelpAndWelcome_Build_SayTheSmallGroupRuleInOneSentence(Language language, string start)
    {
        // Act
        var help = JsonNode.Parse(AdaptiveCardSerializer.ToJson(HelpCard.Build(new HelpCardModel { Language = language, MinimumGroupSize = 4 })))!;
        var welcome = JsonNode.Parse(AdaptiveCardSerializer.ToJson(WelcomeCard.Build(language, isGroupConversation: true, minimumGroupSize: 4)))!;

        // Assert
        foreach (var card in new[] { help, welcome })
        {
            var texts = card["body"]!.AsArray().Select(e => (string?)e!["text"]).Where(t => t is not null).ToList();
            var sentence = Assert.Single(texts, t => t!.StartsWith(start, StringComparison.Ordinal));
            Assert.Single(sentence!.Split(". ", StringSplitOptions.None));
        }
    }
}
