namespace ConcertationBot.Bot.LiveCards;

/// <summary>Outbound write pacing (all connector writes that go through <see cref="IOutboundPacer"/>), bound from <c>OutboundPacing</c>.</summary>
public sealed class OutboundPacingOptions
{
    public const string SectionName = "OutboundPacing";

    /// <summary>
    /// Teams' per-bot per-thread limits for sends, updates and conversation creation, as (window, most calls in it):
    /// 7 per second, 8 per 2 seconds, 60 per 30 seconds, 1800 per hour.
    /// </summary>
    public static readonly IReadOnlyList<(TimeSpan Window, int Limit)> TeamsPerThreadLimits =
    [
        (TimeSpan.FromSeconds(1), 7),
        (TimeSpan.FromSeconds(2), 8),
        (TimeSpan.FromSeconds(30), 60),
        (TimeSpan.FromHours(1), 1800),
    ];

    /// <summary>
    /// Writes per second for the whole app, over every key. Teams allows 50 per app per tenant (older documents said 30);
    /// 20 leaves room for replies and invoke traffic that is not paced. 0 turns the global budget off.
    /// </summary>
    public int GlobalPerSecond { get; set; } = 20;

    /// <summary>
    /// Added to every window: the limiter counts when a call leaves, Teams counts when it arrives, and two calls can
    /// arrive closer together than they left.
    /// </summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromMilliseconds(150);

    internal IEnumerable<string> Validate()
    {
        if (GlobalPerSecond is < 0 or > 1000)
        {
            yield return $"{SectionName}:GlobalPerSecond must be between 0 (off) and 1000.";
        }

        if (SafetyMargin < TimeSpan.Zero || SafetyMargin > TimeSpan.FromSeconds(1))
        {
            yield return $"{SectionName}:SafetyMargin must be between 0 and 1 second.";
        }
    }
}
