using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Authentication;

public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>The keyed <see cref="HttpClient"/> used to fetch OpenID metadata and signing keys.</summary>
    public const string MetadataHttpClientKey = "ConcertationBot.Authentication.Metadata";

    /// <summary>
    /// Registers inbound token validation (<see cref="IBotAuthenticator"/>), the https rule for OpenID metadata URLs,
    /// and the startup guard that refuses an unauthenticated host listening on a non-loopback address.
    /// Expects <see cref="BotFrameworkOptions"/> and <see cref="BotHostOptions"/> to be bound by the caller.
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(MetadataHttpClientKey, (_, _) => new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        });
        services.TryAddSingleton<IBotAuthenticator>(provider => new BotAuthenticator(
            provider.GetRequiredService<IOptions<BotFrameworkOptions>>(),
            provider.GetRequiredService<IOptions<BotHostOptions>>(),
            provider.GetRequiredKeyedService<HttpClient>(MetadataHttpClientKey),
            provider.GetRequiredService<ILogger<BotAuthenticator>>(),
            provider.GetService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotHostOptions>, OpenIdMetadataUrlValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UnauthenticatedExposureGuard>());
        return services;
    }
}
