using Azure;
using Microsoft.Extensions.Caching.Memory;
using ConcertationBot.Cards.Profiles;

namespace ConcertationBot.Bot.Profiles;

/// <summary>
/// The role an answer row may carry (issue #16): the respondent's declared role ("direction" or "terrain") only when at
/// least k members of the scope declared that role at the moment the answer is sent; otherwise none, since a role a
/// few hold would point at them. The scope's roles (profile key → role) are read with one partition query and kept
/// in memory for <see cref="Reuse"/>, so a submit costs one extra read on a miss and none on a hit; a save or delete
/// of a profile through this instance forgets them at once.
/// </summary>
public sealed partial class DeclaredRoles(IProfileStore profiles, IMemoryCache cache, ILogger<DeclaredRoles> logger)
{
    /// <summary>How long a scope's roles are reused. Another instance's profile change is seen after at most this long.</summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The role code to store with the answer of the person under <paramref name="profileKey"/>, or null. A failed read
    /// stores no role rather than failing the answer.
    /// </summary>
    public async Task<string?> ForAnswerAsync(ProfileScope scope, string profileKey, int minimumGroupSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrEmpty(profileKey);
        IReadOnlyDictionary<string, string> roles;
        try
        {
            roles = await RolesAsync(scope, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            LogReadFailed(logger, ex);
            return null;
        }

        return RoleToStore(roles.GetValueOrDefault(profileKey), roles, minimumGroupSize);
    }

    /// <summary>Forgets the scope's roles (after a profile of the scope was saved or deleted here).</summary>
    public void Forget(ProfileScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        cache.Remove(CacheKey(scope));
    }

    /// <summary>
    /// The rule: <paramref name="role"/> when it is a known role code and at least <paramref name="minimumGroupSize"/>
    /// profiles in <paramref name="declared"/> (profile key → role code) hold it; null otherwise.
    /// </summary>
    public static string? RoleToStore(string? role, IReadOnlyDictionary<string, string> declared, int minimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumGroupSize, 1);
        if (role is null || ProfileChoices.RoleOf(role) is null)
        {
            return null;
        }

        var holders = declared.Values.Count(r => string.Equals(r, role, StringComparison.Ordinal));
        return holders >= minimumGroupSize ? role : null;
    }

    private async Task<IReadOnlyDictionary<string, string>> RolesAsync(ProfileScope scope, CancellationToken cancellationToken)
    {
        var key = CacheKey(scope);
        if (cache.TryGetValue(key, out IReadOnlyDictionary<string, string>? cached) && cached is not null)
        {
            return cached;
        }

        var roles = await profiles.ListRolesAsync(scope, cancellationToken).ConfigureAwait(false);
        cache.Set(key, roles, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Reuse });
        return roles;
    }

    private static string CacheKey(ProfileScope scope) => "profile-roles\n" + scope.Partition;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Declared roles could not be read; the answer is stored without a role")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
