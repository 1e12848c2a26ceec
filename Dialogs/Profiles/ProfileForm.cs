using ConcertationBot.Cards;
using ConcertationBot.Cards.Profiles;

namespace ConcertationBot.Dialogs.Profiles;

/// <summary>A profile as declared: a category and, when stated, a role.</summary>
public sealed record DeclaredProfile(ProfileCategory Category, ProfileRole? Role);

/// <summary>
/// Reads the profile form's two inputs. Only the offered codes are accepted, exactly as the form sends them: a missing
/// or unknown category, or an unknown role, is refused whole (nothing is saved, nothing is guessed).
/// </summary>
public static class ProfileForm
{
    /// <summary>The declared profile of a <see cref="CardVerbs.ProfileSave"/>, or null when its data is not the form's.</summary>
    public static DeclaredProfile? Read(ProfileActionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.HasMalformedRole ? null : Read(data.Category, data.Role);
    }

    /// <summary>The declared profile, or null when the data is not the form's (crafted, truncated, from another card).</summary>
    public static DeclaredProfile? Read(string? categoryCode, string? roleCode)
    {
        if (ProfileChoices.CategoryOf(categoryCode) is not { } category)
        {
            return null;
        }

        if (string.IsNullOrEmpty(roleCode) || string.Equals(roleCode, ProfileChoices.RoleNotStatedCode, StringComparison.Ordinal))
        {
            return new DeclaredProfile(category, null);
        }

        return ProfileChoices.RoleOf(roleCode) is { } role ? new DeclaredProfile(category, role) : null;
    }
}
