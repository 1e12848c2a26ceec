using ConcertationBot.Bot.Conversations;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Hosting;

public static class BotEndpoints
{
    /// <summary>Maps <c>POST /api/messages</c> (other verbs get 405 from routing), the liveness and the readiness probes.</summary>
    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", (HttpContext http, BotAdapter adapter, CancellationToken cancellationToken) =>
            adapter.ProcessAsync(http, cancellationToken));
        endpoints.MapGet("/exports/{token}/{file}", (string token, string file, PulseExport export, CancellationToken cancellationToken) =>
            export.DownloadAsync(token, file, cancellationToken));
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapTableReadiness();
        return endpoints;
    }
}
