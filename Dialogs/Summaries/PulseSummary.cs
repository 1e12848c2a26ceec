using System.Text.Json.Serialization;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Summaries;

/// <summary>What <see cref="PulseSummaries.Compute"/> needs: the template, the stored answers and the pulse's dates (no clock, no I/O).</summary>
public sealed record PulseSummaryInput
{
    public required PulseTemplate Template { get; init; }

    /// <summary>The fields of each stored answer entity (decoded with <c>PulseAnswerFields.FromFields</c>); one per respondent.</summary>
    public required IReadOnlyList<IReadOnlyDictionary<string, object?>> Answers { get; init; }

    /// <summary>N: members of the conversation from the roster; null when unknown.</summary>
    public int? MemberCount { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public required DateTimeOffset ClosedAt { get; init; }

    /// <summary>k: a distribution with fewer answers than this is not shown.</summary>
    public int MinimumGroupSize { get; init; } = PulseSummaries.DefaultMinimumGroupSize;

    /// <summary>The previous closed pulse of the same conversation (computed the same way), for trends; null for none.</summary>
    public PulseSummary? Previous { get; init; }

    /// <summary>
    /// Each roster member's declared profile category (a <c>ProfileChoices</c> code, null when none) and whether they
    /// answered, derived when the pulse closes (never stored); null when the roster is unknown.
    /// </summary>
    public IReadOnlyList<SummaryMember>? Members { get; init; }
}

/// <summary>One roster member as the summary counts them: their profile category code (or null) and whether they answered. No identity.</summary>
public sealed record SummaryMember(string? ProfileCategory, bool Answered);

/// <summary>
/// The anonymous summary of a closed pulse: counts, distributions and texts, never who answered what.
/// Stored with the closed pulse (see <see cref="PulseSummaryJsonContext"/>) so the next pulse can show trends.
/// </summary>
public sealed record PulseSummary
{
    public required string TemplateId { get; init; }

    public required int TemplateVersion { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public required DateTimeOffset ClosedAt { get; init; }

    /// <summary>n: answers received.</summary>
    public required int AnswerCount { get; init; }

    /// <summary>N: members when known.</summary>
    public int? MemberCount { get; init; }

    /// <summary>The k applied.</summary>
    public required int MinimumGroupSize { get; init; }

    /// <summary>
    /// Fewer answers than k: no free text (freins, leviers, changes) is shown anywhere shared, since in a small table a
    /// sentence can name the one who wrote it; the summary card and the compte-rendu say so instead.
    /// </summary>
    [JsonIgnore]
    public bool TextsWithheld => AnswerCount < MinimumGroupSize;

    /// <summary>One per rating step, in template order.</summary>
    public IReadOnlyList<RatingSummary> Ratings { get; init; } = [];

    /// <summary>One per frein/levier step (condition), in template order.</summary>
    public IReadOnlyList<FreinLevierSummary> FreinsLeviers { get; init; } = [];

    /// <summary>One per choice step (the cooperation continuum), in template order.</summary>
    public IReadOnlyList<ChoiceSummary> Choices { get; init; } = [];

    /// <summary>One per change step, in template order.</summary>
    public IReadOnlyList<ChangeSummary> Changes { get; init; } = [];

    /// <summary>One per category of a changes round's deepening, in template order (none for an ordinary pulse).</summary>
    public IReadOnlyList<DeepeningSummary> Deepenings { get; init; } = [];

    /// <summary>
    /// Participation by declared profile: one per category with at least one declared member in the roster, in the
    /// profile form's order; null when nobody in the roster declared one (or the roster was unknown). A category where
    /// either number is under k keeps neither (<see cref="ProfileParticipation.Suppressed"/>), so no small count is stored.
    /// </summary>
    public IReadOnlyList<ProfileParticipation>? Profiles { get; init; }

    /// <summary>
    /// Role clarity by declared role (<see cref="PulseSummaries.ByRole"/>): one mean per role group, only when every
    /// group has at least k ratings carrying its role; null otherwise (and for summaries stored before).
    /// </summary>
    public IReadOnlyList<RoleGroupMean>? RoleClarityByRole { get; init; }
}

/// <summary>One role group's role-clarity mean over its <see cref="Answers"/> numeric ratings (at least k).</summary>
public sealed record RoleGroupMean(string Role, int Answers, double Mean);

/// <summary>
/// One profile category's participation: answered / declared members of the category; both null when either is under k.
/// </summary>
public sealed record ProfileParticipation(string Category, int? Answered, int? Members)
{
    [JsonIgnore]
    public bool Suppressed => Answered is null || Members is null;
}

/// <summary>A rating step: distribution, mean and spread over the numeric answers; all null when <see cref="Suppressed"/>.</summary>
public sealed record RatingSummary
{
    public required string StepId { get; init; }

