using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.LiveCards;

/// <summary>Paces outbound connector writes so that Teams does not throttle the bot.</summary>
public interface IOutboundPacer
{
    /// <summary>
    /// Waits until one more write to <paramref name="key"/> (a conversation id: a channel thread, a group chat, a 1:1 chat)
    /// stays within Teams' per-thread limits and the app's global budget, then counts that write. Call it right before
    /// each send, update or create-conversation; every call counts, whether or not the write is then made.
    /// </summary>
    Task WaitAsync(string key, CancellationToken cancellationToken);
}

/// <summary>
/// Sliding-window rate limiter: per key, Teams' per-bot per-thread write limits
/// (<see cref="OutboundPacingOptions.TeamsPerThreadLimits"/>: 7/1 s, 8/2 s, 60/30 s, 1800/h), and over all keys the
/// <see cref="OutboundPacingOptions.GlobalPerSecond"/> budget (Teams: 50 requests per second per app per tenant).
/// </summary>
/// <remarks>
/// A sliding log rather than token buckets: Teams counts calls in trailing windows, and four nested windows are only
/// honoured exactly by remembering when each call was made (at most 1800 times per key, pruned after an hour; keys idle
/// for an hour are forgotten). A waiter that is refused sleeps until the earliest moment the busiest window frees a slot
/// and then tries again; waiters are not queued, so under contention the order among waiters of one key is not
/// guaranteed (reminders send one at a time, live cards one per card). Time comes from the injected
/// <see cref="TimeProvider"/> (monotonic timestamps), so tests can drive it.
/// </remarks>
public sealed class ConversationRateLimiter : IOutboundPacer
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SlidingWindowLog> _keys = new(StringComparer.Ordinal);
    private readonly (TimeSpan Window, int Limit)[] _perKeyLimits;
    private readonly SlidingWindowLog? _global;
    private readonly TimeProvider _timeProvider;
    private readonly long _origin;
    private TimeSpan _lastSweep;

    public ConversationRateLimiter(IOptions<OutboundPacingOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var settings = options.Value;
        _perKeyLimits = [.. OutboundPacingOptions.TeamsPerThreadLimits.Select(l => (l.Window + settings.SafetyMargin, l.Limit))];
        _global = settings.GlobalPerSecond > 0
            ? new SlidingWindowLog([(TimeSpan.FromSeconds(1) + settings.SafetyMargin, settings.GlobalPerSecond)])
            : null;
        _timeProvider = timeProvider;
        _origin = timeProvider.GetTimestamp();
    }

    /// <summary>Keys currently remembered (for tests: idle keys are forgotten).</summary>
    internal int KeyCount
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }

    public async Task WaitAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wait = TryAcquire(key);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Counts one write for <paramref name="key"/> and returns zero when every window has room now; otherwise counts
    /// nothing and returns how long to wait before asking again (rounded up to whole milliseconds, at least 1 ms).
    /// </summary>
    internal TimeSpan TryAcquire(string key)
    {
        lock (_gate)
        {
            var now = _timeProvider.GetElapsedTime(_origin);
            Sweep(now);
            if (!_keys.TryGetValue(key, out var log))
            {
                log = new SlidingWindowLog(_perKeyLimits);
                _keys[key] = log;
            }

            var wait = log.WaitBefore(now);
            if (_global?.WaitBefore(now) is { } globalWait && globalWait > wait)
            {
                wait = globalWait;
            }

            if (wait > TimeSpan.Zero)
            {
                return TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds)));
            }

            log.Add(now);
            _global?.Add(now);
            return TimeSpan.Zero;
        }
    }

    private void Sweep(TimeSpan now)
    {
        if (now - _lastSweep < SweepEvery)
        {
            return;
        }

        _lastSweep = now;
        List<string>? idle = null;
        foreach (var (key, log) in _keys)
        {
            if (log.IsEmptyAt(now))
            {
                (idle ??= []).Add(key);
            }
        }

        foreach (var key in idle ?? [])
        {
            _keys.Remove(key);
        }
    }

    /// <summary>When calls were counted (ascending), checked against several trailing windows. Not thread-safe.</summary>
    private sealed class SlidingWindowLog((TimeSpan Window, int Limit)[] limits)
    {
        private readonly List<TimeSpan> _times = [];
        private readonly TimeSpan _longest = limits.Max(l => l.Window);

        /// <summary>Zero when one more call fits every window at <paramref name="now"/>; else the time until it does.</summary>
        public TimeSpan WaitBefore(TimeSpan now)
        {
            Prune(now);
            var wait = TimeSpan.Zero;
            foreach (var (window, limit) in limits)
            {
                var first = FirstAfter(now - window);
                var inWindow = _times.Count - first;
                if (inWindow >= limit)
                {
                    // The call that must leave the window before one more fits: a call at t counts while now < t + window.
                    var leavesAt = _times[first + inWindow - limit] + window;
                    if (leavesAt - now > wait)
                    {
                        wait = leavesAt - now;
                    }
                }
            }

            return wait;
        }

        public void Add(TimeSpan now) => _times.Add(now);

        public bool IsEmptyAt(TimeSpan now)
        {
            Prune(now);
            return _times.Count == 0;
        }

        private void Prune(TimeSpan now)
        {
            var expired = FirstAfter(now - _longest);
            if (expired > 0)
            {
                _times.RemoveRange(0, expired);
            }
        }

        /// <summary>Index of the first time strictly after <paramref name="threshold"/> (Count when none).</summary>
        private int FirstAfter(TimeSpan threshold)
        {
            int low = 0, high = _times.Count;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (_times[middle] > threshold)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            return low;
        }
    }
}
