using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Dialogs.Templates;

/// <summary>
/// A pulse survey as data: its steps in order, every text in French and English. Built by <see cref="PulseTemplates"/>,
/// which validates it, so a template in hand is always well formed.
/// </summary>
public sealed record PulseTemplate
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required Localized Title { get; init; }

    public Localized? Intro { get; init; }

    /// <summary>The most text elements (characters as a person counts them) a free-text answer may hold.</summary>
    public required int MaxTextLength { get; init; }

    public required IReadOnlyList<PulseStep> Steps { get; init; }

    /// <summary>The index of the step with this id, or -1.</summary>
    public int IndexOf(string? stepId)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            if (string.Equals(Steps[i].Id, stepId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>The kinds of step a template may hold (the JSON <c>kind</c>).</summary>
public enum PulseStepKind
{
    Rating,
    FreinLevier,
    Choice,
    Change,

    /// <summary>A category of the changes round's deepening (generated, never in a JSON template).</summary>
    Deepening,
}

/// <summary>One step of a pulse. Its <see cref="Id"/> is stable: stored answer fields are named after it.</summary>
public abstract record PulseStep(string Id, Localized Title, Localized Prompt)
{
    public abstract PulseStepKind Kind { get; }
}

/// <summary>A rating from <see cref="Min"/> to <see cref="Max"/>, optionally with "je ne sais pas".</summary>
public sealed record RatingStep(
    string Id,
    Localized Title,
    Localized Prompt,
    int Min,
    int Max,
    Localized MinLabel,
    Localized MaxLabel,
    bool AllowDontKnow) : PulseStep(Id, Title, Prompt)
{
    public override PulseStepKind Kind => PulseStepKind.Rating;
}

/// <summary>One frein and one levier for a condition, free text, both optional.</summary>
public sealed record FreinLevierStep(string Id, Localized Title, Localized Prompt) : PulseStep(Id, Title, Prompt)
{
    public override PulseStepKind Kind => PulseStepKind.FreinLevier;

    /// <summary>What the condition means, without the question (the compte-rendu prints it under the condition's name).</summary>
    public Localized? Definition { get; init; }
}

/// <summary>One option among several (the cooperation continuum).</summary>
public sealed record ChoiceStep(string Id, Localized Title, Localized Prompt, IReadOnlyList<PulseChoice> Options)
    : PulseStep(Id, Title, Prompt)
{
    public override PulseStepKind Kind => PulseStepKind.Choice;

    public PulseChoice? Find(string? optionId) =>
        Options.FirstOrDefault(o => string.Equals(o.Id, optionId, StringComparison.Ordinal));
}

/// <summary>An option of a <see cref="ChoiceStep"/>; its id is what gets stored.</summary>
public sealed record PulseChoice(string Id, Localized Label, Localized? Description);

/// <summary>The most significant change: free text plus positive or negative.</summary>
public sealed record ChangeStep(
    string Id,
    Localized Title,
    Localized Prompt,
    Localized PositiveLabel,
    Localized NegativeLabel) : PulseStep(Id, Title, Prompt)
{
    public override PulseStepKind Kind => PulseStepKind.Change;
}

/// <summary>
/// One category of the changes round's deepening (issue #17): a facilitant (what will help it succeed), an écueil (a
/// trap to avoid) and a souhait, free text, each optional. Only <c>DeepeningTemplate</c> builds it; <see cref="Category"/>
/// is the category's name as the coordinator typed it (user text, data).
/// </summary>
public sealed record DeepeningStep(string Id, Localized Title, Localized Prompt, string Category) : PulseStep(Id, Title, Prompt)
{
    public override PulseStepKind Kind => PulseStepKind.Deepening;
}

/// <summary>A template that does not validate; the message names the source and the JSON path of the bad field.</summary>
public sealed class PulseTemplateException : Exception
{
    public PulseTemplateException()
    {
    }

    public PulseTemplateException(string message)
        : base(message)
    {
    }

    public PulseTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PulseTemplateException(string sourceName, string path, string problem, Exception? innerException = null)
        : base(Compose(sourceName, path, problem), innerException)
    {
        SourceName = sourceName;
        Path = path;
    }

    /// <summary>Where the template came from (file or resource name).</summary>
    public string? SourceName { get; }

    /// <summary>The JSON path of the bad field ("steps[3].title.en"); empty for the whole document.</summary>
    public string? Path { get; }

    private static string Compose(string sourceName, string path, string problem) =>
        path.Length == 0 ? $"{sourceName}: {problem}" : $"{sourceName}: {path} {problem}";
}
