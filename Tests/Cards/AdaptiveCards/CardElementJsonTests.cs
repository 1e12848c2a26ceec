namespace ConcertationBot.Tests.Cards.AdaptiveCards;

/// <summary>The exact JSON of the table and input elements, spelled as the Adaptive Card schema names them.</summary>
public sealed class CardElementJsonTests
{
    private static string BodyJson(CardElement element)
    {
        var json = AdaptiveCardSerializer.ToElement(new AdaptiveCard { Body = [element] });
        return json.GetProperty("body")[0].GetRawText();
    }

    [Fact]
    public void ToJson_Table_WritesColumnsRowsCellsAndOptions()
    {
        // Arrange
        var table = new Table
        {
            Columns = [new TableColumnDefinition { Width = 2 }, new TableColumnDefinition { Width = 1 }],
            Rows =
            [
                new TableRow { Cells = [new TableCell { Items = [new TextBlock { Text = "Niveau" }] }, new TableCell { Items = [new TextBlock { Text = "n" }] }] },
            ],
            FirstRowAsHeader = true,
            ShowGridLines = false,
            GridStyle = ContainerStyle.Accent,
        };

        // Act
        var json = BodyJson(table);

        // Assert
        Assert.Equal(
            """{"type":"Table","columns":[{"width":2},{"width":1}],"rows":[{"type":"TableRow","cells":[{"type":"TableCell","items":[{"type":"TextBlock","text":"Niveau","wrap":true}]},{"type":"TableCell","items":[{"type":"TextBlock","text":"n","wrap":true}]}]}],"firstRowAsHeader":true,"showGridLines":false,"gridStyle":"Accent"}""",
            json);
    }

    [Fact]
    public void ToJson_TextInput_WritesSchemaNames()
    {
        // Arrange
        var input = new TextInput
        {
            Id = "frein",
            Label = "Un frein",
            Placeholder = "Facultatif",
            Value = "*déjà*",
            IsMultiline = true,
            MaxLength = 500,
            IsRequired = true,
            ErrorMessage = "Requis",
            Style = TextInputStyle.Text,
        };

        // Act
        var json = BodyJson(input);

        // Assert
        Assert.Equal(
            """{"type":"Input.Text","placeholder":"Facultatif","value":"*d\u00E9j\u00E0*","isMultiline":true,"maxLength":500,"style":"text","id":"frein","label":"Un frein","isRequired":true,"errorMessage":"Requis"}""",
            json);
    }

    [Fact]
    public void ToJson_ChoiceSetInput_WritesChoicesAndLowerCaseStyle()
    {
        // Arrange
        var input = new ChoiceSetInput
        {
            Id = "rating",
            Label = "Note",
            Choices = [new Choice("1 — pas du tout", "1"), new Choice("2", "2")],
            Style = ChoiceSetStyle.Expanded,
            IsMultiSelect = false,
            Value = "2",
        };

        // Act
        var json = BodyJson(input);

        // Assert
        Assert.Equal(
            """{"type":"Input.ChoiceSet","choices":[{"title":"1 \u2014 pas du tout","value":"1"},{"title":"2","value":"2"}],"style":"expanded","isMultiSelect":false,"value":"2","wrap":true,"id":"rating","label":"Note"}""",
            json);
    }

    [Fact]
    public void ToJson_ChoiceSetCompact_WritesCompact()
    {
        // Act
        var json = BodyJson(new ChoiceSetInput { Id = "c", Choices = [new Choice("a", "a")], Style = ChoiceSetStyle.Compact, Wrap = null });

        // Assert
        Assert.Equal("""{"type":"Input.ChoiceSet","choices":[{"title":"a","value":"a"}],"style":"compact","id":"c"}""", json);
    }

    [Fact]
    public void ToJson_ToggleInput_WritesTitleAndValues()
    {
        // Arrange
        var input = new ToggleInput { Id = "hidden", Title = "Résultats cachés", Label = "Option", Value = "oui", ValueOn = "oui", ValueOff = "non" };

        // Act
        var json = BodyJson(input);

        // Assert
        Assert.Equal(
            """{"type":"Input.Toggle","title":"R\u00E9sultats cach\u00E9s","value":"oui","valueOn":"oui","valueOff":"non","wrap":true,"id":"hidden","label":"Option"}""",
            json);
    }

    [Fact]
    public void ToJson_NumberInput_WritesSchemaNames()
    {
        // Arrange
        var input = new NumberInput
        {
            Id = "points0",
            Label = "Logement *abordable*",
            Min = 0,
            Max = 5,
            Value = 2,
            Placeholder = "0",
            IsRequired = true,
            ErrorMessage = "Entre 0 et 5",
        };

        // Act
        var json = BodyJson(input);

        // Assert
        Assert.Equal(
            """{"type":"Input.Number","min":0,"max":5,"value":2,"placeholder":"0","id":"points0","label":"Logement *abordable*","isRequired":true,"errorMessage":"Entre 0 et 5"}""",
            json);
    }

    [Fact]
    public void ToJson_NumberInputWithOnlyId_WritesNoOtherField()
    {
        // Act
        var json = BodyJson(new NumberInput { Id = "points11" });

        // Assert
        Assert.Equal("""{"type":"Input.Number","id":"points11"}""", json);
    }

    [Fact]
    public void ToJson_ActionStyles_AreLowerCaseAsInTheSchema()
    {
        // Arrange
        var card = new AdaptiveCard
        {
            Actions =
            [
                new OpenUrlAction { Title = "a", Url = new Uri("https://exemple.org/"), Style = ActionStyle.Positive },
                new OpenUrlAction { Title = "b", Url = new Uri("https://exemple.org/"), Style = ActionStyle.Destructive },
                new OpenUrlAction { Title = "c", Url = new Uri("https://exemple.org/"), Style = ActionStyle.Default },
            ],
        };

        // Act
        var actions = AdaptiveCardSerializer.ToElement(card).GetProperty("actions");

        // Assert
        Assert.Equal(["positive", "destructive", "default"], actions.EnumerateArray().Select(a => a.GetProperty("style").GetString()));
    }

    [Fact]
    public void ToJson_TextBlockMonospace_WritesFontType()
    {
        // Act
        var json = BodyJson(new TextBlock { Text = "aide", FontType = FontType.Monospace });

        // Assert
        Assert.Equal("""{"type":"TextBlock","text":"aide","wrap":true,"fontType":"Monospace"}""", json);
    }
}
