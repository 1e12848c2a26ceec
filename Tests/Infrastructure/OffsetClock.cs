namespace ConcertationBot.Tests.Infrastructure;

/// <summary>
/// The system clock moved forward by hand: time still flows (timers, delays and the live-card pacing work as in
/// production), and a test can jump minutes or days ahead between two steps.
/// </summary>
internal sealed class OffsetClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
