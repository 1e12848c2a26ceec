using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Summary;

/// <summary>
/// The summary posted when a pulse closes: participation, distributions as text bars (they read the same on a phone,
/// on the desktop and in the Agents Playground), freins and leviers per condition shown exactly as typed, changes.
/// Long text lists are cut to keep the card under 80 KB, with "… et 12 autres dans le compte-rendu".
/// User text goes only into plain <see cref="TextRun"/>s; template titles and labels are escaped; the model's own
/// sentences (participation, figures, trends, notices) are written as they are.
/// </summary>
public static partial class PulseSummaryCard
{
    /// <summary>The most the card may weigh (UTF-16 bytes of its JSON), a little under Teams' 80 KB.</summary>
    public const int MaxCardBytes = 76 * 1024;

    /// <summary>Cells of a full bar.</summary>
    public const int BarWidth = 10;

    /// <summary>The most text (with <see cref="ItemOverhead"/> per item) the card shows over all its lists, at its first try.</summary>
    public const int InitialTextBudget = 24_000;
    private const int MinimumTextBudget = 400;
    /// <summary>What an item costs beyond its text when the card shares its text budget.</summary>
    public const int ItemOverhead = 100;
    private const int ShortestCut = 80;
    private const char FullCell = '█';
    private const char EmptyCell = '░';

    public static AdaptiveCard Build(PulseSummaryCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var budget = InitialTextBudget;
        while (true)
        {
            var card = Build(model, budget);
            if (budget <= MinimumTextBudget || AdaptiveCardSerializer.MeasureUtf16Bytes(card) <= MaxCardBytes)
            {
                return card;
            }

            budget = Math.Max(MinimumTextBudget, budget * 2 / 3);
        }
    }

    /// <summary>"██████░░░░ 3": the share of <paramref name="total"/>, at least one cell for any non-zero count.</summary>
    public static string Bar(int count, int total)
    {
        var filled = total <= 0 ? 0 : (int)Math.Round((double)BarWidth * count / total, MidpointRounding.AwayFromZero);
        if (count > 0 && total > 0 && filled == 0)
        {
            filled = 1;
        }

        filled = Math.Clamp(filled, 0, BarWidth);
        return new string(FullCell, filled) + new string(EmptyCell, BarWidth - filled) + " " + count.ToString(CultureInfo.InvariantCulture);
    }

    private static AdaptiveCard Build(PulseSummaryCardModel model, int textBudget)
    {
        var language = model.Language;
        var allowances = Allowances(model, textBudget);
        var body = new List<CardElement>
        {
            CardBlocks.Heading(model.Heading),
            new TextBlock { Text = CardText.Inert(model.PulseTitle), Spacing = CardSpacing.None, IsSubtle = true, Weight = TextWeight.Bolder },
            new TextBlock { Text = model.Period, Spacing = CardSpacing.None, IsSubtle = true },
            new TextBlock { Text = model.Participation, Weight = TextWeight.Bolder, Spacing = CardSpacing.Medium },
        };
        if (model.Profiles.Count > 0)
        {
            if (model.ProfilesTitle is { } title)
            {
                body.Add(new TextBlock { Text = title, Size = TextSize.Small, IsSubtle = true, Spacing = CardSpacing.Small });
            }

            body.Add(new FactSet
            {
                Spacing = CardSpacing.Small,
                // The profile's words are the bot's own (never user text) and carry no Markdown.
                Facts = [.. model.Profiles.Select(p => new Fact(p.Profile, p.Cell))],
            });
        }

        foreach (var section in model.Sections)
        {
            var items = new List<CardElement>
            {
                new TextBlock { Text = CardText.Inert(section.Title), Size = TextSize.Medium, Weight = TextWeight.Bolder },
            };
            switch (section)
            {
                case DistributionSection distribution:
                    items.AddRange(Distribution(distribution, language));
                    break;
                case TextListsSection lists:
                    items.AddRange(TextLists(lists, language, allowances));
                    break;
                default:
                    break;
            }

            body.Add(new Container { Items = items, Separator = true, Spacing = CardSpacing.Large });
        }

        return new AdaptiveCard
        {
            FallbackText = model.Heading + " — " + model.Participation,
            Body = body,
            Actions = model.RoadmapPulseId is { Length: > 0 } pulseId
                ? [new ExecuteAction
                {
                    Title = AddToRoadmap.For(language),
                    Verb = CardVerbs.RoadmapFromDeepening,
                    Data = new JsonObject { [CardDataFields.PulseId] = pulseId },
                    AssociatedInputs = "none",
                }]
                : null,
        };
    }

    private static IEnumerable<CardElement> Distribution(DistributionSection section, Language language)
    {
        if (section.Rows is { } rows)
        {
            yield return new FactSet
            {
                Spacing = CardSpacing.Small,
                Facts = [.. rows.Select(r => new Fact(CardText.Inert(r.Label), Bar(r.Count, r.Total)))],
            };
        }

        if (section.Notice is { } notice)
        {
            yield return new TextBlock { Text = notice, IsSubtle = true, Spacing = CardSpacing.Small };
        }

        foreach (var figure in section.Figures)
        {
            yield return new TextBlock { Text = figure, Spacing = CardSpacing.Small };
        }

        if (section.Trend is { } trend)
        {
            yield return new TextBlock { Text = trend, Spacing = CardSpacing.Small, Weight = TextWeight.Bolder };
        }

        if (section.ByGroup.Count > 0)
        {
            yield return new TextBlock { Text = ByGroupTitle.For(language), Size = TextSize.Small, IsSubtle = true, Spacing = CardSpacing.Medium };

            // The groups' words are the bot's own (never user text) and carry no Markdown.
            yield return new FactSet { Spacing = CardSpacing.Small, Facts = [.. section.ByGroup.Select(g => new Fact(g.Group, g.Figure))] };
        }
    }

