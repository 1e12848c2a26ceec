using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConcertationBot.Bot.LiveCards;

public static class LiveCardsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ILiveCardUpdater"/> (also a hosted service, so pending updates are flushed on shutdown),
    /// <see cref="IOutboundPacer"/> (<see cref="ConversationRateLimiter"/>), <see cref="LiveCardOptions"/> from
    /// <c>LiveCards</c> and <see cref="OutboundPacingOptions"/> from <c>OutboundPacing</c>. Needs the connector
    /// (<c>AddBotConnector</c>) and logging. Calling it twice registers once.
    /// </summary>
    public static IServiceCollection AddLiveCards(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(LiveCardUpdater)))
        {
            return services;
        }

        services.AddOptions<LiveCardOptions>()
            .BindConfiguration(LiveCardOptions.SectionName)
            .Validate(o => !o.Validate().Any(), "Invalid LiveCards settings (positive MinInterval and InitialBackoff, InitialBackoff <= MaxBackoff, MaxTransientFailures 0-100, positive TransientRetryLimit, non-negative timeouts).")
            .ValidateOnStart();
        services.AddOptions<OutboundPacingOptions>()
            .BindConfiguration(OutboundPacingOptions.SectionName)
            .Validate(o => !o.Validate().Any(), "Invalid OutboundPacing settings (GlobalPerSecond 0-1000, SafetyMargin 0-1 s).")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOutboundPacer, ConversationRateLimiter>();
        services.AddSingleton<LiveCardUpdater>();
        services.TryAddSingleton<ILiveCardUpdater>(sp => sp.GetRequiredService<LiveCardUpdater>());
        services.AddHostedService(sp => sp.GetRequiredService<LiveCardUpdater>());
        return services;
    }
}
