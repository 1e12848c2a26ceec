using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Dialogs.Dashboard;

namespace ConcertationBot.Bot.Dashboard;

public static class DashboardEndpoints
{
    /// <summary>
    /// Only this origin's files, no inline script or style, nothing framed, no form, no connection: the page draws its
    /// charts from its own tables.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'none'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// <c>GET /dashboard?grant=…</c> (the page), <c>GET /dashboard/assets/{file}</c> (its files), and the <c>/privacy</c>
    /// and <c>/terms</c> pages, which share its stylesheet and headers.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + DashboardLinks.PagePath, async (HttpContext http, DashboardPages pages, CancellationToken cancellationToken) =>
        {
            Secure(http.Response);
            http.Response.Headers.CacheControl = "no-store";
            return await pages.PageAsync(http.Request.Query[DashboardLinks.GrantParameter].ToString(), cancellationToken).ConfigureAwait(false);
        });
        endpoints.MapGet("/" + DashboardPages.AssetsPath + "{file}", (string file, HttpResponse response, DashboardAssets assets) =>
        {
            Secure(response);
            if (assets.Find(file) is not { } found)
            {
                return Results.NotFound();
            }

            response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(found.Bytes, found.ContentType);
        });
        // The pages the Teams manifest's privacyUrl and termsOfUseUrl point to, with the k and retention the bot runs with.
        endpoints.MapGet("/" + PrivacyPath, (HttpResponse response, IOptions<ConcertationOptions> options) =>
        {
            Secure(response);
            return Results.Content(LegalPage.Privacy(DashboardPages.AssetsPath, options.Value.MinimumGroupSize, options.Value.RetentionDays), "text/html; charset=utf-8");
        });
        endpoints.MapGet("/" + TermsPath, (HttpResponse response, IOptions<ConcertationOptions> options) =>
        {
            Secure(response);
            return Results.Content(LegalPage.Terms(DashboardPages.AssetsPath, options.Value.MinimumGroupSize, PrivacyPath), "text/html; charset=utf-8");
        });
        return endpoints;
    }

    /// <summary>The privacy page (<c>GET /privacy</c>), in French then English.</summary>
    public const string PrivacyPath = "privacy";

    /// <summary>The terms of use (<c>GET /terms</c>), in French then English.</summary>
    public const string TermsPath = "terms";

    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
    }
}
