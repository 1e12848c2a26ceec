using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Protocol;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Telemetry;

namespace ConcertationBot.Bot.LiveCards;

/// <summary>A message the bot posted and keeps updating in place (the pulse card's answer count, the live vote card).</summary>
/// <param name="ServiceUrl">The conversation's serviceUrl (from the inbound activity).</param>
/// <param name="ConversationId">The conversation the card was posted in.</param>
/// <param name="ActivityId">The id the connector gave the posted card.</param>
public sealed record LiveCardTarget(string ServiceUrl, string ConversationId, string ActivityId);

/// <summary>Coalesced, paced updates of posted cards.</summary>
public interface ILiveCardUpdater
{
    /// <summary>
    /// Marks the card dirty. <paramref name="render"/> is called at send time (so it reads the latest state) and returns
    /// the activity to PUT (type message + one Adaptive Card attachment). Never blocks on the network; safe from many
    /// threads. Of several calls for one card, only the latest <paramref name="render"/> is used. When given,
    /// <paramref name="isStale"/> is asked after each accepted PUT whether what was just sent is already out of date
    /// (another instance changed the state between the render and the PUT, e.g. closed the vote); if so the card is
    /// rendered and sent once more, so that a render taken before a close never stays over the final card.
    /// When given, <paramref name="notBefore"/> holds the next PUT back until it completes (at most
    /// <see cref="LiveCardOptions.AnswerWait"/>): a turn passes <see cref="Routing.TurnContext.Answered"/>, so the person
    /// who clicked gets their own card before the channel's card changes under it.
    /// </summary>
    void Schedule(LiveCardTarget target, Func<CancellationToken, Task<Activity>> render, Func<CancellationToken, Task<bool>>? isStale = null, Task? notBefore = null);

    /// <summary>
    /// Waits until everything scheduled so far for this card has been sent (used to close a vote or a pulse, and by tests).
    /// Also completes when the card was given up (deleted message, bot removed), when its update is delayed by an outage
    /// (after <see cref="LiveCardOptions.MaxTransientFailures"/>; the update is still retried) or when its worker failed:
    /// the failure is logged, not thrown. Cancelled when the host stops before the update could be sent.
    /// </summary>
    Task FlushAsync(LiveCardTarget target, CancellationToken cancellationToken);
}

