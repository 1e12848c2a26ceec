namespace ConcertationBot.Bot.Exports;

public static class ExportsServiceCollectionExtensions
{
    /// <summary>The compte-rendu export and its signed download links. Needs pulses, votes, rencontres, the feuille de route and the changes round's groupings.</summary>
    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.AddSingleton<ExportLinks>();
        services.AddSingleton<PulseExport>();
        return services;
    }
}
