using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConcertationBot.Bot.Profiles;

public static class ProfilesServiceCollectionExtensions
{
    /// <summary>Declared profiles (store and the <c>profil</c> / <c>profile</c> commands and cards). Needs the kernel and Table storage.</summary>
    public static IServiceCollection AddProfiles(this IServiceCollection services)
    {
        services.TryAddSingleton<IProfileStore, ProfileStore>();
        services.AddSingleton<DeclaredRoles>();
        services.AddSingleton<ProfileConversation>();
        return services;
    }
}
