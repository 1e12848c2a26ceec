namespace ConcertationBot.Tests.Cards.Localization;

/// <summary>Seed-like vote text typed in both languages, French first, as a bilingual table writes it (seed 003, Parc-Extension).</summary>
internal static class BilingualFixtures
{
    public const string Question = "Quelle priorité pour la prochaine année ? | Which priority for the coming year?";

    private static readonly string[] Pairs =
    [
        "Logement abordable | Affordable housing",
        "Sécurité alimentaire | Food security",
        "Mobilité des aînés | Mobility for seniors",
        "Accueil des familles nouvellement arrivées | Welcoming newly arrived families",
        "Espaces verts et ruelles | Green spaces and laneways",
        "Persévérance scolaire | Staying in school",
        "Santé mentale des jeunes | Youth mental health",
        "Participation citoyenne | Citizen participation",
        "Emploi et formation | Jobs and training",
        "Sécurité des déplacements à pied | Safe walking",
        "Lieux de rencontre intergénérationnels | Places where generations meet",
        "Accès aux services de proximité | Access to local services",
    ];

    /// <summary>Twelve options, each "français | English", about 40 to 80 characters.</summary>
    public static IReadOnlyList<string> TwelveOptions() => Pairs;
}