    private static IEnumerable<CardElement> TextLists(TextListsSection section, Language language, Dictionary<SummaryList, int> allowances)
    {
        if (section.Groups.All(g => g.Lists.All(l => l.Items.Count == 0 && l.HiddenItems == 0)))
        {
            yield return new TextBlock { Text = section.EmptyText, IsSubtle = true, Spacing = CardSpacing.Small };
            yield break;
        }

        foreach (var group in section.Groups)
        {
            if (group.Title is { } title)
            {
                yield return new TextBlock { Text = CardText.Inert(title), Weight = TextWeight.Bolder, Spacing = CardSpacing.Medium };
            }

            foreach (var list in group.Lists)
            {
                yield return new TextBlock { Text = CardText.Inert(list.Heading), IsSubtle = true, Weight = TextWeight.Bolder, Spacing = CardSpacing.Small };
                if (list.Items.Count == 0 && list.HiddenItems == 0)
                {
                    yield return new TextBlock { Text = list.EmptyText, IsSubtle = true, Spacing = CardSpacing.None };
                    continue;
                }

                var shown = Take(list.Items, allowances[list]);
                foreach (var item in shown)
                {
                    yield return Item(item);
                }

                var hidden = list.Items.Count + list.HiddenItems - shown.Count;
                if (hidden > 0)
                {
                    var text = hidden == 1
                        ? OneMore.For(language)
                        : More.Format(language, hidden);
                    yield return new TextBlock { Text = text, IsSubtle = true, Spacing = CardSpacing.None };
                }
            }
        }
    }

    private static RichTextBlock Item(SummaryItem item)
    {
        var runs = new List<TextRun> { new() { Text = "• " + item.Text } };
        if (item.Count > 1)
        {
            runs.Add(new TextRun { Text = " ×" + item.Count.ToString(CultureInfo.InvariantCulture), IsSubtle = true, Weight = TextWeight.Bolder });
        }

        return new RichTextBlock { Spacing = CardSpacing.None, Inlines = runs };
    }

    /// <summary>The items that fit in <paramref name="allowance"/> characters; when not even the first fits, its beginning.</summary>
    private static List<SummaryItem> Take(IReadOnlyList<SummaryItem> items, int allowance)
    {
        var shown = new List<SummaryItem>();
        var used = 0;
        foreach (var item in items)
        {
            var size = Size(item);
            if (used + size > allowance)
            {
                break;
            }

            shown.Add(item);
            used += size;
        }

        if (shown.Count == 0 && items.Count > 0)
        {
            shown.Add(items[0] with { Text = Cut(items[0].Text, Math.Max(ShortestCut, allowance - ItemOverhead)) });
        }

        return shown;
    }

    /// <summary>
    /// Shares the text budget between the lists: the small ones get all they need, the large ones split what is left
    /// evenly (so one long condition cannot crowd out the others).
    /// </summary>
    private static Dictionary<SummaryList, int> Allowances(PulseSummaryCardModel model, int budget)
    {
        var lists = TextLists(model);
        var given = Allowances([.. lists.Select(Need)], budget);
        var allowances = new Dictionary<SummaryList, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < lists.Count; i++)
        {
            allowances[lists[i]] = given[i];
        }

        return allowances;
    }

    /// <summary>The allowance of each list (by its need, in card order) out of <paramref name="budget"/>.</summary>
    private static int[] Allowances(IReadOnlyList<long> needs, int budget)
    {
        var order = Enumerable.Range(0, needs.Count).OrderBy(i => needs[i]).ToList();
        var allowances = new int[needs.Count];
        var remaining = budget;
        for (var i = 0; i < order.Count; i++)
        {
            var share = remaining / (order.Count - i);
            var given = (int)Math.Min(needs[order[i]], share);
            allowances[order[i]] = given;
            remaining -= given;
        }

        return allowances;
    }

    /// <summary>
    /// For text lists in the order the card shows them (each given by its items' text lengths, whole), how many leading
    /// items of each the card can ever show: with any smaller budget it shows fewer, never others. A summary that keeps
    /// just these (with the count and length of the rest in <see cref="SummaryList.HiddenItems"/> and
    /// <see cref="SummaryList.HiddenCharacters"/>) gives the very card the whole lists give.
    /// </summary>
    public static int[] MostShown(IReadOnlyList<IReadOnlyList<int>> itemLengths)
    {
        ArgumentNullException.ThrowIfNull(itemLengths);
        var allowances = Allowances([.. itemLengths.Select(l => l.Sum(length => (long)length + ItemOverhead))], InitialTextBudget);
        var shown = new int[itemLengths.Count];
        for (var i = 0; i < itemLengths.Count; i++)
        {
            var used = 0L;
            foreach (var length in itemLengths[i])
            {
                if (used + length + ItemOverhead > allowances[i])
                {
                    break;
                }

                used += length + ItemOverhead;
                shown[i]++;
            }

            if (shown[i] == 0 && itemLengths[i].Count > 0)
            {
                shown[i] = 1;
            }
        }

        return shown;
    }

    /// <summary>The card's text lists in the order it shows them.</summary>
    private static List<SummaryList> TextLists(PulseSummaryCardModel model) =>
        [.. model.Sections.OfType<TextListsSection>().SelectMany(s => s.Groups).SelectMany(g => g.Lists)];

    private static long Need(SummaryList list) =>
        list.Items.Sum(item => (long)Size(item)) + list.HiddenCharacters + ((long)list.HiddenItems * ItemOverhead);

    private static int Size(SummaryItem item) => item.Text.Length + ItemOverhead;

    private static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var end = length - 1;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return new StringBuilder(text, 0, end, end + 1).Append('…').ToString();
    }
}
