using ConcertationBot.Dialogs.Summaries;

namespace ConcertationBot.Dialogs.Export;

/// <summary>
/// The whole text lists of a compte-rendu, read one list at a time while the document is written (issue #23: a big
/// table's download never holds every text at once). Each list is merged and ordered as <see cref="PulseSummaries.Compute"/>
/// merges and orders it, so the document is the one written from the whole summary.
/// </summary>
public interface ICompteRenduTexts
{
    /// <summary>The freins of condition <paramref name="stepId"/> (its leviers when <paramref name="leviers"/>); the other list is empty.</summary>
    Task<FreinLevierSummary> ConditionAsync(string stepId, bool leviers, CancellationToken cancellationToken);

    /// <summary>The changes of step <paramref name="stepId"/>, every direction.</summary>
    Task<ChangeSummary> ChangesAsync(string stepId, CancellationToken cancellationToken);

    /// <summary>
    /// The facilitants of deepening step <paramref name="stepId"/> (a changes round's category; its écueils or souhaits
    /// as <paramref name="list"/> says); the other lists are empty.
    /// </summary>
    Task<DeepeningSummary> DeepeningAsync(string stepId, DeepeningTextList list, CancellationToken cancellationToken);
}

/// <summary>One of a deepened category's three text lists, in the order the compte-rendu writes them (<c>PulseSummaries.DeepeningLists</c>'s order).</summary>
public enum DeepeningTextList
{
    Facilitants = 0,
    Ecueils = 1,
    Souhaits = 2,
}
