using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConcertationBot.Bot.Changes;

public static class ChangesServiceCollectionExtensions
{
    /// <summary>The changes round (issue #17): the grouping store, <c>changements regrouper</c> and <c>vote changements</c>. Needs pulses, votes and coordination.</summary>
    public static IServiceCollection AddChanges(this IServiceCollection services)
    {
        services.TryAddSingleton<IChangeGroupingStore, ChangeGroupingStore>();
        services.AddSingleton<ChangesConversation>();
        return services;
    }
}
