using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Cards;

namespace ConcertationBot.Load;

/// <summary>
/// The capture connector, the real bot started against it and a Teams channel to talk to it: a coordinator (the bot's
/// configured coordinator) and simulated voters, all in the connector's roster.
/// </summary>
internal sealed class BotUnderLoad : IAsyncDisposable
{
    /// <summary>The most members one roster page holds here (Teams serves pages of at most 500; the bot asks for 200).</summary>
    public const int RosterPageSize = 200;

    private readonly HttpClient _http;
    private readonly Func<BotInstanceSettings, CancellationToken, Task<BotProcess>> _startInstance;

    private BotUnderLoad(CaptureConnector connector, BotProcess bot, HttpClient http, TeamsChannel channel, TeamsUser coordinator, IReadOnlyList<TeamsUser> voters, string hashKey, Func<BotInstanceSettings, CancellationToken, Task<BotProcess>> startInstance)
    {
        _startInstance = startInstance;
        Connector = connector;
        Bot = bot;
        _http = http;
        Channel = channel;
        Coordinator = coordinator;
        Voters = voters;
        HashKey = hashKey;
    }

    public CaptureConnector Connector { get; }

    public BotProcess Bot { get; }

    public TeamsChannel Channel { get; }

    public TeamsUser Coordinator { get; }

    public IReadOnlyList<TeamsUser> Voters { get; }

    /// <summary>The bot's <c>Concertation:HashKey</c>, so voter keys can be computed here.</summary>
    public string HashKey { get; }

    public static async Task<BotUnderLoad> StartAsync(LoadSettings settings, string repositoryRoot, string storageConnectionString, string logDirectory, CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed);
        var coordinator = new TeamsUser("29:load-coordinator", "Coordination (charge)", NewGuid(random));
        var voters = Enumerable.Range(1, settings.Voters)
            .Select(i => new TeamsUser("29:load-voter-" + i.ToString(CultureInfo.InvariantCulture), "Votant " + i.ToString(CultureInfo.InvariantCulture), NewGuid(random)))
            .ToList();
        const string tenantId = "load-tenant";
        var roster = new[] { coordinator }.Concat(voters)
            .Select(u => new TeamsChannelAccount { Id = u.Id, Name = u.Name, AadObjectId = u.AadObjectId, TenantId = tenantId, UserRole = "user" })
            .ToList();
        var hashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var botAssembly = settings.BotAssembly ?? Path.Combine(repositoryRoot, "Bot", "bin", "Release", "net10.0", "ConcertationBot.Bot.dll");

        var connector = await CaptureConnector.StartAsync(
            new CaptureConnectorOptions { Roster = roster, MaxPageSize = RosterPageSize, CountRepliesWithTheirChannel = true },
            cancellationToken).ConfigureAwait(false);
        connector.EnforceTeamsRateLimits = true;
        BotProcess bot;
        Task<BotProcess> StartInstanceAsync(BotInstanceSettings instance, CancellationToken token) =>
            BotProcess.StartAsync(botAssembly, storageConnectionString, hashKey, coordinator.AadObjectId, logDirectory, instance, token);
        try
        {
            bot = await StartInstanceAsync(settings.BotInstance, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connector.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(settings.Concurrency * 2, 10), AutomaticDecompression = DecompressionMethods.None };
        var http = new HttpClient(handler) { BaseAddress = bot.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        var unique = Guid.NewGuid().ToString("N")[..12];
        var channel = new TeamsChannel(http, connector.ServiceUrl, tenantId, $"19:load-team-{unique}@thread.tacv2", $"19:load-{unique}@thread.tacv2");
        return new BotUnderLoad(connector, bot, http, channel, coordinator, voters, hashKey, StartInstanceAsync);
    }

    /// <summary>
    /// Another instance of the same deployment beside <see cref="Bot"/>: the same storage, hash key and coordinator, its
    /// own port, log and configuration; the caller stops it.
    /// </summary>
    public Task<BotProcess> StartInstanceAsync(BotInstanceSettings instance, CancellationToken cancellationToken) =>
        _startInstance(instance, cancellationToken);

    /// <summary>
    /// Starts a bot of its own whose roster holds at most <paramref name="shortVoters"/> voters with --short, describes
    /// it, runs <paramref name="run"/> on it (its verdict) and stops it.
    /// </summary>
    public static async Task<bool> RunOnOwnBotAsync(
        LoadSettings settings,
        int shortVoters,
        string repositoryRoot,
        string storageConnectionString,
        string logDirectory,
        TextWriter output,
        Func<LoadSettings, BotUnderLoad, Task<bool>> run,
        CancellationToken cancellationToken)
    {
        var bounded = settings.Short ? settings with { Voters = Math.Min(settings.Voters, shortVoters) } : settings;
        await using var setup = await StartAsync(bounded, repositoryRoot, storageConnectionString, logDirectory, cancellationToken).ConfigureAwait(false);
        output.WriteLine(setup.Describe());
        return await run(bounded, setup).ConfigureAwait(false);
    }

    /// <summary>The line a run prints first: the bot's process, address and log, and the connector's URL.</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"bot: pid {Bot.ProcessId} at {Bot.BaseAddress} (log {Bot.LogPath}); connector {Connector.ServiceUrl}");

    /// <summary>
    /// The coordinator types <c>pulse démarrer</c>: the answer, and the pulse card's post at the connector (null when no
    /// card with a "Répondre" action arrived within 30 s).
    /// </summary>
    public Task<(BotAnswer Open, CapturedRequest? Posted)> OpenPulseAsync(string command, CancellationToken cancellationToken) =>
        OpenPulseAsync(Channel, command, cancellationToken);

    /// <summary>The same in another channel.</summary>
    public async Task<(BotAnswer Open, CapturedRequest? Posted)> OpenPulseAsync(TeamsChannel channel, string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var openedAt = Connector.Now;
        var open = await channel.SendAsync(channel.Message(Coordinator, command), cancellationToken).ConfigureAwait(false);
        var posted = await Connector.WaitForAsync(
            r => r.ReceivedAt >= openedAt && r.IsPost && r.Succeeded && AnswerCards.FindAction(AnswerCards.Parse(r.Body), CardVerbs.PulseOpen) is not null,
            TimeSpan.FromSeconds(30),
            cancellationToken).ConfigureAwait(false);
        return (open, posted);
    }

    public string DescribeMemory()
    {
        var (sampled, highWater) = Bot.Memory();
        return string.Create(CultureInfo.InvariantCulture, $"bot peak RSS {Math.Max(sampled, highWater) / 1024.0:0.0} MB (VmRSS sampled every 100 ms: {sampled / 1024.0:0.0} MB, VmHWM: {highWater / 1024.0:0.0} MB)");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Bot.DisposeAsync().ConfigureAwait(false);
        await Connector.DisposeAsync().ConfigureAwait(false);
    }

    private static string NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString("D");
    }
}
