using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConcertationBot.Bot.Authentication;

public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>Registers inbound token validation (owned by the authentication work; placeholder until it lands).</summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        services.TryAddSingleton<IBotAuthenticator, PlaceholderAuthenticator>();
        return services;
    }

    private sealed class PlaceholderAuthenticator : IBotAuthenticator
    {
        public Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Protocol.Activity activity, bool isLoopbackRequest, CancellationToken cancellationToken) =>
            Task.FromResult(authorizationHeader is null && isLoopbackRequest
                ? BotAuthenticationResult.Anonymous()
                : BotAuthenticationResult.Unauthorized("token validation not wired yet"));
    }
}
