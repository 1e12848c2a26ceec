using Microsoft.Extensions.DependencyInjection.Extensions;
using ConcertationBot.Bot.Kernel;

namespace ConcertationBot.Bot.Rencontres;

public static class RencontresServiceCollectionExtensions
{
    /// <summary>
    /// The rencontres of each conversation (store and commands), and the kernel's <see cref="ICurrentRencontre"/> that
    /// pulses and votes read when they open. Needs the kernel, coordination, pulses, votes and Table storage.
    /// </summary>
    public static IServiceCollection AddRencontres(this IServiceCollection services)
    {
        services.TryAddSingleton<IRencontreStore, RencontreStore>();
        services.TryAddSingleton<ICurrentRencontre>(sp => sp.GetRequiredService<IRencontreStore>());
        services.AddSingleton<RencontreConversation>();
        return services;
    }
}
