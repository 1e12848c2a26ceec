using System.Diagnostics;
using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>A private <c>azurite-table --inMemoryPersistence</c> on a free loopback port, killed on dispose.</summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly ChildLog _log;

    private AzuriteProcess(Process process, ChildLog log, string connectionString)
    {
        _process = process;
        _log = log;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, string logDirectory, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run 'npm ci' in {repositoryRoot}.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var info = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture), "--inMemoryPersistence", "--disableTelemetry", "--silent" })
            {
                info.ArgumentList.Add(argument);
            }

            var log = new ChildLog(Path.Combine(logDirectory, "load-azurite.log"));
            var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Azurite.");
            log.Attach(process);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                if (await FreePort.AcceptsAsync(port, cancellationToken).ConfigureAwait(false))
                {
                    var endpoint = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{AccountName}";
                    return new AzuriteProcess(process, log, $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={endpoint}");
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            Stop(process);
            var tail = log.Tail();
            log.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException("Azurite did not start: " + tail);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop(_process);
        _log.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
    }
}
