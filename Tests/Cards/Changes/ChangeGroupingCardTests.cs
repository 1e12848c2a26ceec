using ConcertationBot.Cards.Changes;

namespace ConcertationBot.Tests.Cards.Changes;

public sealed class ChangeGroupingCardTests
{
    /// <summary>A change text as long as a pulse takes (500 characters), with Markdown and a card function to stay inert.</summary>
    // Words, as people write them: an unbroken run of hundreds of characters overflows the official renderer at phone
    // width whatever the card (PulseCardRenderingTests), so the 500 characters are sentences.
    private static string LongText(int i) =>
        string.Concat("**Changement** {{DATE(2026)}} n° ", i.ToString(CultureInfo.InvariantCulture), " ", string.Concat(Enumerable.Repeat("Les familles nouvellement arrivées participent davantage aux activités de la table. ", 8)))[..500];

    /// <summary>The grouping form at its largest: 5 long category names, the most changes listed, each of 500 characters, 12 more not listed.</summary>
    public static ChangeGroupingCardModel Largest(Language language, ChangeGroupingNotice notice = ChangeGroupingNotice.None) => new()
    {
        Language = language,
        PulseId = "0198a1b2c3d4e5f60718293a4b5c6d7e",
        ETag = "W/\"datetime'2026-12-06T19%3A00%3A00.0000000Z'\"",
        RefreshUserId = "29:nadia",
        Categories = [.. Enumerable.Range(1, ChangeGroupingCard.MaxCategories).Select(i => (i.ToString(CultureInfo.InvariantCulture) + " Mobilité des aînés et des familles dans tout le quartier").PadRight(ChangeGroupingCard.MaxCategoryLength, '.')[..ChangeGroupingCard.MaxCategoryLength])],
        Changes = [.. Enumerable.Range(0, ChangeGroupingCard.MaxChangesShown).Select(i => new ChangeGroupingLine(
            i.ToString("x16", CultureInfo.InvariantCulture), LongText(i), (ChangeTone)(i % 3), 1 + (i % 2), i % 6 == 5 ? null : i % 6))],
        NotShown = 12,
        Notice = notice,
    };

    public static IEnumerable<(string Name, AdaptiveCard Card)> CardsIn(Language language)
    {
        yield return ("changes-form-largest", ChangeGroupingCard.Form(Largest(language)));
        yield return ("changes-form-largest-stale", ChangeGroupingCard.Form(Largest(language, ChangeGroupingNotice.Stale)));
        yield return ("changes-form-locked", ChangeGroupingCard.Form(Largest(language, ChangeGroupingNotice.Locked) with { Locked = true }));
        yield return ("changes-form-withheld", ChangeGroupingCard.Form(Largest(language) with { Changes = [], Withheld = "Pas assez de réponses pour afficher les textes (minimum 3)." }));
        yield return ("changes-form-no-change", ChangeGroupingCard.Form(Largest(language) with { Changes = [], NotShown = 0, ETag = null }));
        yield return ("changes-shared", ChangeGroupingCard.Shared(language, "29:nadia", "0198a1b2c3d4e5f60718293a4b5c6d7e"));
        yield return ("changes-no-pulse", ChangeGroupingCard.NoPulse(language));
        yield return ("changes-too-few-categories", ChangeGroupingCard.TooFewCategories(language));
        yield return ("changes-already-voted", ChangeGroupingCard.AlreadyVoted(language));
        yield return ("changes-deepen-no-category", ChangeGroupingCard.NoCategoryToDeepen(language));
        yield return ("changes-deepen-vote-open", ChangeGroupingCard.VoteStillOpen(language));
    }

    [Fact]
    public void Form_Largest_CutUnderTheBudgetWithTheRestCountedAndSaveSendsPulseAndETag()
    {
        // Arrange
        var model = Largest(Language.French);

        // Act
        var built = ChangeGroupingCard.Form(model);
        var card = JsonNode.Parse(AdaptiveCardSerializer.ToJson(built))!.AsObject();

        // Assert: as many changes as fit, each with its choice; the line counts the others.
        Assert.InRange(AdaptiveCardSerializer.MeasureUtf16Bytes(built), 60 * 1024, ChangeGroupingCard.MaxCardBytes);
        var body = card["body"]!.AsArray();
        var choices = body.Count(e => ((string?)e!["id"])?.StartsWith(CardDataFields.ChangeChoicePrefix, StringComparison.Ordinal) == true);
        Assert.InRange(choices, 5, ChangeGroupingCard.MaxChangesShown - 1);
        Assert.Contains($"{ChangeGroupingCard.MaxChangesShown + 12 - choices} autres changements ne sont pas listés ici", TestActivities.CardText(card), StringComparison.Ordinal);
        Assert.Equal(ChangeGroupingCard.MaxCategories, body.Count(e => ((string?)e!["id"])?.StartsWith(CardDataFields.ChangeCategoryPrefix, StringComparison.Ordinal) == true));
        var save = CardActions.Find(card, CardVerbs.ChangesSave)!;
        Assert.Equal(model.PulseId, (string?)save["data"]![CardDataFields.PulseId]);
        Assert.Equal(model.ETag, (string?)save["data"]![CardDataFields.ChangesETag]);
        Assert.Equal(["29:nadia"], card["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void Form_FortyChangesOfASentence_EveryOneListed()
    {
        // Arrange: category names as a table writes them, forty changes of a sentence each.
        var model = Largest(Language.French) with
        {
            Categories = ["Mobilité", "Logement", "Alimentation", "Jeunesse", "Vie de quartier"],
            Changes = [.. Enumerable.Range(0, 40).Select(i => new ChangeGroupingLine(i.ToString("x16", CultureInfo.InvariantCulture), "Une phrase d'une centaine de caractères qui dit un changement vécu à la table, n° " + i.ToString(CultureInfo.InvariantCulture), ChangeTone.Positive, 1, null))],
            NotShown = 0,
        };

        // Act
        var card = JsonNode.Parse(AdaptiveCardSerializer.ToJson(ChangeGroupingCard.Form(model)))!.AsObject();

        // Assert
        Assert.Equal(40, card["body"]!.AsArray().Count(e => ((string?)e!["id"])?.StartsWith(CardDataFields.ChangeChoicePrefix, StringComparison.Ordinal) == true));
        Assert.DoesNotContain("ne sont pas listés", TestActivities.CardText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void Form_Withheld_OnlyTheLineNoInputNoAction()
    {
        // Arrange
        var model = Largest(Language.French) with { Withheld = "Pas assez de réponses pour afficher les textes (minimum 3)." };

        // Act
        var card = JsonNode.Parse(AdaptiveCardSerializer.ToJson(ChangeGroupingCard.Form(model)))!.AsObject();

        // Assert
        var text = TestActivities.CardText(card);
        Assert.Contains("Pas assez de réponses", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Changement", text, StringComparison.Ordinal);
        Assert.Null(CardActions.Find(card, CardVerbs.ChangesSave));
    }
}
