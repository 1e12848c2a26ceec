using System.Collections.Frozen;
using System.Reflection;

namespace ConcertationBot.Bot.Dashboard;

/// <summary>
/// The page's own files, served by the bot from its own origin: <c>dashboard.css</c>, <c>dashboard.js</c>,
/// <c>favicon.svg</c> (browsers ask for an icon) and Chart.js (<c>chart.umd.js</c>). All are embedded in the assembly at
/// build time: the page's own from
/// <c>Bot/Dashboard/assets/</c>, Chart.js's UMD bundle from <c>node_modules/chart.js</c> (pinned in
/// <c>package.json</c>; <c>scripts/test</c> and <c>scripts/run</c> run <c>npm ci</c> before they build). A build made
/// without <c>node_modules</c> has no Chart.js: the page then shows its tables without charts, and the bot says so
/// once at start.
/// </summary>
public sealed partial class DashboardAssets
{
    public const string ChartFile = "chart.umd.js";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        [ChartFile] = "text/javascript; charset=utf-8",
        ["favicon.svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, byte[]> _files;

    public DashboardAssets(ILogger<DashboardAssets> logger)
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in ContentTypes.Keys)
        {
            if (Read(assembly, name) is { } bytes)
            {
                files[name] = bytes;
            }
            else if (name == ChartFile)
            {
                LogChartMissing(logger);
            }
            else
            {
                throw new InvalidOperationException($"The embedded dashboard file {name} is missing from {assembly.GetName().Name}.");
            }
        }

        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The file and its content type; null for any other name (only these are ever served).</summary>
    public (byte[] Bytes, string ContentType)? Find(string name) =>
        _files.TryGetValue(name, out var bytes) ? (bytes, ContentTypes[name]) : null;

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
}
