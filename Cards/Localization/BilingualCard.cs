using ConcertationBot.Cards.AdaptiveCards;

namespace ConcertationBot.Cards.Localization;

/// <summary>
/// A card for a bilingual conversation (<c>langue bilingue</c>): the same builder run in French and in English, merged
/// element by element. Where the two differ, the French text comes first and the English one beneath it in a subtle
/// style (a text block), or after a slash on one line (an action's title, a fact, a choice, an input's label). What is
/// the same in both (user text, numbers, data) is shown once. Both builds come from one builder with the same data, so
/// they have the same shape; should they not, the English part is appended whole beneath the French one.
/// </summary>
public static class BilingualCard
{
    /// <summary>Between the French and the English text on one line.</summary>
    public const string InlineSeparator = " / ";

    /// <summary>Builds the card in both languages and merges them.</summary>
    public static AdaptiveCard Build(Func<Language, AdaptiveCard> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return Merge(build(Language.French), build(Language.English));
    }

    /// <summary><see cref="Build"/> for builders that read storage.</summary>
    public static async Task<AdaptiveCard> BuildAsync(Func<Language, CancellationToken, Task<AdaptiveCard>> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        var french = await build(Language.French, cancellationToken).ConfigureAwait(false);
        var english = await build(Language.English, cancellationToken).ConfigureAwait(false);
        return Merge(french, english);
    }

    public static AdaptiveCard Merge(AdaptiveCard french, AdaptiveCard english)
    {
        ArgumentNullException.ThrowIfNull(french);
        ArgumentNullException.ThrowIfNull(english);
        return french with
        {
            Body = Elements(french.Body, english.Body),
            Actions = french.Actions is null ? null : Actions(french.Actions, english.Actions ?? []),
            FallbackText = french.FallbackText is null || english.FallbackText is null
                ? french.FallbackText
                : Inline(french.FallbackText, english.FallbackText),
        };
    }

    /// <summary>The French text, then the English one after <see cref="InlineSeparator"/> when it differs.</summary>
    public static string Inline(string french, string english) =>
        string.Equals(french, english, StringComparison.Ordinal) ? french : french + InlineSeparator + english;

    private static string? InlineOrNull(string? french, string? english) =>
        french is null || english is null ? french : Inline(french, english);

    private static IReadOnlyList<CardElement> Elements(IReadOnlyList<CardElement> french, IReadOnlyList<CardElement> english)
    {
        if (french.Count != english.Count)
        {
            return [.. french, new Container { Items = [.. english], Separator = true }];
        }

        var merged = new CardElement[french.Count];
        for (var i = 0; i < french.Count; i++)
        {
            merged[i] = Element(french[i], english[i]);
        }

        return merged;
    }

