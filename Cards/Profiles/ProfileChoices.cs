using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Profiles;

/// <summary>
/// How a partner takes part in the table. The three public institutions are separate choices (one tap on a phone,
/// no sub-question), in the order of the design: santé, éducation, municipal.
/// </summary>
public enum ProfileCategory
{
    CommunityOrganization,
    PublicHealth,
    PublicEducation,
    PublicMunicipal,
    Citizen,
    Funder,
    ElectedOfficial,
    Other,
}

/// <summary>The optional second half of a profile: where in one's organisation one stands.</summary>
public enum ProfileRole
{
    Management,
    Frontline,
}

/// <summary>
/// The profile's choices: their codes (the values the form sends and the <c>Profiles</c> table stores, a stable API
/// like the card verbs: never rename one) and their words in both languages.
/// </summary>
public static partial class ProfileChoices
{
    /// <summary>The role choice that says "I'd rather not say": accepted from the form, never stored.</summary>
    public const string RoleNotStatedCode = "aucun";

    private static readonly (ProfileCategory Category, string Code, Localized Label)[] Categories =
    [
        (ProfileCategory.CommunityOrganization, "communautaire", new("Organisme communautaire", "Community organization")),
        (ProfileCategory.PublicHealth, "institution-sante", new("Institution publique (santé)", "Public institution (health)")),
        (ProfileCategory.PublicEducation, "institution-education", new("Institution publique (éducation)", "Public institution (education)")),
        (ProfileCategory.PublicMunicipal, "institution-municipale", new("Institution publique (municipal)", "Public institution (municipal)")),
        (ProfileCategory.Citizen, "citoyen", new("Citoyen·ne / résident·e", "Citizen / resident")),
        (ProfileCategory.Funder, "bailleur", new("Bailleur de fonds", "Funder")),
        (ProfileCategory.ElectedOfficial, "elu", new("Élu·e", "Elected official")),
        (ProfileCategory.Other, "autre", new("Autre", "Other")),
    ];

    private static readonly (ProfileRole Role, string Code, Localized Label)[] Roles =
    [
        (ProfileRole.Management, "direction", new("Direction / coordination", "Management / coordination")),
        (ProfileRole.Frontline, "terrain", new("Équipe terrain", "Frontline team")),
    ];

    /// <summary>Every category, in the form's order.</summary>
    public static IReadOnlyList<ProfileCategory> AllCategories { get; } = [.. Categories.Select(c => c.Category)];

    /// <summary>Every role, in the form's order.</summary>
    public static IReadOnlyList<ProfileRole> AllRoles { get; } = [.. Roles.Select(r => r.Role)];

    public static string Code(ProfileCategory category) => Categories.Single(c => c.Category == category).Code;

    public static string Code(ProfileRole role) => Roles.Single(r => r.Role == role).Code;

    public static string Label(ProfileCategory category, Language language) => Categories.Single(c => c.Category == category).Label.For(language);

    public static string Label(ProfileRole role, Language language) => Roles.Single(r => r.Role == role).Label.For(language);

    /// <summary>The "I'd rather not say" choice of the role.</summary>
    public static string RoleNotStatedLabel(Language language) => RoleNotStated.For(language);

    /// <summary>The category of an exact code (ordinal: codes are ours, never typed); null for anything else.</summary>
    public static ProfileCategory? CategoryOf(string? code)
    {
        foreach (var (category, known, _) in Categories)
        {
            if (string.Equals(code, known, StringComparison.Ordinal))
            {
                return category;
            }
        }

        return null;
    }

    /// <summary>The role of an exact code (ordinal); null for anything else, including <see cref="RoleNotStatedCode"/>.</summary>
    public static ProfileRole? RoleOf(string? code)
    {
        foreach (var (role, known, _) in Roles)
        {
            if (string.Equals(code, known, StringComparison.Ordinal))
            {
                return role;
            }
        }

        return null;
    }
}
