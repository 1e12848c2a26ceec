using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConcertationBot.Bot.Coordination;

public static class CoordinationServiceCollectionExtensions
{
    /// <summary>Coordinators (directory and gate), the conversation settings (language) and their commands. Needs the kernel and Table storage.</summary>
    public static IServiceCollection AddCoordination(this IServiceCollection services)
    {
        services.TryAddSingleton<ICoordinatorDirectory, CoordinatorDirectory>();
        services.TryAddSingleton<IConversationSettingsStore, ConversationSettingsStore>();
        services.AddSingleton<CoordinatorGate>();
        services.AddSingleton<CoordinationConversation>();
        return services;
    }
}
