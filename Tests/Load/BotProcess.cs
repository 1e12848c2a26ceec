using System.Diagnostics;
using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>
/// The real bot (<c>dotnet ConcertationBot.Bot.dll</c>) as a child process on a free loopback port, unauthenticated
/// (no MicrosoftAppId), its output in a log file. Samples its resident memory every 100 ms.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ChildLog _log;
    private readonly CancellationTokenSource _stopSampling = new();
    private readonly Task _sampling;
    private long _peakRssKb;

    private BotProcess(Process process, ChildLog log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        _sampling = SampleAsync(_stopSampling.Token);
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public string LogPath => _log.LogPath;

    /// <summary>The highest VmRSS sampled so far and the kernel's VmHWM, in kB (0 when /proc is not readable).</summary>
    public (long SampledPeakKb, long HighWaterMarkKb) Memory()
    {
        var status = ReadStatus(_process.Id);
        return (Interlocked.Read(ref _peakRssKb), status.HighWaterMarkKb);
    }

    public static async Task<BotProcess> StartAsync(
        string botAssembly,
        string storageConnectionString,
        string hashKey,
        string coordinatorAadObjectId,
        string logDirectory,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(botAssembly))
        {
            throw new InvalidOperationException($"The bot is not built at {botAssembly}: run 'dotnet build Bot -c Release'.");
        }

        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(botAssembly)!,
        };
        info.ArgumentList.Add(botAssembly);
        info.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["MicrosoftAppId"] = string.Empty;
        info.Environment["Storage__ConnectionString"] = storageConnectionString;
        info.Environment["Concertation__HashKey"] = hashKey;
        info.Environment["Concertation__Coordinators__0"] = coordinatorAadObjectId;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

        var log = new ChildLog(Path.Combine(logDirectory, "load-bot.log"));
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the bot.");
        log.Attach(process);
        var bot = new BotProcess(process, log, baseAddress);
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                var tail = log.Tail();
                await bot.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"The bot exited during start-up (see {log.LogPath}):{Environment.NewLine}{tail}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return bot;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // This probe timed out; try again.
            }

            if (DateTime.UtcNow > deadline)
            {
                await bot.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"The bot did not answer /healthz within 90 s (see {log.LogPath}).");
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopSampling.CancelAsync().ConfigureAwait(false);
        try
        {
            await _sampling.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Sampling stops by cancellation.
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        _process.Dispose();
        _log.Dispose();
        _stopSampling.Dispose();
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            var rss = ReadStatus(_process.Id).RssKb;
            if (rss > Interlocked.Read(ref _peakRssKb))
            {
                Interlocked.Exchange(ref _peakRssKb, rss);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>VmRSS and VmHWM of a process from <c>/proc/{pid}/status</c>, in kB; zeros when it cannot be read.</summary>
    private static (long RssKb, long HighWaterMarkKb) ReadStatus(int processId)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status");
        }
        catch (IOException)
        {
            return (0, 0);
        }
        catch (UnauthorizedAccessException)
        {
            return (0, 0);
        }

        return (Field(lines, "VmRSS:"), Field(lines, "VmHWM:"));

        static long Field(string[] lines, string name)
        {
            var line = lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
            if (line is null)
            {
                return 0;
            }

            var parts = line[name.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
        }
    }
}
