using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>Latency percentiles (nearest rank) and throughput of a batch of timed operations.</summary>
public sealed record Latencies(int Count, TimeSpan Elapsed, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Elapsed > TimeSpan.Zero ? Count / Elapsed.TotalSeconds : 0;

    public static Latencies Of(IReadOnlyCollection<TimeSpan> samples, TimeSpan elapsed)
    {
        if (samples.Count == 0)
        {
            return new Latencies(0, elapsed, 0, 0, 0, 0);
        }

        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        return new Latencies(sorted.Length, elapsed, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    public string Describe(string unit) => string.Create(CultureInfo.InvariantCulture,
        $"{Count} {unit} in {Elapsed.TotalSeconds:0.00} s = {PerSecond:0.0} {unit}/s; latency p50 {P50Ms:0.0} ms, p95 {P95Ms:0.0} ms, p99 {P99Ms:0.0} ms, max {MaxMs:0.0} ms");

    private static double Rank(double[] sorted, double quantile)
    {
        var index = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
