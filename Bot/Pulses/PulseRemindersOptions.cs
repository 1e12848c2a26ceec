namespace ConcertationBot.Bot.Pulses;

/// <summary>How a <c>pulse rappel</c> run retries and reports (section <c>Reminders</c>).</summary>
public sealed class PulseRemindersOptions
{
    public const string SectionName = "Reminders";

    /// <summary>Tries per member while Teams (or storage) fails transiently; then the member's claim is given back.</summary>
    public int MaxTries { get; set; } = 3;

    /// <summary>Pause before a member's second try (doubled before the third), on top of the connector client's own retries.</summary>
    public TimeSpan RetryPause { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Least time between two updates of the coordinator's progress card (each also renews the run's lease).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a run holds its pulse without news: a second <c>pulse rappel</c> meanwhile says one is running.</summary>
    public TimeSpan RunLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often each instance looks for runs whose lease ended without the run being ended (their instance died) and
    /// finishes them (<see cref="PulseReminderSweep"/>); also once at start.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
