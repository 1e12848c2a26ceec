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
    public static readonly string ContentSecurityPolicy = Policy(connectSource: "'none'", frameAncestors: "'none'");

    /// <summary>
    /// <c>GET /dashboard?grant=…</c> (the page), <c>GET /dashboard/assets/{file}</c> (its files), and the <c>/privacy</c>
    /// and <c>/terms</c> pages, which share its stylesheet and headers.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + DashboardLinks.PagePath, async (HttpContext http, DashboardPages pages, DashboardLinks links, CancellationToken cancellationToken) =>
        {
            var grant = links.Verify(http.Request.Query[DashboardLinks.GrantParameter].ToString());
            // A grant made for a Teams tab opens a page Teams may frame; any other (the 24 h link) is never framed.
            if (grant is { InTab: true })
            {
                SecureForTeams(http.Response, FramedPagePolicy);
            }
            else
            {
                Secure(http.Response);
            }

            http.Response.Headers.CacheControl = "no-store";
            return await pages.PageAsync(grant, cancellationToken).ConfigureAwait(false);
        });
        MapTabs(endpoints);
        endpoints.MapGet("/" + DashboardPages.AssetsPath + "{file}", (string file, HttpResponse response, DashboardAssets assets) => Asset(response, assets.Find(file)));
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

    /// <summary>
    /// The hosts that may frame a tab (Teams, and Microsoft 365 and Outlook, which run Teams tabs), as the Teams tab
    /// requirements list them for <c>frame-ancestors</c>.
    /// </summary>
    public const string TeamsFrameAncestors =
        "https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.microsoft365.com "
        + "https://*.office.com https://outlook.office365.com";

    /// <summary>The dashboard page opened from a tab: <see cref="ContentSecurityPolicy"/>, framed by Teams' hosts only.</summary>
    public static readonly string FramedPagePolicy = Policy(connectSource: "'none'", frameAncestors: TeamsFrameAncestors);

    /// <summary>
    /// The tab shell: its scripts from this origin, its two calls to this origin (<c>connect-src 'self'</c>), framed by
    /// Teams' hosts only. The Teams library's optional fetch of its valid-domains list from Microsoft's CDN is refused,
    /// so it uses the list it bundles.
    /// </summary>
    public static readonly string TabPagePolicy = Policy(connectSource: "'self'", frameAncestors: TeamsFrameAncestors);

    /// <summary>The tab shell (<c>GET /dashboard/tab?view=channel|personal|config</c>), relative to the bot's base address.</summary>
    public const string TabPath = DashboardLinks.PagePath + "/tab";

    private static void MapTabs(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + TabPath, (HttpRequest request, HttpResponse response) =>
        {
            SecureForTeams(response, TabPagePolicy);
            response.Headers.CacheControl = "no-store";
            return Results.Content(
                DashboardTabPage.Render(request.Query["view"].ToString(), "assets/", "tab/assets/"),
                "text/html; charset=utf-8");
        });
        endpoints.MapGet("/" + TabPath + "/assets/{file}", (string file, HttpResponse response, DashboardAssets assets) => Asset(response, assets.FindTab(file)));
        endpoints.MapPost("/" + TabPath + "/grant", async (HttpRequest request, HttpResponse response, DashboardTabs tabs, CancellationToken cancellationToken) =>
        {
            Secure(response);
            response.Headers.CacheControl = "no-store";
            return await tabs.GrantAsync(request, cancellationToken).ConfigureAwait(false);
        });
        endpoints.MapPost("/" + TabPath + "/tables", async (HttpRequest request, HttpResponse response, DashboardTabs tabs, CancellationToken cancellationToken) =>
        {
            Secure(response);
            response.Headers.CacheControl = "no-store";
            return await tabs.TablesAsync(request, cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>One of <see cref="DashboardAssets"/>' files, cached an hour, never framed; 404 for a name it does not serve.</summary>
    private static IResult Asset(HttpResponse response, (byte[] Bytes, string ContentType)? found)
    {
        Secure(response);
        if (found is not { } file)
        {
            return Results.NotFound();
        }

        response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(file.Bytes, file.ContentType);
    }

    /// <summary>The privacy page (<c>GET /privacy</c>), in French then English.</summary>
    public const string PrivacyPath = "privacy";

    /// <summary>The terms of use (<c>GET /terms</c>), in French then English.</summary>
    public const string TermsPath = "terms";

    /// <summary>
    /// The one policy every page gets: files from this origin only, no inline script or style, no base or form; only
    /// where it may connect and who may frame it differ.
    /// </summary>
    private static string Policy(string connectSource, string frameAncestors) =>
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src " + connectSource + "; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors " + frameAncestors;

    /// <summary><see cref="ContentSecurityPolicy"/> and never framed, by anyone (X-Frame-Options for browsers without frame-ancestors).</summary>
    private static void Secure(HttpResponse response)
    {
        SecureForTeams(response, ContentSecurityPolicy);
        response.Headers.XFrameOptions = "DENY";
    }

    /// <summary>The headers every page gets, with <paramref name="policy"/>; no X-Frame-Options, so Teams' hosts may frame it when the policy lets them (X-Frame-Options cannot name several origins).</summary>
    private static void SecureForTeams(HttpResponse response, string policy)
    {
        response.Headers.ContentSecurityPolicy = policy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
