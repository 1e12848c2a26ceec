using System.Text.RegularExpressions;

namespace ConcertationBot.Tests.Bot;

/// <summary>
/// The arrows between the folders of <c>Bot/</c>, read from each file's <c>namespace</c> and <c>using</c> lines
/// (docs/architecture.md): no cycle between folders, and no core folder uses a feature folder.
/// </summary>
internal static partial class FolderGraph
{
    /// <summary>The framework core: it knows nothing of concertation.</summary>
    public static readonly IReadOnlySet<string> Core = new HashSet<string>(StringComparer.Ordinal)
    {
        "Protocol", "Connector", "Authentication", "Hosting", "Routing", "Storage", "Telemetry",
    };

    /// <summary>One source file: the folder under <c>Bot/</c> it lives in ("" at the root) and its text.</summary>
    public sealed record SourceFile(string Path, string Folder, string Text);

    /// <summary>Every <c>.cs</c> file below <paramref name="botDirectory"/>, build output left out.</summary>
    public static IReadOnlyList<SourceFile> Read(string botDirectory)
    {
        var files = new List<SourceFile>();
        foreach (var path in Directory.EnumerateFiles(botDirectory, "*.cs", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(botDirectory, path).Replace('\\', '/');
            var segments = relative.Split('/');
            if (segments[0] is "bin" or "obj")
            {
                continue;
            }

            files.Add(new SourceFile(relative, segments.Length > 1 ? segments[0] : string.Empty, File.ReadAllText(path)));
        }

        return files;
    }

    /// <summary>The folder-to-folder arrows: folder A uses a namespace of folder B (A != B).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Edges(IEnumerable<SourceFile> files)
    {
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var from = file.Folder.Length > 0 ? file.Folder : "(root)";
            var targets = edges.TryGetValue(from, out var set) ? set : edges[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match match in UsingLine().Matches(file.Text))
            {
                var to = match.Groups["folder"].Value;
                if (!string.Equals(to, from, StringComparison.Ordinal))
                {
                    targets.Add(to);
                }
            }
        }

        return edges.ToDictionary(e => e.Key, e => (IReadOnlySet<string>)e.Value, StringComparer.Ordinal);
    }

    /// <summary>What breaks the rule, one line each; empty when the graph is clean.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<SourceFile> files, IReadOnlySet<string> core)
    {
        var list = files.ToList();
        var problems = new List<string>();
        foreach (var file in list)
        {
            var declared = NamespaceLine().Match(file.Text);
            if (file.Folder.Length > 0 && (!declared.Success || !string.Equals(declared.Groups["folder"].Value, file.Folder, StringComparison.Ordinal)))
            {
                problems.Add($"{file.Path}: namespace does not match its folder {file.Folder}");
            }
        }

        var edges = Edges(list);
        foreach (var (from, targets) in edges.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!core.Contains(from))
            {
                continue;
            }

            foreach (var to in targets.Where(t => !core.Contains(t)).Order(StringComparer.Ordinal))
            {
                problems.Add($"core folder {from} uses feature folder {to}");
            }
        }

        problems.AddRange(Cycles(edges).Select(cycle => "cycle: " + string.Join(" -> ", cycle)));
        return problems;
    }

    /// <summary>One cycle per strongly connected group of two or more folders, as a path that comes back to its start.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, IReadOnlySet<string>> edges)
    {
        var cycles = new List<IReadOnlyList<string>>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (reported.Contains(start) || FindPath(edges, start, start) is not { } path)
            {
                continue;
            }

            cycles.Add(path);
            reported.UnionWith(path);
        }

        return cycles;
    }

    /// <summary>A shortest path of one arrow or more from <paramref name="from"/> to <paramref name="to"/>, or null.</summary>
    private static List<string>? FindPath(IReadOnlyDictionary<string, IReadOnlySet<string>> edges, string from, string to)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in edges.TryGetValue(node, out var targets) ? targets.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                if (string.Equals(next, to, StringComparison.Ordinal))
                {
                    var path = new List<string> { to };
                    for (var at = node; !string.Equals(at, from, StringComparison.Ordinal); at = previous[at])
                    {
                        path.Add(at);
                    }

                    path.Add(from);
                    path.Reverse();
                    return path;
                }

                if (previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?ConcertationBot\.Bot\.(?<folder>\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"^\s*namespace\s+ConcertationBot\.Bot\.(?<folder>\w+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();
}
