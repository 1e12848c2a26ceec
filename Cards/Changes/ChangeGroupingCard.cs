using System.Globalization;
using System.Text.Json.Nodes;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Changes;

/// <summary>Whether a change was named positive, negative, or neither.</summary>
public enum ChangeTone
{
    Positive,
    Negative,
    Unspecified,
}

/// <summary>
/// One change named in the pulse, as the grouping form lists it: its <paramref name="Key"/> (a hash of its text, the
/// form's input id), its text, its tone, how many answers named it, and the category slot it is in (null: left out).
/// </summary>
public sealed record ChangeGroupingLine(string Key, string Text, ChangeTone Tone, int Count, int? Category);

/// <summary>What the grouping form says above the categories.</summary>
public enum ChangeGroupingNotice
{
    None,

    /// <summary>The grouping was stored.</summary>
    Saved,

    /// <summary>Someone stored the grouping since this form was built: nothing was stored, the current grouping is shown.</summary>
    Stale,

    /// <summary>The categories were put to a vote: the grouping no longer changes.</summary>
    Locked,

    /// <summary>A category name is longer than <see cref="ChangeGroupingCard.MaxCategoryLength"/>: nothing stored.</summary>
    CategoryTooLong,

    /// <summary>Two categories have the same name: nothing stored.</summary>
    DuplicateCategory,

    /// <summary>A change was put in a category without a name: nothing stored.</summary>
    UnnamedCategory,
}

/// <summary>The coordinator's grouping form of <c>changements regrouper</c> (or what stands instead of it).</summary>
public sealed record ChangeGroupingCardModel
{
    public required Language Language { get; init; }

    public required string PulseId { get; init; }

    /// <summary>The version of the stored grouping the form shows (sent back on save); null when nothing was stored yet.</summary>
    public string? ETag { get; init; }

    /// <summary>The coordinator whose view this is: the card's refresh shows her form again (and no one else's).</summary>
    public string? RefreshUserId { get; init; }

    /// <summary>The category names, one per slot (<see cref="ChangeGroupingCard.MaxCategories"/>), empty when unnamed.</summary>
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>The changes shown, in the summary's order.</summary>
    public required IReadOnlyList<ChangeGroupingLine> Changes { get; init; }

    /// <summary>Changes named but not shown (past <see cref="ChangeGroupingCard.MaxChangesShown"/>).</summary>
    public int NotShown { get; init; }

    /// <summary>Fewer answers than k: this line (the summary's) and no change text at all.</summary>
    public string? Withheld { get; init; }

    /// <summary>The categories were put to a vote: read-only.</summary>
    public bool Locked { get; init; }

    public ChangeGroupingNotice Notice { get; init; }
}

/// <summary>The cards of the changes round's grouping (<c>changements regrouper</c> / <c>changes group</c>).</summary>
public static partial class ChangeGroupingCard
{
    /// <summary>The most categories a coordinator names.</summary>
    public const int MaxCategories = 5;

    /// <summary>The longest category name, so that "name (n changements)" stays a short vote option.</summary>
    public const int MaxCategoryLength = 60;

    /// <summary>The most changes one form lists (each with its choice); fewer when they would take it over <see cref="MaxCardBytes"/>.</summary>
    public const int MaxChangesShown = 60;

    /// <summary>Under the 80 KB of the card contract (measured as UTF-16), with room for Teams' envelope.</summary>
    public const int MaxCardBytes = 76 * 1024;

    /// <summary>The choice value of a change left out of every category.</summary>
    public const string NoCategory = "none";

    /// <summary>
    /// The coordinator's form: the category names, each change with its category, "Enregistrer"; read-only once locked.
    /// Changes that would take the card over <see cref="MaxCardBytes"/> are left out, with a line saying how many. The
    /// form is always one person's own card (an invoke's answer, or a 1:1 chat), never merged in two languages.
    /// </summary>
    public static AdaptiveCard Form(ChangeGroupingCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        for (var shown = model.Changes.Count; ; shown--)
        {
            var card = Build(model with { Changes = [.. model.Changes.Take(shown)], NotShown = model.NotShown + model.Changes.Count - shown });
            if (shown == 0 || AdaptiveCardSerializer.MeasureUtf16Bytes(card) <= MaxCardBytes)
            {
                return card;
            }
        }
    }

