using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>Ids of the inputs on pulse step cards: their values arrive merged into the action data.</summary>
public static class PulseInputIds
{
    /// <summary>Rating: "1".."max", or <see cref="DontKnow"/>.</summary>
    public const string Rating = "rating";

    public const string Frein = "frein";

    public const string Levier = "levier";

    /// <summary>The chosen option's id (continuum level).</summary>
    public const string Choice = "choice";

    /// <summary>Most significant change: the text.</summary>
    public const string ChangeText = "changeText";

    /// <summary>Most significant change: <see cref="Positive"/> or <see cref="Negative"/>.</summary>
    public const string Direction = "direction";

    public const string DontKnow = "dontknow";

    /// <summary>Deepening of a category: what will help it succeed.</summary>
    public const string Facilitant = "facilitant";

    /// <summary>Deepening of a category: a trap to avoid.</summary>
    public const string Ecueil = "ecueil";

    /// <summary>Deepening of a category: a wish.</summary>
    public const string Souhait = "souhait";

    public const string Positive = "positive";

    public const string Negative = "negative";
}

/// <summary>The channel's pulse card: the base view everyone sees.</summary>
public sealed record PulseCardModel
{
    public required Language Language { get; init; }

    public required string PulseId { get; init; }

    /// <summary>The template's title in <see cref="Language"/>.</summary>
    public required string Title { get; init; }

    /// <summary>Optional template intro in <see cref="Language"/>.</summary>
    public string? Intro { get; init; }

    /// <summary>The deadline, already formatted for <see cref="Language"/> (e.g. "dimanche 29 novembre 2026, 17 h 00 (UTC)").</summary>
    public required string DeadlineText { get; init; }

    public int AnswerCount { get; init; }

    /// <summary>Closed pulses show no "Répondre" button.</summary>
    public bool IsClosed { get; init; }

    /// <summary>Users whose client refreshes the card into their own view (the builder keeps at most 60; none → no refresh).</summary>
    public IReadOnlyList<string> RefreshUserIds { get; init; } = [];

    /// <summary>An optional line above the card (e.g. "A pulse is already open here"), already localized.</summary>
    public string? Notice { get; init; }
}

/// <summary>A card of one respondent's own view (step, review or thank-you).</summary>
public interface IPulseRespondentCardModel
{
    PulseRespondentView View { get; }
}

/// <summary>What every card of one respondent's own view carries.</summary>
public sealed record PulseRespondentView
{
    public required Language Language { get; init; }

    public required string PulseId { get; init; }

    public required string PulseTitle { get; init; }

    /// <summary>The dialog revision this card is built from (goes into every action's data).</summary>
    public required int Revision { get; init; }

    /// <summary>The respondent's channel user id (29:…): the card's refresh lists only this user.</summary>
    public required string UserId { get; init; }

    /// <summary>Formatted deadline; answers can be edited until then.</summary>
    public required string DeadlineText { get; init; }

    /// <summary>The pulse's conversation when the view is shown in another one (a 1:1 reminder); null otherwise.</summary>
    public string? ConversationId { get; init; }
}

/// <summary>One step of the respondent's dialog.</summary>
public sealed record PulseStepCardModel : IPulseRespondentCardModel
{
    public required PulseRespondentView View { get; init; }

    public required string StepId { get; init; }

    /// <summary>1-based position, for "Étape 2 sur 8".</summary>
    public required int StepNumber { get; init; }

    public required int StepCount { get; init; }

    public required string StepTitle { get; init; }

    /// <summary>The question (template text, not user text).</summary>
    public required string Prompt { get; init; }

    public required PulseStepInput Input { get; init; }

    /// <summary>A polite validation message shown above the inputs, already localized; null when none.</summary>
    public string? Notice { get; init; }

    /// <summary>False on the first step (no "Retour").</summary>
    public bool CanGoBack { get; init; }

    /// <summary>Editing one step from the review: the main button says "Enregistrer" and leads back to the review.</summary>
    public bool EditingFromReview { get; init; }

    /// <summary>The step has a saved answer or a draft that "Effacer cette réponse" would erase (offered while editing).</summary>
    public bool CanClear { get; init; }
}

/// <summary>The inputs of one step; current values pre-fill them (including over-long text kept after a refusal).</summary>
public abstract record PulseStepInput;

/// <summary>A rating from <see cref="Min"/> to <see cref="Max"/>, plus "je ne sais pas" when allowed. Value: "1".."5", "dontknow" or null.</summary>
public sealed record RatingStepInput(int Min, int Max, string MinLabel, string MaxLabel, bool AllowDontKnow, string? Value) : PulseStepInput;

/// <summary>One frein and one levier, free text, both optional.</summary>
public sealed record FreinLevierStepInput(string? Frein, string? Levier, int MaxLength) : PulseStepInput;

/// <summary>One option among several (the cooperation continuum). Value: the option id or null.</summary>
public sealed record ChoiceStepInput(IReadOnlyList<ChoiceOption> Options, string? Value) : PulseStepInput;

/// <summary>An option: id, title and optional short description (template text).</summary>
public sealed record ChoiceOption(string Value, string Title, string? Description);

/// <summary>The most significant change: text plus positive/negative. Direction: "positive", "negative" or null.</summary>
public sealed record ChangeStepInput(string? Text, string? Direction, string PositiveLabel, string NegativeLabel, int MaxLength) : PulseStepInput;

/// <summary>A category of the changes round's deepening: facilitant, écueil, souhait, free text, each optional.</summary>
public sealed record DeepeningStepInput(string? Facilitant, string? Ecueil, string? Souhait, int MaxLength) : PulseStepInput;

/// <summary>A section of the respondent's answers (one step), with a "Modifier" button on the review.</summary>
public sealed record PulseAnswerSection(string StepId, string Title, IReadOnlyList<PulseAnswerLine> Lines);

/// <summary>One answer line: a label (template text) and the value; null value means skipped. Values may be user text.</summary>
public sealed record PulseAnswerLine(string Label, string? Value);

/// <summary>The review before sending: every section with "Modifier", then "Envoyer".</summary>
public sealed record PulseReviewCardModel : IPulseRespondentCardModel
{
    public required PulseRespondentView View { get; init; }

    public required IReadOnlyList<PulseAnswerSection> Sections { get; init; }

    /// <summary>True when these answers were sent before: the button says "Mettre à jour" and the card says so.</summary>
    public bool AlreadySubmitted { get; init; }
}

/// <summary>After "Envoyer": thanks, the user's answers, and "Modifier mes réponses" until the deadline.</summary>
public sealed record PulseThankYouCardModel : IPulseRespondentCardModel
{
    public required PulseRespondentView View { get; init; }

    public required IReadOnlyList<PulseAnswerSection> Sections { get; init; }
}

/// <summary>A pulse that no longer takes answers (closed, or its deadline passed).</summary>
public sealed record PulseClosedCardModel(Language Language, string PulseTitle);

/// <summary>A coordinator-only command tried by someone else: polite refusal naming who can do it.</summary>
public sealed record CoordinatorRefusalCardModel
{
    public required Language Language { get; init; }

    /// <summary>The command as the user would type it ("pulse démarrer"), shown in the text.</summary>
    public required string Command { get; init; }

    /// <summary>Names of this team's coordinators (user data: shown inertly); empty when only configured ids are known.</summary>
    public IReadOnlyList<string> CoordinatorNames { get; init; } = [];
}
