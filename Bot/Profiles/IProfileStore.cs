namespace ConcertationBot.Bot.Profiles;

/// <summary>The declared profiles of each scope (team or conversation), one per profile key.</summary>
public interface IProfileStore
{
    /// <summary>The profile stored under <paramref name="profileKey"/> in the scope, or null.</summary>
    Task<ProfileRecord?> GetAsync(ProfileScope scope, string profileKey, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="profile"/> under <paramref name="profileKey"/>, replacing any profile there. Each write is
    /// conditional on what was read just before (insert if absent, else replace if its ETag is unchanged); a concurrent
    /// write makes it read again and retry. Returns the profile as stored.
    /// </summary>
    Task<ProfileRecord> SaveAsync(ProfileScope scope, string profileKey, ProfileRecord profile, CancellationToken cancellationToken);

    /// <summary>
    /// Every profile of the scope as profile key → category code (one partition query), for the summary's participation
    /// by profile; empty when nobody declared one.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> ListCategoriesAsync(ProfileScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// Every stated role of the scope as profile key → role code (one partition query reading the key and the role only);
    /// profiles without a role are left out. For the count of declared members per role (<see cref="DeclaredRoles"/>).
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> ListRolesAsync(ProfileScope scope, CancellationToken cancellationToken);

    /// <summary>Deletes the profile under <paramref name="profileKey"/> (conditionally on its ETag as read); false when there was none.</summary>
    Task<bool> DeleteAsync(ProfileScope scope, string profileKey, CancellationToken cancellationToken);
}