    private static AdaptiveCard Build(ChangeGroupingCardModel model)
    {
        var language = model.Language;
        var body = new List<CardElement> { CardBlocks.Heading(Heading.For(language), TextSize.Medium) };
        if (model.Withheld is { } withheld)
        {
            body.Add(CardBlocks.Paragraph(withheld));
            return Card(model, body, actions: null);
        }

        body.Add(CardBlocks.Paragraph((model.Locked ? LockedIntro : Intro).For(language)));
        if (NoticeText(model.Notice, language) is { } notice)
        {
            var good = model.Notice is ChangeGroupingNotice.Saved;
            body.Add(new TextBlock { Text = notice, Color = good ? TextColor.Good : TextColor.Attention, Weight = TextWeight.Bolder, Spacing = CardSpacing.Medium });
        }

        if (model.Changes.Count == 0)
        {
            body.Add(CardBlocks.Paragraph(NoChange.For(language)));
            return Card(model, body, actions: null);
        }

        if (model.Locked)
        {
            body.Add(new FactSet { Facts = [.. Counts(model).Select(c => new Fact(c.Name, CountText(language, c.Count)))], Spacing = CardSpacing.Medium });
            return Card(model, body, actions: null);
        }

        body.Add(Section(CategoriesHeading.Format(language, MaxCategories.ToString(CultureInfo.InvariantCulture))));
        for (var slot = 0; slot < MaxCategories; slot++)
        {
            body.Add(new TextInput
            {
                Id = CardDataFields.ChangeCategoryPrefix + slot.ToString(CultureInfo.InvariantCulture),
                Label = CategoryLabel.Format(language, (slot + 1).ToString(CultureInfo.InvariantCulture)),
                Value = model.Categories.ElementAtOrDefault(slot) ?? string.Empty,
                MaxLength = MaxCategoryLength,
                Spacing = CardSpacing.Small,
            });
        }

        body.Add(Section(ChangesHeading.For(language)));
        var choices = Choices(model, language);
        foreach (var change in model.Changes)
        {
            // The tone apart from the text: in a bilingual conversation only the tone is said twice, the text once.
            body.Add(new TextBlock { Text = ToneText(change.Tone, language), Weight = TextWeight.Bolder, Size = TextSize.Small, Spacing = CardSpacing.Medium });
            body.Add(CardBlocks.PlainText(change.Count > 1 ? change.Text + " (×" + change.Count.ToString(CultureInfo.InvariantCulture) + ")" : change.Text, CardSpacing.None));
            body.Add(new ChoiceSetInput
            {
                Id = CardDataFields.ChangeChoicePrefix + change.Key,
                Label = CategoryOfChange.For(language),
                Style = ChoiceSetStyle.Compact,
                Choices = choices,
                Value = change.Category is { } slot ? slot.ToString(CultureInfo.InvariantCulture) : NoCategory,
                Spacing = CardSpacing.Small,
            });
        }

        if (model.NotShown > 0)
        {
            body.Add(CardBlocks.Paragraph(NotShownText.Format(language, model.NotShown.ToString(CultureInfo.InvariantCulture))));
        }

        var data = new JsonObject { [CardDataFields.PulseId] = model.PulseId };
        if (model.ETag is { } etag)
        {
            data[CardDataFields.ChangesETag] = etag;
        }

        return Card(model, body, [new ExecuteAction { Title = Save.For(language), Verb = CardVerbs.ChangesSave, Data = data, AssociatedInputs = "auto", Style = ActionStyle.Positive }]);
    }

