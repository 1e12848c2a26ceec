using System.Globalization;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Changes;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Templates;

/// <summary>
/// The changes round's deepening (issue #17, <c>changements approfondir</c>) as a pulse template, pure: one
/// <see cref="DeepeningStep"/> per category (ids <c>cat1</c>…<c>cat5</c>, so the stored answer fields are
/// <c>cat1_facilitant</c>, <c>cat1_ecueil</c>, <c>cat1_souhait</c>…), each asking a facilitant, an écueil and a souhait,
/// every text in French and English, the category's name as data (a name typed <c>fr | en</c> gives each language its
/// half). The pulse stores the category names, so the template is built again the same from the record whatever the
/// grouping becomes.
/// </summary>
public static partial class DeepeningTemplate
{
    /// <summary>The <c>TemplateId</c> of a deepening pulse.</summary>
    public const string Id = "changes-deepening";

    public const int Version = 1;

    /// <summary>The most categories a deepening round asks about (the grouping's own limit).</summary>
    public const int MaxCategories = ChangeGroupingCard.MaxCategories;

    /// <summary>
    /// How many of the top categories <c>changements approfondir</c> deepens: the round stays short (three steps of three
    /// optional texts), and a grouping with 3 categories or fewer is deepened whole.
    /// </summary>
    public const int TopCategories = 3;

    /// <summary>The step id of the category at <paramref name="index"/> (0-based): <c>cat1</c>, <c>cat2</c>…</summary>
    public static string StepId(int index) => "cat" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The template asking about <paramref name="categories"/> in their order (1 to <see cref="MaxCategories"/> names,
    /// none empty); <paramref name="maxTextLength"/> is the ordinary pulse's limit.
    /// </summary>
    public static PulseTemplate Build(IReadOnlyList<string> categories, int maxTextLength)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Count is 0 or > MaxCategories || categories.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"A deepening round asks about 1 to {MaxCategories} named categories.", nameof(categories));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxTextLength, 1);
        return new PulseTemplate
        {
            Id = Id,
            Version = Version,
            Title = Title,
            Intro = new Localized(
                Intro.Format(Language.French, Names(categories, Language.French)),
                Intro.Format(Language.English, Names(categories, Language.English))),
            MaxTextLength = maxTextLength,
            Steps = [.. categories.Select((name, i) => (PulseStep)new DeepeningStep(
                StepId(i),
                new Localized(
                    StepTitle.Format(Language.French, CardText.Inert(BilingualText.For(name, Language.French))),
                    StepTitle.Format(Language.English, CardText.Inert(BilingualText.For(name, Language.English)))),
                Prompt,
                name))],
        };
    }

    /// <summary>
    /// The categories' names for the intro, each in <paramref name="language"/>'s half when typed <c>fr | en</c>, made
    /// inert: the intro and the step titles are shown on cards only, where a name is user text (Markdown shown as typed).
    /// </summary>
    private static string Names(IReadOnlyList<string> categories, Language language) =>
        string.Join(", ", categories.Select(name => CardText.Inert(BilingualText.For(name, language))));

    /// <summary>A category's step title as plain text ("Catégorie : Logement"), for what is not a card (the CSV's headers).</summary>
    public static string PlainTitle(string category, Language language)
    {
        ArgumentNullException.ThrowIfNull(category);
        return StepTitle.Format(language, BilingualText.For(category, language));
    }
}
