using ConcertationBot.Cards.Changes;
using ConcertationBot.Dialogs.Changes;
using ConcertationBot.Dialogs.Summaries;

namespace ConcertationBot.Tests.Dialogs.Changes;

public sealed class ChangeGroupingsTests
{
    private static PulseSummary Summary(int answers, params ChangeText[] changes) => new()
    {
        TemplateId = "t",
        TemplateVersion = 1,
        OpenedAt = DateTimeOffset.UnixEpoch,
        ClosedAt = DateTimeOffset.UnixEpoch,
        AnswerCount = answers,
        MinimumGroupSize = 3,
        Changes = [new ChangeSummary("change", changes)],
    };

    private static readonly ChangeItem[] ThreeItems =
    [
        new(ChangeGroupings.Key("Plus de bénévoles", ChangeTone.Positive), "Plus de bénévoles", ChangeTone.Positive, 1),
        new(ChangeGroupings.Key("Moins de locaux", ChangeTone.Negative), "Moins de locaux", ChangeTone.Negative, 2),
        new(ChangeGroupings.Key("Une navette", ChangeTone.Unspecified), "Une navette", ChangeTone.Unspecified, 1),
    ];

    private static JsonObject Form(string[] categories, params (ChangeItem Item, string Choice)[] choices)
    {
        var fields = new JsonObject();
        for (var slot = 0; slot < categories.Length; slot++)
        {
            fields[CardDataFields.ChangeCategoryPrefix + slot.ToString(CultureInfo.InvariantCulture)] = categories[slot];
        }

        foreach (var (item, choice) in choices)
        {
            fields[CardDataFields.ChangeChoicePrefix + item.Key] = choice;
        }

        return fields;
    }

    [Fact]
    public void Items_ThreeAnswersWithChanges_EachChangeKeyedWithItsTone()
    {
        // Arrange
        var summary = Summary(3, new ChangeText("Plus de bénévoles", ChangeDirection.Positive, 2), new ChangeText("Moins de locaux", ChangeDirection.Negative, 1));

        // Act
        var items = ChangeGroupings.Items(summary);

        // Assert
        Assert.Equal(
            [("Plus de bénévoles", ChangeTone.Positive, 2), ("Moins de locaux", ChangeTone.Negative, 1)],
            items.Select(i => (i.Text, i.Tone, i.Count)));
        Assert.Equal(ChangeGroupings.Key("Plus de bénévoles", ChangeTone.Positive), items[0].Key);
    }

    [Fact]
    public void Items_FewerAnswersThanK_NoChange()
    {
        // Arrange
        var summary = Summary(2, new ChangeText("Plus de bénévoles", ChangeDirection.Positive, 1), new ChangeText("Moins de locaux", ChangeDirection.Negative, 1));

        // Act
        var items = ChangeGroupings.Items(summary);

        // Assert
        Assert.Empty(items);
    }

    [Fact]
    public void Key_SameTextOtherSpellingOrTone_SameForSpellingOtherForTone()
    {
        // Act
        var key = ChangeGroupings.Key("Plus de bénévoles", ChangeTone.Positive);

        // Assert: a 16-hex hash, the same whatever the case, accents and spaces, another for another tone.
        Assert.Matches("^[0-9a-f]{16}$", key);
        Assert.Equal(key, ChangeGroupings.Key("  PLUS de  benevoles ", ChangeTone.Positive));
        Assert.NotEqual(key, ChangeGroupings.Key("Plus de bénévoles", ChangeTone.Negative));
    }

    [Fact]
    public void Read_NamedCategoriesAndChoices_GroupingWithEveryChoiceAndLeftOutOnesAbsent()
    {
        // Arrange
        var fields = Form(["  Bénévolat ", "Lieux", "", "", ""], (ThreeItems[0], "0"), (ThreeItems[1], "1"), (ThreeItems[2], ChangeGroupingCard.NoCategory));

        // Act
        var read = ChangeGroupings.Read(fields, ThreeItems);

        // Assert
        Assert.True(read.IsValid);
        Assert.Equal(["Bénévolat", "Lieux", "", "", ""], read.Typed.Categories);
        Assert.Equal(
            new Dictionary<string, int> { [ThreeItems[0].Key] = 0, [ThreeItems[1].Key] = 1 },
            read.Typed.Assignments);
    }

