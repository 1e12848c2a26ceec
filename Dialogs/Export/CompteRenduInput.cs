using System.Text.Json.Serialization;
using ConcertationBot.Cards.Changes;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Changes;
using ConcertationBot.Dialogs.Roadmap;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Export;

/// <summary>What the compte-rendu is written from; all times are given (no clock).</summary>
public sealed record CompteRenduInput
{
    /// <summary>The last closed pulse's summary; null when there is none (the report then holds the votes only).</summary>
    public PulseSummary? Summary { get; init; }

    /// <summary>The template the summary was computed with; required with <see cref="Summary"/>.</summary>
    public PulseTemplate? Template { get; init; }

    public required Language Language { get; init; }

    /// <summary>The table's or conversation's name (user data, escaped).</summary>
    public required string Title { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Vote results to list, in the order given.</summary>
    public IReadOnlyList<VoteResultSummary> Votes { get; init; } = [];

    /// <summary>
    /// The rencontre the pulse belongs to; null for a pulse opened outside any rencontre (the report then keeps its
    /// general shape, <see cref="Title"/> first). With it, the report is the rencontre's: its date in the title, its
    /// thématique and intention, and a closing "Pistes d'action et suite" section.
    /// </summary>
    public CompteRenduRencontre? Rencontre { get; init; }

    /// <summary>
    /// Where the whole text lists are read from, one list at a time, while the document is written (a big table, whose
    /// <see cref="Summary"/> is the bounded one); null: the lists of <see cref="Summary"/> are written as they are.
    /// </summary>
    public ICompteRenduTexts? Texts { get; init; }

    /// <summary>
    /// The rencontre's other closed pulses, oldest first, written before <see cref="Summary"/> (the export's own, latest
    /// pulse) with the same sections; empty outside a rencontre or when it held one pulse.
    /// </summary>
    public IReadOnlyList<CompteRenduPulse> EarlierPulses { get; init; } = [];

    /// <summary>What the feuille de route gained or reached (a rencontre's report only); null or empty: the prompt stays.</summary>
    public CompteRenduNextSteps? NextSteps { get; init; }

    /// <summary>How the coordinator grouped <see cref="Summary"/>'s changes (the changes round); null: never grouped, no section.</summary>
    public CompteRenduChangeGroups? ChangeGroups { get; init; }
}

/// <summary>
/// One pulse of a rencontre's compte-rendu: its summary, the template it asked, where its whole texts are read (or
/// null), and how its changes were grouped (or null).
/// </summary>
public sealed record CompteRenduPulse(PulseSummary Summary, PulseTemplate Template, ICompteRenduTexts? Texts, CompteRenduChangeGroups? ChangeGroups = null);

/// <summary>
/// The coordinator's grouping of a pulse's changes (the changes round, issue #17), for its "Regroupement des
/// changements": the named categories holding a change, in her order, each with its changes (user text, escaped when
/// written). <see cref="VoteQuestion"/>: the question of the vote the categories were put to, given only once that vote
/// closed and its ranking is in the report's votes (not when too few voted: the votes section then ranks nothing). Under k answers the section lists nothing, whatever is given here.
/// </summary>
public sealed record CompteRenduChangeGroups(IReadOnlyList<CompteRenduChangeCategory> Categories, string? VoteQuestion = null)
{
    /// <summary>
    /// The categories of <paramref name="grouped"/> in <paramref name="language"/>: a name typed "fr | en" in a
    /// <paramref name="bilingual"/> conversation gives each language its half, as the vote's options do.
    /// </summary>
    public static CompteRenduChangeGroups Of(IReadOnlyList<GroupedChanges> grouped, bool bilingual, Language language, string? voteQuestion)
    {
        ArgumentNullException.ThrowIfNull(grouped);
        return new CompteRenduChangeGroups(
            [.. grouped.Select(g => new CompteRenduChangeCategory(
                NameIn(g.Category.Name, bilingual, language),
                [.. g.Changes.Select(c => new ChangeText(c.Text, Direction(c.Tone), c.Count))]))],
            voteQuestion);
    }

    private static string NameIn(string name, bool bilingual, Language language) =>
        bilingual && BilingualText.Split(name) is ({ } french, { } english) ? (language == Language.English ? english : french) : name;

