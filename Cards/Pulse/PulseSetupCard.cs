using System.Globalization;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Pulse;

/// <summary>One step of the template on the configuration form: its id (the toggle's), its title and whether it is chosen.</summary>
public sealed record PulseSetupToggle(string StepId, string Title, bool Chosen);

/// <summary>
/// The configuration form of <c>pulse configurer</c>: a toggle per condition, the optional steps, participation by
/// profile and the duration, pre-filled with the conversation's default (or what the coordinator just sent, with
/// <see cref="NoCondition"/> when it held no condition).
/// </summary>
public sealed record PulseSetupCardModel
{
    public required Language Language { get; init; }

    public required string PulseTitle { get; init; }

    /// <summary>The template's conditions (frein/levier steps), in its order.</summary>
    public required IReadOnlyList<PulseSetupToggle> Conditions { get; init; }

    /// <summary>The template's other steps (role clarity, continuum, most significant change), in its order.</summary>
    public required IReadOnlyList<PulseSetupToggle> OptionalSteps { get; init; }

    public required bool Profiles { get; init; }

    public required int DurationHours { get; init; }

    /// <summary>The form was sent without any condition: nothing was opened, the error says so.</summary>
    public bool NoCondition { get; init; }
}

/// <summary>The cards of <c>pulse configurer</c> / <c>pulse setup</c>: the coordinator's form, the shared placeholder, and what they get after opening.</summary>
public static partial class PulseSetupCard
{
    /// <summary>The durations offered, in hours: 1, 2 and 3 days, 1 to 4 weeks.</summary>
    public static readonly IReadOnlyList<int> DurationChoices = [24, 48, 72, 168, 336, 504, 672];

    /// <summary>The coordinator's form: a toggle per condition and optional step, the profile toggle, the duration, "Ouvrir le pouls".</summary>
    public static AdaptiveCard Form(PulseSetupCardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var language = model.Language;
        var heading = Heading.For(language);
        var body = new List<CardElement>
        {
            CardBlocks.Heading(heading, TextSize.Medium),
            CardBlocks.PlainText(model.PulseTitle, weight: TextWeight.Bolder),
            CardBlocks.Paragraph(Intro.For(language)),
        };
        if (model.NoCondition)
        {
            body.Add(new TextBlock { Text = NoConditionError.For(language), Color = TextColor.Attention, Weight = TextWeight.Bolder, Spacing = CardSpacing.Medium });
        }

        body.Add(Section(ConditionsHeading.For(language)));
        body.AddRange(model.Conditions.Select(Toggle));
        if (model.OptionalSteps.Count > 0)
        {
            body.Add(Section(OptionalHeading.For(language)));
            body.AddRange(model.OptionalSteps.Select(Toggle));
        }

        body.Add(new ToggleInput
        {
            Id = CardDataFields.SetupProfiles,
            Title = ProfilesToggle.For(language),
            Value = Bool(model.Profiles),
            ValueOn = Bool(true),
            ValueOff = Bool(false),
            Spacing = CardSpacing.Medium,
        });
        body.Add(new ChoiceSetInput
        {
            Id = CardDataFields.SetupDuration,
            Label = DurationLabel.For(language),
            Style = ChoiceSetStyle.Compact,
            IsRequired = true,
            ErrorMessage = DurationError.For(language),
            Choices = [.. Durations(model.DurationHours).Select(h => new Choice(DurationText(language, h), h.ToString(CultureInfo.InvariantCulture)))],
            Value = model.DurationHours.ToString(CultureInfo.InvariantCulture),
            Spacing = CardSpacing.Medium,
        });

        return new AdaptiveCard
        {
            FallbackText = heading,
            Body = body,
            Actions = [new ExecuteAction { Title = OpenPulse.For(language), Verb = CardVerbs.PulseSetupOpen, AssociatedInputs = "auto", Style = ActionStyle.Positive }],
        };
    }

    /// <summary>
    /// What a channel or group chat sees: a short note and "Ouvrir la configuration"; Teams turns it at once into the
    /// form for <paramref name="coordinatorUserId"/> only (an automatic refresh), the only one the form is sent to.
    /// </summary>
    public static AdaptiveCard Shared(Language language, string coordinatorUserId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(coordinatorUserId);
        var show = new ExecuteAction { Title = ShowForm.For(language), Verb = CardVerbs.PulseSetupShow, AssociatedInputs = "none" };
        return CardBlocks.Announcement(Heading.For(language), SharedText.For(language), TextSize.Medium, [show]) with
        {
            Refresh = new CardRefresh { Action = show, UserIds = [coordinatorUserId] },
        };
    }

    /// <summary>After "Ouvrir le pouls": the pulse card is posted, this choice is the conversation's default.</summary>
    public static AdaptiveCard Opened(Language language, int conditionCount)
    {
        var conditions = conditionCount == 1 ? OneCondition.For(language) : Conditions.Format(language, conditionCount.ToString(CultureInfo.InvariantCulture));
        return CardBlocks.Notice(OpenedHeading.For(language), [CardBlocks.Paragraph(OpenedText.Format(language, conditions))]);
    }

    /// <summary>
    /// A pulse is open here, so there is nothing to set up until it closes; after "Ouvrir le pouls"
    /// (<paramref name="choiceKept"/>) it also says that the choice was kept as the conversation's default.
    /// </summary>
    public static AdaptiveCard AlreadyOpen(Language language, bool choiceKept)
    {
        List<CardElement> body = [CardBlocks.Paragraph(AlreadyOpenText.For(language))];
        if (choiceKept)
        {
            body.Add(CardBlocks.Paragraph(ChoiceKept.For(language)));
        }

        return CardBlocks.Notice(AlreadyOpenHeading.For(language), body);
    }

    /// <summary>The duration as the form shows it: "1 semaine", "3 jours", "36 heures".</summary>
    public static string DurationText(Language language, int hours) => hours switch
    {
        24 => OneDay.For(language),
        168 => OneWeek.For(language),
        _ when hours % 168 == 0 => Weeks.Format(language, (hours / 168).ToString(CultureInfo.InvariantCulture)),
        _ when hours % 24 == 0 => Days.Format(language, (hours / 24).ToString(CultureInfo.InvariantCulture)),
        _ => Hours.Format(language, hours.ToString(CultureInfo.InvariantCulture)),
    };

    /// <summary>The offered durations, with <paramref name="current"/> among them (a default typed once as "5j").</summary>
    private static IEnumerable<int> Durations(int current) =>
        DurationChoices.Contains(current) ? DurationChoices : DurationChoices.Append(current).Order();

    private static ToggleInput Toggle(PulseSetupToggle step) => new()
    {
        Id = CardDataFields.SetupStepPrefix + step.StepId,
        Title = step.Title,
        Value = Bool(step.Chosen),
        ValueOn = Bool(true),
        ValueOff = Bool(false),
        Spacing = CardSpacing.Small,
    };

    private static TextBlock Section(string text) =>
        new() { Text = text, Weight = TextWeight.Bolder, Spacing = CardSpacing.Medium, Separator = true };

    private static string Bool(bool value) => value ? "true" : "false";
}
