using ConcertationBot.Cards.Summary;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Summaries;

public static partial class PulseSummaries
{
    /// <summary>
    /// The bounded form of a summary, the one that is stored: its figures as they are (counts, distributions, means,
    /// medians, trends: a fixed size whatever the table), and of each text list only the texts the summary card can
    /// show (<see cref="PulseSummaryCard.MostShown"/>), with the count, length and answers of the rest
    /// (<see cref="OmittedTexts"/>). The card described from it is the card of the whole summary, and what it keeps
    /// is at most the card's text budget plus one text per list, so it never grows with the number or length of the
    /// answers. The whole lists are read again from the answer rows when a compte-rendu is written.
    /// <paramref name="summary"/> must have whole lists (as <see cref="Compute"/> gives); one that already omits texts
    /// is returned as it is.
    /// </summary>
    public static PulseSummary Bound(PulseSummary summary, PulseTemplate template)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(template);
        if (IsBounded(summary))
        {
            return summary;
        }

        var lists = CardListOrder(summary, template);
        var shown = PulseSummaryCard.MostShown([.. lists.Select(l => (IReadOnlyList<int>)[.. l.Texts.Select(t => t.Text.Length)])]);
        var keep = new Dictionary<(string StepId, int Slot), int>();
        for (var i = 0; i < lists.Count; i++)
        {
            keep[(lists[i].StepId, lists[i].Slot)] = shown[i];
        }

        int Kept((string, int) list) => keep.GetValueOrDefault(list);

