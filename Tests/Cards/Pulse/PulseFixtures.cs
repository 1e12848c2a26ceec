namespace ConcertationBot.Tests.Cards.Pulse;

/// <summary>Realistic pulse card models (long French text, accents, emoji, Markdown characters); every call builds new ones.</summary>
internal static class PulseFixtures
{
    public const string PulseId = "p-2026-11-cdn";

    public const string UserId = "29:1a2b3c-user-nadia";

    /// <summary>User text with every Markdown special the cards must show as typed.</summary>
    public const string MarkdownText = "*gras* _penché_ [lien](https://exemple.org) <at>Karim</at> # titre ~barré~ | `code` \\";

    public static readonly string LongFrench =
        "Les rencontres de la table changent souvent d'heure et de lieu 😕 : les partenaires communautaires " +
        "(CLSC, écoles, organismes familles, Maison des jeunes) ne reçoivent pas toujours l'ordre du jour à temps, " +
        "et les comptes-rendus arrivent plusieurs semaines après. Résultat : on rediscute des mêmes décisions, " +
        "les nouvelles personnes ne savent pas qui fait quoi, et l'énergie s'essouffle. Il faudrait un calendrier " +
        "fixe pour l'année, un ordre du jour envoyé 7 jours avant, et un compte-rendu court (1 page) dans les 48 h. " +
        "*Priorité* : [sécurité alimentaire] <quartier> — été 2027 !";

    public static string Title(Language language) =>
        language == Language.English ? "Côte-des-Neiges round table pulse — November" : "Pulse de la table de Côte-des-Neiges — novembre";

    public static string Deadline(Language language) =>
        language == Language.English ? "Sunday, November 29, 2026, 5:00 PM (UTC)" : "dimanche 29 novembre 2026, 17 h 00 (UTC)";

    public static IReadOnlyList<string> UserIds(int count) => [.. Enumerable.Range(1, count).Select(i => $"29:user-{i:D3}")];

    public static PulseCardModel PulseCard(Language language, int answers = 3, int refreshIds = 75, bool closed = false, string? notice = null) => new()
    {
        Language = language,
        PulseId = PulseId,
        Title = Title(language),
        Intro = language == Language.English
            ? "Five minutes to tell the table how our collaboration is going. Answers are anonymous in the summary."
            : "Cinq minutes pour dire à la table comment va notre collaboration. Les réponses sont anonymes dans la synthèse.",
        DeadlineText = Deadline(language),
        AnswerCount = answers,
        IsClosed = closed,
        RefreshUserIds = UserIds(refreshIds),
        Notice = notice,
    };

    public static PulseRespondentView View(Language language, int revision = 4) => new()
    {
        Language = language,
        PulseId = PulseId,
        PulseTitle = Title(language),
        Revision = revision,
        UserId = UserId,
        DeadlineText = Deadline(language),
    };

    public static RatingStepInput Rating(Language language, string? value = "4", bool allowDontKnow = true) => language == Language.English
        ? new(1, 5, "not at all", "completely", allowDontKnow, value)
        : new(1, 5, "pas du tout", "tout à fait", allowDontKnow, value);

    public static FreinLevierStepInput FreinLevier(string? frein = null, string? levier = null, int maxLength = 500) =>
        new(frein ?? LongFrench + " 🚧 " + LongFrench[..90], levier ?? MarkdownText, maxLength);

    public static ChoiceStepInput Continuum(Language language, string? value = "coordination") => new(
        [
            new("networking", language == Language.English ? "Networking" : "Réseautage", language == Language.English ? "We share information." : "On échange de l'information."),
            new("cooperation", language == Language.English ? "Cooperation" : "Coopération", language == Language.English ? "We help each other on our own projects." : "On s'entraide sur nos projets respectifs."),
            new("coordination", "Coordination", language == Language.English ? "We align our activities and calendars." : "On harmonise nos activités et nos calendriers."),
            new("collaboration", "Collaboration", null),
            new("integration", language == Language.English ? "Integration" : "Intégration", language == Language.English ? "We share resources and decisions." : "On partage ressources et décisions 🤝."),
        ],
        value);

    public static ChangeStepInput Change(Language language, string? text = null, string? direction = PulseInputIds.Positive) => language == Language.English
        ? new(text ?? "The schools now come to every meeting ✨", direction, "Positive", "Negative", 500)
        : new(text ?? LongFrench, direction, "Positif", "Négatif", 500);

    public static PulseStepCardModel Step(
        Language language,
        PulseStepInput input,
        int number = 2,
        bool canGoBack = true,
        bool editingFromReview = false,
        string? notice = null) => new()
    {
        View = View(language),
        StepId = input switch
        {
            RatingStepInput => "role-clarity",
            FreinLevierStepInput => "condition-agenda",
            ChoiceStepInput => "continuum",
            _ => "change",
        },
        StepNumber = number,
        StepCount = 8,
        StepTitle = language == Language.English ? "Common agenda" : "Programme commun",
        Prompt = language == Language.English
            ? "Objectives, roles and expectations are understood the same way by all partners."
            : "Les objectifs, les rôles et les attentes sont compris de la même façon par tous les partenaires.",
        Input = input,
        Notice = notice,
        CanGoBack = canGoBack,
        EditingFromReview = editingFromReview,
    };

    public static IReadOnlyList<PulseAnswerSection> Sections(Language language) =>
    [
        new("role-clarity", language == Language.English ? "Role clarity" : "Clarté des rôles", [new(language == Language.English ? "Rating" : "Note", "4 — " + (language == Language.English ? "completely" : "tout à fait"))]),
        new("condition-agenda", language == Language.English ? "Common agenda" : "Programme commun",
        [
            new(language == Language.English ? "Barrier" : "Frein", LongFrench),
            new(language == Language.English ? "Lever" : "Levier", MarkdownText),
        ]),
        new("condition-measures", language == Language.English ? "Shared measurement" : "Mesures partagées",
        [
            new(language == Language.English ? "Barrier" : "Frein", null),
            new(language == Language.English ? "Lever" : "Levier", null),
        ]),
        new("continuum", language == Language.English ? "Continuum" : "Continuum", [new(language == Language.English ? "Level" : "Niveau", "Coordination")]),
        new("change", language == Language.English ? "Most significant change" : "Changement le plus significatif", [new(language == Language.English ? "Change" : "Changement", null)]),
    ];

    public static PulseReviewCardModel Review(Language language, bool alreadySubmitted = false) => new()
    {
        View = View(language),
        Sections = Sections(language),
        AlreadySubmitted = alreadySubmitted,
    };

    public static PulseThankYouCardModel ThankYou(Language language) => new()
    {
        View = View(language),
        Sections = Sections(language),
    };
}