    private static ChangeDirection Direction(ChangeTone tone) => tone switch
    {
        ChangeTone.Positive => ChangeDirection.Positive,
        ChangeTone.Negative => ChangeDirection.Negative,
        _ => ChangeDirection.Unspecified,
    };
}

/// <summary>A category of the grouping: its name (user text) and its changes as the summary lists them (text, direction, how many named it).</summary>
public sealed record CompteRenduChangeCategory(string Name, IReadOnlyList<ChangeText> Changes);

/// <summary>
/// What the feuille de route gained or reached around a rencontre, for its "Pistes d'action et suite": the changements
/// added or changed since the rencontre opened, and those reached since the previous rencontre (résultats attendus vs
/// obtenus). Texts are user text (escaped).
/// </summary>
public sealed record CompteRenduNextSteps(
    IReadOnlyList<CompteRenduRoadmapItem> Added,
    IReadOnlyList<CompteRenduRoadmapItem> Changed,
    IReadOnlyList<CompteRenduRoadmapItem> Reached)
{
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Reached.Count == 0;

    /// <summary>
    /// "Pistes d'action et suite" from the feuille de route and its history: <see cref="Added"/>, the changements added since
    /// <paramref name="rencontreOpenedAt"/>; <see cref="Changed"/>, those changed otherwise since then and not reached (nor
    /// just added); <see cref="Reached"/>, those whose status changed since <paramref name="previousRencontreOpenedAt"/> (since
    /// the feuille de route began when null) and that are <see cref="RoadmapStatus.Atteint"/> now: résultats attendus vs
    /// obtenus. Removed items are in none (the plan no longer holds them); each list keeps the plan's order.
    /// </summary>
    public static CompteRenduNextSteps From(
        RoadmapPlan plan,
        IReadOnlyList<RoadmapHistoryEntry> history,
        DateTimeOffset rencontreOpenedAt,
        DateTimeOffset? previousRencontreOpenedAt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(history);
        var reachedSince = previousRencontreOpenedAt ?? DateTimeOffset.MinValue;
        HashSet<string> added = [.. Ids(h => h.At >= rencontreOpenedAt && h.Kind == RoadmapChangeKind.Add)];
        HashSet<string> changed = [.. Ids(h => h.At >= rencontreOpenedAt && h.Kind is not (RoadmapChangeKind.Add or RoadmapChangeKind.Remove or RoadmapChangeKind.Vision))];
        HashSet<string> reached = [.. Ids(h => h.At >= reachedSince && h.Kind == RoadmapChangeKind.Status)];
        return new CompteRenduNextSteps(
            Items(i => added.Contains(i.Id)),
            Items(i => changed.Contains(i.Id) && !added.Contains(i.Id) && i.Status != RoadmapStatus.Atteint),
            Items(i => reached.Contains(i.Id) && i.Status == RoadmapStatus.Atteint));

        IEnumerable<string> Ids(Func<RoadmapHistoryEntry, bool> keep) =>
            history.Where(h => h.ItemId is not null && keep(h)).Select(h => h.ItemId!);

        List<CompteRenduRoadmapItem> Items(Func<RoadmapItem, bool> keep) =>
            [.. plan.Items.Where(keep).Select(i => new CompteRenduRoadmapItem(i.Text, i.Horizon.ToString(), i.Status.ToString()))];
    }
}

/// <summary>One changement souhaité as the compte-rendu lists it: its text, horizon (court/moyen/long) and status code.</summary>
public sealed record CompteRenduRoadmapItem(string Text, string Horizon, string Status);

/// <summary>What the compte-rendu says of a rencontre: the day the table met, its thématique and intention (user text, escaped).</summary>
public sealed record CompteRenduRencontre(DateOnly Date, string Theme, string? Intention);

/// <summary>
/// A vote's results for the compte-rendu. <see cref="RankedOptions"/> come best first; tied options share a rank.
/// <see cref="Hidden"/>: tallies hidden until the vote closes (the options are listed without scores).
/// <see cref="WithheldBelow"/>: the small-group rule withheld the tallies (fewer ballots than this, results not public);
/// <see cref="RankedOptions"/> are then the options in the vote's order, without rank or score.
/// </summary>
public sealed record VoteResultSummary(
    string Question,
    int Participation,
    IReadOnlyList<VoteOptionResult> RankedOptions,
    bool Hidden = false,
    VoteScoreUnit Unit = VoteScoreUnit.Votes,
    int? WithheldBelow = null);

/// <summary>An option's rank (1 = first), its text (user data), score and whether it shares its rank.</summary>
public sealed record VoteOptionResult(int Rank, string Option, int Score, bool Tied);

/// <summary>What a score counts: ballots (single choice, top-N) or points (dot voting).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VoteScoreUnit>))]
public enum VoteScoreUnit
{
    Votes,
    Points,
}
