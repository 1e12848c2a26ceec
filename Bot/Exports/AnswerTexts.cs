using ConcertationBot.Bot.Pulses;
using ConcertationBot.Dialogs.Export;
using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Exports;

/// <summary>
/// A pulse's whole text lists for its compte-rendu, read again from the answer rows one list at a time: each read asks
/// storage for that list's columns only (<see cref="IPulseStore.ReadAnswerColumnsAsync"/>, in pages) and merges them
/// with <see cref="PulseSummaries.Compute"/>, as the summary does. What is held is one list's texts, never every text.
/// </summary>
internal sealed class AnswerTexts(IPulseStore pulses, PulseRecord pulse, PulseTemplate template, int minimumGroupSize) : ICompteRenduTexts
{
    public async Task<FreinLevierSummary> ConditionAsync(string stepId, bool leviers, CancellationToken cancellationToken)
    {
        var column = stepId + (leviers ? PulseAnswerFields.LevierSuffix : PulseAnswerFields.FreinSuffix);
        var summary = await SummarizeAsync([column], cancellationToken).ConfigureAwait(false);
        return summary.FreinsLeviers.Single(f => f.StepId == stepId);
    }

    public async Task<ChangeSummary> ChangesAsync(string stepId, CancellationToken cancellationToken)
    {
        var summary = await SummarizeAsync([stepId + PulseAnswerFields.TextSuffix, stepId + PulseAnswerFields.DirectionSuffix], cancellationToken).ConfigureAwait(false);
        return summary.Changes.Single(c => c.StepId == stepId);
    }

    public async Task<DeepeningSummary> DeepeningAsync(string stepId, DeepeningTextList list, CancellationToken cancellationToken)
    {
        var column = stepId + list switch
        {
            DeepeningTextList.Facilitants => PulseAnswerFields.FacilitantSuffix,
            DeepeningTextList.Ecueils => PulseAnswerFields.EcueilSuffix,
            DeepeningTextList.Souhaits => PulseAnswerFields.SouhaitSuffix,
            _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
        };
        var summary = await SummarizeAsync([column], cancellationToken).ConfigureAwait(false);
        return summary.Deepenings.Single(d => d.StepId == stepId);
    }

    private async Task<PulseSummary> SummarizeAsync(IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        var answers = new List<IReadOnlyDictionary<string, object?>>();
        await foreach (var row in pulses.ReadAnswerColumnsAsync(pulse.PulseId, columns, cancellationToken).ConfigureAwait(false))
        {
            if (row.Fields.Count > 0)
            {
                answers.Add(row.Fields);
            }
        }

        return PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = template,
            Answers = answers,
            OpenedAt = pulse.OpenedAt,
            ClosedAt = pulse.ClosedAt ?? pulse.OpenedAt,
            MinimumGroupSize = minimumGroupSize,
        });
    }
}