    [Theory]
    [InlineData("Lieux", "lieux", "0", ChangeGroupingNotice.DuplicateCategory)]
    [InlineData("Lieux", "", "1", ChangeGroupingNotice.UnnamedCategory)]
    [InlineData("Lieux", "Une catégorie dont le nom dépasse de beaucoup les soixante caractères permis", "0", ChangeGroupingNotice.CategoryTooLong)]
    public void Read_BadForm_ProblemAndWhatWasTypedKept(string first, string second, string choice, ChangeGroupingNotice expected)
    {
        // Arrange
        var fields = Form([first, second], (ThreeItems[0], choice));

        // Act
        var read = ChangeGroupings.Read(fields, ThreeItems);

        // Assert
        Assert.Equal(expected, read.Problem);
        Assert.Equal(first, read.Typed.Categories[0]);
    }

    [Fact]
    public void Read_ChoiceOfAnUnlistedChangeOrAnUnknownSlot_Ignored()
    {
        // Arrange
        var fields = Form(["Lieux"], (ThreeItems[0], "7"), (ThreeItems[1], "-1"));
        fields[CardDataFields.ChangeChoicePrefix + "0123456789abcdef"] = "0";

        // Act
        var read = ChangeGroupings.Read(fields, ThreeItems);

        // Assert
        Assert.True(read.IsValid);
        Assert.Empty(read.Typed.Assignments);
    }

    [Fact]
    public void Categories_GroupingOverListedChanges_NamedNonEmptyCategoriesInSlotOrderWithCounts()
    {
        // Arrange: slot 2 holds only a change the pulse no longer lists, slot 3 is empty.
        var grouping = new ChangeGrouping
        {
            Categories = ["Bénévolat", "", "Ancienne", "Vide", "Lieux"],
            Assignments = new Dictionary<string, int> { [ThreeItems[0].Key] = 4, [ThreeItems[1].Key] = 4, [ThreeItems[2].Key] = 0, ["ffffffffffffffff"] = 2 },
        };

        // Act
        var categories = ChangeGroupings.Categories(grouping, ThreeItems);

        // Assert
        Assert.Equal([new ChangeCategory(0, "Bénévolat", 1), new ChangeCategory(4, "Lieux", 2)], categories);
    }

    [Theory]
    [InlineData(Language.French, false, 3, "Logement (3 changements)")]
    [InlineData(Language.French, false, 1, "Logement (1 changement)")]
    [InlineData(Language.English, false, 12, "Logement (12 changes)")]
    [InlineData(Language.French, true, 2, "Logement (2 changements) | Logement (2 changes)")]
    public void Option_Category_NameAndCountInTheConversationsLanguages(Language language, bool bilingual, int count, string expected)
    {
        // Act
        var option = ChangeGroupings.Option(new ChangeCategory(0, "Logement", count), new SharedLanguage(language, bilingual));

        // Assert
        Assert.Equal(expected, option);
    }

    [Fact]
    public void Option_BilingualNameTypedInTwoHalves_EachLanguageItsHalf()
    {
        // Act
        var option = ChangeGroupings.Option(new ChangeCategory(0, "Logement | Housing", 2), new SharedLanguage(Language.French, Bilingual: true));

        // Assert
        Assert.Equal("Logement (2 changements) | Housing (2 changes)", option);
        Assert.Equal("Housing (2 changes)", BilingualText.For(option, Language.English));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Option_LongestName_ShortenedWithinTheOptionLimitCountKept(bool bilingual)
    {
        // Arrange
        var name = new string('x', ChangeGroupingCard.MaxCategoryLength);

        // Act
        var option = ChangeGroupings.Option(new ChangeCategory(0, name, 123), new SharedLanguage(Language.French, bilingual));

        // Assert
        Assert.True(option.Length <= VoteCommands.MaxOptionLength, option);
        Assert.EndsWith(bilingual ? "… (123 changes)" : "(123 changements)", option, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_StoredGrouping_EachLineInItsSlotAndWithheldUnderK()
    {
        // Arrange
        var grouping = new ChangeGrouping { Categories = ["Bénévolat"], Assignments = new Dictionary<string, int> { [ThreeItems[1].Key] = 0 } };

        // Act
        var model = ChangeGroupings.Describe("p1", Summary(3), ThreeItems, grouping, Language.French, "etag", "29:nadia", ChangeGroupingNotice.None);
        var withheld = ChangeGroupings.Describe("p1", Summary(2), [], ChangeGrouping.Empty, Language.French, null, null, ChangeGroupingNotice.None);

        // Assert
        Assert.Equal(["Bénévolat", "", "", "", ""], model.Categories);
        Assert.Equal([null, 0, null], model.Changes.Select(c => c.Category));
        Assert.Null(model.Withheld);
        Assert.Equal("Pas assez de réponses pour afficher les textes (minimum 3).", withheld.Withheld);
    }
}
