namespace ConcertationBot.Tests.Dialogs.Export;

/// <summary>
/// Byte-for-byte comparison with an approved file (in <c>Tests/Dialogs/Export/Golden</c> unless a folder of the
/// repository is given). On a difference the output is
/// written next to it as <c>.received.md</c>: review it and, when right, replace the approved file with it (the Verify
/// workflow).
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string fileName, string markdown) =>
        AssertMatches(["Tests", "Dialogs", "Export", "Golden"], fileName, markdown);

    public static void AssertMatches(string[] folder, string fileName, string markdown)
    {
        var approvedPath = RepositoryPaths.Combine([.. folder, fileName]);
        var receivedPath = Path.ChangeExtension(approvedPath, ".received.md");
        var actual = Encoding.UTF8.GetBytes(markdown);
        var approved = File.Exists(approvedPath) ? File.ReadAllBytes(approvedPath) : [];
        if (approved.AsSpan().SequenceEqual(actual))
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllBytes(receivedPath, actual);
        Assert.Fail(FirstDifference(approvedPath, approved, actual) + $"\nReceived output written to {receivedPath}; if it is right, move it over the approved file.");
    }

    private static string FirstDifference(string path, byte[] approved, byte[] actual)
    {
        var expectedLines = Encoding.UTF8.GetString(approved).Split('\n');
        var actualLines = Encoding.UTF8.GetString(actual).Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"{Path.GetFileName(path)} differs at line {i + 1}:\n- {e}\n+ {a}";
            }
        }

        return $"{Path.GetFileName(path)} differs in its bytes only ({approved.Length} approved, {actual.Length} received).";
    }
}
