using System.Globalization;
using System.Text.Json.Nodes;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Roadmap;

/// <summary>
/// One item as the card shows it: <see cref="Status"/> and <see cref="Horizon"/> are codes of
/// <see cref="RoadmapCard.StatusCodes"/> and <see cref="RoadmapCard.HorizonCodes"/>; <see cref="Changed"/> is the date
/// already written out; the texts are the coordinators', shown as typed.
/// </summary>
public sealed record RoadmapCardItem
{
    public required string Id { get; init; }

    public required string Text { get; init; }

    public required string Horizon { get; init; }

    public required string Status { get; init; }

    public string? Indicator { get; init; }

    public string? Carriers { get; init; }

    public required string Changed { get; init; }
}

/// <summary>What the card says above the feuille de route after an action.</summary>
public enum RoadmapNotice
{
    None,
    Saved,
    Removed,

    /// <summary>The item acted on is no longer there: the card was stale.</summary>
    Stale,
    Unchanged,
    BadText,
    Full,

    /// <summary>The top options of a closed vote were added as court-terme items.</summary>
    AddedFromVote,

    /// <summary>Every top option of that vote is already an item from it: nothing added.</summary>
    AlreadyFromVote,

    /// <summary>The vote is gone, still open, or closed without a ranking (no ballot, or tallies withheld): nothing to add.</summary>
    NoVoteRanking,

    /// <summary>The categories of a closed deepening round were added as court-terme items.</summary>
    AddedFromDeepening,

    /// <summary>Every category of that round is already an item from it: nothing added.</summary>
    AlreadyFromDeepening,
}

/// <summary>
/// The feuille de route of a team or conversation. <see cref="Editable"/>: a coordinator's own view, with a "Modifier" per
/// item; else the read-only card. <see cref="RefreshUserId"/>: the one user whose client turns the card into their own
/// view by an automatic refresh (the coordinator who asked); null for none.
/// </summary>
public sealed record RoadmapCardModel
{
    public required Language Language { get; init; }

    public string? Vision { get; init; }

    public required IReadOnlyList<RoadmapCardItem> Items { get; init; }

    public bool Editable { get; init; }

    public string? RefreshUserId { get; init; }

    public RoadmapNotice Notice { get; init; }
}

/// <summary>The one-page card of <c>feuille de route</c> / <c>roadmap</c> and its item form.</summary>
public static partial class RoadmapCard
{
    /// <summary>Under the 80 KB of the card contract (measured as UTF-16), with room for Teams' envelope.</summary>
    public const int MaxCardBytes = 76 * 1024;

    /// <summary>Status codes, in the order a changement goes through them (the card contract's input values).</summary>
    public static readonly IReadOnlyList<string> StatusCodes = ["AVenir", "EnCours", "Atteint", "Abandonne"];

    /// <summary>Horizon codes: court, moyen and long terme.</summary>
    public static readonly IReadOnlyList<string> HorizonCodes = ["Court", "Moyen", "Long"];

    /// <summary>The feuille de route; items that would take the card over <see cref="MaxCardBytes"/> are left out, with a line saying how many.</summary>
    public static AdaptiveCard Build(RoadmapCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Build(model.Language, _ => model);
    }

    /// <summary>
    /// The feuille de route as posted for everyone: in both languages when <paramref name="shared"/> is bilingual, with
    /// as many items as fit under <see cref="MaxCardBytes"/> once the two are merged (the rest counted on a line).
    /// </summary>
    public static AdaptiveCard Build(SharedLanguage shared, Func<Language, RoadmapCardModel> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        for (var shown = model(shared.Language).Items.Count; ; shown--)
        {
            var count = shown;
            var card = shared.Card(language => Build(model(language), count));
            if (shown == 0 || AdaptiveCardSerializer.MeasureUtf16Bytes(card) <= MaxCardBytes)
            {
                return card;
            }
        }
    }

