using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace ConcertationBot.Load;

/// <summary>What a raw upsert run measured.</summary>
public sealed record UpsertResult(Latencies Latencies, int Failures)
{
    /// <summary>A random 64-hex key, as a ballot's hashed voter key (the row key of a ballot).</summary>
    public static string RandomKey(Random random)
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Writes what was run, the latencies and the failures, each line led by <paramref name="label"/>.</summary>
    public UpsertResult Report(string label, FormattableString run, string unit, TextWriter output)
    {
        output.WriteLine(label + ": " + run.ToString(CultureInfo.InvariantCulture));
        output.WriteLine(label + ": " + Latencies.Describe(unit));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: failures {Failures}"));
        return this;
    }
}

/// <summary>
/// The raw peer of a ballot write: N <c>UpsertEntityAsync</c> (replace) of ballot-shaped entities (fixed partition,
/// random 64-hex row key, <c>Points</c>, <c>UpdatedAt</c>) through Azure.Data.Tables, the client the bot uses, at the given concurrency.
/// </summary>
internal static class UpsertScenario
{
    public static async Task<UpsertResult> RunAsync(LoadSettings settings, string storageConnectionString, TextWriter output, CancellationToken cancellationToken)
    {
        var tableName = "LoadUpserts" + Guid.NewGuid().ToString("N")[..12];
        var table = new TableServiceClient(storageConnectionString).GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var partition = Guid.CreateVersion7().ToString("N");
        var random = new Random(settings.Seed);
        var rowKeys = Enumerable.Range(0, settings.Count).Select(_ => UpsertResult.RandomKey(random)).ToArray();
        var latencies = new ConcurrentBag<TimeSpan>();
        var failures = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            await Parallel.ForEachAsync(
                rowKeys,
                new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
                async (rowKey, token) =>
                {
                    var entity = new TableEntity(partition, rowKey)
                    {
                        ["Points"] = "1,0,2,0",
                        ["UpdatedAt"] = DateTimeOffset.UtcNow,
                    };
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, token).ConfigureAwait(false);
                        latencies.Add(Stopwatch.GetElapsedTime(started));
                    }
                    catch (RequestFailedException)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }).ConfigureAwait(false);
            clock.Stop();
        }
        finally
        {
            await table.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return new UpsertResult(Latencies.Of(latencies, clock.Elapsed), failures)
            .Report("upsert", $"{settings.Count} upserts (replace), concurrency {settings.Concurrency}", "upserts", output);
    }
}
