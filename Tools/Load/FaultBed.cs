using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Votes;
using ConcertationBot.Cards;

namespace ConcertationBot.Load;

/// <summary>
/// What the fault runs share: Azurite persisted on disk (so it can be stopped and restarted with its data), the
/// connector, the bot child process and the simulated people; each fault opens its own vote in its own channel.
/// </summary>
internal sealed class FaultBed : IAsyncDisposable
{
    /// <summary>How long a simulated Teams client waits for an invoke answer before counting it unanswered.</summary>
    public static readonly TimeSpan InvokeTimeout = TimeSpan.FromSeconds(15);

    private const string TenantId = "load-tenant";

    private readonly HttpClient _http;
    private readonly string _location;
    private int _channels;

    private FaultBed(LoadSettings settings, AzuriteProcess azurite, string location, BotUnderLoad setup, HttpClient http, TextWriter output)
    {
        Settings = settings;
        Azurite = azurite;
        _location = location;
        Setup = setup;
        _http = http;
        Output = output;
        Votes = new VoteStore(new TableServiceClient(azurite.ConnectionString), TimeProvider.System);
        Pulses = new PulseStore(new TableServiceClient(azurite.ConnectionString));
        Keys = new RespondentKeys(Options.Create(new ConcertationOptions { HashKey = setup.HashKey }));
    }

    public LoadSettings Settings { get; }

    public AzuriteProcess Azurite { get; }

    public BotUnderLoad Setup { get; }

    public TextWriter Output { get; }

    /// <summary>The bot's vote store, read directly (ground truth).</summary>
    public VoteStore Votes { get; }

    /// <summary>The bot's pulse store, read directly.</summary>
    public PulseStore Pulses { get; }

    public RespondentKeys Keys { get; }

    public static async Task<FaultBed> StartAsync(LoadSettings settings, string repositoryRoot, string logDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var location = Path.Combine(Path.GetTempPath(), "concertation-faults-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(location);
        var azurite = await AzuriteProcess.StartAsync(repositoryRoot, logDirectory, location, cancellationToken).ConfigureAwait(false);
        BotUnderLoad setup;
        try
        {
            setup = await BotUnderLoad.StartAsync(settings with { BotInstance = TwoInstances.First }, repositoryRoot, azurite.ConnectionString, logDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            Directory.Delete(location, recursive: true);
            throw;
        }

        var http = Client(setup.Bot, settings.Concurrency);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage: Azurite pid {azurite.ProcessId} persisted under {location}, {azurite.ConnectionString.Split(';').Last(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal))}"));
        output.WriteLine(setup.Describe());
        return new FaultBed(settings, azurite, location, setup, http, output);
    }

    /// <summary>
    /// A second instance of the bot on the same storage and connector (the caller stops it), with a client to reach it:
    /// <see cref="OtherInstance.Same"/> delivers a channel's activities to it instead of the first instance.
    /// </summary>
    public async Task<OtherInstance> StartOtherInstanceAsync(BotInstanceSettings instance, CancellationToken cancellationToken)
    {
        var bot = await Setup.StartInstanceAsync(instance, cancellationToken).ConfigureAwait(false);
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"second bot: pid {bot.ProcessId} at {bot.BaseAddress} (log {bot.LogPath}), same storage and connector"));
        return new OtherInstance(bot, Client(bot, Settings.Concurrency));
    }

    /// <summary>A client for one bot instance, with room for the run's invokes in flight.</summary>
    private static HttpClient Client(BotProcess bot, int concurrency) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = (concurrency * 2) + 10, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = bot.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };

    /// <summary>A new channel of a new team: each fault's vote lives apart from the others.</summary>
    public TeamsChannel NewChannel()
    {
        var n = Interlocked.Increment(ref _channels).ToString(CultureInfo.InvariantCulture);
        var unique = Guid.NewGuid().ToString("N")[..8];
        return new TeamsChannel(_http, Setup.Connector.ServiceUrl, TenantId, $"19:fault-team-{n}-{unique}@thread.tacv2", $"19:fault-{n}-{unique}@thread.tacv2");
    }

    /// <summary>Sends one activity as Teams would, giving up after <see cref="InvokeTimeout"/> (status 0).</summary>
    public static async Task<BotAnswer> SendAsync(TeamsChannel channel, JsonObject activity, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InvokeTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await channel.SendAsync((JsonObject)activity.DeepClone(), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new BotAnswer(0, string.Create(CultureInfo.InvariantCulture, $"no answer within {InvokeTimeout.TotalSeconds:0} s"), Stopwatch.GetElapsedTime(started));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Setup.DisposeAsync().ConfigureAwait(false);
        await Azurite.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException ex)
        {
            Output.WriteLine($"storage: could not remove {_location}: {ex.Message}");
        }
    }
}

