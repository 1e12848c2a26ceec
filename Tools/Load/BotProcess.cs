using System.Diagnostics;
using System.Globalization;
using ConcertationBot.Tests.Support;

namespace ConcertationBot.Load;

/// <summary>
/// The real bot (<c>dotnet ConcertationBot.Bot.dll</c>) as a child process on a free loopback port, unauthenticated
/// (no MicrosoftAppId), its output in a log file. Samples its resident memory every 100 ms. It can be killed (SIGKILL,
/// as a crashed or evicted instance) and restarted with the same port and settings. Several can run on one storage, as
/// instances of one deployment do.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly ProcessStartInfo _info;
    private readonly ChildLog _log;
    private readonly CancellationTokenSource _stopSampling = new();
    private readonly Task _sampling;
    private Process _process;
    private int _processId;
    private long _peakRssKb;
    private long _windowPeakRssKb;
    private long _startedAt;

    private BotProcess(Process process, ProcessStartInfo info, ChildLog log, Uri baseAddress)
    {
        _process = process;
        _processId = process.Id;
        _info = info;
        _log = log;
        BaseAddress = baseAddress;
        _sampling = SampleAsync(_stopSampling.Token);
    }

    public Uri BaseAddress { get; }

    /// <summary>The <see cref="Stopwatch"/> timestamp taken just before the current process was started.</summary>
    public long StartedAt => Interlocked.Read(ref _startedAt);

    /// <summary>From <see cref="StartedAt"/> to the first <c>/healthz</c> answered 200 (probes every 50 ms).</summary>
    public TimeSpan StartToHealthy { get; private set; }

    public int ProcessId => Volatile.Read(ref _processId);

    /// <summary>Whether the current instance is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    public string LogPath => _log.LogPath ?? string.Empty;

    /// <summary>The highest VmRSS sampled so far and the kernel's VmHWM, in kB (0 when /proc is not readable).</summary>
    public (long SampledPeakKb, long HighWaterMarkKb) Memory()
    {
        var status = ReadStatus(ProcessId);
        return (Interlocked.Read(ref _peakRssKb), status.HighWaterMarkKb);
    }

    /// <summary>
    /// Starts a window of memory watching: returns the current VmRSS (kB) and restarts the window's peak from it. The
    /// sampler (every 100 ms) raises the window's peak as it raises the overall one; see <see cref="EndWindow"/>.
    /// </summary>
    public long BeginWindow()
    {
        var rss = ReadStatus(ProcessId).RssKb;
        Interlocked.Exchange(ref _windowPeakRssKb, rss);
        return rss;
    }

    /// <summary>The highest VmRSS (kB) since <see cref="BeginWindow"/>, a last reading included.</summary>
    public long EndWindow()
    {
        var rss = ReadStatus(ProcessId).RssKb;
        return Math.Max(Interlocked.Read(ref _windowPeakRssKb), rss);
    }

    public static async Task<BotProcess> StartAsync(
        string botAssembly,
        string storageConnectionString,
        string hashKey,
        string coordinatorAadObjectId,
        string logDirectory,
        BotInstanceSettings instance,
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
        foreach (var (key, value) in instance.Configuration)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var log = new ChildLog(Path.Combine(logDirectory, instance.LogName));
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the bot.");
        log.Attach(process);
        var bot = new BotProcess(process, info, log, baseAddress) { _startedAt = startedAt };
        try
        {
            await bot.WaitHealthyAsync(cancellationToken).ConfigureAwait(false);
            return bot;
        }
        catch (InvalidOperationException)
        {
            await bot.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush of pending card updates, open requests cut.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the bot again after <see cref="KillAsync"/>: same port, same settings; waits for <c>/healthz</c>.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException("The bot is still running.");
        }

        _process.Dispose();
        Interlocked.Exchange(ref _startedAt, Stopwatch.GetTimestamp());
        _process = Process.Start(_info) ?? throw new InvalidOperationException("Could not restart the bot.");
        Volatile.Write(ref _processId, _process.Id);
        _log.Attach(_process);
        await WaitHealthyAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        var process = _process;
        var log = _log;
        var baseAddress = BaseAddress;
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited during start-up (see {log.LogPath}):{Environment.NewLine}{log.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    StartToHealthy = Stopwatch.GetElapsedTime(StartedAt);
                    return;
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
                throw new InvalidOperationException($"The bot did not answer /healthz within 90 s (see {log.LogPath}).");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
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
            var rss = ReadStatus(ProcessId).RssKb;
            if (rss > Interlocked.Read(ref _peakRssKb))
            {
                Interlocked.Exchange(ref _peakRssKb, rss);
            }

            if (rss > Interlocked.Read(ref _windowPeakRssKb))
            {
                Interlocked.Exchange(ref _windowPeakRssKb, rss);
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

/// <summary>
/// What sets one bot instance apart: its log file's name and configuration keys (<c>Section:Key</c>) laid over the
/// defaults above, e.g. <c>Concertation:DeadlineSweepInterval</c>.
/// </summary>
public sealed record BotInstanceSettings(string LogName, IReadOnlyDictionary<string, string> Configuration)
{
    /// <summary>The one bot of a run: <c>load-bot.log</c>, the shipped configuration.</summary>
    public static readonly BotInstanceSettings Default = new("load-bot.log", new Dictionary<string, string>());
}
