namespace ConcertationBot.Bot.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The dashboard: its signed links, the <c>tableau de bord</c> command and the page. Needs pulses, votes, rencontres, the feuille de route and exports.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardLinks>();
        services.AddSingleton<DashboardConversation>();
        services.AddSingleton<DashboardPages>();
        services.AddSingleton<DashboardAssets>();
        return services;
    }
}
