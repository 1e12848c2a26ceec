using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ConcertationBot.Cards;
using ConcertationBot.Cards.Changes;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Dialogs.Changes;

/// <summary>What reading the grouping form gave: the grouping to store, or why nothing is stored (and what was typed, to show again).</summary>
public sealed record ChangeGroupingRead(ChangeGrouping Typed, ChangeGroupingNotice Problem)
{
    public bool IsValid => Problem == ChangeGroupingNotice.None;
}

/// <summary>
/// The rules of the changes round's first two steps (issue #17), pure: which changes a pulse named (none under the k
/// rule), how each is keyed, what the grouping form may store, and the vote options the categories become.
/// </summary>
public static partial class ChangeGroupings
{
    /// <summary>The longest vote option (the vote's own limit).</summary>
    public const int MaxOptionLength = VoteCommands.MaxOptionLength;

    /// <summary>
    /// The changes named in <paramref name="summary"/>'s change steps, in the summary's order (positive, negative, then
    /// neither; most named first), each keyed by its text; none when the summary withholds its texts (fewer answers than k).
    /// </summary>
    public static IReadOnlyList<ChangeItem> Items(PulseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.TextsWithheld)
        {
            return [];
        }

        var items = new List<ChangeItem>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in summary.Changes.SelectMany(c => c.Items))
        {
            var tone = Tone(change.Direction);
            var key = Key(change.Text, tone);
            if (keys.Add(key))
            {
                items.Add(new ChangeItem(key, change.Text, tone, change.Count));
            }
        }

        return items;
    }

    /// <summary>
    /// A change's stable key: 16 hex digits of the SHA-256 of its tone and its text folded as the summary merges texts
    /// (case, accents, spaces), so the same change keeps its key whoever named it and however the summary spells it.
    /// </summary>
    public static string Key(string text, ChangeTone tone)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = tone.ToString() + "|" + PulseSummaries.FoldForMerge(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folded)))[..16];
    }

    /// <summary>
    /// Reads the form's inputs against the changes it listed: category names cleaned (one line, at most
    /// <see cref="ChangeGroupingCard.MaxCategoryLength"/>, no two alike), each listed change in a named slot or left out.
    /// A field naming no listed change, or a slot outside 0..4, is ignored (left out).
    /// </summary>
    public static ChangeGroupingRead Read(JsonObject fields, IReadOnlyList<ChangeItem> items)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(items);
        var names = Enumerable.Range(0, ChangeGroupingCard.MaxCategories)
            .Select(slot => VoteText.Clean(Field(fields, CardDataFields.ChangeCategoryPrefix + slot.ToString(CultureInfo.InvariantCulture))))
            .ToList();
        var assignments = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (int.TryParse(Field(fields, CardDataFields.ChangeChoicePrefix + item.Key), NumberStyles.None, CultureInfo.InvariantCulture, out var slot)
                && slot < ChangeGroupingCard.MaxCategories)
            {
                assignments[item.Key] = slot;
            }
        }

        var typed = new ChangeGrouping { Categories = names, Assignments = assignments };
        var named = names.Where(n => n.Length > 0).ToList();
        var problem = named.Any(n => VoteText.Length(n) > ChangeGroupingCard.MaxCategoryLength) ? ChangeGroupingNotice.CategoryTooLong
            : named.Select(PulseSummaries.FoldForMerge).Distinct(StringComparer.Ordinal).Count() < named.Count ? ChangeGroupingNotice.DuplicateCategory
            : assignments.Values.Any(slot => names[slot].Length == 0) ? ChangeGroupingNotice.UnnamedCategory
            : ChangeGroupingNotice.None;
        return new ChangeGroupingRead(typed, problem);
    }

    /// <summary>The named categories holding at least one of <paramref name="items"/>, in slot order, with how many each holds.</summary>
    public static IReadOnlyList<ChangeCategory> Categories(ChangeGrouping grouping, IReadOnlyList<ChangeItem> items)
    {
        ArgumentNullException.ThrowIfNull(grouping);
        ArgumentNullException.ThrowIfNull(items);
        var listed = items.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        return [.. grouping.Categories
            .Select((name, slot) => new ChangeCategory(slot, name, grouping.Assignments.Count(a => a.Value == slot && listed.Contains(a.Key))))
            .Where(c => c.Name.Length > 0 && c.Count > 0)];
    }

    /// <summary>The categories of <see cref="Categories"/>, each with the changes of <paramref name="items"/> it holds (the compte-rendu's lists).</summary>
    public static IReadOnlyList<GroupedChanges> Grouped(ChangeGrouping grouping, IReadOnlyList<ChangeItem> items) =>
        [.. Categories(grouping, items).Select(c => new GroupedChanges(
            c, [.. items.Where(i => grouping.Assignments.TryGetValue(i.Key, out var slot) && slot == c.Slot)]))];

    /// <summary>
    /// The vote option of a category: "Logement (3 changements)", in the conversation's language, or in a bilingual one
    /// both halves (a name typed "fr | en" gives each language its half); a name too long for
    /// <see cref="MaxOptionLength"/> is shortened with "…", the count is always kept.
    /// </summary>
    public static string Option(ChangeCategory category, SharedLanguage language)
    {
        ArgumentNullException.ThrowIfNull(category);
        if (!language.Bilingual)
        {
            return Fit(category.Name, category.Count, language.Language, MaxOptionLength);
        }

        var (french, english) = BilingualText.Split(category.Name) ?? (category.Name, category.Name);
        var half = (MaxOptionLength - 3) / 2;
        return BilingualText.Join(Fit(french, category.Count, Language.French, half), Fit(english, category.Count, Language.English, half));
    }

    /// <summary>
    /// The categories <c>changements approfondir</c> deepens, at most <paramref name="take"/>: in the order of the closed
    /// vote on them when <paramref name="ranked"/> gives it (the indexes of <paramref name="categories"/>, best first: the
    /// vote's options are the categories in this order), else the coordinator's slot order. Names only.
    /// </summary>
    public static IReadOnlyList<string> TopCategories(IReadOnlyList<ChangeCategory> categories, IReadOnlyList<int>? ranked, int take)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var order = ranked is { Count: > 0 }
            ? [.. ranked.Where(i => i >= 0 && i < categories.Count).Distinct(), .. Enumerable.Range(0, categories.Count).Where(i => !ranked.Contains(i))]
            : Enumerable.Range(0, categories.Count).ToList();
        return [.. order.Take(take).Select(i => categories[i].Name)];
    }

    /// <summary>The question of <c>vote changements</c>, singular when each person picks one category.</summary>
    public static string Question(VoteRules rules, SharedLanguage language)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var question = VoteCommands.IsSingleChoice(rules) ? QuestionSingular : QuestionPlural;
        return language.Bilingual
            ? BilingualText.Join(question.For(Language.French), question.For(Language.English))
            : question.For(language.Language);
    }

    /// <summary>The form's model: the grouping (or what was typed) over the listed changes, at most <see cref="ChangeGroupingCard.MaxChangesShown"/>.</summary>
    public static ChangeGroupingCardModel Describe(
        string pulseId, PulseSummary summary, IReadOnlyList<ChangeItem> items, ChangeGrouping grouping, Language language, string? etag, string? refreshUserId, ChangeGroupingNotice notice)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(grouping);
        var shown = items.Take(ChangeGroupingCard.MaxChangesShown).ToList();
        return new ChangeGroupingCardModel
        {
            Language = language,
            PulseId = pulseId,
            ETag = etag,
            RefreshUserId = refreshUserId,
            Categories = [.. Enumerable.Range(0, ChangeGroupingCard.MaxCategories).Select(slot => grouping.Categories.ElementAtOrDefault(slot) ?? string.Empty)],
            Changes = [.. shown.Select(i => new ChangeGroupingLine(i.Key, i.Text, i.Tone, i.Count, grouping.Assignments.TryGetValue(i.Key, out var slot) ? slot : null))],
            NotShown = items.Count - shown.Count,
            Withheld = summary.TextsWithheld ? SummaryWords.TextsWithheldText(summary.MinimumGroupSize, language) : null,
            Locked = grouping.IsLocked,
            Notice = notice,
        };
    }

    private static string Fit(string name, int count, Language language, int max)
    {
        var suffix = " (" + ChangeGroupingCard.CountText(language, count) + ")";
        return VoteText.Shorten(name, max - VoteText.Length(suffix)) + suffix;
    }

    private static ChangeTone Tone(ChangeDirection direction) => direction switch
    {
        ChangeDirection.Positive => ChangeTone.Positive,
        ChangeDirection.Negative => ChangeTone.Negative,
        _ => ChangeTone.Unspecified,
    };

    private static string? Field(JsonObject fields, string name) =>
        fields[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