    /// <summary>A coordinator's form for one item: status, horizon, text, indicator, carriers; Enregistrer, Retirer, Retour.</summary>
    public static AdaptiveCard ItemForm(Language language, RoadmapCardItem item, string editorUserId)
    {
        ArgumentNullException.ThrowIfNull(item);
        var data = new JsonObject { [CardDataFields.RoadmapItemId] = item.Id };
        var save = new JsonObject
        {
            [CardDataFields.RoadmapItemId] = item.Id,
            [CardDataFields.RoadmapWas] = new JsonObject
            {
                [CardDataFields.RoadmapStatus] = item.Status,
                [CardDataFields.RoadmapHorizon] = item.Horizon,
                [CardDataFields.RoadmapText] = item.Text,
                [CardDataFields.RoadmapIndicator] = item.Indicator ?? string.Empty,
                [CardDataFields.RoadmapCarriers] = item.Carriers ?? string.Empty,
            },
        };
        List<CardElement> body =
        [
            CardBlocks.Heading(FormHeading.For(language), TextSize.Medium),
            CardBlocks.PlainText(item.Text, weight: TextWeight.Bolder),
            new ChoiceSetInput
            {
                Id = CardDataFields.RoadmapStatus,
                Label = StatusLabel.For(language),
                Style = ChoiceSetStyle.Expanded,
                Choices = [.. StatusCodes.Select(code => new Choice(StatusName(language, code), code))],
                Value = item.Status,
                Spacing = CardSpacing.Medium,
            },
            new ChoiceSetInput
            {
                Id = CardDataFields.RoadmapHorizon,
                Label = HorizonLabel.For(language),
                Style = ChoiceSetStyle.Compact,
                Choices = [.. HorizonCodes.Select(code => new Choice(HorizonName(language, code), code))],
                Value = item.Horizon,
            },
            new TextInput { Id = CardDataFields.RoadmapText, Label = TextLabel.For(language), Value = item.Text, MaxLength = MaxTextLength, IsRequired = true, ErrorMessage = TextError.For(language) },
            new TextInput { Id = CardDataFields.RoadmapIndicator, Label = IndicatorLabel.For(language), Value = item.Indicator, MaxLength = MaxTextLength },
            new TextInput { Id = CardDataFields.RoadmapCarriers, Label = CarriersLabel.For(language), Value = item.Carriers, MaxLength = MaxTextLength, Placeholder = CarriersPlaceholder.For(language) },
        ];
        return new AdaptiveCard
        {
            FallbackText = FormHeading.For(language),
            Body = body,
            Actions =
            [
                new ExecuteAction { Title = Save.For(language), Verb = CardVerbs.RoadmapItemSave, Data = save, AssociatedInputs = "auto", Style = ActionStyle.Positive },
                new ExecuteAction { Title = Remove.For(language), Verb = CardVerbs.RoadmapItemRemove, Data = data, AssociatedInputs = "none", Style = ActionStyle.Destructive },
                new ExecuteAction { Title = Back.For(language), Verb = CardVerbs.RoadmapShow, AssociatedInputs = "none" },
            ],
            Refresh = EditorRefresh(language, editorUserId),
        };
    }

    /// <summary>A <c>feuille de route</c> command not understood (or a text too long): what was typed, as data, and the forms.</summary>
    public static AdaptiveCard Help(Language language, string typed, bool tooLong)
    {
        List<CardElement> body = [CardBlocks.Paragraph(tooLong ? BadText.For(language) : HelpIntro.For(language))];
        if (typed.Length > 0)
        {
            body.Add(CardBlocks.PlainText(typed, isSubtle: true));
        }

        body.Add(CardBlocks.Command(HelpShow.For(language), CardSpacing.Medium));
        body.Add(CardBlocks.Command(HelpVision.For(language)));
        body.Add(CardBlocks.Command(HelpAdd.For(language)));
        return CardBlocks.Notice(Heading.For(language), body);
    }

    /// <summary>The limit of an item's text, indicator and carriers, as the model enforces it.</summary>
    public const int MaxTextLength = 200;

