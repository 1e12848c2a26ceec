using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Votes;

namespace ConcertationBot.Bot.Kernel;

public static class ConcertationServiceCollectionExtensions
{
    /// <summary>The host's memory cache holds at most this many units: one per cached setting, one per cached roster member.</summary>
    public const long MemoryCacheSizeLimit = 200_000;

    /// <summary>
    /// Registers <see cref="ConcertationOptions"/> (validated at start), the respondent keys, the pulse store, the
    /// coordinator directory and the conversation settings. Needs the Table storage services (<c>AddTableStorage</c>).
    /// </summary>
    public static IServiceCollection AddConcertation(this IServiceCollection services)
    {
        services.AddOptions<ConcertationOptions>()
            .BindConfiguration(ConcertationOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ConcertationOptions>, ConcertationOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConcertationOptions>, ConcertationOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRespondentKeys, RespondentKeys>();
        services.TryAddSingleton<IPulseStore, PulseStore>();
        services.TryAddSingleton<IVoteStore, VoteStore>();
        services.TryAddSingleton<ICoordinatorDirectory, CoordinatorDirectory>();
        services.AddMemoryCache(cache => cache.SizeLimit = MemoryCacheSizeLimit);
        services.TryAddSingleton<IConversationSettingsStore, ConversationSettingsStore>();
        return services;
    }
}
