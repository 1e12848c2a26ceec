using System.Globalization;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>
/// One step of a respondent's own view: the question, its inputs (pre-filled), Suivant / Passer / Retour; while editing
/// from the review, Enregistrer / Effacer cette réponse / Retour.
/// </summary>
public static partial class PulseStepCard
{
    public static AdaptiveCard Build(PulseStepCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var view = model.View;
        var language = view.Language;
        var stepOf = StepOf.Format(language,
            model.StepNumber.ToString(CultureInfo.InvariantCulture),
            model.StepCount.ToString(CultureInfo.InvariantCulture));

        var body = new List<CardElement>
        {
            PulseCardParts.Kicker($"{stepOf} · {view.PulseTitle}"),
            CardBlocks.Heading(model.StepTitle, TextSize.Medium),
            CardBlocks.Paragraph(model.Prompt),
        };
        if (!string.IsNullOrWhiteSpace(model.Notice))
        {
            body.Add(new Container
            {
                Style = ContainerStyle.Attention,
                Spacing = CardSpacing.Medium,
                Items = [new TextBlock { Text = model.Notice, Color = TextColor.Attention, Weight = TextWeight.Bolder }],
            });
        }

        body.AddRange(Inputs(language, model.Input));

        // While editing from the review: "Enregistrer", "Effacer cette réponse" (the only way to erase a saved answer)
        // and "Retour"; no "Passer", which read as "leave it" and used to erase. Retour sends what was typed, which the
        // dialog keeps as the step's draft.
        var actions = new List<CardAction>
        {
            new ExecuteAction
            {
                Title = (model.EditingFromReview ? Save : Next).For(language),
                Verb = CardVerbs.PulseNext,
                Data = PulseCardParts.RespondentData(view, model.StepId),
            },
        };
        if (!model.EditingFromReview)
        {
            actions.Add(new ExecuteAction
            {
                Title = Skip.For(language),
                Verb = CardVerbs.PulseSkip,
                Data = PulseCardParts.RespondentData(view, model.StepId),
                AssociatedInputs = "none",
            });
        }
        else if (model.CanClear)
        {
            actions.Add(new ExecuteAction
            {
                Title = Clear.For(language),
                Verb = CardVerbs.PulseClear,
                Data = PulseCardParts.RespondentData(view, model.StepId),
                AssociatedInputs = "none",
                Style = ActionStyle.Destructive,
            });
        }

        if (model.CanGoBack || model.EditingFromReview)
        {
            actions.Add(new ExecuteAction
            {
                Title = Back.For(language),
                Verb = CardVerbs.PulseBack,
                Data = PulseCardParts.RespondentData(view, model.StepId),
            });
        }

        return new AdaptiveCard
        {
            FallbackText = model.StepTitle,
            Body = body,
            Actions = actions,
            Refresh = PulseCardParts.RespondentRefresh(view),
        };
    }

    private static IEnumerable<InputElement> Inputs(Language language, PulseStepInput input) => input switch
    {
        RatingStepInput rating => [Rating(language, rating)],
        FreinLevierStepInput freinLevier =>
        [
            FreeText(language, PulseInputIds.Frein, FreinLabel.For(language), Optional.For(language), freinLevier.Frein, freinLevier.MaxLength),
            FreeText(language, PulseInputIds.Levier, LevierLabel.For(language), Optional.For(language), freinLevier.Levier, freinLevier.MaxLength),
        ],
        ChoiceStepInput choice =>
        [
            new ChoiceSetInput
            {
                Id = PulseInputIds.Choice,
                Style = ChoiceSetStyle.Expanded,
                Spacing = CardSpacing.Medium,
                Choices = [.. choice.Options.Select(o => new Choice(
                    string.IsNullOrWhiteSpace(o.Description) ? o.Title : $"{o.Title} — {o.Description}",
                    o.Value))],
                Value = choice.Value,
            },
        ],
        ChangeStepInput change =>
        [
            FreeText(language, PulseInputIds.ChangeText, ChangeLabel.For(language), Optional.For(language), change.Text, change.MaxLength),
            new ChoiceSetInput
            {
                Id = PulseInputIds.Direction,
                Label = DirectionLabel.For(language),
                Style = ChoiceSetStyle.Expanded,
                Choices =
                [
                    new Choice(change.PositiveLabel, PulseInputIds.Positive),
                    new Choice(change.NegativeLabel, PulseInputIds.Negative),
                ],
                Value = change.Direction,
            },
        ],
        DeepeningStepInput deepening =>
        [
            FreeText(language, PulseInputIds.Facilitant, FacilitantLabel.For(language), Optional.For(language), deepening.Facilitant, deepening.MaxLength),
            FreeText(language, PulseInputIds.Ecueil, EcueilLabel.For(language), Optional.For(language), deepening.Ecueil, deepening.MaxLength),
            FreeText(language, PulseInputIds.Souhait, SouhaitLabel.For(language), Optional.For(language), deepening.Souhait, deepening.MaxLength),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(input), input.GetType().Name, "Unknown pulse step input."),
    };

    private static ChoiceSetInput Rating(Language language, RatingStepInput rating)
    {
        var choices = new List<Choice>();
        for (var n = rating.Min; n <= rating.Max; n++)
        {
            var value = n.ToString(CultureInfo.InvariantCulture);
            var title = n == rating.Min ? $"{value} — {rating.MinLabel}"
                : n == rating.Max ? $"{value} — {rating.MaxLabel}"
                : value;
            choices.Add(new Choice(title, value));
        }

        if (rating.AllowDontKnow)
        {
            choices.Add(new Choice(DontKnow.For(language), PulseInputIds.DontKnow));
        }

        return new ChoiceSetInput
        {
            Id = PulseInputIds.Rating,
            Style = ChoiceSetStyle.Expanded,
            Spacing = CardSpacing.Medium,
            Choices = choices,
            Value = rating.Value,
        };
    }

    // The value is kept even when longer than maxLength: the user sees all of it and shortens it
    // (browsers and the official renderer keep a pre-filled value whole; maxLength only stops further typing).
    // The label states the limit, so nobody is cut mid-sentence unawares.
    private static TextInput FreeText(Language language, string id, string label, string placeholder, string? value, int maxLength) => new()
    {
        Id = id,
        Label = LabelWithLimit.Format(language, label, maxLength.ToString(CultureInfo.InvariantCulture)),
        Placeholder = placeholder,
        IsMultiline = true,
        MaxLength = maxLength,
        Value = value,
        Spacing = CardSpacing.Medium,
    };
}