/// <summary>One voter's click: who, which click of theirs, the ballot, the activity sent, the answer and when it was sent.</summary>
internal sealed record FaultCast(int Voter, int Order, SimulatedBallot Ballot, JsonObject Activity, BotAnswer Answer, TimeSpan SentAt)
{
    public CastOutcome Outcome { get; } = FaultAnswers.Classify(Answer);

    /// <summary>A replay sent through the try-again card's retry action (its verb and data as the card carries them).</summary>
    public bool ViaRetryAction { get; init; }

    public TimeSpan AnsweredAt => SentAt + Answer.Latency;
}

/// <summary>A <c>vote clore</c> sent: when (connector time) and what the coordinator got back.</summary>
internal sealed record VoteClose(DateTimeOffset At, BotAnswer Answer);

/// <summary>A vote opened by the coordinator in a fresh channel, and what the faults do with it.</summary>
internal sealed class FaultVote(FaultBed bed, string label, TeamsChannel channel, string voteId, string cardActivityId, BallotRules rules)
{
    private readonly FaultBed _bed = bed;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _order;

    public string Label => label;

    public TeamsChannel Channel => channel;

    public string VoteId => voteId;

    public string CardActivityId => cardActivityId;

    public BallotRules Rules => rules;

    /// <summary>Time since the vote was opened (the clock of <see cref="FaultCast.SentAt"/>).</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Opens a dot vote in a new channel; null (reported) when no vote card reached the connector.</summary>
    public static async Task<FaultVote?> OpenAsync(FaultBed bed, string label, TeamsChannel channel, CancellationToken cancellationToken)
    {
        var rules = BallotRules.For(BallotMode.Points);
        var connector = bed.Setup.Connector;
        var openedAt = connector.Now;
        var open = await FaultBed.SendAsync(channel, channel.Message(bed.Setup.Coordinator, rules.OpenCommand), cancellationToken).ConfigureAwait(false);
        var card = await connector.WaitForAsync(
            r => r.ReceivedAt >= openedAt && r.IsPost && r.Succeeded && r.ConversationId?.StartsWith(channel.ConversationId, StringComparison.Ordinal) == true && VoteScenario.FindVoteId(r.Body) is not null,
            TimeSpan.FromSeconds(30),
            cancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            bed.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: the vote did not open ('{rules.OpenCommand}' answered {open.Status}, no vote card reached the connector)"));
            return null;
        }

        var vote = new FaultVote(bed, label, channel, VoteScenario.FindVoteId(card.Body)!, card.AssignedId ?? "vote-card", rules);
        bed.Output.WriteLine($"{label}: vote {vote.VoteId} on card {vote.CardActivityId} in {channel.ConversationId}");
        return vote;
    }

    /// <summary>This vote as seen through <paramref name="channel"/> (the same channel delivered to another bot instance).</summary>
    public FaultVote Through(TeamsChannel channel) => new(_bed, Label, channel, VoteId, CardActivityId, Rules);

    /// <summary>A fresh <c>vote.cast</c> invoke (a new activity id) for this ballot.</summary>
    public JsonObject CastActivity(int voter, SimulatedBallot ballot) =>
        Channel.CardAction(_bed.Setup.Voters[voter], CardVerbs.VoteCast, ballot.Data(VoteId, BallotMode.Points), CardActivityId);

    /// <summary>A fresh invoke with the given verb and data (the try-again card's retry action, as one click sends it).</summary>
    public JsonObject Activity(int voter, string verb, JsonObject data) =>
        Channel.CardAction(_bed.Setup.Voters[voter], verb, data, CardActivityId);

    public async Task<FaultCast> SendAsync(int voter, SimulatedBallot ballot, JsonObject activity, CancellationToken cancellationToken)
    {
        var order = Interlocked.Increment(ref _order);
        var sentAt = Now;
        var answer = await FaultBed.SendAsync(Channel, activity, cancellationToken).ConfigureAwait(false);
        return new FaultCast(voter, order, ballot, activity, answer, sentAt);
    }

