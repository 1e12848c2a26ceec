using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ConcertationBot.Tests.Support;

namespace ConcertationBot.Tests.Infrastructure;

/// <summary>
/// A Table endpoint for integration tests: the one in <c>STORAGE_CONNECTION_STRING</c> when set, otherwise a private
/// Azurite (<c>azurite-table --inMemoryPersistence --disableTelemetry</c>) on a free loopback port, killed on dispose.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;
    private readonly StringBuilder _output = new();

    /// <summary>Connection string with account name, key and explicit table endpoint.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public Uri TableEndpoint { get; private set; } = new("http://127.0.0.1");

    public async Task InitializeAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("STORAGE_CONNECTION_STRING");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            ConnectionString = fromEnvironment;
            var endpoint = fromEnvironment.Split(';').Select(s => s.Split('=', 2)).FirstOrDefault(p => p[0].Trim().Equals("TableEndpoint", StringComparison.OrdinalIgnoreCase));
            TableEndpoint = new Uri(endpoint?[1] ?? "http://127.0.0.1:10002/devstoreaccount1");
            return;
        }

        var root = RepositoryPaths.Root;
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}; run 'npm ci' in {root}.");
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePort.Next();
            var process = StartAzurite(azurite, port);
            if (await WaitForPortAsync(process, port, TimeSpan.FromSeconds(30)))
            {
                _process = process;
                TableEndpoint = new Uri($"http://127.0.0.1:{port}/{AccountName}");
                ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint}";
                return;
            }

            Kill(process);
        }

        throw new InvalidOperationException("Azurite did not start: " + _output);
    }

    public Task DisposeAsync()
    {
        if (_process is not null)
        {
            Kill(_process);
            _process = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>A table name no other test uses.</summary>
    public static string UniqueTableName(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..20];

    private Process StartAzurite(string azurite, int port)
    {
        var info = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence", "--disableTelemetry", "--silent" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static async Task<bool> WaitForPortAsync(Process process, int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                return false;
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
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

        process.Dispose();
    }
}
