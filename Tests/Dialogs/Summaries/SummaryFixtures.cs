namespace ConcertationBot.Tests.Dialogs.Summaries;

/// <summary>Stored answer fields as the pulse store returns them, built fresh for every call.</summary>
internal static class SummaryFixtures
{
    public const string Hostile = "*urgent* _vite_ [lien](http://exemple.org) <b>gras</b> # titre `code` | ~x~ &amp; www.site.org";

    public static readonly DateTimeOffset OpenedAt = new(2026, 11, 3, 14, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ClosedAt = new(2026, 11, 10, 17, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset GeneratedAt = new(2026, 11, 11, 9, 30, 0, TimeSpan.Zero);

    public static PulseTemplate Template => PulseTemplates.Default;

    /// <summary>One answer entity's fields; a key field the store keeps is included to prove it is ignored.</summary>
    public static Dictionary<string, object?> Answer(
        int? rating = null,
        bool dontKnow = false,
        string? continuum = null,
        string? change = null,
        string? direction = null,
        params (string Step, string? Frein, string? Levier)[] conditions)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal) { ["RespondentKey"] = "hmac-" + Guid.NewGuid().ToString("N") };
        if (dontKnow)
        {
            fields["roleClarity_dontKnow"] = true;
        }
        else if (rating is { } r)
        {
            fields["roleClarity"] = r;
        }

        Set(fields, "continuum", continuum);
        Set(fields, "change_text", change);
        Set(fields, "change_direction", direction);
        foreach (var (step, frein, levier) in conditions)
        {
            Set(fields, step + "_frein", frein);
            Set(fields, step + "_levier", levier);
        }

        return fields;
    }

    /// <summary>
    /// Twelve answers: role clarity 5,4,4,3,3,3,2,4,5,1 + two "je ne sais pas" (mean 3.4, spread 1.2); continuum median
    /// assistance over 11 answers; duplicated freins; one hostile text; three positive, one negative, one undirected change.
    /// </summary>
    public static List<IReadOnlyDictionary<string, object?>> Twelve() =>
    [
        Answer(5, continuum: "coordination", change: "Plus de projets portés ensemble", direction: "positive",
            conditions: [("agenda", "Manque de temps", "Comité de pilotage"), ("communication", "Courriels trop longs", "Infolettre mensuelle")]),
        Answer(4, continuum: "coordination", change: "Nouveaux partenaires à la table", direction: "positive",
            conditions: [("agenda", "manque de  TEMPS ", "Clarifier les bénéfices pour chacun"), ("mesures", "Indicateurs trop complexes", null)]),
        Answer(4, continuum: "assistance", change: "plus de projets portés ensemble", direction: "positive",
            conditions: [("agenda", "Manqué de temps", null), ("activites", "Activités dispersées", "Calendrier commun")]),
        Answer(3, continuum: "assistance", change: "Départ de la coordonnatrice", direction: "negative",
            conditions: [("agenda", "Financements par projet", "Comité de pilotage"), ("soutien", null, "Agente de liaison")]),
        Answer(3, continuum: "assistance", conditions: [("communication", Hostile, "Ordre du jour envoyé 7 jours avant")]),
        Answer(3, continuum: "communication", change: "« Essoufflement » des équipes 😕", conditions: [("mesures", null, "Indicateurs simples")]),
        Answer(2, continuum: "communication", conditions: [("activites", "Compétition pour les financements", null)]),
        Answer(4, continuum: "coordination"),
        Answer(5, continuum: "collaboration", conditions: [("soutien", "=SOMME(A1:A9)", "+ de réunions")]),
        Answer(1, continuum: "coexistence"),
        Answer(dontKnow: true, continuum: "coordination"),
        Answer(dontKnow: true),
    ];

    /// <summary>The previous pulse: mean 2.8 and continuum median coordination, so role clarity goes up and the continuum down.</summary>
    public static PulseSummary Previous() => PulseSummaries.Compute(new PulseSummaryInput
    {
        Template = Template,
        Answers =
        [
            Answer(2, continuum: "coordination"),
            Answer(3, continuum: "coordination"),
            Answer(3, continuum: "collaboration"),
            Answer(3, continuum: "coordination"),
            Answer(3, continuum: "assistance"),
        ],
        OpenedAt = OpenedAt.AddDays(-60),
        ClosedAt = ClosedAt.AddDays(-60),
    });

    public static PulseSummary TwelveSummary(PulseSummary? previous = null, int? members = 12) => PulseSummaries.Compute(new PulseSummaryInput
    {
        Template = Template,
        Answers = Twelve(),
        MemberCount = members,
        OpenedAt = OpenedAt,
        ClosedAt = ClosedAt,
        Previous = previous,
    });

    public static IReadOnlyList<VoteResultSummary> Votes() =>
    [
        new VoteResultSummary(
            "Quelles priorités pour 2027 ?",
            9,
            [
                new VoteOptionResult(1, "Sécurité alimentaire", 12, false),
                new VoteOptionResult(2, "Logement *salubre*", 8, true),
                new VoteOptionResult(2, "Mobilité des aînés", 8, true),
                new VoteOptionResult(4, "1. Jeunesse", 1, false),
            ],
            Unit: VoteScoreUnit.Points),
        new VoteResultSummary("Date de la prochaine rencontre", 4, [new VoteOptionResult(1, "Mardi 8 décembre", 3, false), new VoteOptionResult(2, "Jeudi 10 décembre", 1, false)], Hidden: true),
    ];

    /// <summary>60 answers, each with 500-character texts in every frein, levier and change.</summary>
    public static List<IReadOnlyDictionary<string, object?>> SixtyLong()
    {
        var answers = new List<IReadOnlyDictionary<string, object?>>();
        for (var i = 0; i < 60; i++)
        {
            // Long but made of words, as people write: a 500-character unbroken token would not wrap on any client.
            string Text(string what) => string.Concat(Enumerable.Repeat(what + " " + i + " — les rencontres changent d'heure, l'ordre du jour arrive tard, é ç « » 😀 ", 8))[..500];
            answers.Add(Answer(
                1 + (i % 5),
                continuum: "coordination",
                change: Text("changement"),
                direction: i % 2 == 0 ? "positive" : "negative",
                conditions: [.. new[] { "agenda", "mesures", "activites", "communication", "soutien" }.Select(s => (s, (string?)Text("frein " + s), (string?)Text("levier " + s)))]));
        }

        return answers;
    }

    private static void Set(Dictionary<string, object?> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields[name] = value;
        }
    }
}
