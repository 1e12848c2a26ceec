using System.Collections.Frozen;
using System.Reflection;

namespace ConcertationBot.Bot.Dashboard;

/// <summary>
/// The dashboard's and the tabs' own files, served by the bot from its own origin, all embedded in the assembly at
/// build time. The page's (<see cref="Find"/>, under <c>/dashboard/assets/</c>): <c>dashboard.css</c>,
/// <c>dashboard.js</c>, <c>favicon.svg</c> (browsers ask for an icon), from <c>Bot/Dashboard/assets/</c>, and Chart.js's
/// UMD bundle (<c>chart.umd.js</c>) from <c>node_modules/chart.js</c>. The tab shell's (<see cref="FindTab"/>, under
/// <c>/dashboard/tab/assets/</c>): our <c>tab.js</c> and the Teams JavaScript library's UMD bundle
/// (<c>MicrosoftTeams.min.js</c>) from <c>node_modules/@microsoft/teams-js</c>. Both libraries are pinned in
/// <c>package.json</c>; <c>scripts/test</c> and <c>scripts/run</c> run <c>npm ci</c> before they build. A build made
/// without <c>node_modules</c> has neither: the page then shows its tables without charts, the tabs only say how to
/// open the dashboard, and the bot says so once at start.
/// </summary>
public sealed partial class DashboardAssets
{
    public const string ChartFile = "chart.umd.js";
    public const string TeamsJsFile = "MicrosoftTeams.min.js";
    public const string TabScriptFile = "tab.js";

    private const string Script = "text/javascript; charset=utf-8";

    private static readonly FrozenDictionary<string, string> PageTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["dashboard.js"] = Script,
        [ChartFile] = Script,
        ["favicon.svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> TabTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TeamsJsFile] = Script,
        [TabScriptFile] = Script,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, byte[]> _page;
    private readonly FrozenDictionary<string, byte[]> _tab;

    public DashboardAssets(ILogger<DashboardAssets> logger)
    {
        _page = Load(PageTypes.Keys, ChartFile, () => LogChartMissing(logger));
        _tab = Load(TabTypes.Keys, TeamsJsFile, () => LogTeamsJsMissing(logger));
    }

    /// <summary>The page's file and its content type; null for any other name (only these are ever served).</summary>
    public (byte[] Bytes, string ContentType)? Find(string name) =>
        _page.TryGetValue(name, out var bytes) ? (bytes, PageTypes[name]) : null;

    /// <summary>The tab shell's script and its content type; null for any other name or a Teams library that was not embedded.</summary>
    public (byte[] Bytes, string ContentType)? FindTab(string name) =>
        _tab.TryGetValue(name, out var bytes) ? (bytes, TabTypes[name]) : null;

    /// <summary>The embedded <paramref name="names"/>; only <paramref name="optional"/> may be missing (then <paramref name="warn"/>).</summary>
    private static FrozenDictionary<string, byte[]> Load(IEnumerable<string> names, string optional, Action warn)
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (Read(assembly, name) is { } bytes)
            {
                files[name] = bytes;
            }
            else if (name == optional)
            {
                warn();
            }
            else
            {
                throw new InvalidOperationException($"The embedded dashboard file {name} is missing from {assembly.GetName().Name}.");
            }
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[]? Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream("ConcertationBot.Bot.Dashboard.assets." + name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chart.js was not embedded (no node_modules/chart.js at build time: run npm ci, then build): the dashboard shows its tables without charts")]
    private static partial void LogChartMissing(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "@microsoft/teams-js was not embedded (no node_modules/@microsoft/teams-js at build time: run npm ci, then build): the Teams tabs only say how to open the dashboard")]
    private static partial void LogTeamsJsMissing(ILogger logger);
}
