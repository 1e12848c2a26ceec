namespace ConcertationBot.Bot.Exports;

public static class ExportsServiceCollectionExtensions
{
    /// <summary>The compte-rendu export and its signed download links. Needs pulses, votes and rencontres.</summary>
    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.AddSingleton<ExportLinks>();
        services.AddSingleton<PulseExport>();
        return services;
    }
}
