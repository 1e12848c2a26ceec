using ConcertationBot.Bot.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Hosting;

public static class RedeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Redelivery: <see cref="RedeliveryOptions"/> from <c>Bot:Redelivery</c> (validated at start), the <c>Deliveries</c>
    /// store (its own Table client on the same account, at most one retry), the gate the adapter asks before each turn and the hourly sweep. The application registers the
    /// <see cref="IDeliveryKeys"/> (the keyed hash) and the Table storage.
    /// </summary>
    public static IServiceCollection AddRedelivery(this IServiceCollection services)
    {
        services.AddOptions<RedeliveryOptions>()
            .BindConfiguration(RedeliveryOptions.SectionName)
            .Validate(o => o.Window > TimeSpan.Zero && o.Lease > TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero, "Bot:Redelivery:Window, Lease and SweepInterval must be positive.")
            .Validate(o => o.ClaimTimeout > TimeSpan.Zero && o.AnswerTimeout > TimeSpan.Zero, "Bot:Redelivery:ClaimTimeout and AnswerTimeout must be positive.")
            .Validate(o => o.Lease < o.Window, "Bot:Redelivery:Lease must be shorter than Bot:Redelivery:Window.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDeliveryStore>(sp => new DeliveryStore(
            StorageServiceCollectionExtensions.CreateDeliveriesClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value)));
        services.TryAddSingleton<Redelivery>();
        services.AddSingleton<DeliverySweep>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliverySweep>());
        return services;
    }
}
