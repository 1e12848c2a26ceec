using ConcertationBot.Bot.Profiles;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConcertationBot.Tests.Bot.Profiles;

/// <summary>
/// The role an answer row may carry (issue #16): the respondent's declared role only when at least k members of the team
/// declared it when the answer is sent; and what that costs in storage reads on the submit path.
/// </summary>
public sealed class DeclaredRolesTests
{
    private const int K = 3;
    private static readonly ProfileScope Team = ProfileScope.Of("msteams", "19:conv@thread.tacv2", "19:team@thread.tacv2");

    private static Dictionary<string, string> Declared(int direction, int terrain) =>
        Enumerable.Range(0, direction).Select(i => ($"d{i}", "direction"))
            .Concat(Enumerable.Range(0, terrain).Select(i => ($"t{i}", "terrain")))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    [Fact]
    public void RoleToStore_KMinusOneDeclared_NoRole()
    {
        // Act
        var role = DeclaredRoles.RoleToStore("terrain", Declared(direction: 5, terrain: K - 1), K);

        // Assert
        Assert.Null(role);
    }

    [Fact]
    public void RoleToStore_KDeclared_TheRole()
    {
        // Act
        var role = DeclaredRoles.RoleToStore("terrain", Declared(direction: 0, terrain: K), K);

        // Assert
        Assert.Equal("terrain", role);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("aucun")]
    [InlineData("Direction")]
    [InlineData("futur")]
    public void RoleToStore_NoKnownRole_NoRole(string? role)
    {
        // Arrange: even when k profiles hold that very code.
        var declared = Enumerable.Range(0, K).ToDictionary(i => $"p{i}", _ => role ?? "x", StringComparer.Ordinal);

        // Act
        var stored = DeclaredRoles.RoleToStore(role, declared, K);

        // Assert
        Assert.Null(stored);
    }

    [Fact]
    public async Task ForAnswerAsync_RoleDropsBelowKAfterAnAnswer_EarlierAnswerKeepsItNewOneGetsNone()
    {
        // Arrange: three declared "terrain"; one answers, then one of them deletes their profile.
        var store = new CountingProfileStore(Declared(direction: 1, terrain: K));
        var roles = new DeclaredRoles(store, new MemoryCache(new MemoryCacheOptions()), NullLogger<DeclaredRoles>.Instance);
        var written = new Dictionary<string, string?> { ["t0"] = await roles.ForAnswerAsync(Team, "t0", K, CancellationToken.None) };

        // Act
        store.Roles.Remove("t2");
        roles.Forget(Team);
        written["t1"] = await roles.ForAnswerAsync(Team, "t1", K, CancellationToken.None);

        // Assert
        Assert.Equal("terrain", written["t0"]);
        Assert.Null(written["t1"]);
    }

    [Fact]
    public async Task ForAnswerAsync_SecondSubmitOfTheTeam_OneProfileQueryThenNone()
    {
        // Arrange
        var store = new CountingProfileStore(Declared(direction: K, terrain: 0));
        var roles = new DeclaredRoles(store, new MemoryCache(new MemoryCacheOptions()), NullLogger<DeclaredRoles>.Instance);

        // Act
        var first = await roles.ForAnswerAsync(Team, "d0", K, CancellationToken.None);
        var second = await roles.ForAnswerAsync(Team, "d1", K, CancellationToken.None);
        var other = await roles.ForAnswerAsync(Team, "nobody", K, CancellationToken.None);

        // Assert: one read on the miss, none on the hits; a member without a role gets none.
        Assert.Equal(("direction", "direction", (string?)null), (first, second, other));
        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task ForAnswerAsync_StorageFails_NoRoleAndNoThrow()
    {
        // Arrange
        var store = new CountingProfileStore(Declared(direction: K, terrain: 0)) { Fail = true };
        var roles = new DeclaredRoles(store, new MemoryCache(new MemoryCacheOptions()), NullLogger<DeclaredRoles>.Instance);

        // Act
        var role = await roles.ForAnswerAsync(Team, "d0", K, CancellationToken.None);

        // Assert
        Assert.Null(role);
        Assert.Equal(1, store.Reads);
    }

    /// <summary>Only the role listing is used; every read of it is counted.</summary>
    private sealed class CountingProfileStore(Dictionary<string, string> roles) : IProfileStore
    {
        public Dictionary<string, string> Roles { get; } = roles;

        public int Reads { get; private set; }

        public bool Fail { get; init; }

        public Task<IReadOnlyDictionary<string, string>> ListRolesAsync(ProfileScope scope, CancellationToken cancellationToken)
        {
            Reads++;
            return Fail
                ? throw new Azure.RequestFailedException(503, "unavailable")
                : Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(Roles, StringComparer.Ordinal));
        }

        public Task<ProfileRecord?> GetAsync(ProfileScope scope, string profileKey, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ProfileRecord> SaveAsync(ProfileScope scope, string profileKey, ProfileRecord profile, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, string>> ListCategoriesAsync(ProfileScope scope, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(ProfileScope scope, string profileKey, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
