using System.Text.Json.Serialization;

namespace ConcertationBot.Dialogs.Templates;

/// <summary>
/// What a coordinator chose on the <c>pulse configurer</c> card: which steps of a template the pulse asks (at least one
/// condition, i.e. one frein/levier step; the other steps, role clarity, continuum and change, each optional), whether the
/// summary shows participation by profile, and how long the pulse stays open. Stored as the conversation's default and,
/// as <see cref="StepsCodeFor"/>, on each pulse opened with it; the pulse's template is <see cref="Apply"/> of it.
/// </summary>
public sealed record PulseTemplateChoice
{
    /// <summary>Separates step ids in <see cref="StepsCodeFor"/> (ids are letters and digits only).</summary>
    public const char StepSeparator = ',';

    /// <summary>The chosen step ids, in template order.</summary>
    public required IReadOnlyList<string> StepIds { get; init; }

    /// <summary>The summary shows participation by declared profile (answered / members per category).</summary>
    public bool Profiles { get; init; } = true;

    /// <summary>How long the pulse stays open, in whole hours.</summary>
    public required int DurationHours { get; init; }

    [JsonIgnore]
    public TimeSpan Duration => TimeSpan.FromHours(DurationHours);


    /// <summary>Every step of <paramref name="template"/>, profiles shown: a pulse as before this choice existed.</summary>
    public static PulseTemplateChoice Everything(PulseTemplate template, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new PulseTemplateChoice { StepIds = [.. template.Steps.Select(s => s.Id)], DurationHours = (int)duration.TotalHours };
    }

    /// <summary>
    /// What a conversation's next pulse asks: its stored default made valid for <paramref name="template"/>
    /// (<see cref="For"/>), or every step for <paramref name="duration"/> when no coordinator chose one.
    /// </summary>
    public static PulseTemplateChoice Current(PulseTemplateChoice? stored, PulseTemplate template, TimeSpan duration) =>
        stored?.For(template) ?? Everything(template, duration);

    /// <summary>True when the step is one of the template's conditions (a frein/levier step), of which at least one is chosen.</summary>
    public static bool IsCondition(PulseStep step) => step is FreinLevierStep;

    /// <summary>
    /// The template a pulse opened with this choice asks: <paramref name="template"/> with only the chosen steps, in the
    /// template's order. Ids the template does not hold (a step retired since) are ignored; a choice that keeps no
    /// condition of the template (a stored default from an older template) gives the whole template, never a pulse
    /// without a condition.
    /// </summary>
    public PulseTemplate Apply(PulseTemplate template) => Select(template, StepIds);

    /// <summary>
    /// The steps a pulse opened with this choice stores (<c>roleClarity,agenda,mesures</c>): those of
    /// <see cref="Apply"/>, or null when that is the whole template, so such a pulse reads as every step.
    /// </summary>
    public string? StepsCodeFor(PulseTemplate template)
    {
        var applied = Apply(template);
        return ReferenceEquals(applied, template) ? null : string.Join(StepSeparator, applied.Steps.Select(s => s.Id));
    }

    /// <summary>
    /// The template of a stored pulse: <paramref name="stepsCode"/> as stored (<see cref="StepsCodeFor"/>), or null for a
    /// pulse opened before the choice existed (every step).
    /// </summary>
    public static PulseTemplate Select(PulseTemplate template, string? stepsCode)
    {
        ArgumentNullException.ThrowIfNull(template);
        return string.IsNullOrWhiteSpace(stepsCode)
            ? template
            : Select(template, stepsCode.Split(StepSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>
    /// This choice made valid for <paramref name="template"/>: unknown ids dropped, template order; when no condition is
    /// left, the template's every step. Used to pre-fill the card from a stored default.
    /// </summary>
    public PulseTemplateChoice For(PulseTemplate template) =>
        this with { StepIds = [.. Apply(template).Steps.Select(s => s.Id)] };

    private static PulseTemplate Select(PulseTemplate template, IReadOnlyCollection<string> stepIds)
    {
        var chosen = new HashSet<string>(stepIds, StringComparer.Ordinal);
        var steps = template.Steps.Where(s => chosen.Contains(s.Id)).ToList();
        return steps.Any(IsCondition) && steps.Count < template.Steps.Count
            ? template with { Steps = steps }
            : template;
    }
}

/// <summary>Source-generated JSON for storing a conversation's default <see cref="PulseTemplateChoice"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PulseTemplateChoice))]
public sealed partial class PulseTemplateChoiceJsonContext : JsonSerializerContext;
