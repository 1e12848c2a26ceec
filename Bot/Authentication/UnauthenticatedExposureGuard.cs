using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Authentication;

/// <summary>
/// Refuses to start a host that would accept unauthenticated activities from the network: with
/// <c>MicrosoftAppId</c> empty and <c>Bot:AllowUnauthenticated</c> false, every listening address must be loopback.
/// Runs once the server is listening, so the addresses are the real ones (port 0 resolved, wildcards kept).
/// A server without addresses (an in-process test server) passes.
/// </summary>
internal sealed class UnauthenticatedExposureGuard(
    IOptions<BotFrameworkOptions> appOptions,
    IOptions<BotHostOptions> hostOptions,
    IServiceProvider services,
    ILogger<UnauthenticatedExposureGuard> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!appOptions.Value.IsAuthenticationDisabled)
        {
            return Task.CompletedTask;
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (hostOptions.Value.AllowUnauthenticated)
        {
            if (addresses.Count > 0)
            {
                BotAuthenticationLog.UnauthenticatedAllowed(logger, string.Join(", ", addresses));
            }

            return Task.CompletedTask;
        }

        var exposed = addresses.Where(address => !LoopbackAddress.IsLoopbackBinding(address)).ToList();
        if (exposed.Count == 0)
        {
            return Task.CompletedTask;
        }

        var explanation =
            $"Refusing to start: MicrosoftAppId is empty, so inbound activities are not authenticated, and the server listens on " +
            $"non-loopback address(es) {string.Join(", ", exposed)}. Fix one of: set MicrosoftAppId (with MicrosoftAppPassword) to the " +
            $"Azure Bot registration; or listen on loopback only, e.g. ASPNETCORE_URLS=http://127.0.0.1:3978; or, for a deliberately " +
            $"open test host, set Bot:AllowUnauthenticated=true (environment variable Bot__AllowUnauthenticated=true).";
        BotAuthenticationLog.UnauthenticatedExposure(logger, explanation);
        throw new InvalidOperationException(explanation);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