/// <summary>
/// Sends live card updates (<c>PUT /v3/conversations/{id}/activities/{activityId}</c>) coalesced per card.
/// </summary>
/// <remarks>
/// <para>
/// Each card with pending changes gets one worker loop. A <see cref="Schedule"/> only bumps the card's version and keeps the
/// latest render; the worker renders at send time, so a burst of answers becomes one PUT carrying the last state. After
/// a PUT the worker holds the card for <see cref="LiveCardOptions.MinInterval"/> (default 1 s, the product rule), so a
/// change arriving during the PUT or the interval leads to exactly one more PUT when the interval ends, and no update is
/// lost: the worker only retires once the sent version equals the scheduled one.
/// </para>
/// <para>
/// Every PUT first passes <see cref="IOutboundPacer"/> keyed by conversation id, so several cards in one channel stay
/// within Teams' per-thread write limits together. The connector client already retries 429 (honouring Retry-After),
/// 412 and 502-504; when it still answers 429 the worker backs off (doubling from <see cref="LiveCardOptions.InitialBackoff"/>
/// to <see cref="LiveCardOptions.MaxBackoff"/>) and retries with a fresh render, for as long as the host runs. Transient
/// failures ("not now": no answer, 408, 412, 5xx, a token that could not be had, a render that throws) are retried the same
/// way; after <see cref="LiveCardOptions.MaxTransientFailures"/> of them in a row the delay is logged at Warning and flush
/// waiters are released, but the card keeps being retried so that the latest render (the final "closed" card included)
/// lands when the outage ends, unless it lasts longer than <see cref="LiveCardOptions.TransientRetryLimit"/>. Any other
/// answer ("the message is gone": 404 message deleted, 403 bot removed, 400, 413…) gives the card up, logged at Warning,
/// and the card then ignores new updates for <see cref="LiveCardOptions.DroppedRetention"/>.
/// </para>
/// <para>
/// No exception ends a worker unhandled: an unexpected one is logged at Error and drops the pending update without
/// marking the card dropped, so the next <see cref="Schedule"/> starts a new worker.
/// </para>
/// <para>
/// On host shutdown, pending updates are still sent (interval and pacing respected) for up to
/// <see cref="LiveCardOptions.ShutdownTimeout"/>; then whatever is left is abandoned with a Warning and new schedules are ignored.
/// </para>
/// </remarks>
internal sealed partial class LiveCardUpdater : ILiveCardUpdater, IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<CardKey, CardState> _cards = [];
    private readonly Dictionary<CardKey, TimeSpan> _dropped = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationToken _stoppingToken;
    private readonly CancellationToken _abortToken;
    private readonly IConnectorClientFactory _connectors;
    private readonly IOutboundPacer _pacer;
    private readonly LiveCardOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<LiveCardUpdater> _logger;
    private readonly long _origin;

    public LiveCardUpdater(
        IConnectorClientFactory connectors,
        IOutboundPacer pacer,
        IOptions<LiveCardOptions> options,
        TimeProvider timeProvider,
        ILogger<LiveCardUpdater> logger)
    {
        _connectors = connectors;
        _pacer = pacer;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _origin = timeProvider.GetTimestamp();
        _stoppingToken = _stopping.Token;
        _abortToken = _abort.Token;
    }

    private enum Outcome
    {
        Sent,
        Throttled,
        Transient,
        GivenUp,
    }

    /// <summary>Cards with a running worker (pending, in flight, or within their interval).</summary>
    internal int ActiveCount
    {
        get
        {
            lock (_gate)
            {
                return _cards.Count;
            }
        }
    }

    public void Schedule(LiveCardTarget target, Func<CancellationToken, Task<Activity>> render, Func<CancellationToken, Task<bool>>? isStale = null, Task? notBefore = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(render);
        ArgumentException.ThrowIfNullOrEmpty(target.ConversationId);
        ArgumentException.ThrowIfNullOrEmpty(target.ActivityId);
        _ = _connectors.Create(target.ServiceUrl);

        var key = new CardKey(target.ConversationId, target.ActivityId);
        lock (_gate)
        {
            if (_abortToken.IsCancellationRequested)
            {
                LogIgnoredAfterStop(_logger, target.ConversationId, target.ActivityId);
                return;
            }

            if (_dropped.TryGetValue(key, out var droppedAt))
            {
                if (Now() - droppedAt < _options.DroppedRetention)
                {
                    LogIgnoredDropped(_logger, target.ConversationId, target.ActivityId);
                    return;
                }

                _dropped.Remove(key);
            }

            if (!_cards.TryGetValue(key, out var card))
            {
                card = new CardState(key);
                _cards[key] = card;
                card.Worker = Task.Run(() => RunAsync(card));
            }

            if (card.Scheduled > card.Sent)
            {
                // An update not sent yet: this one replaces it, and one PUT carries both.
                BotTelemetry.LiveCardUpdate("coalesced");
            }

            card.Target = target;
            card.Render = render;
            card.IsStale = isStale;
            card.NotBefore = notBefore is { IsCompleted: false } ? notBefore : null;
            card.Scheduled++;
        }
    }

    public Task FlushAsync(LiveCardTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var key = new CardKey(target.ConversationId, target.ActivityId);
        lock (_gate)
        {
            if (!_cards.TryGetValue(key, out var card) || card.Sent >= card.Scheduled)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            card.Waiters.Add((card.Scheduled, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] workers;
        lock (_gate)
        {
            workers = [.. _cards.Values.Select(c => c.Worker)];
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(workers).WaitAsync(_options.ShutdownTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogShutdownTimedOut(_logger, ActiveCount, _options.ShutdownTimeout);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogShutdownTimedOut(_logger, ActiveCount, _options.ShutdownTimeout);
        }
        finally
        {
            await _abort.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Abandons whatever is pending at once. The host calls <see cref="StopAsync"/> first. The token sources are only
    /// cancelled, not disposed (they own no timer): WebApplicationFactory can run a second StopAsync concurrently with disposal.
    /// </summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _abort.Cancel();
    }

    private async Task RunAsync(CardState card)
    {
        var transientFailures = 0;
        TimeSpan? failingSince = null;
        var throttled = 0;
        try
        {
            while (true)
            {
                TimeSpan? lastSentAt;
                lock (_gate)
                {
                    if (card.Sent >= card.Scheduled)
                    {
                        Retire(card, dropped: false);
                        return;
                    }

                    lastSentAt = card.LastSentAt;
                }

                if (lastSentAt is { } last && last + _options.MinInterval - Now() is var remaining && remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining, _timeProvider, _abortToken).ConfigureAwait(false);
                }

                Task? notBefore;
                lock (_gate)
                {
                    notBefore = card.NotBefore;
                    card.NotBefore = null;
                }

                if (notBefore is not null)
                {
                    // The answer of the turn that scheduled this update goes first (bounded, so a turn that never
                    // answers cannot hold the card).
                    try
                    {
                        await notBefore.WaitAsync(_options.AnswerWait, _timeProvider, _abortToken).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        LogAnswerWaitElapsed(_logger, card.Key.ConversationId, card.Key.ActivityId);
                    }
                }

                await _pacer.WaitAsync(card.Key.ConversationId, _abortToken).ConfigureAwait(false);

                long version;
                LiveCardTarget target;
                Func<CancellationToken, Task<Activity>> render;
                Func<CancellationToken, Task<bool>>? isStale;
                lock (_gate)
                {
                    version = card.Scheduled;
                    target = card.Target!;
                    render = card.Render!;
                    isStale = card.IsStale;
                }

                switch (await SendAsync(target, render, _abortToken).ConfigureAwait(false))
                {
                    case Outcome.Sent:
                        transientFailures = 0;
                        failingSince = null;
                        throttled = 0;
                        var stale = isStale is not null && await IsStaleAsync(target, isStale, _abortToken).ConfigureAwait(false);
                        bool pending;
                        lock (_gate)
                        {
                            if (stale)
                            {
                                // What was just sent is older than storage: one more render, after the interval.
                                card.Scheduled++;
                            }

                            card.Sent = Math.Max(card.Sent, version);
                            card.LastSentAt = Now();
                            ReleaseWaiters(card, all: false);
                            pending = card.Sent < card.Scheduled;
                        }

                        if (!pending)
                        {
                            // Hold the card for the interval so a later Schedule cannot start a PUT too early;
                            // a host shutdown ends this wait (a pending change still waits out the rest above).
                            await Task.Delay(_options.MinInterval, _timeProvider, _stoppingToken)
                                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        }

                        break;
                    case Outcome.Throttled:
                        throttled++;
                        await Task.Delay(Backoff(throttled), _timeProvider, _abortToken).ConfigureAwait(false);
                        break;
                    case Outcome.Transient:
                        // "Not now": the message is still there, so the update (the final "closed" card included)
                        // must land once the outage ends. Never the dropped branch, which is for a message that is gone.
                        transientFailures++;
                        failingSince ??= Now();
                        if (Now() - failingSince.Value >= _options.TransientRetryLimit)
                        {
                            LogTransientAbandoned(_logger, target.ConversationId, target.ActivityId, _options.TransientRetryLimit);
                            lock (_gate)
                            {
                                Retire(card, dropped: false);
                            }

                            return;
                        }

                        if (transientFailures == _options.MaxTransientFailures + 1)
                        {
                            // Whoever waits for this card (a close, a test) is not held for the length of an outage.
                            LogDelayed(_logger, target.ConversationId, target.ActivityId, transientFailures);
                            lock (_gate)
                            {
                                ReleaseWaiters(card, all: true);
                            }
                        }

                        await Task.Delay(Backoff(transientFailures), _timeProvider, _abortToken).ConfigureAwait(false);
                        break;
                    default:
                        LogGivenUp(_logger, target.ConversationId, target.ActivityId);
                        lock (_gate)
                        {
                            Retire(card, dropped: true);
                        }

                        return;
                }
            }
        }
        catch (OperationCanceledException) when (_abortToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (card.Sent < card.Scheduled)
                {
                    LogAbandoned(_logger, card.Key.ConversationId, card.Key.ActivityId);
                }

                Retire(card, dropped: false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug outside the expected failures (SendAsync classifies those): the worker must not fault, or the card
            // would stay registered with no worker, ignore every later Schedule and hold FlushAsync and StopAsync.
            // The pending update is dropped; the card is not marked dropped, so the next change starts a new worker.
            LogWorkerFailed(_logger, card.Key.ConversationId, card.Key.ActivityId, ex);
            lock (_gate)
            {
                Retire(card, dropped: false);
            }
        }
    }

    private async Task<Outcome> SendAsync(LiveCardTarget target, Func<CancellationToken, Task<Activity>> render, CancellationToken cancellationToken)
    {
        Activity activity;
        try
        {
            activity = await render(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The live card render returned no activity.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogRenderFailed(_logger, target.ConversationId, target.ActivityId, ex);
            return Outcome.Transient;
        }

        try
        {
            await _connectors.Create(target.ServiceUrl)
                .UpdateActivityAsync(target.ConversationId, target.ActivityId, activity with { Id = activity.Id ?? target.ActivityId }, cancellationToken)
                .ConfigureAwait(false);
            LogUpdated(_logger, target.ConversationId, target.ActivityId);
            BotTelemetry.LiveCardUpdate("sent");
            return Outcome.Sent;
        }
        catch (ConnectorException ex) when (ex.Status == 429)
        {
            LogThrottled(_logger, target.ConversationId, target.ActivityId);
            BotTelemetry.LiveCardUpdate("throttled");
            return Outcome.Throttled;
        }
        catch (ConnectorException ex) when (ex.Status is 0 or 408 or 412 or >= 500)
        {
            LogTransient(_logger, target.ConversationId, target.ActivityId, ex.Status, ex.ErrorCode);
            return Outcome.Transient;
        }
        catch (ConnectorException ex)
        {
            LogRejected(_logger, target.ConversationId, target.ActivityId, ex.Status, ex.ErrorCode);
            return Outcome.GivenUp;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not an answer from the connector: the outbound token (MSAL, managed identity) and anything else the
            // client does not wrap. Retried like a transient failure; a token that never comes is logged each time.
            LogFailed(_logger, target.ConversationId, target.ActivityId, ex.GetType().Name, ex);
            return Outcome.Transient;
        }
    }

    /// <summary>Asks whether the PUT just accepted is out of date; if the question cannot be answered, sends again to be sure.</summary>
    private async Task<bool> IsStaleAsync(LiveCardTarget target, Func<CancellationToken, Task<bool>> isStale, CancellationToken cancellationToken)
    {
        try
        {
            if (!await isStale(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            LogStaleRender(_logger, target.ConversationId, target.ActivityId);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogStaleCheckFailed(_logger, target.ConversationId, target.ActivityId, ex);
            return true;
        }
    }

    /// <summary><see cref="LiveCardOptions.InitialBackoff"/> · 2^(attempt-1), capped at <see cref="LiveCardOptions.MaxBackoff"/>.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var ticks = _options.InitialBackoff.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(ticks, _options.MaxBackoff.Ticks));
    }

    private TimeSpan Now() => _timeProvider.GetElapsedTime(_origin);

    /// <summary>Removes the card (caller holds the lock) and releases its flush waiters.</summary>
    private void Retire(CardState card, bool dropped)
    {
        if (_cards.TryGetValue(card.Key, out var current) && ReferenceEquals(current, card))
        {
            _cards.Remove(card.Key);
        }

        if (dropped)
        {
            var now = Now();
            foreach (var stale in _dropped.Where(d => now - d.Value >= _options.DroppedRetention).Select(d => d.Key).ToList())
            {
                _dropped.Remove(stale);
            }

            _dropped[card.Key] = now;
        }

        if (_abortToken.IsCancellationRequested && card.Sent < card.Scheduled)
        {
            foreach (var (_, done) in card.Waiters)
            {
                done.TrySetCanceled(_abortToken);
            }

            card.Waiters.Clear();
            return;
        }

        ReleaseWaiters(card, all: true);
    }

    private static void ReleaseWaiters(CardState card, bool all)
    {
        for (var i = card.Waiters.Count - 1; i >= 0; i--)
        {
            var (version, done) = card.Waiters[i];
            if (all || version <= card.Sent)
            {
                done.TrySetResult();
                card.Waiters.RemoveAt(i);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live card {ConversationId}/{ActivityId} updated")]
    private static partial void LogUpdated(ILogger logger, string conversationId, string activityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live card {ConversationId}/{ActivityId} throttled (429) after the connector's retries; backing off")]
    private static partial void LogThrottled(ILogger logger, string conversationId, string activityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live card {ConversationId}/{ActivityId} update failed transiently ({Status} {ErrorCode}); will retry")]
    private static partial void LogTransient(ILogger logger, string conversationId, string activityId, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live card {ConversationId}/{ActivityId} update rejected ({Status} {ErrorCode})")]
    private static partial void LogRejected(ILogger logger, string conversationId, string activityId, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live card {ConversationId}/{ActivityId} could not be rendered")]
    private static partial void LogRenderFailed(ILogger logger, string conversationId, string activityId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live card {ConversationId}/{ActivityId} update failed before reaching the connector ({ExceptionType}); will retry")]
    private static partial void LogFailed(ILogger logger, string conversationId, string activityId, string exceptionType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live card {ConversationId}/{ActivityId} still not updated after {Failures} transient failures; retrying until it lands")]
    private static partial void LogDelayed(ILogger logger, string conversationId, string activityId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live card {ConversationId}/{ActivityId} failed transiently for {Limit}; its pending update is abandoned (a later change is sent again)")]
    private static partial void LogTransientAbandoned(ILogger logger, string conversationId, string activityId, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "Live card {ConversationId}/{ActivityId} worker failed; its pending update is dropped (a later change is sent again)")]
    private static partial void LogWorkerFailed(ILogger logger, string conversationId, string activityId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live card {ConversationId}/{ActivityId} given up; further updates are ignored for a while")]
    private static partial void LogGivenUp(ILogger logger, string conversationId, string activityId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live card {ConversationId}/{ActivityId} was given up; update ignored")]
    private static partial void LogIgnoredDropped(ILogger logger, string conversationId, string activityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live card {ConversationId}/{ActivityId}: the update just sent was already out of date; sending the current state")]
    private static partial void LogStaleRender(ILogger logger, string conversationId, string activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live card {ConversationId}/{ActivityId}: could not tell whether the update just sent is current; sending again")]
    private static partial void LogStaleCheckFailed(ILogger logger, string conversationId, string activityId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live card {ConversationId}/{ActivityId} update ignored: the host has stopped")]
    private static partial void LogIgnoredAfterStop(ILogger logger, string conversationId, string activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live card {ConversationId}/{ActivityId} abandoned with an unsent update at shutdown")]
    private static partial void LogAbandoned(ILogger logger, string conversationId, string activityId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live card {ConversationId}/{ActivityId} sent without waiting longer for the answer of the turn that changed it")]
    private static partial void LogAnswerWaitElapsed(ILogger logger, string conversationId, string activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} live card(s) still pending after the shutdown timeout {Timeout}")]
    private static partial void LogShutdownTimedOut(ILogger logger, int count, TimeSpan timeout);

    private readonly record struct CardKey(string ConversationId, string ActivityId);

    private sealed class CardState(CardKey key)
    {
        public CardKey Key { get; } = key;

        public LiveCardTarget? Target { get; set; }

        public Func<CancellationToken, Task<Activity>>? Render { get; set; }

        /// <summary>Asked after a PUT whether it is already out of date (see <see cref="ILiveCardUpdater.Schedule"/>).</summary>
        public Func<CancellationToken, Task<bool>>? IsStale { get; set; }

        /// <summary>The latest schedule's turn answer, not sent yet: the next PUT waits for it.</summary>
        public Task? NotBefore { get; set; }

        /// <summary>Bumped by every Schedule.</summary>
        public long Scheduled { get; set; }

        /// <summary>The highest version whose render was accepted by the connector.</summary>
        public long Sent { get; set; }

        public TimeSpan? LastSentAt { get; set; }

        public List<(long Version, TaskCompletionSource Done)> Waiters { get; } = [];

        public Task Worker { get; set; } = Task.CompletedTask;
    }
}
