using Microsoft.Extensions.Caching.Memory;
using ConcertationBot.Bot.Kernel;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConcertationBot.Bot.Pulses;

public static class PulsesServiceCollectionExtensions
{
    /// <summary>Pulses: the stores, the live card, reminders and their sweep (runs whose instance died), the closer and its deadline service, and the conversation. Needs the kernel, coordination and live cards.</summary>
    public static IServiceCollection AddPulses(this IServiceCollection services)
    {
        services.TryAddSingleton<IPulseStore, PulseStore>();
        services.AddSingleton<IReminderStore, ReminderStore>();
        services.AddSingleton(sp => new OpenItemCache<PulseRecord>(sp.GetRequiredService<IPulseStore>(), sp.GetRequiredService<IMemoryCache>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PulseCardRefresher>();
        services.AddOptions<PulseRemindersOptions>()
            .BindConfiguration(PulseRemindersOptions.SectionName)
            .Validate(o => o.MaxTries >= 1, "Reminders:MaxTries must be at least 1.")
            .Validate(o => o.RunLease > TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero, "Reminders:RunLease and Reminders:SweepInterval must be positive.")
            .Validate(o => o.ProgressInterval < o.RunLease, "Reminders:ProgressInterval must be shorter than Reminders:RunLease (each progress renews the lease).")
            .ValidateOnStart();
        services.AddSingleton<PulseReminders>();
        services.AddSingleton<PulseReminderSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<PulseReminderSweep>());
        services.AddSingleton<PulseCloser>();
        services.AddSingleton<PulseCoordination>();
        services.AddHostedService<PulseDeadlineService>();
        services.AddSingleton<PulseConversation>();
        services.AddSingleton<IPulseSetupStore, PulseSetupStore>();
        services.AddSingleton<PulseSetupConversation>();
        return services;
    }
}
