using System.Diagnostics;
using System.Globalization;
using ConcertationBot.Bot.Storage.Tables;

// Latency of single-entity upsert and point read through our Table client, measured the same way as
// Benchmarks/official-client.mjs measures @azure/data-tables: sequential calls, warm-up first, one timing per call.
//   dotnet run -c Release --project Benchmarks -- [iterations] [warmup]
// The account comes from STORAGE_CONNECTION_STRING (default: UseDevelopmentStorage=true).
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var warmup = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var connectionString = Environment.GetEnvironmentVariable("STORAGE_CONNECTION_STRING") ?? "UseDevelopmentStorage=true";

var table = new TableServiceClient(connectionString).GetTableClient("benchours" + Guid.NewGuid().ToString("N")[..8]);
await table.CreateIfNotExistsAsync();

TableEntity Entity(int i) => new("bench", "entity")
{
    ["Text"] = "Concertation du quartier",
    ["Count"] = i,
    ["Big"] = 1L << 40,
    ["Flag"] = true,
    ["When"] = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
};

var upsert = await MeasureAsync(i => table.UpsertEntityAsync(Entity(i)));
var read = await MeasureAsync(_ => table.GetEntityAsync<TableEntity>("bench", "entity"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"client\":\"ours (.NET)\",\"iterations\":{iterations},\"upsert\":{Json(upsert)},\"read\":{Json(read)}}}"));
await table.DeleteAsync();

async Task<double[]> MeasureAsync<T>(Func<int, Task<T>> operation)
{
    for (var i = 0; i < warmup; i++)
    {
        await operation(i);
    }

    var samples = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await operation(i);
        samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    Array.Sort(samples);
    return samples;
}

static string Json(double[] sorted) => string.Create(
    CultureInfo.InvariantCulture,
    $"{{\"medianMs\":{Percentile(sorted, 0.50):F3},\"p99Ms\":{Percentile(sorted, 0.99):F3}}}");

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
