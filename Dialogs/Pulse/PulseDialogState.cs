using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ConcertationBot.Dialogs.Pulse;

/// <summary>Where the respondent is: on a step, on the review, or done (answers sent).</summary>
public enum PulsePosition
{
    Step,
    Review,
    Done,
}

/// <summary>Why the last "Suivant" was refused.</summary>
public enum PulseNoticeKind
{
    /// <summary>A text is longer than the template's <c>maxTextLength</c>.</summary>
    TooLong,

    /// <summary>The rating is not a whole number in range (nor "dontknow" where allowed).</summary>
    InvalidRating,

    /// <summary>The choice is not one of the step's option ids.</summary>
    InvalidChoice,

    /// <summary>The direction is neither "positive" nor "negative".</summary>
    InvalidDirection,
}

/// <summary>A refusal to show on the step: its kind, the input id concerned and, for <see cref="PulseNoticeKind.TooLong"/>, the text's length.</summary>
public sealed record PulseNotice(PulseNoticeKind Kind, string Field, int Length = 0);

/// <summary>
/// One respondent's pulse dialog, stored between turns (serialize with <see cref="PulseDialogJsonContext"/>).
/// <see cref="Revision"/> goes into every card action: an action built from an older revision changes nothing.
/// </summary>
public sealed record PulseDialogState
{
    public required string PulseId { get; init; }

    /// <summary>+1 on every applied action.</summary>
    public int Revision { get; init; }

    public PulsePosition Position { get; init; }

    /// <summary>The current step (meaningful when <see cref="Position"/> is <see cref="PulsePosition.Step"/>).</summary>
    public int StepIndex { get; init; }

    /// <summary>The step was opened with "Modifier" from the review: saving or going back returns to the review.</summary>
    public bool EditingFromReview { get; init; }

    /// <summary>Answers by step id; a skipped step has none.</summary>
    public ImmutableDictionary<string, StepAnswer> Answers { get; init; } = ImmutableDictionary<string, StepAnswer>.Empty;

    /// <summary>The sanitized inputs of a refused "Suivant", shown again (including an over-long text).</summary>
    public StepAnswer? Draft { get; init; }

    /// <summary>
    /// What was typed on a step and left with "Retour" without saving, by step id: shown again on that step until it is
    /// saved ("Suivant" / "Enregistrer"), erased ("Effacer cette réponse") or the answers are sent.
    /// </summary>
    public ImmutableDictionary<string, StepAnswer> Drafts { get; init; } = ImmutableDictionary<string, StepAnswer>.Empty;

    public PulseNotice? Notice { get; init; }

    /// <summary>The answers were sent at least once (the review then offers "Mettre à jour").</summary>
    public bool HasSubmitted { get; init; }

    /// <summary>Value equality, including the answers' contents.</summary>
    public bool Equals(PulseDialogState? other) =>
        other is not null
        && PulseId == other.PulseId
        && Revision == other.Revision
        && Position == other.Position
        && StepIndex == other.StepIndex
        && EditingFromReview == other.EditingFromReview
        && Draft == other.Draft
        && Notice == other.Notice
        && HasSubmitted == other.HasSubmitted
        && Answers.Count == other.Answers.Count
        && Answers.All(a => other.Answers.TryGetValue(a.Key, out var answer) && answer == a.Value)
        && Drafts.Count == other.Drafts.Count
        && Drafts.All(d => other.Drafts.TryGetValue(d.Key, out var draft) && draft == d.Value);

    public override int GetHashCode() => HashCode.Combine(PulseId, Revision, Position, StepIndex, Answers.Count);
}

/// <summary>Source-generated JSON for the dialog state (camelCase, enums as names, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(PulseDialogState))]
public sealed partial class PulseDialogJsonContext : JsonSerializerContext;