        var freinsLeviers = summary.FreinsLeviers.Select(f =>
        {
            var freins = Cut(f.Freins, Kept((f.StepId, FreinSlot)));
            var leviers = Cut(f.Leviers, Kept((f.StepId, LevierSlot)));
            return new FreinLevierSummary(f.StepId, freins.Kept, leviers.Kept) { FreinsOmitted = freins.Omitted, LeviersOmitted = leviers.Omitted };
        }).ToList();
        var changes = summary.Changes.Select(c =>
        {
            var items = new List<ChangeText>();
            var omitted = new List<OmittedChanges>();
            foreach (var direction in Directions)
            {
                var texts = c.Items.Where(i => i.Direction == direction).ToList();
                var cut = Cut(texts, Kept((c.StepId, ChangeSlot(direction))));
                items.AddRange(cut.Kept);
                if (cut.Omitted is { } left)
                {
                    omitted.Add(new OmittedChanges(direction, left));
                }
            }

            return new ChangeSummary(c.StepId, items) { Omitted = omitted.Count == 0 ? null : omitted };
        }).ToList();
        var deepenings = summary.Deepenings.Select(d =>
        {
            var facilitants = Cut(d.Facilitants, Kept((d.StepId, FacilitantSlot)));
            var ecueils = Cut(d.Ecueils, Kept((d.StepId, EcueilSlot)));
            var souhaits = Cut(d.Souhaits, Kept((d.StepId, SouhaitSlot)));
            return new DeepeningSummary(d.StepId, facilitants.Kept, ecueils.Kept, souhaits.Kept)
            {
                FacilitantsOmitted = facilitants.Omitted,
                EcueilsOmitted = ecueils.Omitted,
                SouhaitsOmitted = souhaits.Omitted,
            };
        }).ToList();
        return summary with { FreinsLeviers = freinsLeviers, Changes = changes, Deepenings = deepenings };
    }

    /// <summary>True when some text list of <paramref name="summary"/> leaves texts out (the bounded form of a big table).</summary>
    public static bool IsBounded(PulseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.FreinsLeviers.Any(f => f.FreinsOmitted is not null || f.LeviersOmitted is not null)
            || summary.Changes.Any(c => c.Omitted is { Count: > 0 })
            || summary.Deepenings.Any(d => d.FacilitantsOmitted is not null || d.EcueilsOmitted is not null || d.SouhaitsOmitted is not null);
    }

    /// <summary>
    /// <paramref name="bounded"/> (its figures) with the whole text lists of <paramref name="whole"/>, a summary computed
    /// again from the answer rows: what the compte-rendu is written from.
    /// </summary>
    public static PulseSummary WithTextsOf(PulseSummary bounded, PulseSummary whole)
    {
        ArgumentNullException.ThrowIfNull(bounded);
        ArgumentNullException.ThrowIfNull(whole);
        return bounded with { FreinsLeviers = whole.FreinsLeviers, Changes = whole.Changes, Deepenings = whole.Deepenings };
    }

    private const int FreinSlot = 0;
    private const int LevierSlot = 1;

    // After the change slots (2 + direction: 2, 3, 4).
    private const int FacilitantSlot = 5;
    private const int EcueilSlot = 6;
    private const int SouhaitSlot = 7;

    private static readonly ChangeDirection[] Directions = [ChangeDirection.Positive, ChangeDirection.Negative, ChangeDirection.Unspecified];

    private static int ChangeSlot(ChangeDirection direction) => 2 + (int)direction;

    /// <summary>The text lists in the order <see cref="Describe"/> puts them on the card (the order the card shares its space in).</summary>
    private static List<(string StepId, int Slot, IReadOnlyList<SummaryText> Texts)> CardListOrder(PulseSummary summary, PulseTemplate template)
    {
        var lists = new List<(string StepId, int Slot, IReadOnlyList<SummaryText> Texts)>();
        var conditionsPlaced = false;
        foreach (var step in template.Steps)
        {
            switch (step)
            {
                case FreinLevierStep when !conditionsPlaced && summary.FreinsLeviers.Any(f => f.StepId == step.Id):
                    // Describe gathers every condition in one section, where the first condition stands.
                    conditionsPlaced = true;
                    foreach (var condition in template.Steps.OfType<FreinLevierStep>())
                    {
                        if (summary.FreinsLeviers.FirstOrDefault(f => f.StepId == condition.Id) is { } texts && texts.Freins.Count + texts.Leviers.Count > 0)
                        {
                            lists.Add((condition.Id, FreinSlot, texts.Freins));
                            lists.Add((condition.Id, LevierSlot, texts.Leviers));
                        }
                    }

                    break;
                case ChangeStep when summary.Changes.FirstOrDefault(c => c.StepId == step.Id) is { } changes:
                    foreach (var direction in Directions)
                    {
                        var texts = changes.Items.Where(i => i.Direction == direction).Select(i => new SummaryText(i.Text, i.Count)).ToList();
                        if (texts.Count > 0)
                        {
                            lists.Add((step.Id, ChangeSlot(direction), texts));
                        }
                    }

                    break;
                case DeepeningStep when summary.Deepenings.FirstOrDefault(d => d.StepId == step.Id) is { } deepening
                    && !IsEmpty(deepening):
                    // Describe shows the three lists of a category holding a text, empty ones included.
                    lists.Add((step.Id, FacilitantSlot, deepening.Facilitants));
                    lists.Add((step.Id, EcueilSlot, deepening.Ecueils));
                    lists.Add((step.Id, SouhaitSlot, deepening.Souhaits));
                    break;
                default:
                    break;
            }
        }

        return lists;
    }

    private static (List<SummaryText> Kept, OmittedTexts? Omitted) Cut(IReadOnlyList<SummaryText> texts, int keep) =>
        (texts.Take(keep).ToList(), Omission(texts.Skip(keep).Select(t => (t.Text, t.Count)).ToList()));

    private static (List<ChangeText> Kept, OmittedTexts? Omitted) Cut(IReadOnlyList<ChangeText> texts, int keep) =>
        (texts.Take(keep).ToList(), Omission(texts.Skip(keep).Select(t => (t.Text, t.Count)).ToList()));

    private static OmittedTexts? Omission(List<(string Text, int Count)> left) =>
        left.Count == 0 ? null : new OmittedTexts(left.Count, left.Sum(t => (long)t.Text.Length), left.Sum(t => t.Count));
}