    private static AdaptiveCard Build(RoadmapCardModel model, int shown)
    {
        var language = model.Language;
        var editor = model.Editable;
        var body = new List<CardElement> { CardBlocks.Heading(Heading.For(language)) };
        if (NoticeText(language, model.Notice) is { } notice)
        {
            body.Add(new TextBlock { Text = notice, Weight = TextWeight.Bolder, Color = model.Notice is RoadmapNotice.Saved or RoadmapNotice.Removed or RoadmapNotice.AddedFromVote or RoadmapNotice.AddedFromDeepening ? TextColor.Good : TextColor.Attention, Wrap = true });
        }

        body.Add(Section(VisionHeading.For(language)));
        body.Add(model.Vision is { Length: > 0 } vision ? CardBlocks.PlainText(vision) : new TextBlock { Text = NoVision.For(language), IsSubtle = true, Wrap = true });
        var kept = model.Items.Take(shown).ToList();
        foreach (var horizon in HorizonCodes)
        {
            var items = kept.Where(i => i.Horizon == horizon).ToList();
            body.Add(Section(HorizonName(language, horizon)));
            if (items.Count == 0)
            {
                body.Add(new TextBlock { Text = NoItem.For(language), IsSubtle = true, Spacing = CardSpacing.Small });
            }

            body.AddRange(items.Select(item => ItemBlock(language, item, editor)));
        }

        if (model.Items.Count > shown)
        {
            body.Add(new TextBlock { Text = More.Format(language, (model.Items.Count - shown).ToString(CultureInfo.InvariantCulture)), IsSubtle = true, Wrap = true, Spacing = CardSpacing.Medium });
        }

        if (editor)
        {
            body.Add(new TextBlock { Text = AddHint.For(language), IsSubtle = true, Wrap = true, Spacing = CardSpacing.Medium, Separator = true });
        }

        return new AdaptiveCard
        {
            FallbackText = Heading.For(language),
            Body = body,
            MsTeams = TeamsCardOptions.FullWidth,
            Refresh = model.RefreshUserId is { Length: > 0 } userId ? EditorRefresh(language, userId) : null,
        };
    }

    private static Container ItemBlock(Language language, RoadmapCardItem item, bool editor)
    {
        var items = new List<CardElement>
        {
            CardBlocks.PlainText(item.Text, weight: TextWeight.Bolder),
            Labelled(StatusLabel.For(language), StatusName(language, item.Status) + " · " + ChangedOn.Format(language, item.Changed)),
        };
        if (item.Indicator is { Length: > 0 } indicator)
        {
            items.Add(Labelled(IndicatorLabel.For(language), indicator));
        }

        if (item.Carriers is { Length: > 0 } carriers)
        {
            items.Add(Labelled(CarriersLabel.For(language), carriers));
        }

        if (editor)
        {
            items.Add(new ActionSet
            {
                Actions = [new ExecuteAction
                {
                    Title = Edit.For(language),
                    Verb = CardVerbs.RoadmapItemEdit,
                    Data = new() { [CardDataFields.RoadmapItemId] = item.Id },
                    AssociatedInputs = "none",
                }],
            });
        }

        return new Container { Items = items, Separator = true, Spacing = CardSpacing.Small };
    }

    /// <summary>A label and a value (user text) as runs of one block: the value is data, never Markdown.</summary>
    private static RichTextBlock Labelled(string label, string value) =>
        new() { Spacing = CardSpacing.None, Inlines = [new TextRun { Text = label, IsSubtle = true }, new TextRun { Text = value }] };

    private static CardRefresh EditorRefresh(Language language, string userId) => new()
    {
        Action = new ExecuteAction { Title = Heading.For(language), Verb = CardVerbs.RoadmapShow },
        UserIds = [userId],
    };

    private static TextBlock Section(string text) =>
        new() { Text = text, Weight = TextWeight.Bolder, Size = TextSize.Medium, Spacing = CardSpacing.Medium, Separator = true };

    public static string StatusName(Language language, string code) => code switch
    {
        "EnCours" => EnCours.For(language),
        "Atteint" => Atteint.For(language),
        "Abandonne" => Abandonne.For(language),
        _ => AVenir.For(language),
    };

    public static string HorizonName(Language language, string code) => code switch
    {
        "Moyen" => Moyen.For(language),
        "Long" => Long.For(language),
        _ => Court.For(language),
    };

    private static string? NoticeText(Language language, RoadmapNotice notice) => notice switch
    {
        RoadmapNotice.Saved => Saved.For(language),
        RoadmapNotice.Removed => Removed.For(language),
        RoadmapNotice.Stale => Stale.For(language),
        RoadmapNotice.Unchanged => Unchanged.For(language),
        RoadmapNotice.BadText => BadText.For(language),
        RoadmapNotice.Full => Full.For(language),
        RoadmapNotice.AddedFromVote => AddedFromVote.For(language),
        RoadmapNotice.AlreadyFromVote => AlreadyFromVote.For(language),
        RoadmapNotice.AddedFromDeepening => AddedFromDeepening.For(language),
        RoadmapNotice.AlreadyFromDeepening => AlreadyFromDeepening.For(language),
        RoadmapNotice.NoVoteRanking => NoVoteRanking.For(language),
        _ => null,
    };
}
