using System.Diagnostics;
using MsalServiceException = Microsoft.Identity.Client.MsalServiceException;
using static ConcertationBot.Tests.Bot.LiveCards.LiveCardTestSupport;

namespace ConcertationBot.Tests.Bot.LiveCards;

/// <summary>The updater against the fake connector over real HTTP, with Teams' per-thread limits enforced.</summary>
public sealed class LiveCardUpdaterTests : IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(90);
    private readonly RecordingLogger<LiveCardUpdater> _logger = new();
    private readonly List<LiveCardUpdater> _updaters = [];
    private CaptureConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _connector = await CaptureConnector.StartAsync();
        _connector.EnforceTeamsRateLimits = true;
    }

    public async Task DisposeAsync()
    {
        foreach (var updater in _updaters)
        {
            await updater.StopAsync(CancellationToken.None);
            updater.Dispose();
        }

        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Schedule_HundredChangesOverThreeSeconds_AtMostOnePutPerSecondAndTheLastShowsHundred()
    {
        var (updater, target) = Arrange("1");
        var count = 0;
        var render = RenderCount(() => Volatile.Read(ref count));
        var stopwatch = Stopwatch.StartNew();

        for (var i = 0; i < 100; i++)
        {
            Interlocked.Increment(ref count);
            updater.Schedule(target, render);
            await Task.Delay(30);
        }

        await FlushAsync(updater, target);
        stopwatch.Stop();

        var puts = Puts(_connector, target);
        Assert.InRange(puts.Count, 3, (int)Math.Floor(stopwatch.Elapsed.TotalSeconds) + 1);
        Assert.All(puts, put => Assert.Equal(200, put.ResponseStatus));
        Assert.Equal("count = 100", CardText(puts[^1]));
        Assert.Equal(puts.Select(CardCount).Order(), puts.Select(CardCount));
        Assert.Equal("1", puts[^1].Activity!.Id);
        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Information);
        for (var i = 1; i < puts.Count; i++)
        {
            var gap = puts[i].ReceivedAt - puts[i - 1].ReceivedAt;
            Assert.True(gap >= TimeSpan.FromMilliseconds(900), $"PUT {i} came {gap.TotalMilliseconds} ms after the previous one");
        }
    }

    [Fact]
    public async Task Schedule_TwoBusyCardsInOneConversation_BothEndOnTheirFinalValueWithinTheThreadLimits()
    {
        // A 100 ms interval lets each card ask for ten PUTs a second: only the conversation limiter keeps the pair under 7/1 s and 8/2 s.
        var updater = Updater(
            Options(minInterval: TimeSpan.FromMilliseconds(100)),
            new OutboundPacingOptions { SafetyMargin = TimeSpan.FromMilliseconds(300) });
        var pulse = Target("10");
        var vote = Target("11");
        int answers = 0, ballots = 0;
        var renderPulse = RenderCount(() => Volatile.Read(ref answers));
        var renderVote = RenderCount(() => Volatile.Read(ref ballots));

        for (var i = 0; i < 150; i++)
        {
            Interlocked.Increment(ref answers);
            updater.Schedule(pulse, renderPulse);
            if (i % 2 == 0)
            {
                Interlocked.Increment(ref ballots);
                updater.Schedule(vote, renderVote);
            }

            await Task.Delay(20);
        }

        await Task.WhenAll(updater.FlushAsync(pulse, CancellationToken.None), updater.FlushAsync(vote, CancellationToken.None)).WaitAsync(HangGuard);

        Assert.Equal("count = 150", CardText(Puts(_connector, pulse)[^1]));
        Assert.Equal("count = 75", CardText(Puts(_connector, vote)[^1]));
        Assert.DoesNotContain(_connector.Requests, r => r.ResponseStatus == 429);
        var accepted = _connector.AcceptedActivities.Where(r => r.ConversationId == pulse.ConversationId).Select(r => r.ReceivedAt).ToList();
        Assert.True(accepted.Count > 8, $"only {accepted.Count} writes: the windows were never tested");
        foreach (var (window, limit) in new[] { (TimeSpan.FromSeconds(1), 7), (TimeSpan.FromSeconds(2), 8) })
        {
            foreach (var end in accepted)
            {
                var inWindow = accepted.Count(t => t <= end && end - t < window);
                Assert.True(inWindow <= limit, $"{inWindow} accepted writes within {window} ending {end:O}");
            }
        }
    }

    [Fact]
    public async Task Schedule_429BurstOutlastingTheClientRetries_BacksOffAndTheFinalValueLands()
    {
        var (updater, target) = Arrange("7");
        var count = 0;
        var render = RenderCount(() => Volatile.Read(ref count));
        // The client makes three attempts per call: the first call ends in 429, the updater backs off and renders again.
        _connector.Enqueue(CannedResponse.TooManyRequests(1), CannedResponse.TooManyRequests(1), CannedResponse.TooManyRequests(1), CannedResponse.TooManyRequests(1));

        for (var i = 0; i < 5; i++)
        {
            Interlocked.Increment(ref count);
            updater.Schedule(target, render);
        }

        await FlushAsync(updater, target);

        var puts = Puts(_connector, target);
        Assert.Equal([429, 429, 429, 429, 200], puts.Select(p => p.ResponseStatus));
        Assert.Equal("count = 5", CardText(puts[^1]));
        Assert.Equal(1, _logger.Count("LogThrottled"));
        Assert.DoesNotContain(_logger.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Schedule_ChangeWhileThrottled_RetryRendersTheLatestState()
    {
        var (updater, target) = Arrange("8");
        var count = 1;
        var firstRender = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<CancellationToken, Task<ConcertationBot.Bot.Protocol.Activity>> render = _ =>
        {
            var card = CountCard(Volatile.Read(ref count));
            firstRender.TrySetResult();
            return Task.FromResult(card);
        };
        _connector.Enqueue(CannedResponse.TooManyRequests(1), CannedResponse.TooManyRequests(1), CannedResponse.TooManyRequests(1));
        updater.Schedule(target, render);
        await firstRender.Task.WaitAsync(HangGuard);

        Interlocked.Exchange(ref count, 2);
        updater.Schedule(target, render);
        await FlushAsync(updater, target);

        var accepted = Puts(_connector, target).Where(p => p.ResponseStatus == 200).ToList();
        Assert.Equal("count = 2", CardText(accepted[^1]));
        Assert.DoesNotContain(accepted, p => CardText(p) == "count = 1");
    }

    [Theory]
    [InlineData(404, "NotFound")]
    [InlineData(403, "MessageWritesBlocked")]
    public async Task Schedule_CardRejectedForGood_DropsItAfterOneRequestAndIgnoresLaterChanges(int status, string code)
    {
        var updater = Updater();
        var deleted = Target("3");
        var other = Target("4");
        _connector.Enqueue(CannedResponse.Error(status, code, "gone"));

        await SendAsync(updater, deleted, 1);
        updater.Schedule(deleted, _ => Task.FromResult(CountCard(2)));
        var activeAfterDrop = updater.ActiveCount;
        await SendAsync(updater, other, 9);

        Assert.Equal(0, activeAfterDrop);
        Assert.Equal([status], Puts(_connector, deleted).Select(p => p.ResponseStatus));
        Assert.Equal(1, _logger.Count("LogRejected"));
        Assert.Equal(1, _logger.Count("LogGivenUp"));
        Assert.Contains(_logger.Entries, e => e.EventName == "LogGivenUp" && e.Level == LogLevel.Warning);
        Assert.Equal("count = 9", CardText(Assert.Single(Puts(_connector, other))));
    }

    [Fact]
    public async Task Schedule_ConnectionsDroppedThroughTheClientRetries_RetriedAndTheValueLands()
    {
        var (updater, target) = Arrange("5");
        _connector.Enqueue(CannedResponse.Dropped(), CannedResponse.Dropped(), CannedResponse.Dropped());

        await SendAsync(updater, target, 42);

        var puts = Puts(_connector, target);
        Assert.Equal([0, 0, 0, 200], puts.Select(p => p.ResponseStatus));
        Assert.Equal("count = 42", CardText(puts[^1]));
        Assert.Equal(1, _logger.Count("LogTransient"));
    }

    [Fact]
    public async Task Schedule_UnavailableLongerThanTheRetries_ReportsTheDelayKeepsRetryingAndTheLatestValueLands()
    {
        // Arrange: 500 (not retried inside the client) to the first six PUTs, twice MaxTransientFailures + 1.
        var (updater, target) = Arrange("6");
        var failures = 0;
        _connector.Responder = request => request.Operation == ConnectorOperation.UpdateActivity && Interlocked.Increment(ref failures) <= 6
            ? CannedResponse.Error(500, "InternalServerError", "down")
            : null;

        // Act: the flush returns once the retries are spent; a change made then must not be ignored.
        await SendAsync(updater, target, 1);
        updater.Schedule(target, _ => Task.FromResult(CountCard(2)));
        await _connector.WaitForActivitiesAsync(1, HangGuard);

        // Assert
        var puts = Puts(_connector, target);
        Assert.Equal([500, 500, 500, 500, 500, 500, 200], puts.Select(p => p.ResponseStatus));
        Assert.Equal("count = 2", CardText(puts[^1]));
        Assert.Equal(1, _logger.Count("LogDelayed"));
        Assert.Equal(0, _logger.Count("LogGivenUp"));
    }

    [Fact]
    public async Task Schedule_UnavailableBeyondTheRetryLimit_AbandonsTheUpdateButALaterChangeIsSent()
    {
        // Arrange
        var options = Options();
        options.TransientRetryLimit = TimeSpan.FromSeconds(1);
        var updater = Updater(options);
        var target = Target("13");
        var down = true;
        _connector.Responder = request => Volatile.Read(ref down) ? CannedResponse.Error(500, "InternalServerError", "down") : null;
        updater.Schedule(target, _ => Task.FromResult(CountCard(1)));
        while (updater.ActiveCount > 0)
        {
            await Task.Delay(20);
        }

        // Act
        Volatile.Write(ref down, false);
        await SendAsync(updater, target, 2);

        // Assert
        Assert.Equal(1, _logger.Count("LogTransientAbandoned"));
        Assert.Equal(0, _logger.Count("LogGivenUp"));
        Assert.Equal("count = 2", CardText(Assert.Single(_connector.AcceptedActivities)));
    }

    [Fact]
    public async Task Schedule_TokenAcquisitionThrowsMsalException_RetriedAndFlushAndStopComplete()
    {
        // Arrange: MSAL's exception reaches the updater unwrapped (the connector client only wraps HTTP failures).
        var tokens = new FailingTokenProvider(failures: 2);
        var updater = Updater(connectors: new LoopbackConnectorFactory(tokens: tokens));
        var target = Target("14");

        // Act
        var stop = await ScheduleTwiceThenStopAsync(updater, target);

        // Assert
        Assert.Null(stop);
        Assert.Equal(2, tokens.Thrown);
        Assert.Equal(["count = 1", "count = 2"], _connector.AcceptedActivities.Select(CardText));
        Assert.Equal(2, _logger.Count("LogFailed"));
    }

    [Fact]
    public async Task Schedule_WorkerHitsAnUnexpectedException_DropsTheUpdateWithAnErrorAndTheCardCanBeScheduledAgain()
    {
        // Arrange: the pacer throws once, outside every expected failure.
        var logger = new RecordingLogger<LiveCardUpdater>();
        var updater = new LiveCardUpdater(
            new LoopbackConnectorFactory(),
            new ThrowingOncePacer(),
            Microsoft.Extensions.Options.Options.Create(Options()),
            TimeProvider.System,
            logger);
        _updaters.Add(updater);
        var target = Target("15");

        // Act
        var stop = await ScheduleTwiceThenStopAsync(updater, target);

        // Assert
        Assert.Null(stop);
        Assert.Equal("count = 2", CardText(Assert.Single(_connector.AcceptedActivities)));
        Assert.Contains(logger.Entries, e => e.EventName == "LogWorkerFailed" && e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Schedule_RenderThrowsOnce_RetriedWithAFreshRender()
    {
        var (updater, target) = Arrange("12");
        var calls = 0;

        updater.Schedule(target, _ => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("state store unavailable")
            : Task.FromResult(CountCard(calls)));
        await FlushAsync(updater, target);

        Assert.Equal("count = 2", CardText(Assert.Single(Puts(_connector, target))));
        Assert.Equal(1, _logger.Count("LogRenderFailed"));
    }

    [Fact]
    public async Task Schedule_TurnNotAnsweredYet_NoPutUntilItsAnswerIsSent()
    {
        var (updater, target) = Arrange("30");
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        updater.Schedule(target, _ => Task.FromResult(CountCard(1)), notBefore: answered.Task);
        var flush = updater.FlushAsync(target, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var putsBeforeTheAnswer = Puts(_connector, target).Count;
        answered.SetResult();
        await flush.WaitAsync(HangGuard);

        Assert.Equal(0, putsBeforeTheAnswer);
        Assert.Equal("count = 1", CardText(Assert.Single(Puts(_connector, target))));
    }

    [Fact]
    public async Task Schedule_TurnNeverAnswers_PutSentAfterTheAnswerWait()
    {
        var (updater, target) = Arrange("31", new LiveCardOptions { AnswerWait = TimeSpan.FromMilliseconds(300) });
        var neverAnswered = new TaskCompletionSource();
        var stopwatch = Stopwatch.StartNew();

        updater.Schedule(target, _ => Task.FromResult(CountCard(1)), notBefore: neverAnswered.Task);
        await FlushAsync(updater, target);

        Assert.Equal("count = 1", CardText(Assert.Single(Puts(_connector, target))));
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(250), $"sent after {stopwatch.Elapsed.TotalMilliseconds} ms, before the answer wait");
        Assert.Equal(1, _logger.Count("LogAnswerWaitElapsed"));
    }

    [Fact]
    public async Task FlushAsync_ChangesWithinTheInterval_WaitsForTheFinalValue()
    {
        var (updater, target, count) = await ArrangeSentThenChangedAsync("2");
        count.Value = 3;
        updater.Schedule(target, count.Render);

        await FlushAsync(updater, target);

        Assert.Equal(["count = 1", "count = 3"], Puts(_connector, target).Select(CardText));
    }

    [Fact]
    public async Task FlushAsync_NothingScheduled_CompletesAtOnce()
    {
        var updater = Updater();

        var flush = updater.FlushAsync(Target("99"), CancellationToken.None);

        await flush.WaitAsync(HangGuard);
        Assert.True(flush.IsCompletedSuccessfully);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task StopAsync_ChangePendingWithinTheInterval_SendsItBeforeStoppingThenIgnoresNewChanges()
    {
        var (updater, target, count) = await ArrangeSentThenChangedAsync("20");

        await updater.StopAsync(CancellationToken.None).WaitAsync(HangGuard);
        updater.Schedule(target, count.Render);

        Assert.Equal(["count = 1", "count = 2"], Puts(_connector, target).Select(CardText));
        Assert.Equal(0, updater.ActiveCount);
    }

    [Fact]
    public async Task StopAsync_CardThrottledPastTheShutdownTimeout_AbandonsItAndCancelsItsFlush()
    {
        var (updater, target) = Arrange("21", Options(shutdownTimeout: TimeSpan.FromMilliseconds(300)));
        _connector.Responder = request => CannedResponse.TooManyRequests(1);
        updater.Schedule(target, _ => Task.FromResult(CountCard(1)));
        var flush = updater.FlushAsync(target, CancellationToken.None);

        await updater.StopAsync(CancellationToken.None).WaitAsync(HangGuard);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flush.WaitAsync(HangGuard));
        Assert.Equal(1, _logger.Count("LogShutdownTimedOut"));
        Assert.Empty(_connector.AcceptedActivities);
    }

    [Theory]
    [InlineData("not a url", "19:channel@thread.tacv2", "1")]
    [InlineData("ftp://example.org/", "19:channel@thread.tacv2", "1")]
    [InlineData("https://smba.trafficmanager.net/teams/", "", "1")]
    [InlineData("https://smba.trafficmanager.net/teams/", "19:channel@thread.tacv2", "")]
    public void Schedule_InvalidTarget_ThrowsAtOnceAndSendsNothing(string serviceUrl, string conversationId, string activityId)
    {
        var updater = Updater();

        Assert.ThrowsAny<ArgumentException>(() => updater.Schedule(new LiveCardTarget(serviceUrl, conversationId, activityId), _ => Task.FromResult(CountCard(1))));

        Assert.Equal(0, updater.ActiveCount);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task Schedule_SentRenderTurnsOutStale_SendsTheCurrentStateOnceMore()
    {
        // Arrange: another instance "closes" (count 99) right after this one's PUT of count 1 was accepted.
        var (updater, target) = Arrange("31", Options(minInterval: TimeSpan.FromMilliseconds(100)));
        var count = 1;
        var checks = 0;
        Task<bool> IsStale(CancellationToken _)
        {
            var first = Interlocked.Increment(ref checks) == 1;
            if (first)
            {
                Volatile.Write(ref count, 99);
            }

            return Task.FromResult(first);
        }

        // Act
        updater.Schedule(target, RenderCount(() => Volatile.Read(ref count)), IsStale);
        await FlushAsync(updater, target);
        await FlushAsync(updater, target);

        // Assert: the stale PUT is followed by one with the current state, and that one is not sent again.
        var puts = Puts(_connector, target);
        Assert.Equal(["count = 1", "count = 99"], puts.Select(CardText));
        Assert.Equal(2, Volatile.Read(ref checks));
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("out of date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Schedule_StaleCheckThrows_SendsOnceMoreAndLogsAWarning()
    {
        // Arrange
        var (updater, target) = Arrange("32", Options(minInterval: TimeSpan.FromMilliseconds(100)));
        var checks = 0;
        Task<bool> IsStale(CancellationToken _) =>
            Interlocked.Increment(ref checks) == 1 ? throw new InvalidOperationException("storage unavailable") : Task.FromResult(false);

        // Act
        updater.Schedule(target, RenderCount(() => 7), IsStale);
        await FlushAsync(updater, target);
        await FlushAsync(updater, target);

        // Assert
        Assert.Equal(2, Puts(_connector, target).Count);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("could not tell", StringComparison.Ordinal));
    }

    /// <summary>Schedules "count = 1" and flushes, "count = 2" and flushes, then stops; what the stop threw, if anything.</summary>
    private static async Task<Exception?> ScheduleTwiceThenStopAsync(LiveCardUpdater updater, LiveCardTarget target)
    {
        updater.Schedule(target, _ => Task.FromResult(CountCard(1)));
        await updater.FlushAsync(target, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        updater.Schedule(target, _ => Task.FromResult(CountCard(2)));
        await updater.FlushAsync(target, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        return await Record.ExceptionAsync(() => updater.StopAsync(CancellationToken.None).WaitAsync(HangGuard));
    }

    private LiveCardUpdater Updater(LiveCardOptions? options = null, OutboundPacingOptions? pacing = null, IConnectorClientFactory? connectors = null)
    {
        var updater = CreateUpdater(_logger, options, pacing, connectors);
        _updaters.Add(updater);
        return updater;
    }

    private (LiveCardUpdater Updater, LiveCardTarget Target) Arrange(string activityId, LiveCardOptions? options = null) =>
        (Updater(options), Target(activityId));

    /// <summary>An updater whose card sent "count = 1" and was then changed to 2 and scheduled again, within the interval.</summary>
    private async Task<(LiveCardUpdater Updater, LiveCardTarget Target, LiveCount Count)> ArrangeSentThenChangedAsync(string activityId)
    {
        var (updater, target) = Arrange(activityId);
        var count = new LiveCount(1);
        updater.Schedule(target, count.Render);
        await _connector.WaitForActivitiesAsync(1, HangGuard);
        count.Value = 2;
        updater.Schedule(target, count.Render);
        return (updater, target, count);
    }

    private LiveCardTarget Target(string activityId) => new(_connector.ServiceUrl, "19:channel@thread.tacv2", activityId);

    private static Task FlushAsync(LiveCardUpdater updater, LiveCardTarget target) =>
        updater.FlushAsync(target, CancellationToken.None).WaitAsync(HangGuard);

    /// <summary>Schedules a card reading "count = <paramref name="count"/>" and waits for its flush.</summary>
    private static Task SendAsync(LiveCardUpdater updater, LiveCardTarget target, int count)
    {
        updater.Schedule(target, _ => Task.FromResult(CountCard(count)));
        return FlushAsync(updater, target);
    }

    /// <summary>A count the render reads when it runs, as a live card reads its current state.</summary>
    private sealed class LiveCount(int initial)
    {
        private int _value = initial;

        public int Value
        {
            get => Volatile.Read(ref _value);
            set => Volatile.Write(ref _value, value);
        }

        public Func<CancellationToken, Task<ConcertationBot.Bot.Protocol.Activity>> Render => RenderCount(() => Value);
    }

    /// <summary>Throws MSAL's service exception for the first <c>failures</c> calls, then gives no token (local mode).</summary>
    private sealed class FailingTokenProvider(int failures) : IAccessTokenProvider
    {
        private int _calls;

        public int Thrown => Math.Min(Volatile.Read(ref _calls), failures);

        public Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) <= failures
                ? throw new MsalServiceException("temporarily_unavailable", "AADSTS50196: the server is temporarily unavailable (simulated).")
                : Task.FromResult<string?>(null);
    }

    /// <summary>A pacer with a bug: its first wait throws.</summary>
    private sealed class ThrowingOncePacer : IOutboundPacer
    {
        private int _calls;

        public Task WaitAsync(string key, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1 ? throw new InvalidOperationException("pacer bug (simulated)") : Task.CompletedTask;
    }
}
