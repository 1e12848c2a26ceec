using System.Globalization;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Dialogs.Pulse;

/// <summary>Turns a dialog state into the card model of the respondent's own view, in the view's language.</summary>
public static partial class PulseViews
{
    /// <summary>
    /// The step (pre-filled with the draft after a refusal, else what was typed before "Retour", else the saved answer),
    /// the review, or the thank-you card.
    /// The view's <see cref="PulseRespondentView.Revision"/> is set from the state, so the card's actions carry it.
    /// </summary>
    public static IPulseRespondentCardModel Describe(PulseTemplate template, PulseDialogState state, PulseRespondentView view)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(view);
        view = view with { Revision = state.Revision };
        var inRange = state.StepIndex >= 0 && state.StepIndex < template.Steps.Count;
        return state.Position switch
        {
            PulsePosition.Step when inRange => DescribeStep(template, state, view),
            PulsePosition.Done => new PulseThankYouCardModel { View = view, Sections = Sections(template, state.Answers, view.Language) },
            _ => new PulseReviewCardModel { View = view, Sections = Sections(template, state.Answers, view.Language), AlreadySubmitted = state.HasSubmitted },
        };
    }

    /// <summary>One section per step, in template order; a skipped step's lines have null values.</summary>
    public static IReadOnlyList<PulseAnswerSection> Sections(PulseTemplate template, IReadOnlyDictionary<string, StepAnswer> answers, Language language)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(answers);
        return [.. template.Steps.Select(step => new PulseAnswerSection(
            step.Id,
            step.Title.For(language),
            Lines(step, answers.TryGetValue(step.Id, out var answer) ? answer : null, language)))];
    }

    private static PulseStepCardModel DescribeStep(PulseTemplate template, PulseDialogState state, PulseRespondentView view)
    {
        var language = view.Language;
        var step = template.Steps[state.StepIndex];
        var hasSaved = state.Answers.TryGetValue(step.Id, out var saved);
        var hasDraft = state.Drafts.TryGetValue(step.Id, out var draft);
        var answer = state.Draft ?? (hasDraft ? draft : hasSaved ? saved : null);
        return new PulseStepCardModel
        {
            View = view,
            StepId = step.Id,
            StepNumber = state.StepIndex + 1,
            StepCount = template.Steps.Count,
            StepTitle = step.Title.For(language),
            Prompt = step.Prompt.For(language),
            Input = Input(template, step, answer, language),
            Notice = state.Notice is { } notice ? NoticeText(template, step, notice).For(language) : null,
            CanGoBack = state.StepIndex > 0 || state.EditingFromReview,
            EditingFromReview = state.EditingFromReview,
            CanClear = hasSaved || hasDraft,
        };
    }

    private static PulseStepInput Input(PulseTemplate template, PulseStep step, StepAnswer? answer, Language language) => step switch
    {
        RatingStep rating => new RatingStepInput(
            rating.Min,
            rating.Max,
            rating.MinLabel.For(language),
            rating.MaxLabel.For(language),
            rating.AllowDontKnow,
            answer switch
            {
                { DontKnow: true } => PulseInputIds.DontKnow,
                { Rating: { } value } => value.ToString(CultureInfo.InvariantCulture),
                _ => null,
            }),
        ChoiceStep choice => new ChoiceStepInput(
            [.. choice.Options.Select(o => new ChoiceOption(o.Id, o.Label.For(language), o.Description?.For(language)))],
            answer?.Choice),
        ChangeStep change => new ChangeStepInput(
            answer?.Text,
            answer?.Direction,
            change.PositiveLabel.For(language),
            change.NegativeLabel.For(language),
            template.MaxTextLength),
        DeepeningStep => new DeepeningStepInput(answer?.Facilitant, answer?.Ecueil, answer?.Souhait, template.MaxTextLength),
        _ => new FreinLevierStepInput(answer?.Frein, answer?.Levier, template.MaxTextLength),
    };

    private static Localized NoticeText(PulseTemplate template, PulseStep step, PulseNotice notice)
    {
        switch (notice.Kind)
        {
            case PulseNoticeKind.TooLong:
                var (fr, en) = notice.Field switch
                {
                    PulseInputIds.Frein => ("Votre frein", "Your barrier"),
                    PulseInputIds.Levier => ("Votre levier", "Your lever"),
                    PulseInputIds.Facilitant => ("Votre facilitant", "What will help"),
                    PulseInputIds.Ecueil => ("Votre écueil", "Your pitfall"),
                    PulseInputIds.Souhait => ("Votre souhait", "Your wish"),
                    _ => ("Votre texte", "Your text"),
                };
                var max = template.MaxTextLength;
                return new(
                    $"{fr} fait {notice.Length} caractères ; la limite est de {max}. Raccourcissez-le un peu, il est conservé ci-dessous.",
                    $"{en} is {notice.Length} characters long; the limit is {max}. Please shorten it a little: it is kept below.");
            case PulseNoticeKind.InvalidRating when step is RatingStep rating:
                return rating.AllowDontKnow
                    ? new($"Choisissez une note de {rating.Min} à {rating.Max}, ou « je ne sais pas ».", $"Please choose a rating from {rating.Min} to {rating.Max}, or \"I don't know\".")
                    : new($"Choisissez une note de {rating.Min} à {rating.Max}.", $"Please choose a rating from {rating.Min} to {rating.Max}.");
            case PulseNoticeKind.InvalidChoice:
                return new(
                    "Ce choix ne fait pas partie de la liste ; choisissez l'une des options proposées.",
                    "That choice is not in the list; please pick one of the options shown.");
            default:
                return new(
                    "Indiquez si ce changement est positif ou négatif, ou laissez ce choix vide.",
                    "Please say whether this change is positive or negative, or leave it blank.");
        }
    }

    private static List<PulseAnswerLine> Lines(PulseStep step, StepAnswer? answer, Language language)
    {
        switch (step)
        {
            case RatingStep rating:
                var value = answer switch
                {
                    { DontKnow: true } => DontKnowValue.For(language),
                    { Rating: { } r } => string.Create(CultureInfo.InvariantCulture, $"{r} / {rating.Max}"),
                    _ => null,
                };
                return [new(RatingLabel.For(language), value)];
            case ChoiceStep choice:
                var chosen = answer?.Choice is { } id ? choice.Find(id)?.Label.For(language) ?? id : null;
                return [new(ChoiceLabel.For(language), chosen)];
            case ChangeStep change:
                var direction = answer?.Direction switch
                {
                    PulseInputIds.Positive => change.PositiveLabel.For(language),
                    PulseInputIds.Negative => change.NegativeLabel.For(language),
                    _ => null,
                };
                return [new(ChangeLabel.For(language), answer?.Text), new(DirectionLabel.For(language), direction)];
            case DeepeningStep:
                return
                [
                    new(FacilitantLabel.For(language), answer?.Facilitant),
                    new(EcueilLabel.For(language), answer?.Ecueil),
                    new(SouhaitLabel.For(language), answer?.Souhait),
                ];
            default:
                return [new(FreinLabel.For(language), answer?.Frein), new(LevierLabel.For(language), answer?.Levier)];
        }
    }
}
