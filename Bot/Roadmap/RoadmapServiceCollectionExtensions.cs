using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConcertationBot.Bot.Roadmap;

public static class RoadmapServiceCollectionExtensions
{
    /// <summary>The feuille de route of each team or conversation (store, commands, card actions). Needs coordination and Table storage.</summary>
    public static IServiceCollection AddRoadmap(this IServiceCollection services)
    {
        services.TryAddSingleton<IRoadmapStore, RoadmapStore>();
        services.AddSingleton<RoadmapConversation>();
        return services;
    }
}
