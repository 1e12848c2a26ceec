namespace ConcertationBot.Bot.Hosting;

/// <summary>
/// Redelivery settings, bound from <c>Bot:Redelivery</c>: an activity Teams delivers again (same channel, conversation,
/// sender and activity id) within <see cref="Window"/> is answered as the first time instead of being handled again.
/// </summary>
public sealed class RedeliveryOptions
{
    public const string SectionName = "Bot:Redelivery";

    /// <summary>Whether handled activities are recorded and redeliveries answered from the record (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a handled activity is remembered; older rows are deleted by the sweep (default 24 h).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a claim without an answer holds (default 30 s): a copy arriving later takes it over and handles the
    /// activity, as the turn that claimed it is taken for dead (an instance stopped mid-turn).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most the claim may take before the turn (default 2 s, out of the turn's own budget): storage slower than this,
    /// or a concurrent copy that has not answered by then, and the activity is handled as if the feature were off.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most recording the answer (or giving up a failed turn's claim) may add to a turn (default 1 s).</summary>
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each instance deletes rows older than <see cref="Window"/> (default hourly).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