    public Task<FaultCast> CastAsync(int voter, SimulatedBallot ballot, CancellationToken cancellationToken) =>
        SendAsync(voter, ballot, CastActivity(voter, ballot), cancellationToken);

    /// <summary>
    /// The voters who did not end with a confirmation click again, as a user would, up to <paramref name="attempts"/>
    /// times a second apart: the try-again card's retry action when it has one, else the same ballot in a new invoke.
    /// </summary>
    public async Task<List<FaultCast>> ReplayUnconfirmedAsync(IReadOnlyCollection<FaultCast> casts, int attempts, CancellationToken cancellationToken)
    {
        var replays = new List<FaultCast>();
        var last = casts.GroupBy(c => c.Voter).Select(g => g.MaxBy(c => c.Order)!).Where(c => c.Outcome != CastOutcome.Confirmed).ToList();
        for (var attempt = 1; attempt <= attempts && last.Count > 0; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }

            var round = await Task.WhenAll(last.Select(async c =>
            {
                var retry = FaultAnswers.RetryAction(c.Answer);
                var activity = retry is { } action ? Activity(c.Voter, action.Verb, action.Data) : CastActivity(c.Voter, c.Ballot);
                var replay = await SendAsync(c.Voter, c.Ballot, activity, cancellationToken).ConfigureAwait(false);
                return replay with { ViaRetryAction = retry is not null };
            })).ConfigureAwait(false);
            replays.AddRange(round);
            last = [.. round.Where(c => c.Outcome != CastOutcome.Confirmed)];
        }