    private static CardElement Element(CardElement french, CardElement english) => (french, english) switch
    {
        (TextBlock f, TextBlock e) => string.Equals(f.Text, e.Text, StringComparison.Ordinal) ? f : Stacked(f, Beneath(e)),
        (RichTextBlock f, RichTextBlock e) => SameRuns(f, e) ? f : Stacked(f, e with { Inlines = [.. e.Inlines.Select(run => run with { IsSubtle = true })] }),
        (Container f, Container e) => f with { Items = Elements(f.Items, e.Items) },
        (ColumnSet f, ColumnSet e) when f.Columns.Count == e.Columns.Count =>
            f with { Columns = [.. f.Columns.Zip(e.Columns, (fc, ec) => fc with { Items = Elements(fc.Items, ec.Items) })] },
        (FactSet f, FactSet e) when f.Facts.Count == e.Facts.Count =>
            f with { Facts = [.. f.Facts.Zip(e.Facts, (ff, ef) => new Fact(Inline(ff.Title, ef.Title), Inline(ff.Value, ef.Value)))] },
        (ActionSet f, ActionSet e) => f with { Actions = Actions(f.Actions, e.Actions) },
        (Table f, Table e) when SameGrid(f, e) => f with
        {
            Rows = [.. f.Rows.Zip(e.Rows, (fr, er) => fr with
            {
                Cells = [.. fr.Cells.Zip(er.Cells, (fcell, ecell) => fcell with { Items = Elements(fcell.Items, ecell.Items) })],
            })],
        },
        (TextInput f, TextInput e) => f with
        {
            Label = InlineOrNull(f.Label, e.Label),
            Placeholder = InlineOrNull(f.Placeholder, e.Placeholder),
            ErrorMessage = InlineOrNull(f.ErrorMessage, e.ErrorMessage),
        },
        (ChoiceSetInput f, ChoiceSetInput e) when f.Choices.Count == e.Choices.Count => f with
        {
            Label = InlineOrNull(f.Label, e.Label),
            Placeholder = InlineOrNull(f.Placeholder, e.Placeholder),
            ErrorMessage = InlineOrNull(f.ErrorMessage, e.ErrorMessage),
            Choices = [.. f.Choices.Zip(e.Choices, (fc, ec) => fc with { Title = Inline(fc.Title, ec.Title) })],
        },
        (ToggleInput f, ToggleInput e) => f with
        {
            Title = Inline(f.Title, e.Title),
            Label = InlineOrNull(f.Label, e.Label),
            ErrorMessage = InlineOrNull(f.ErrorMessage, e.ErrorMessage),
        },
        (NumberInput f, NumberInput e) => f with
        {
            Label = InlineOrNull(f.Label, e.Label),
            Placeholder = InlineOrNull(f.Placeholder, e.Placeholder),
            ErrorMessage = InlineOrNull(f.ErrorMessage, e.ErrorMessage),
        },
        // An input keeps its id (the bot reads it); two would clash.
        (InputElement f, _) => f,
        _ => Stacked(french, english),
    };

    private static IReadOnlyList<CardAction> Actions(IReadOnlyList<CardAction> french, IReadOnlyList<CardAction> english)
    {
        if (french.Count != english.Count)
        {
            return french;
        }

        return [.. french.Zip(english, (f, e) => (f, e) switch
        {
            (ShowCardAction fs, ShowCardAction es) => fs with { Title = Inline(fs.Title, es.Title), Card = Merge(fs.Card, es.Card) },
            _ => f with { Title = Inline(f.Title, e.Title) },
        })];
    }

    /// <summary>The English text block as it sits beneath the French one: subtle, close, never a second heading.</summary>
    private static TextBlock Beneath(TextBlock english) => english with
    {
        IsSubtle = true,
        Style = null,
        Size = english.Size is TextSize.Large or TextSize.ExtraLarge ? TextSize.Medium : english.Size,
        Weight = english.Weight == TextWeight.Bolder && english.Size is TextSize.Large or TextSize.ExtraLarge ? TextWeight.Default : english.Weight,
    };

    /// <summary>
    /// Both versions in one container that takes the French element's place (its id, visibility, spacing and
    /// separator), so the card keeps its layout and any toggle still finds its target.
    /// </summary>
    private static Container Stacked(CardElement french, CardElement english) => new()
    {
        Id = french.Id,
        IsVisible = french.IsVisible,
        Spacing = french.Spacing,
        Separator = french.Separator,
        Items =
        [
            french with { Id = null, IsVisible = null, Spacing = null, Separator = null },
            english with { Id = null, IsVisible = null, Spacing = CardSpacing.None, Separator = null },
        ],
    };

    private static bool SameRuns(RichTextBlock french, RichTextBlock english) =>
        french.Inlines.Select(run => run.Text).SequenceEqual(english.Inlines.Select(run => run.Text), StringComparer.Ordinal);

    private static bool SameGrid(Table french, Table english) =>
        french.Rows.Count == english.Rows.Count
        && french.Rows.Zip(english.Rows).All(rows => rows.First.Cells.Count == rows.Second.Cells.Count);
}
