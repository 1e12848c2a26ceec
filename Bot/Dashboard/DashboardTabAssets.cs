using System.Collections.Frozen;

namespace ConcertationBot.Bot.Dashboard;

/// <summary>
/// The tab shell's scripts, served by the bot from its own origin under <c>/dashboard/tab/assets/</c>: our
/// <c>tab.js</c> (from <c>Bot/Dashboard/assets/</c>) and the Teams JavaScript library's UMD bundle
/// (<c>MicrosoftTeams.min.js</c>, from <c>node_modules/@microsoft/teams-js</c>, pinned in <c>package.json</c>). Both are
/// embedded at build time. A build made without <c>node_modules</c> has no Teams library: the tab then only says how
/// to open the dashboard, and the bot says so once at start.
/// </summary>
public sealed partial class DashboardTabAssets
{
    public const string TeamsJsFile = "MicrosoftTeams.min.js";
    public const string TabScriptFile = "tab.js";

    private readonly FrozenDictionary<string, byte[]> _files;

    public DashboardTabAssets(ILogger<DashboardTabAssets> logger)
    {
        var assembly = typeof(DashboardTabAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in (string[])[TeamsJsFile, TabScriptFile])
        {
            using var stream = assembly.GetManifestResourceStream("ConcertationBot.Bot.Dashboard.assets." + name);
            if (stream is null)
            {
                if (name == TeamsJsFile)
                {
                    LogTeamsJsMissing(logger);
                    continue;
                }

                throw new InvalidOperationException($"The embedded tab file {name} is missing from {assembly.GetName().Name}.");
            }

            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = copy.ToArray();
        }

        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The script's bytes; null for any other name or a Teams library that was not embedded.</summary>
    public byte[]? Find(string name) => _files.GetValueOrDefault(name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "@microsoft/teams-js was not embedded (no node_modules/@microsoft/teams-js at build time: run npm ci, then build): the Teams tabs only say how to open the dashboard")]
    private static partial void LogTeamsJsMissing(ILogger logger);
}
