namespace ConcertationBot.Tests.Dialogs.Pulse;

/// <summary>Builds the actions a respondent's current card would send (right step, right revision).</summary>
internal sealed class PulseScript(PulseTemplate template, PulseDialogState state)
{
    public PulseScript()
        : this(PulseTemplates.Default, PulseDialog.Start("pulse-1"))
    {
    }

    public static PulseTemplate DefaultTemplate => PulseTemplates.Default;

    public PulseTemplate Template { get; } = template;

    public PulseDialogState State { get; private set; } = state;

    public PulseTurn Last { get; private set; } = new(state, false, false);

    public string CurrentStepId => Template.Steps[State.StepIndex].Id;

    public PulseAction NextAction(params (string Id, string? Value)[] inputs) =>
        new(PulseActionKind.Next, CurrentStepId, State.Revision) { Inputs = inputs.ToDictionary(i => i.Id, i => i.Value) };

    public PulseTurn Next(params (string Id, string? Value)[] inputs) => Apply(NextAction(inputs));

    public PulseTurn Skip() => Apply(new PulseAction(PulseActionKind.Skip, CurrentStepId, State.Revision));

    public PulseTurn Back() => Apply(new PulseAction(PulseActionKind.Back, CurrentStepId, State.Revision));

    /// <summary>"Retour" from a card that sends what was typed on the step (as Teams does with associated inputs).</summary>
    public PulseTurn Back(params (string Id, string? Value)[] inputs) =>
        Apply(new PulseAction(PulseActionKind.Back, CurrentStepId, State.Revision) { Inputs = inputs.ToDictionary(i => i.Id, i => i.Value) });

    public PulseTurn Clear() => Apply(new PulseAction(PulseActionKind.Clear, CurrentStepId, State.Revision));

    public PulseTurn Edit(string? stepId = null) => Apply(new PulseAction(PulseActionKind.Edit, stepId, State.Revision));

    public PulseTurn Submit() => Apply(new PulseAction(PulseActionKind.Submit, null, State.Revision));

    public PulseTurn Apply(PulseAction action)
    {
        Last = PulseDialog.Apply(Template, State, action);
        State = Last.State;
        return Last;
    }

    /// <summary>Skips until the step with this id is shown.</summary>
    public void SkipTo(string stepId)
    {
        while (State.Position == PulsePosition.Step && CurrentStepId != stepId)
        {
            Skip();
        }
    }

    /// <summary>Answers every step of the default template with plausible values, ending on the review.</summary>
    public void AnswerAll()
    {
        Next((PulseInputIds.Rating, "4"));
        foreach (var condition in new[] { "agenda", "mesures", "activites", "communication", "soutien" })
        {
            Next((PulseInputIds.Frein, $"frein {condition}"), (PulseInputIds.Levier, $"levier {condition}"));
        }

        Next((PulseInputIds.Choice, "coordination"));
        Next((PulseInputIds.ChangeText, "Plus de nouveaux acteurs sur des projets en collaboration"), (PulseInputIds.Direction, PulseInputIds.Positive));
    }
}
