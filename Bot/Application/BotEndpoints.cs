using ConcertationBot.Bot.Dashboard;
using ConcertationBot.Bot.Exports;
using ConcertationBot.Bot.Hosting;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Application;

public static class BotEndpoints
{
    /// <summary>
    /// Maps <c>POST /api/messages</c> (other verbs get 405 from routing), the export downloads, the dashboard, the liveness and the
    /// readiness probes.
    /// </summary>
    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", (HttpContext http, BotAdapter adapter, CancellationToken cancellationToken) =>
            adapter.ProcessAsync(http, cancellationToken));
        endpoints.MapGet("/exports/{file}", (string file, HttpRequest request, PulseExport export, CancellationToken cancellationToken) =>
            export.DownloadAsync(request.Query[ExportLinks.GrantParameter].ToString(), file, cancellationToken));

        // The earlier link form, with the grant in the path: links already posted in channels work for their 24 h.
        endpoints.MapGet("/exports/{token}/{file}", (string token, string file, PulseExport export, CancellationToken cancellationToken) =>
            export.DownloadAsync(token, file, cancellationToken));
        endpoints.MapDashboard();
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapTableReadiness();
        return endpoints;
    }
}
