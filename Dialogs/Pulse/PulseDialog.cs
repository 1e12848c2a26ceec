using System.Collections.Immutable;
using System.Globalization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Pulse;

/// <summary>The outcome of one action: the new state, whether it changed (store it) and whether the answers were just sent.</summary>
public sealed record PulseTurn(PulseDialogState State, bool Changed, bool Submitted);

/// <summary>
/// The respondent's pulse dialog as a pure state machine: no I/O, no clock. An action built from another revision,
/// for another step, or not possible where the respondent is, is stale and changes nothing, so a duplicate delivery
/// or a double click is harmless.
/// </summary>
public static class PulseDialog
{
    /// <summary>An over-long text is kept in the draft up to this many times the template's limit (protects the stored state).</summary>
    public const int DraftLengthFactor = 8;

    /// <summary>The dialog of someone who has not answered yet: first step, revision 0.</summary>
    public static PulseDialogState Start(string pulseId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pulseId);
        return new PulseDialogState { PulseId = pulseId };
    }

    public static PulseTurn Apply(PulseTemplate template, PulseDialogState state, PulseAction action)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(action);
        if (action.Kind == PulseActionKind.Open || action.Revision != state.Revision)
        {
            return Unchanged(state);
        }

        return action.Kind switch
        {
            PulseActionKind.Next => Next(template, state, action),
            PulseActionKind.Back => Back(template, state, action),
            PulseActionKind.Skip => Skip(template, state, action),
            PulseActionKind.Edit => Edit(template, state, action),
            PulseActionKind.Submit => Submit(state),
            PulseActionKind.Clear => Clear(template, state, action),
            _ => Unchanged(state),
        };
    }

    private static PulseTurn Next(PulseTemplate template, PulseDialogState state, PulseAction action)
    {
        if (CurrentStep(template, state, action) is not { } step)
        {
            return Unchanged(state);
        }

        var (answer, notice) = Read(template, step, action.Inputs);
        if (notice is not null)
        {
            return Changed(state with { Draft = answer, Notice = notice });
        }

        var answers = answer.IsEmpty ? state.Answers.Remove(step.Id) : state.Answers.SetItem(step.Id, answer);
        return Changed(MoveOn(template, state with { Answers = answers, Drafts = state.Drafts.Remove(step.Id) }));
    }

    // What was typed goes with the person: kept as the step's draft (unless it is what is saved), never lost.
    private static PulseTurn Back(PulseTemplate template, PulseDialogState state, PulseAction action)
    {
        if (CurrentStep(template, state, action) is not { } step)
        {
            return Unchanged(state);
        }

        if (!state.EditingFromReview && state.StepIndex == 0)
        {
            return Unchanged(state);
        }

        var left = state with { Drafts = KeepDraft(template, state, step, action.Inputs), Draft = null, Notice = null };
        return state.EditingFromReview
            ? Changed(left with { Position = PulsePosition.Review, EditingFromReview = false })
            : Changed(left with { StepIndex = state.StepIndex - 1 });
    }

    // Moves on without saving what is on the step and without erasing what was saved: only "Effacer cette réponse" erases.
    // While editing from the review (an older card still offering "Passer"), it goes back to the review.
    private static PulseTurn Skip(PulseTemplate template, PulseDialogState state, PulseAction action) =>
        CurrentStep(template, state, action) is not null
            ? Changed(MoveOn(template, state))
            : Unchanged(state);

    private static PulseTurn Clear(PulseTemplate template, PulseDialogState state, PulseAction action) =>
        CurrentStep(template, state, action) is { } step
            ? Changed(MoveOn(template, state with { Answers = state.Answers.Remove(step.Id), Drafts = state.Drafts.Remove(step.Id) }))
            : Unchanged(state);

    /// <summary>
    /// The drafts once the step is left with "Retour": what the card sent for the step, unless it is what is saved
    /// (then no draft). A card that sent none of the step's inputs (an older card) leaves the drafts as they are.
    /// </summary>
    private static ImmutableDictionary<string, StepAnswer> KeepDraft(PulseTemplate template, PulseDialogState state, PulseStep step, IReadOnlyDictionary<string, string?> inputs)
    {
        if (!InputIdsOf(step).Any(inputs.ContainsKey))
        {
            return state.Drafts;
        }

        var (typed, _) = Read(template, step, inputs);
        var saved = state.Answers.TryGetValue(step.Id, out var answer) ? answer : new StepAnswer();
        return typed == saved ? state.Drafts.Remove(step.Id) : state.Drafts.SetItem(step.Id, typed);
    }

    private static string[] InputIdsOf(PulseStep step) => step switch
    {
        RatingStep => [PulseInputIds.Rating],
        ChoiceStep => [PulseInputIds.Choice],
        ChangeStep => [PulseInputIds.ChangeText, PulseInputIds.Direction],
        DeepeningStep => [PulseInputIds.Facilitant, PulseInputIds.Ecueil, PulseInputIds.Souhait],
        _ => [PulseInputIds.Frein, PulseInputIds.Levier],
    };

    private static PulseTurn Edit(PulseTemplate template, PulseDialogState state, PulseAction action)
    {
        if (action.StepId is null)
        {
            return state.Position == PulsePosition.Done
                ? Changed(state with { Position = PulsePosition.Review })
                : Unchanged(state);
        }

        var index = template.IndexOf(action.StepId);
        return state.Position == PulsePosition.Review && index >= 0
            ? Changed(state with { Position = PulsePosition.Step, StepIndex = index, EditingFromReview = true, Draft = null, Notice = null })
            : Unchanged(state);
    }

    private static PulseTurn Submit(PulseDialogState state) =>
        state.Position == PulsePosition.Review
            ? new PulseTurn(state with { Position = PulsePosition.Done, HasSubmitted = true, Drafts = state.Drafts.Clear(), Revision = state.Revision + 1 }, Changed: true, Submitted: true)
            : Unchanged(state);

    private static PulseStep? CurrentStep(PulseTemplate template, PulseDialogState state, PulseAction action) =>
        state.Position == PulsePosition.Step
        && state.StepIndex >= 0
        && state.StepIndex < template.Steps.Count
        && string.Equals(template.Steps[state.StepIndex].Id, action.StepId, StringComparison.Ordinal)
            ? template.Steps[state.StepIndex]
            : null;

    private static PulseDialogState MoveOn(PulseTemplate template, PulseDialogState state)
    {
        var cleared = state with { Draft = null, Notice = null };
        if (state.EditingFromReview)
        {
            return cleared with { Position = PulsePosition.Review, EditingFromReview = false };
        }

        return state.StepIndex + 1 < template.Steps.Count
            ? cleared with { StepIndex = state.StepIndex + 1 }
            : cleared with { Position = PulsePosition.Review };
    }

    private static PulseTurn Unchanged(PulseDialogState state) => new(state, Changed: false, Submitted: false);

    private static PulseTurn Changed(PulseDialogState state) => new(state with { Revision = state.Revision + 1 }, Changed: true, Submitted: false);

    // The sanitized answer and, when refused, why (the answer then is the draft to show again).
    private static (StepAnswer Answer, PulseNotice? Notice) Read(PulseTemplate template, PulseStep step, IReadOnlyDictionary<string, string?> inputs)
    {
        string? Input(string id) => PulseText.Sanitize(inputs.TryGetValue(id, out var value) ? value : null);

        switch (step)
        {
            case RatingStep rating:
                var raw = Input(PulseInputIds.Rating);
                if (raw is null)
                {
                    return (new StepAnswer(), null);
                }

                if (rating.AllowDontKnow && string.Equals(raw, PulseInputIds.DontKnow, StringComparison.OrdinalIgnoreCase))
                {
                    return (new StepAnswer { DontKnow = true }, null);
                }

                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= rating.Min && value <= rating.Max
                    ? (new StepAnswer { Rating = value }, null)
                    : (new StepAnswer(), new PulseNotice(PulseNoticeKind.InvalidRating, PulseInputIds.Rating));
            case ChoiceStep choice:
                var chosen = Input(PulseInputIds.Choice);
                if (chosen is null)
                {
                    return (new StepAnswer(), null);
                }

                return choice.Find(chosen) is not null
                    ? (new StepAnswer { Choice = chosen }, null)
                    : (new StepAnswer(), new PulseNotice(PulseNoticeKind.InvalidChoice, PulseInputIds.Choice));
            case ChangeStep:
                var text = Input(PulseInputIds.ChangeText);
                var direction = Input(PulseInputIds.Direction)?.ToLowerInvariant();
                var validDirection = direction is null or PulseInputIds.Positive or PulseInputIds.Negative;
                var changeNotice = TooLong(template, PulseInputIds.ChangeText, text)
                    ?? (validDirection ? null : new PulseNotice(PulseNoticeKind.InvalidDirection, PulseInputIds.Direction));
                return (new StepAnswer { Text = Keep(template, text), Direction = validDirection ? direction : null }, changeNotice);
            case DeepeningStep:
                var facilitant = Input(PulseInputIds.Facilitant);
                var ecueil = Input(PulseInputIds.Ecueil);
                var souhait = Input(PulseInputIds.Souhait);
                var deepeningNotice = TooLong(template, PulseInputIds.Facilitant, facilitant)
                    ?? TooLong(template, PulseInputIds.Ecueil, ecueil)
                    ?? TooLong(template, PulseInputIds.Souhait, souhait);
                return (new StepAnswer { Facilitant = Keep(template, facilitant), Ecueil = Keep(template, ecueil), Souhait = Keep(template, souhait) }, deepeningNotice);
            default:
                var frein = Input(PulseInputIds.Frein);
                var levier = Input(PulseInputIds.Levier);
                var notice = TooLong(template, PulseInputIds.Frein, frein) ?? TooLong(template, PulseInputIds.Levier, levier);
                return (new StepAnswer { Frein = Keep(template, frein), Levier = Keep(template, levier) }, notice);
        }
    }

    private static PulseNotice? TooLong(PulseTemplate template, string field, string? text)
    {
        var length = PulseText.Length(text);
        return length > template.MaxTextLength ? new PulseNotice(PulseNoticeKind.TooLong, field, length) : null;
    }

    private static string? Keep(PulseTemplate template, string? text) =>
        text is null ? null : PulseText.Truncate(text, template.MaxTextLength * DraftLengthFactor);
}