        return replays;
    }

    /// <summary>Each voter's last confirmed ballot, in click order: what storage must hold.</summary>
    public static Dictionary<int, SimulatedBallot> Truth(IEnumerable<FaultCast> casts)
    {
        var truth = new Dictionary<int, SimulatedBallot>();
        foreach (var cast in casts.Where(c => c.Outcome == CastOutcome.Confirmed).OrderBy(c => c.Order))
        {
            truth[cast.Voter] = cast.Ballot;
        }

        return truth;
    }

    /// <summary>The options' sums over the given ballots, in the vote's order.</summary>
    public int[] Sums(IEnumerable<SimulatedBallot> ballots)
    {
        var sums = new int[Rules.Options.Count];
        foreach (var ballot in ballots)
        {
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] += ballot.Points[i];
            }
        }

        return sums;
    }

    /// <summary>
    /// The vote's ballot partition against the truth: one row per voter who has a confirmed ballot, with those points,
    /// and none for anyone else. Prints one "storage:" line.
    /// </summary>
    public async Task<bool> CheckStorageAsync(IReadOnlyDictionary<int, SimulatedBallot> truth, int expectedVoters, IReadOnlyCollection<FaultCast> history, CancellationToken cancellationToken)
    {
        var expected = truth.ToDictionary(t => KeyOf(t.Key), t => t.Value.Encoded, StringComparer.Ordinal);
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        var doubled = 0;
        await foreach (var row in _bed.Votes.ReadBallotsAsync(VoteId, cancellationToken).ConfigureAwait(false))
        {
            if (!stored.TryAdd(row.VoterKey, row.Points))
            {
                doubled++;
            }
        }

        foreach (var (voter, ballot) in truth.Where(t => !stored.TryGetValue(KeyOf(t.Key), out var points) || points != t.Value.Encoded).Take(3))
        {
            var clicks = history.Where(c => c.Voter == voter).OrderBy(c => c.Order).Select(c => string.Create(CultureInfo.InvariantCulture,
                $"#{c.Order} {c.Ballot.Encoded} sent {c.SentAt.TotalSeconds:0.00} s -> {c.Outcome.ToString().ToLowerInvariant()} after {c.Answer.Latency.TotalMilliseconds:0} ms"));
            _bed.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Label}: voter {voter} should hold {ballot.Encoded}, storage has {(stored.TryGetValue(KeyOf(voter), out var held) ? held : "nothing")}; clicks: {string.Join("; ", clicks)}"));
        }

        var missing = expected.Keys.Count(k => !stored.ContainsKey(k));
        var extra = stored.Keys.Count(k => !expected.ContainsKey(k));
        var wrong = expected.Count(e => stored.TryGetValue(e.Key, out var points) && points != e.Value);
        var ok = missing == 0 && extra == 0 && wrong == 0 && doubled == 0 && expected.Count == expectedVoters;
        _bed.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: storage {stored.Count} ballots for {expectedVoters} voters ({expected.Count} with a confirmed ballot): missing {missing}, extra {extra}, wrong points {wrong}, doubled {doubled} -> {(ok ? "ok" : "WRONG")}"));
        return ok;
    }

    private string KeyOf(int voter) =>
        _bed.Keys.ForVote(VoteId, PersonId.Of(new Bot.Protocol.ChannelAccount { Id = _bed.Setup.Voters[voter].Id, AadObjectId = _bed.Setup.Voters[voter].AadObjectId }));

    /// <summary>
    /// <c>vote clore</c>, then the recorded result and the final card posted against the sums of <paramref name="truth"/>.
    /// Prints one "close:" line.
    /// </summary>
    public async Task<bool> CloseAndCheckAsync(IReadOnlyDictionary<int, SimulatedBallot> truth, CancellationToken cancellationToken)
    {
        var close = await CloseAsync(cancellationToken).ConfigureAwait(false);
        return await CheckCloseAsync(truth, close, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The coordinator sends <c>vote clore</c>: when (connector time) and the answer.</summary>
    public async Task<VoteClose> CloseAsync(CancellationToken cancellationToken)
    {
        var at = _bed.Setup.Connector.Now;
        var answer = await FaultBed.SendAsync(Channel, Channel.Message(_bed.Setup.Coordinator, "vote clore"), cancellationToken).ConfigureAwait(false);
        return new VoteClose(at, answer);
    }

    /// <summary>
    /// After <paramref name="close"/>: the recorded result and the final card posted against the sums of
    /// <paramref name="truth"/>, and (unless <paramref name="requireAnswer"/> is false: the instance was killed while it
    /// closed) the command answered 200. Prints one "close:" line.
    /// </summary>
    public async Task<bool> CheckCloseAsync(IReadOnlyDictionary<int, SimulatedBallot> truth, VoteClose close, CancellationToken cancellationToken, bool requireAnswer = true)
    {
        ArgumentNullException.ThrowIfNull(close);
        var connector = _bed.Setup.Connector;
        var closeAt = close.At;
        var notice = await connector.WaitForAsync(r => r.ReceivedAt >= closeAt && r.IsPost && r.Succeeded && InThisChannel(r), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        await connector.WaitForQuietAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);

        // The vote card itself becomes the results (its last update); a results card is posted only when it could not be.
        var posted = connector.Requests.LastOrDefault(r => r.ReceivedAt >= closeAt && r.Operation == ConnectorOperation.UpdateActivity && r.Succeeded && InThisChannel(r)) ?? notice;

        var sums = Sums(truth.Values);
        var record = await _bed.Votes.GetAsync("msteams", Channel.ConversationId, VoteId, cancellationToken).ConfigureAwait(false);
        var recorded = record is { IsOpen: false, FinalScores: { } scores, FinalParticipation: { } participation } && participation == truth.Count && scores.SequenceEqual(sums);
        var finalCard = FaultAnswers.Scores(posted is null ? null : FaultAnswers.ActivityCard(posted.Body), Rules.Options);
        var cardOk = finalCard?.Matches(truth.Count, sums) == true;
        var ok = (close.Answer.Status == 200 || !requireAnswer) && recorded && cardOk;
        _bed.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: close answered {close.Answer.Status}; truth {truth.Count} ballots, scores {string.Join('/', sums)}; recorded {(record?.FinalScores is null ? "none" : $"{record.FinalParticipation} ballots, scores {string.Join('/', record.FinalScores)}")}; final card {finalCard?.ToString() ?? "unreadable or missing"} -> {(ok ? "ok" : "WRONG")}"));
        return ok;
    }

    /// <summary>Whether a connector request belongs to this vote's channel (any thread of it).</summary>
    public bool InThisChannel(CapturedRequest request) =>
        request.ConversationId?.StartsWith(Channel.ConversationId, StringComparison.Ordinal) == true;

    /// <summary>"200×57, 0×3" and the outcomes, for a log line.</summary>
    public static string Describe(IReadOnlyCollection<FaultCast> casts) =>
        string.Join(", ", casts.GroupBy(c => c.Answer.Status).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}×{g.Count()}")))
        + "; " + string.Join(", ", casts.GroupBy(c => c.Outcome).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key.ToString().ToLowerInvariant()} {g.Count()}")));
}
