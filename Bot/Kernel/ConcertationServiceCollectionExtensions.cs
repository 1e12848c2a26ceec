using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Hosting;

namespace ConcertationBot.Bot.Kernel;

public static class ConcertationServiceCollectionExtensions
{
    /// <summary>The host's memory cache holds at most this many units: one per cached setting, one per cached roster member.</summary>
    public const long MemoryCacheSizeLimit = 200_000;

    /// <summary>
    /// What every concertation feature shares: <see cref="ConcertationOptions"/> (validated at start), the respondent
    /// keys, the delivery keys (the keyed hash the core's redelivery records under), the size-limited memory cache, the background work queue and the conversation roster.
    /// </summary>
    public static IServiceCollection AddConcertationKernel(this IServiceCollection services)
    {
        services.AddOptions<ConcertationOptions>()
            .BindConfiguration(ConcertationOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ConcertationOptions>, ConcertationOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConcertationOptions>, ConcertationOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRespondentKeys, RespondentKeys>();
        services.TryAddSingleton<IDeliveryKeys, DeliveryKeys>();
        services.AddMemoryCache(cache => cache.SizeLimit = MemoryCacheSizeLimit);
        services.TryAddSingleton<BackgroundWork>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundWork>());
        services.TryAddSingleton<ConversationRoster>();
        return services;
    }
}
