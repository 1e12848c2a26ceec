using System.Globalization;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Summary;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Summaries;

public static partial class PulseSummaries
{
    /// <summary>
    /// The summary card's model in <paramref name="language"/>: sections in template order, the conditions' freins and
    /// leviers together where the first condition stands. Steps the summary does not know are left out.
    /// </summary>
    public static PulseSummaryCardModel Describe(PulseSummary summary, PulseTemplate template, Language language)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(template);
        var sections = new List<SummarySection>();
        var conditions = new List<SummaryGroup>();
        TextListsSection? freinsLeviers = null;
        foreach (var step in template.Steps)
        {
            switch (step)
            {
                case RatingStep rating when summary.Ratings.FirstOrDefault(r => r.StepId == step.Id) is { } figures:
                {
                    // Role clarity by role group only under a distribution that is shown itself.
                    var section = DescribeRating(rating, figures, summary.MinimumGroupSize, language);
                    sections.Add(section.Rows is not null && rating.Id == RoleClarityStepId
                        ? section with { ByGroup = DescribeRoles(summary.RoleClarityByRole, rating, language) }
                        : section);
                    break;
                }
                case ChoiceStep choice when summary.Choices.FirstOrDefault(c => c.StepId == step.Id) is { } figures:
                    sections.Add(DescribeChoice(choice, figures, summary.MinimumGroupSize, language));
                    break;
                case ChangeStep when summary.Changes.FirstOrDefault(c => c.StepId == step.Id) is { } changes:
                    sections.Add(DescribeChanges(summary, changes, language));
                    break;
                case FreinLevierStep when summary.FreinsLeviers.FirstOrDefault(f => f.StepId == step.Id) is { } texts:
                    if (freinsLeviers is null)
                    {
                        freinsLeviers = new TextListsSection(SummaryWords.FreinsLeviersTitle.For(language))
                        {
                            Groups = conditions,
                            EmptyText = summary.TextsWithheld
                                ? SummaryWords.TextsWithheldText(summary.MinimumGroupSize, language)
                                : SummaryWords.NoFreinLevier.For(language),
                        };
                        sections.Add(freinsLeviers);
                    }

                    if (!summary.TextsWithheld && texts.Freins.Count + texts.Leviers.Count > 0)
                    {
                        conditions.Add(new SummaryGroup(step.Title.For(language), ConditionLists(texts, language)));
                    }

                    break;
                case DeepeningStep when summary.Deepenings.FirstOrDefault(d => d.StepId == step.Id) is { } deepening:
                    sections.Add(DescribeDeepening(summary, step, deepening, language));
                    break;
                default:
                    break;
            }
        }

