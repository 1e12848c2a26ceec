namespace ConcertationBot.Bot.LiveCards;

/// <summary>Pacing of live card updates, bound from the <c>LiveCards</c> section.</summary>
public sealed class LiveCardOptions
{
    public const string SectionName = "LiveCards";

    /// <summary>Least time between two updates of one card (product rule: at most one update per second per card).</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait after a failed update (429 after the connector's own retries, or a transient failure); doubled each time.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on one back-off wait.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Consecutive transient failures (no answer, 408, 412, 5xx, a token that could not be had, a render that throws)
    /// after which the delay is logged at Warning and <c>FlushAsync</c> callers are released. The card is not given up:
    /// it keeps being retried (back-off capped at <see cref="MaxBackoff"/>) until it lands, the message is gone,
    /// <see cref="TransientRetryLimit"/> passes or the host stops. Throttling (429) is not counted.
    /// </summary>
    public int MaxTransientFailures { get; set; } = 5;

    /// <summary>
    /// How long a card may keep failing transiently (connector outage, no answer, a render that throws) before its
    /// pending update is abandoned. The card is not marked dropped: a later change starts again.
    /// </summary>
    public TimeSpan TransientRetryLimit { get; set; } = TimeSpan.FromHours(24);

    /// <summary>On host shutdown, how long pending updates may still be sent before they are abandoned.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest an update waits for the answer of the turn that scheduled it (the clicker's own card goes first; the
    /// adapter completes it right after the HTTP answer, so this only bounds a turn that never answers).
    /// </summary>
    public TimeSpan AnswerWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a card that was given up (deleted message, bot removed…) keeps ignoring new updates.</summary>
    public TimeSpan DroppedRetention { get; set; } = TimeSpan.FromHours(1);

    internal IEnumerable<string> Validate()
    {
        if (MinInterval <= TimeSpan.Zero || MinInterval > TimeSpan.FromMinutes(10))
        {
            yield return $"{SectionName}:MinInterval must be positive and at most 10 minutes.";
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            yield return $"{SectionName}:InitialBackoff must be positive and not above {SectionName}:MaxBackoff.";
        }

        if (MaxTransientFailures is < 0 or > 100)
        {
            yield return $"{SectionName}:MaxTransientFailures must be between 0 and 100.";
        }

        if (TransientRetryLimit <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:TransientRetryLimit must be positive.";
        }

        if (ShutdownTimeout < TimeSpan.Zero)
        {
            yield return $"{SectionName}:ShutdownTimeout must not be negative.";
        }

        if (AnswerWait < TimeSpan.Zero || AnswerWait > TimeSpan.FromMinutes(1))
        {
            yield return $"{SectionName}:AnswerWait must be between 0 and 1 minute.";
        }

        if (DroppedRetention < TimeSpan.Zero)
        {
            yield return $"{SectionName}:DroppedRetention must not be negative.";
        }
    }
}
