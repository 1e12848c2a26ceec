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
public static class PulseSetupCard
{
    /// <summary>The durations offered, in hours: 1, 2 and 3 days, 1 to 4 weeks.</summary>
    public static readonly IReadOnlyList<int> DurationChoices = [24, 48, 72, 168, 336, 504, 672];

    private static readonly Localized Heading = new("Configurer le pouls", "Set up the pulse");
    private static readonly Localized Intro = new(
        "Choisissez ce que le pouls demandera. Ce choix devient celui de cette conversation pour les prochains « pulse démarrer ».",
        "Choose what the pulse will ask. This choice becomes this conversation's default for later \"pulse start\".");
    private static readonly Localized ConditionsHeading = new("Conditions (au moins une)", "Conditions (at least one)");
    private static readonly Localized OptionalHeading = new("Étapes facultatives", "Optional steps");
    private static readonly Localized ProfilesToggle = new(
        "Participation par profil dans la synthèse (réponses / membres, par profil déclaré)",
        "Participation by profile in the summary (answers / members, by declared profile)");
    private static readonly Localized DurationLabel = new("Durée", "Duration");
    private static readonly Localized DurationError = new("Choisissez une durée.", "Choose a duration.");
    private static readonly Localized NoConditionError = new(
        "Choisissez au moins une condition : rien n'a été ouvert, vos autres choix sont gardés.",
        "Choose at least one condition: nothing was opened, your other choices are kept.");
    private static readonly Localized OpenPulse = new("Ouvrir le pouls", "Open the pulse");
    private static readonly Localized Days = new("{0} jours", "{0} days");
    private static readonly Localized OneDay = new("1 jour", "1 day");
    private static readonly Localized Weeks = new("{0} semaines", "{0} weeks");
    private static readonly Localized OneWeek = new("1 semaine", "1 week");
    private static readonly Localized Hours = new("{0} heures", "{0} hours");

    private static readonly Localized SharedText = new(
        "Seule la personne qui coordonne et a demandé la configuration voit le formulaire ici ; une fois le pouls ouvert, il est publié dans la conversation.",
        "Only the coordinator who asked for the setup sees the form here; once the pulse is open, it is posted in the conversation.");
    private static readonly Localized ShowForm = new("Ouvrir la configuration", "Open the setup");

    private static readonly Localized OpenedHeading = new("Pouls ouvert", "Pulse opened");
    private static readonly Localized OpenedText = new(
        "Le pouls est publié dans la conversation avec {0}. Ce choix est maintenant celui de cette conversation pour « pulse démarrer ».",
        "The pulse is posted in the conversation with {0}. This choice is now this conversation's default for \"pulse start\".");
    private static readonly Localized OneCondition = new("1 condition", "1 condition");
    private static readonly Localized Conditions = new("{0} conditions", "{0} conditions");
    private static readonly Localized AlreadyOpenHeading = new("Un pouls est déjà ouvert", "A pulse is already open");
    private static readonly Localized AlreadyOpenText = new(
        "Un pouls est déjà ouvert ici : fermez-le (pulse clore) avant d'en configurer un autre.",
        "A pulse is already open here: close it (pulse close) before setting up another.");
    private static readonly Localized ChoiceKept = new(
        "Votre choix est gardé : il servira au prochain pouls de cette conversation.",
        "Your choice is kept: it will be used for this conversation's next pulse.");

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
