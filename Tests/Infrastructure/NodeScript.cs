using System.Diagnostics;

namespace ConcertationBot.Tests.Infrastructure;

/// <summary>Runs a Node script of the repository with stdin, returning stdout; fails the test on a non-zero exit.</summary>
internal static class NodeScript
{
    public static async Task<string> RunAsync(string scriptPath, string stdin, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(RepositoryPaths.Combine("node_modules")))
        {
            throw new InvalidOperationException("node_modules is missing: run ./scripts/test (it runs npm ci) or npm ci first.");
        }

        var start = new ProcessStartInfo("node", [scriptPath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {scriptPath} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}
