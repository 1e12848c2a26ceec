using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Export;
using ConcertationBot.Dialogs.Roadmap;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Dashboard;

/// <summary>A closed pulse as the dashboard reads it: the day it closed (local), its stored summary and its template.</summary>
public sealed record DashboardPulse(DateOnly ClosedOn, PulseSummary Summary, PulseTemplate Template);

/// <summary>
/// A closed vote's recorded result (already under the small-group rule, <see cref="VoteTallies.ToResult"/>), and the day
/// it closed. On a bilingual page, <see cref="English"/> is the same result worded in English (a question typed
/// <c>français | English</c> has both), its options in the same order; null otherwise.
/// </summary>
public sealed record DashboardVote(DateOnly ClosedOn, VoteResultSummary Result)
{
    public VoteResultSummary? English { get; init; }
}

/// <summary>
/// A rencontre of the conversation: its date, thématique and intention (user data, shown as typed), and the link to its
/// compte-rendu (relative to the page: a signed export link scoped to this conversation), null when it has none yet.
/// </summary>
public sealed record DashboardRencontre(DateOnly Date, string Theme, string? Intention)
{
    public string? CompteRenduLink { get; init; }
}

/// <summary>What the dashboard page is made from; every figure in it is an aggregate, never an answer or a ballot.</summary>
public sealed record DashboardInput
{
    /// <summary>The page's language; French when <see cref="Bilingual"/>.</summary>
    public required Language Language { get; init; }

    /// <summary>
    /// The conversation is bilingual (<c>langue bilingue</c>): every label reads <c>français / English</c> (the English
    /// part marked <c>lang="en"</c>), every paragraph in French then English beneath; figures, dates and user text once.
    /// </summary>
    public bool Bilingual { get; init; }

    /// <summary>k (<c>Concertation:MinimumGroupSize</c>) at the time the page is made.</summary>
    public required int MinimumGroupSize { get; init; }

    /// <summary>Closed pulses with a summary, in any order (the page sorts them oldest first).</summary>
    public IReadOnlyList<DashboardPulse> Pulses { get; init; } = [];

    /// <summary>The last closed votes, newest first.</summary>
    public IReadOnlyList<DashboardVote> Votes { get; init; } = [];

    /// <summary>The conversation's rencontres, newest first.</summary>
    public IReadOnlyList<DashboardRencontre> Rencontres { get; init; } = [];

    /// <summary>The feuille de route; null or empty when none was written.</summary>
    public RoadmapPlan? Roadmap { get; init; }

    /// <summary>When the link stops working, already formatted.</summary>
    public required string ExpiresText { get; init; }

    /// <summary>When the link stops working, written in English, for a bilingual page (else unused).</summary>
    public string? EnglishExpiresText { get; init; }

    /// <summary>Where the page's stylesheet and scripts are served, relative to the page (e.g. <c>dashboard/assets/</c>).</summary>
    public required string AssetsPath { get; init; }
}

/// <summary>One closed pulse on the trend: participation, role clarity, continuum and participation by profile.</summary>
public sealed record PulseTrendPoint(
    DateOnly ClosedOn,
    int Answers,
    int? Members,
    RoleClarityPoint? RoleClarity,
    ContinuumPoint? Continuum,
    IReadOnlyList<ProfilePoint>? Profiles)
{
    /// <summary>
    /// Among pulses closed the same day, this one's rank (1, 2…), so two points of a chart never share a label; 0 when
    /// it is the only pulse closed that day.
    /// </summary>
    public int SameDay { get; init; }

    /// <summary>Answers / members in percent, one decimal; null when the roster was not known.</summary>
    public double? ParticipationPercent => Members is > 0 ? Math.Round(100.0 * Answers / Members.Value, 1) : null;
}

/// <summary>
/// Role clarity of one pulse: <see cref="Numeric"/> ratings and "je ne sais pas" answers; mean, spread (population
/// standard deviation) and distribution only when not <see cref="Withheld"/> (fewer than k ratings).
/// </summary>
public sealed record RoleClarityPoint(int Min, int Max, int Numeric, int DontKnow, bool Withheld, double? Mean, double? Spread, IReadOnlyList<int>? Distribution);

/// <summary>
/// The continuum of one pulse: <see cref="Answers"/> levels chosen; the median level and the count per level (in
/// <see cref="DashboardTrends.ContinuumLevels"/>'s order) only when not <see cref="Withheld"/>.
/// </summary>
public sealed record ContinuumPoint(int Answers, bool Withheld, string? MedianOptionId, IReadOnlyList<int>? Distribution);

/// <summary>One profile category of one pulse: answered / members, both null when either is under k.</summary>
public sealed record ProfilePoint(string Category, int? Answered, int? Members);

/// <summary>A continuum level: its option id and its label.</summary>
public sealed record ContinuumLevel(string OptionId, string Label);

/// <summary>The trends across closed pulses, oldest first, with the continuum's levels as the latest template names them.</summary>
public sealed record DashboardTrends(IReadOnlyList<PulseTrendPoint> Points, IReadOnlyList<ContinuumLevel> ContinuumLevels, int RatingMin, int RatingMax);
