using ConcertationBot.Cards.Changes;

namespace ConcertationBot.Tests.Cards.Changes;

public sealed class ChangeGroupingCardTests
{
    /// <summary>A change text as long as a pulse takes (500 characters), with Markdown and a card function to stay inert.</summary>
    private static string LongText(int i) => ("**Changement** {{DATE(2026)}} n° " + i.ToString(CultureInfo.InvariantCulture) + " ").PadRight(500, 'é');

    /// <summary>The grouping form at its largest: 5 long category names, 30 changes of 500 characters, more not shown.</summary>
    public static ChangeGroupingCardModel Largest(Language language, ChangeGroupingNotice notice = ChangeGroupingNotice.None) => new()
    {
        Language = language,
        PulseId = "0198a1b2c3d4e5f60718293a4b5c6d7e",
        ETag = "W/\"datetime'2026-12-06T19%3A00%3A00.0000000Z'\"",
        RefreshUserId = "29:nadia",
        Categories = [.. Enumerable.Range(1, ChangeGroupingCard.MaxCategories).Select(i => new string('c', ChangeGroupingCard.MaxCategoryLength - 1) + i.ToString(CultureInfo.InvariantCulture))],
        Changes = [.. Enumerable.Range(0, ChangeGroupingCard.MaxChangesShown).Select(i => new ChangeGroupingLine(
            i.ToString("x16", CultureInfo.InvariantCulture), LongText(i), (ChangeTone)(i % 3), 1 + (i % 2), i % 6 == 5 ? null : i % 6))],
        NotShown = 12,
        Notice = notice,
    };

    public static IEnumerable<(string Name, AdaptiveCard Card)> CardsIn(Language language)
    {
        yield return ("changes-form-largest", ChangeGroupingCard.Form(Largest(language)));
        yield return ("changes-form-stale", ChangeGroupingCard.Form(Largest(language, ChangeGroupingNotice.Stale)));
        yield return ("changes-form-locked", ChangeGroupingCard.Form(Largest(language, ChangeGroupingNotice.Locked) with { Locked = true }));
        yield return ("changes-form-withheld", ChangeGroupingCard.Form(Largest(language) with { Changes = [], Withheld = "Pas assez de réponses pour afficher les textes (minimum 3)." }));
        yield return ("changes-form-no-change", ChangeGroupingCard.Form(Largest(language) with { Changes = [], NotShown = 0, ETag = null }));
        yield return ("changes-shared", ChangeGroupingCard.Shared(language, "29:nadia", "0198a1b2c3d4e5f60718293a4b5c6d7e"));
        yield return ("changes-no-pulse", ChangeGroupingCard.NoPulse(language));
        yield return ("changes-too-few-categories", ChangeGroupingCard.TooFewCategories(language));
        yield return ("changes-already-voted", ChangeGroupingCard.AlreadyVoted(language));
    }

    [Fact]
    public void Form_Largest_AChoicePerChangeAndSaveSendsPulseAndETag()
    {
        // Arrange
        var model = Largest(Language.French);

        // Act
        var card = JsonNode.Parse(AdaptiveCardSerializer.ToJson(ChangeGroupingCard.Form(model)))!.AsObject();

        // Assert
        var save = CardActions.Find(card, CardVerbs.ChangesSave)!;
        Assert.Equal(model.PulseId, (string?)save["data"]![CardDataFields.PulseId]);
        Assert.Equal(model.ETag, (string?)save["data"]![CardDataFields.ChangesETag]);
        var body = card["body"]!.AsArray();
        Assert.Equal(ChangeGroupingCard.MaxChangesShown, body.Count(e => ((string?)e!["id"])?.StartsWith(CardDataFields.ChangeChoicePrefix, StringComparison.Ordinal) == true));
        Assert.Equal(ChangeGroupingCard.MaxCategories, body.Count(e => ((string?)e!["id"])?.StartsWith(CardDataFields.ChangeCategoryPrefix, StringComparison.Ordinal) == true));
        Assert.Equal(["29:nadia"], card["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
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
