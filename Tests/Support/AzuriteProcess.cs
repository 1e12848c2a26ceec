using System.Diagnostics;
using System.Globalization;

namespace ConcertationBot.Tests.Support;

/// <summary>
/// A private <c>azurite-table</c> on a free loopback port, killed on dispose: in memory, or persisted under a directory
/// (<c>--location</c>) so that it can be stopped gracefully and restarted on the same port with its data. It can also be
/// frozen (SIGSTOP) and thawed (SIGCONT), which keeps connections open but unanswered. The xunit tests start it through
/// their <c>AzuriteFixture</c>, the load tool directly.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ProcessStartInfo _info;
    private readonly ChildLog _log;
    private readonly int _port;
    private Process _process;

    private AzuriteProcess(Process process, ProcessStartInfo info, ChildLog log, int port)
    {
        _process = process;
        _info = info;
        _log = log;
        _port = port;
        TableEndpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{AccountName}");
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint}";
    }

    /// <summary>Connection string with account name, key and explicit table endpoint.</summary>
    public string ConnectionString { get; }

    public Uri TableEndpoint { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts Azurite in memory, or persisted under <paramref name="location"/> when one is given; its output goes to
    /// <c>load-azurite.log</c> in <paramref name="logDirectory"/>, or is only kept for the error message when that is null.
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, string? logDirectory, string? location, CancellationToken cancellationToken)
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
            var persistence = location is null ? new[] { "--inMemoryPersistence" } : ["--location", location];
            foreach (var argument in new[] { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture) }.Concat(persistence).Concat(["--disableTelemetry", "--silent"]))
            {
                info.ArgumentList.Add(argument);
            }

            var log = new ChildLog(logDirectory is null ? null : Path.Combine(logDirectory, "load-azurite.log"));
            var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Azurite.");
            log.Attach(process);
            if (await WaitListeningAsync(process, port, cancellationToken).ConfigureAwait(false))
            {
                return new AzuriteProcess(process, info, log, port);
            }

            Kill(process);
            process.Dispose();
            var tail = log.Tail();
            log.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException("Azurite did not start: " + tail);
            }
        }
    }

    /// <summary>
    /// Stops Azurite the graceful way (SIGINT: it closes its server and saves its LokiJS database); SIGKILL only if it has
    /// not exited after <paramref name="grace"/>. Returns whether it exited by itself.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            return true;
        }

        await ProcessSignals.SendAsync(_process.Id, "INT", cancellationToken).ConfigureAwait(false);
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(grace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            Kill(_process);
            return false;
        }
    }

    /// <summary>Starts Azurite again on the same port and location, and waits until it accepts connections.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException("Azurite is still running.");
        }

        _process.Dispose();
        _process = Process.Start(_info) ?? throw new InvalidOperationException("Could not restart Azurite.");
        _log.Attach(_process);
        if (!await WaitListeningAsync(_process, _port, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("Azurite did not restart: " + _log.Tail());
        }
    }

    /// <summary>SIGSTOP: the port stays open, the kernel still accepts connections, nothing is answered.</summary>
    public Task FreezeAsync(CancellationToken cancellationToken) => ProcessSignals.SendAsync(_process.Id, "STOP", cancellationToken);

    /// <summary>SIGCONT after <see cref="FreezeAsync"/>.</summary>
    public Task ThawAsync(CancellationToken cancellationToken) => ProcessSignals.SendAsync(_process.Id, "CONT", cancellationToken);

    public ValueTask DisposeAsync()
    {
        Kill(_process);
        _process.Dispose();
        _log.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<bool> WaitListeningAsync(Process process, int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (await FreePort.AcceptsAsync(port, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }
}