    /// <summary>
    /// What a channel or group chat sees: a short note and "Ouvrir le regroupement"; Teams turns it at once into the
    /// form for <paramref name="coordinatorUserId"/> only (an automatic refresh), the only one the form is sent to.
    /// </summary>
    public static AdaptiveCard Shared(Language language, string coordinatorUserId, string pulseId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(coordinatorUserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(pulseId);
        var show = Show(language, pulseId);
        return CardBlocks.Announcement(Heading.For(language), SharedText.For(language), TextSize.Medium, [show]) with
        {
            Refresh = new CardRefresh { Action = show, UserIds = [coordinatorUserId] },
        };
    }

    /// <summary>No pulse with a change step has closed in this conversation: nothing to group (nor to vote on).</summary>
    public static AdaptiveCard NoPulse(Language language) =>
        CardBlocks.Notice(Heading.For(language), [CardBlocks.Paragraph(NoPulseText.For(language))]);

    /// <summary><c>vote changements</c> with fewer than two named categories holding a change: what to do first.</summary>
    public static AdaptiveCard TooFewCategories(Language language) =>
        CardBlocks.Notice(VoteHeading.For(language), [CardBlocks.Paragraph(TooFewCategoriesText.For(language)), CardBlocks.Command(GroupCommand.For(language))]);

    /// <summary><c>vote changements</c> when these categories were already put to a vote.</summary>
    public static AdaptiveCard AlreadyVoted(Language language) =>
        CardBlocks.Notice(VoteHeading.For(language), [CardBlocks.Paragraph(AlreadyVotedText.For(language))]);

    /// <summary><c>changements approfondir</c> when the latest grouping names no category holding a change: what to do first.</summary>
    public static AdaptiveCard NoCategoryToDeepen(Language language) =>
        CardBlocks.Notice(DeepenHeading.For(language), [CardBlocks.Paragraph(NoCategoryToDeepenText.For(language)), CardBlocks.Command(GroupCommand.For(language))]);

    /// <summary><c>changements approfondir</c> followed by something other than a number of categories from 1 to 5.</summary>
    public static AdaptiveCard DeepenCountUnread(Language language) =>
        CardBlocks.Notice(DeepenHeading.For(language), [CardBlocks.Paragraph(DeepenCountUnreadText.For(language)), CardBlocks.Command(DeepenCommand.For(language))]);

    /// <summary><c>changements approfondir</c> while the vote on the categories is still open: its ranking is not known yet.</summary>
    public static AdaptiveCard VoteStillOpen(Language language) =>
        CardBlocks.Notice(DeepenHeading.For(language), [CardBlocks.Paragraph(VoteStillOpenText.For(language))]);

    /// <summary>"12 changements", "1 changement".</summary>
    public static string CountText(Language language, int count) =>
        count == 1 ? OneChange.For(language) : Changes.Format(language, count.ToString(CultureInfo.InvariantCulture));

    /// <summary>The named categories in slot order, each with how many of the listed changes it holds.</summary>
    private static IEnumerable<(string Name, int Count)> Counts(ChangeGroupingCardModel model) =>
        model.Categories
            .Select((name, slot) => (Name: name, Count: model.Changes.Count(c => c.Category == slot)))
            .Where(c => c.Name.Length > 0);

    private static List<Choice> Choices(ChangeGroupingCardModel model, Language language)
    {
        var choices = new List<Choice> { new(LeftOut.For(language), NoCategory) };
        for (var slot = 0; slot < MaxCategories; slot++)
        {
            var number = (slot + 1).ToString(CultureInfo.InvariantCulture);
            var name = model.Categories.ElementAtOrDefault(slot) ?? string.Empty;
            var title = name.Length > 0 ? name : CategoryLabel.Format(language, number);
            choices.Add(new Choice(title, slot.ToString(CultureInfo.InvariantCulture)));
        }

        return choices;
    }

    private static ExecuteAction Show(Language language, string pulseId) =>
        new() { Title = ShowForm.For(language), Verb = CardVerbs.ChangesShow, Data = new JsonObject { [CardDataFields.PulseId] = pulseId }, AssociatedInputs = "none" };

    private static AdaptiveCard Card(ChangeGroupingCardModel model, List<CardElement> body, IReadOnlyList<CardAction>? actions) => new()
    {
        FallbackText = Heading.For(model.Language),
        Body = body,
        Actions = actions,
        Refresh = model.RefreshUserId is { Length: > 0 } userId ? new CardRefresh { Action = Show(model.Language, model.PulseId), UserIds = [userId] } : null,
    };

    private static string? NoticeText(ChangeGroupingNotice notice, Language language) => notice switch
    {
        ChangeGroupingNotice.Saved => SavedText.For(language),
        ChangeGroupingNotice.Stale => StaleText.For(language),
        ChangeGroupingNotice.Locked => LockedText.For(language),
        ChangeGroupingNotice.CategoryTooLong => TooLongText.Format(language, MaxCategoryLength.ToString(CultureInfo.InvariantCulture)),
        ChangeGroupingNotice.DuplicateCategory => DuplicateText.For(language),
        ChangeGroupingNotice.UnnamedCategory => UnnamedText.For(language),
        _ => null,
    };

    private static string ToneText(ChangeTone tone, Language language) => tone switch
    {
        ChangeTone.Positive => Positive.For(language),
        ChangeTone.Negative => Negative.For(language),
        _ => Unspecified.For(language),
    };

    private static TextBlock Section(string text) =>
        new() { Text = text, Weight = TextWeight.Bolder, Spacing = CardSpacing.Medium, Separator = true };
}
