using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Authentication;
using ConcertationBot.Bot.Protocol;

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

        // The Teams tabs (docs/dashboard.md "Teams tabs"): SSO tokens validated against Entra's OpenID metadata.
        // The tenant default is settled once here: the tab's own, else the bot's, trimmed; null (any tenant) when both are empty.
        services.AddOptions<DashboardTabOptions>().BindConfiguration(DashboardTabOptions.SectionName)
            .PostConfigure<IOptions<BotFrameworkOptions>>((tab, bot) =>
            {
                var tenant = (tab.TenantId ?? bot.Value.MicrosoftAppTenantId)?.Trim();
                tab.TenantId = string.IsNullOrEmpty(tenant) ? null : tenant;
            })
            .Validate(o => o.GrantLifetime > TimeSpan.Zero, "Dashboard:Tab:GrantLifetime must be positive.")
            .Validate(o => o.MaxListedConversations >= 1, "Dashboard:Tab:MaxListedConversations must be at least 1.")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.OpenIdMetadataUrl) || OpenIdMetadataUrlValidator.IsAcceptable(o.OpenIdMetadataUrl.Trim()),
                "Dashboard:Tab:OpenIdMetadataUrl must be empty (Entra's own) or an absolute https URL (plain http is allowed only for localhost / 127.0.0.1 / [::1]).")
            .ValidateOnStart();
        services.AddSingleton<DashboardTabDirectory>();
        services.AddSingleton<DashboardTabs>();
        services.AddSingleton(provider =>
        {
            var tab = provider.GetRequiredService<IOptions<DashboardTabOptions>>().Value;
            var metadataUrl = tab.OpenIdMetadataUrl?.Trim() is { Length: > 0 } configured
                ? configured
                : $"https://login.microsoftonline.com/{tab.TenantId ?? "common"}/v2.0/.well-known/openid-configuration";
            return new TabTokenValidator(
                metadataUrl,
                provider.GetRequiredKeyedService<HttpClient>(Authentication.AuthenticationServiceCollectionExtensions.MetadataHttpClientKey),
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider.GetRequiredService<ILogger<TabTokenValidator>>());
        });
        return services;
    }
}