    public required int Min { get; init; }

    public required int Max { get; init; }

    /// <summary>Answers with a number (the base of the distribution, mean and spread).</summary>
    public required int NumericCount { get; init; }

    /// <summary>"Je ne sais pas" answers.</summary>
    public required int DontKnowCount { get; init; }

    /// <summary>True when <see cref="NumericCount"/> is under k: nothing below is shown.</summary>
    public required bool Suppressed { get; init; }

    /// <summary>Counts for <see cref="Min"/>, <see cref="Min"/> + 1, … <see cref="Max"/>; null when suppressed.</summary>
    public IReadOnlyList<int>? Distribution { get; init; }

    public double? Mean { get; init; }

    /// <summary>Population standard deviation of the numeric answers.</summary>
    public double? Spread { get; init; }

    /// <summary>Mean against the previous pulse; null when either side is suppressed or there is none.</summary>
    public SummaryTrend? Trend { get; init; }
}

/// <summary>A choice step: answers per option (template order) and the median option; null when <see cref="Suppressed"/>.</summary>
public sealed record ChoiceSummary
{
    public required string StepId { get; init; }

    /// <summary>Answers naming a known option.</summary>
    public required int AnswerCount { get; init; }

    public required bool Suppressed { get; init; }

    public IReadOnlyList<ChoiceCount>? Distribution { get; init; }

    /// <summary>The lower median option's index in the template's options (0 = first level).</summary>
    public int? MedianLevel { get; init; }

    public string? MedianOptionId { get; init; }

    /// <summary>Median level against the previous pulse (delta in levels); null when either side is suppressed or there is none.</summary>
    public SummaryTrend? Trend { get; init; }
}

public sealed record ChoiceCount(string OptionId, int Count);

/// <summary>
/// One condition's freins and leviers, merged and ordered (shown whatever k: free text carries no names). In the bounded
/// form (<see cref="PulseSummaries.Bound"/>) the lists hold the texts the summary card can show, and
/// <see cref="FreinsOmitted"/> / <see cref="LeviersOmitted"/> what was left out.
/// </summary>
public sealed record FreinLevierSummary(string StepId, IReadOnlyList<SummaryText> Freins, IReadOnlyList<SummaryText> Leviers)
{
    public OmittedTexts? FreinsOmitted { get; init; }

    public OmittedTexts? LeviersOmitted { get; init; }
}

/// <summary>
/// One category of a changes round's deepening: its facilitants, écueils and souhaits, merged and ordered like freins and
/// leviers (shown only when the summary's texts are: at least k answers). In the bounded form, what each list left out.
/// </summary>
public sealed record DeepeningSummary(string StepId, IReadOnlyList<SummaryText> Facilitants, IReadOnlyList<SummaryText> Ecueils, IReadOnlyList<SummaryText> Souhaits)
{
    public OmittedTexts? FacilitantsOmitted { get; init; }

    public OmittedTexts? EcueilsOmitted { get; init; }

    public OmittedTexts? SouhaitsOmitted { get; init; }
}

/// <summary>
/// Texts of a list that the bounded summary does not keep: how many (distinct, after merging), how long together
/// (UTF-16 code units) and how many answers gave them. The answer rows still hold them until the pulse is deleted.
/// </summary>
public sealed record OmittedTexts(int Items, long Characters, int Answers);

/// <summary>One free text and how many answers gave it (after case, accent and space folding).</summary>
public sealed record SummaryText(string Text, int Count);

/// <summary>The most significant changes named, each with its direction; in the bounded form, what each direction left out.</summary>
public sealed record ChangeSummary(string StepId, IReadOnlyList<ChangeText> Items)
{
    /// <summary>Per direction with texts left out (bounded form); null when nothing was.</summary>
    public IReadOnlyList<OmittedChanges>? Omitted { get; init; }
}

/// <summary>The changes of one direction that the bounded summary does not keep.</summary>
public sealed record OmittedChanges(ChangeDirection Direction, OmittedTexts Texts);

public sealed record ChangeText(string Text, ChangeDirection Direction, int Count);

[JsonConverter(typeof(JsonStringEnumConverter<ChangeDirection>))]
public enum ChangeDirection
{
    Positive,
    Negative,
    Unspecified,
}

/// <summary>A change against the previous pulse: <see cref="Delta"/> is current − previous (mean points or continuum levels).</summary>
public sealed record SummaryTrend(TrendDirection Direction, double Delta, double Previous);

[JsonConverter(typeof(JsonStringEnumConverter<TrendDirection>))]
public enum TrendDirection
{
    Same,
    Up,
    Down,
}

/// <summary>Source-generated JSON for storing a <see cref="PulseSummary"/> with its closed pulse.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PulseSummary))]
public sealed partial class PulseSummaryJsonContext : JsonSerializerContext;
