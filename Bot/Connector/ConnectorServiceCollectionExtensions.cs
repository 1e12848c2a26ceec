using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Connector;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the connector: <see cref="IConnectorClientFactory"/> (one client per serviceUrl, retries inside),
    /// the outbound <see cref="IAccessTokenProvider"/> picked by <c>MicrosoftAppType</c>, the
    /// <see cref="BotFrameworkOptions"/> validator, and <see cref="ConnectorOptions"/> from <c>Bot:Connector</c>.
    /// </summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>());
        services.AddOptions<ConnectorOptions>()
            .BindConfiguration(ConnectorOptions.SectionName)
            .Validate(o => !o.Validate().Any(), "Invalid Bot:Connector settings (MaxRetries 0-20, positive delays, InitialDelay <= MaxDelay).")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ConnectorClientFactory.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.TryAddSingleton(CreateTokenProvider);
        services.TryAddSingleton<IConnectorClientFactory, ConnectorClientFactory>();
        return services;
    }

    /// <summary>Null provider without an app id; MSAL for MultiTenant / SingleTenant; managed identity for UserAssignedMsi.</summary>
    internal static IAccessTokenProvider CreateTokenProvider(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        if (options.IsAuthenticationDisabled)
        {
            return new NullAccessTokenProvider();
        }

        var appId = options.MicrosoftAppId!.Trim();
        return options.MicrosoftAppType switch
        {
            BotAppType.UserAssignedMsi => new ManagedIdentityAccessTokenProvider(appId, services.GetRequiredService<TimeProvider>()),
            BotAppType.SingleTenant => new MsalAccessTokenProvider(
                appId, options.MicrosoftAppPassword ?? string.Empty,
                BotFrameworkTokenConstants.AuthorityHost + Uri.EscapeDataString(options.MicrosoftAppTenantId!.Trim())),
            _ => new MsalAccessTokenProvider(
                appId, options.MicrosoftAppPassword ?? string.Empty,
                BotFrameworkTokenConstants.AuthorityHost + BotFrameworkTokenConstants.MultiTenantAuthorityTenant),
        };
    }
}
