using ConcertationBot.Tests.Cards.Votes;

namespace ConcertationBot.Tests.Cards.Localization;

public sealed class BilingualCardTests
{
    private static AdaptiveCard Sample(Language language, string userText = "Quartier *Saint-Michel*") => new()
    {
        Body =
        [
            new TextBlock { Text = language == Language.English ? "Table pulse" : "Pouls de la table", Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextStyle.Heading },
            new TextBlock { Text = userText },
            new FactSet { Facts = [new Fact(language == Language.English ? "Answers" : "Réponses", "12")] },
            new ChoiceSetInput
            {
                Id = "choice",
                Label = language == Language.English ? "Your choice" : "Votre choix",
                Choices = [new Choice(language == Language.English ? "Yes" : "Oui", "1"), new Choice("OK", "2")],
            },
            new ActionSet { Actions = [new ExecuteAction { Title = language == Language.English ? "Answer" : "Répondre", Verb = "pulse.start" }] },
        ],
        Actions = [new ExecuteAction { Title = language == Language.English ? "Help" : "Aide", Verb = "help.show" }],
    };

    [Fact]
    public void Merge_TextThatDiffers_FrenchThenSubtleEnglishBeneath()
    {
        // Act
        var card = BilingualCard.Build(language => Sample(language));

        // Assert
        var pair = Assert.IsType<Container>(card.Body[0]);
        var french = Assert.IsType<TextBlock>(pair.Items[0]);
        var english = Assert.IsType<TextBlock>(pair.Items[1]);
        Assert.Equal("Pouls de la table", french.Text);
        Assert.Equal(TextStyle.Heading, french.Style);
        Assert.Equal("Table pulse", english.Text);
        Assert.True(english.IsSubtle);
        Assert.Null(english.Style);
        Assert.Equal(TextSize.Medium, english.Size);
        Assert.Equal(CardSpacing.None, english.Spacing);
    }

    [Fact]
    public void Merge_TextThatIsTheSame_ShownOnce()
    {
        // Act
        var card = BilingualCard.Build(language => Sample(language));

        // Assert
        var block = Assert.IsType<TextBlock>(card.Body[1]);
        Assert.Equal("Quartier *Saint-Michel*", block.Text);
        Assert.Equal(1, CardJson.TextBlocks(CardJson.Of(card)).Count(t => t.Contains("Saint-Michel", StringComparison.Ordinal)));
    }

    [Fact]
    public void Merge_OneLineTexts_FrenchSlashEnglish()
    {
        // Act
        var card = BilingualCard.Build(language => Sample(language));

        // Assert
        var fact = Assert.IsType<FactSet>(card.Body[2]).Facts[0];
        Assert.Equal(new Fact("Réponses / Answers", "12"), fact);
        var input = Assert.IsType<ChoiceSetInput>(card.Body[3]);
        Assert.Equal("choice", input.Id);
        Assert.Equal("Votre choix / Your choice", input.Label);
        Assert.Equal(["Oui / Yes", "OK"], input.Choices.Select(c => c.Title));
        Assert.Equal(["1", "2"], input.Choices.Select(c => c.Value));
        var button = Assert.IsType<ExecuteAction>(Assert.IsType<ActionSet>(card.Body[4]).Actions[0]);
        Assert.Equal("Répondre / Answer", button.Title);
        Assert.Equal("pulse.start", button.Verb);
        Assert.Equal("Aide / Help", Assert.Single(card.Actions!).Title);
    }

    [Fact]
    public void Merge_ShapesThatDiffer_EnglishPartAppendedWhole()
    {
        // Arrange
        var french = new AdaptiveCard { Body = [new TextBlock { Text = "Un" }] };
        var english = new AdaptiveCard { Body = [new TextBlock { Text = "One" }, new TextBlock { Text = "Two" }] };

        // Act
        var card = BilingualCard.Merge(french, english);

        // Assert
        Assert.Equal(2, card.Body.Count);
        Assert.Equal("Un", Assert.IsType<TextBlock>(card.Body[0]).Text);
        Assert.Equal(["One", "Two"], Assert.IsType<Container>(card.Body[1]).Items.Cast<TextBlock>().Select(t => t.Text));
    }

    [Fact]
    public void Build_VoteWithTwoLanguageOptions_EachHalfInItsLanguage()
    {
        // Act
        var card = BilingualCard.Build(language => VoteCard.Build(VoteFixtures.Open(language, VoteCardMode.Single) with
        {
            Question = BilingualText.For(BilingualFixtures.Question, language),
            Options = [.. BilingualFixtures.TwelveOptions().Select((o, i) => new VoteOptionLine(BilingualText.For(o, language), 0, 1, false))],
        }));

        // Assert
        var json = AdaptiveCardSerializer.ToJson(card);
        Assert.Contains("Logement abordable", json, StringComparison.Ordinal);
        Assert.Contains("Affordable housing", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Logement abordable | Affordable housing", json, StringComparison.Ordinal);
        Assert.True(Encoding.Unicode.GetByteCount(json) < 80 * 1024);
    }
}
