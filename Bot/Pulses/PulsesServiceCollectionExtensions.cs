using Microsoft.Extensions.Caching.Memory;
using ConcertationBot.Bot.Kernel;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConcertationBot.Bot.Pulses;

public static class PulsesServiceCollectionExtensions
{
    /// <summary>Pulses: the stores, the live card, reminders, the closer and its deadline service, and the conversation. Needs the kernel, coordination and live cards.</summary>
    public static IServiceCollection AddPulses(this IServiceCollection services)
    {
        services.TryAddSingleton<IPulseStore, PulseStore>();
        services.AddSingleton<IReminderStore, ReminderStore>();
        services.AddSingleton(sp => new OpenItemCache<PulseRecord>(sp.GetRequiredService<IPulseStore>(), sp.GetRequiredService<IMemoryCache>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PulseCardRefresher>();
        services.AddOptions<PulseRemindersOptions>().BindConfiguration(PulseRemindersOptions.SectionName);
        services.AddSingleton<PulseReminders>();
        services.AddSingleton<PulseCloser>();
        services.AddSingleton<PulseCoordination>();
        services.AddHostedService<PulseDeadlineService>();
        services.AddSingleton<PulseConversation>();
        return services;
    }
}
