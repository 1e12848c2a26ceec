using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Hosting;

public static class BotEndpoints
{
    /// <summary>Maps <c>/api/messages</c> and the health probes.</summary>
    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        endpoints.MapTableReadiness();
        return endpoints;
    }
}