        return new PulseSummaryCardModel
        {
            Language = language,
            Heading = Heading.For(language),
            PulseTitle = template.Title.For(language),
            Period = SummaryWords.Period(summary.OpenedAt, summary.ClosedAt, language),
            Participation = SummaryWords.Participation(summary.AnswerCount, summary.MemberCount, language),
            ProfilesTitle = SummaryWords.ProfilesTitle.For(language),
            Profiles = DescribeProfiles(summary, language),
            Sections = sections,
        };
    }

    internal static IReadOnlyList<SummaryList> ConditionLists(FreinLevierSummary texts, Language language) =>
    [
        new SummaryList(SummaryWords.Freins.For(language), Items(texts.Freins), SummaryWords.NoFrein.For(language)) { HiddenItems = texts.FreinsOmitted?.Items ?? 0, HiddenCharacters = texts.FreinsOmitted?.Characters ?? 0 },
        new SummaryList(SummaryWords.Leviers.For(language), Items(texts.Leviers), SummaryWords.NoLevier.For(language)) { HiddenItems = texts.LeviersOmitted?.Items ?? 0, HiddenCharacters = texts.LeviersOmitted?.Characters ?? 0 },
    ];

    /// <summary>A deepened category's facilitants, écueils and souhaits, as lists.</summary>
    internal static IReadOnlyList<SummaryList> DeepeningLists(DeepeningSummary texts, Language language) =>
    [
        new SummaryList(SummaryWords.Facilitants.For(language), Items(texts.Facilitants), SummaryWords.NoFacilitant.For(language)) { HiddenItems = texts.FacilitantsOmitted?.Items ?? 0, HiddenCharacters = texts.FacilitantsOmitted?.Characters ?? 0 },
        new SummaryList(SummaryWords.Ecueils.For(language), Items(texts.Ecueils), SummaryWords.NoEcueil.For(language)) { HiddenItems = texts.EcueilsOmitted?.Items ?? 0, HiddenCharacters = texts.EcueilsOmitted?.Characters ?? 0 },
        new SummaryList(SummaryWords.Souhaits.For(language), Items(texts.Souhaits), SummaryWords.NoSouhait.For(language)) { HiddenItems = texts.SouhaitsOmitted?.Items ?? 0, HiddenCharacters = texts.SouhaitsOmitted?.Characters ?? 0 },
    ];

    /// <summary>True when a deepened category holds no text at all (nor any left out).</summary>
    internal static bool IsEmpty(DeepeningSummary texts) =>
        texts.Facilitants.Count + texts.Ecueils.Count + texts.Souhaits.Count == 0
        && texts.FacilitantsOmitted is null && texts.EcueilsOmitted is null && texts.SouhaitsOmitted is null;

    // One section per category (its step title names it); nothing but the k notice when the texts are withheld.
    private static TextListsSection DescribeDeepening(PulseSummary summary, PulseStep step, DeepeningSummary texts, Language language) =>
        new(step.Title.For(language))
        {
            Groups = summary.TextsWithheld || IsEmpty(texts) ? [] : [new SummaryGroup(null, DeepeningLists(texts, language))],
            EmptyText = summary.TextsWithheld ? SummaryWords.TextsWithheldText(summary.MinimumGroupSize, language) : SummaryWords.NoDeepening.For(language),
        };

    /// <summary>The changes by direction (positive, negative, then unspecified when any), as lists.</summary>
    internal static IReadOnlyList<SummaryList> ChangeLists(ChangeSummary changes, Language language)
    {
        var lists = new List<SummaryList>();
        foreach (var (direction, heading) in new[]
        {
            (ChangeDirection.Positive, SummaryWords.Positive),
            (ChangeDirection.Negative, SummaryWords.Negative),
            (ChangeDirection.Unspecified, SummaryWords.Unspecified),
        })
        {
            var items = changes.Items.Where(i => i.Direction == direction).Select(i => new SummaryItem(i.Text, i.Count)).ToList();
            var omitted = changes.Omitted?.FirstOrDefault(o => o.Direction == direction)?.Texts;
            if (items.Count > 0 || omitted is not null)
            {
                lists.Add(new SummaryList(heading.For(language), items, SummaryWords.NoChange.For(language))
                {
                    HiddenItems = omitted?.Items ?? 0,
                    HiddenCharacters = omitted?.Characters ?? 0,
                });
            }
        }

        return lists;
    }

    /// <summary>Row labels of a rating: "1 — pas du tout", "2", … "5 — tout à fait".</summary>
    internal static string RatingLabel(RatingStep step, int value, Language language)
    {
        var number = value.ToString(CultureInfo.InvariantCulture);
        return value == step.Min ? number + " — " + step.MinLabel.For(language)
            : value == step.Max ? number + " — " + step.MaxLabel.For(language)
            : number;
    }

    private static DistributionSection DescribeRating(RatingStep step, RatingSummary figures, int k, Language language)
    {
        var title = step.Title.For(language);
        if (figures.Suppressed || figures.Distribution is null || figures.Mean is null || figures.Spread is null)
        {
            return new DistributionSection(title)
            {
                Notice = SummaryWords.SuppressedText(k, language),
                Figures = figures.DontKnowCount > 0 ? [SummaryWords.LabelledCount(SummaryWords.DontKnow.For(language), figures.DontKnowCount, language)] : [],
            };
        }

        var total = figures.NumericCount + figures.DontKnowCount;
        var rows = figures.Distribution
            .Select((count, i) => new DistributionRow(RatingLabel(step, figures.Min + i, language), count, total))
            .ToList();
        if (step.AllowDontKnow || figures.DontKnowCount > 0)
        {
            rows.Add(new DistributionRow(SummaryWords.DontKnow.For(language), figures.DontKnowCount, total));
        }

        return new DistributionSection(title)
        {
            Rows = rows,
            Figures = [SummaryWords.MeanAndSpread(figures.Mean.Value, figures.Max, figures.Spread.Value, language)],
            Trend = figures.Trend is { } trend ? SummaryWords.MeanTrend(trend, language) : null,
        };
    }

    private static DistributionSection DescribeChoice(ChoiceStep step, ChoiceSummary figures, int k, Language language)
    {
        var title = step.Title.For(language);
        if (figures.Suppressed || figures.Distribution is null || figures.MedianOptionId is null)
        {
            return new DistributionSection(title) { Notice = SummaryWords.SuppressedText(k, language) };
        }

        var rows = figures.Distribution
            .Select(c => new DistributionRow(OptionLabel(step, c.OptionId, language), c.Count, figures.AnswerCount))
            .ToList();
        return new DistributionSection(title)
        {
            Rows = rows,
            Figures = [SummaryWords.Median(OptionLabel(step, figures.MedianOptionId, language), language)],
            Trend = figures.Trend is { } trend ? LevelTrend(step, trend, language) : null,
        };
    }

    internal static string LevelTrend(ChoiceStep step, SummaryTrend trend, Language language)
    {
        var previous = (int)Math.Round(trend.Previous);
        var previousLabel = previous >= 0 && previous < step.Options.Count ? step.Options[previous].Label.For(language) : "?";
        return SummaryWords.LevelTrend(trend, previousLabel, language);
    }

    internal static string OptionLabel(ChoiceStep step, string optionId, Language language) =>
        step.Find(optionId)?.Label.For(language) ?? optionId;

    private static TextListsSection DescribeChanges(PulseSummary summary, ChangeSummary changes, Language language) =>
        new(SummaryWords.ChangesTitle.For(language))
        {
            Groups = summary.TextsWithheld || changes.Items.Count == 0 ? [] : [new SummaryGroup(null, ChangeLists(changes, language))],
            EmptyText = summary.TextsWithheld ? SummaryWords.TextsWithheldText(summary.MinimumGroupSize, language) : SummaryWords.NoChange.For(language),
        };

    private static List<SummaryItem> Items(IReadOnlyList<SummaryText> texts) => [.. texts.Select(t => new SummaryItem(t.Text, t.Count))];
}
