using System.Globalization;
using System.Text;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Dashboard;

namespace ConcertationBot.Bot.Dashboard;

/// <summary>
/// <c>GET /dashboard/tab?view=channel|personal|config</c>: the shell the Teams tabs load. Without script, or outside
/// Teams, it only says how to open the dashboard (French then English) and holds no data; inside Teams its script
/// (<c>tab.js</c>, with <c>@microsoft/teams-js</c>) asks the bot for a grant with the SSO token and opens the dashboard,
/// lists the user's tables, or saves the channel tab's configuration.
/// </summary>
public static partial class DashboardTabPage
{
    /// <summary>The views the manifest's URLs name; anything else is the channel view.</summary>
    public static readonly IReadOnlyList<string> Views = ["channel", "personal", "config"];

    /// <summary>The page. <paramref name="assetsPath"/> is the dashboard's assets (stylesheet), <paramref name="tabAssetsPath"/> the tab's scripts, both relative to the page.</summary>
    public static string Render(string view, string assetsPath, string tabAssetsPath)
    {
        view = Views.Contains(view) ? view : Views[0];
        var html = new StringBuilder();
        html.Append(DashboardPage.Head(
            "fr",
            Title.For(Language.French) + " · " + Title.For(Language.English),
            assetsPath,
            tabAssetsPath + DashboardAssets.TeamsJsFile,
            tabAssetsPath + DashboardAssets.TabScriptFile));
        html.Append(CultureInfo.InvariantCulture, $"""
            <body>
            <main id="tab" data-view="{E(view)}">

            """);
        foreach (var language in (Language[])[Language.French, Language.English])
        {
            var code = Languages.ToCode(language);
            html.Append(CultureInfo.InvariantCulture, $"<article class=\"howto\" lang=\"{code}\">\n<h1>{E(Title.For(language))}</h1>\n<p>{E(HowTo.For(language))}</p>\n</article>\n");
        }

        html.Append("<p id=\"status\" role=\"status\" hidden></p>\n<section id=\"tables\" hidden>\n<h1 data-text=\"tablesHeading\"></h1>\n<ul id=\"table-list\"></ul>\n</section>\n");
        html.Append("<div id=\"texts\" hidden>\n");
        foreach (var (key, text) in Texts())
        {
            html.Append(CultureInfo.InvariantCulture, $"<span data-key=\"{key}\" lang=\"fr\">{E(text.For(Language.French))}</span><span data-key=\"{key}\" lang=\"en\">{E(text.For(Language.English))}</span>\n");
        }

        return html.Append("</div>\n</main>\n</body>\n</html>\n").ToString();
    }

    private static IEnumerable<(string Key, Localized Text)> Texts() =>
    [
        ("title", Title), ("loading", Loading), ("forbidden", Forbidden), ("unknown", Unknown), ("failed", Failed),
        ("tablesHeading", TablesHeading), ("noTables", NoTables), ("truncated", Truncated), ("unnamed", Unnamed),
        ("configReady", ConfigReady),
    ];

    private static string E(string text) => DashboardPage.E(text);
}
