using System.Diagnostics;
using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>
/// Issue #15's cold start: how long from starting the bot's process to its first <c>/api/messages</c> answered 200.
/// Round 1 starts on fresh storage (the tables are created by the first turns); each later round kills the bot (SIGKILL)
/// and starts it again on the same port and storage. In each round the coordinator's <c>aide</c> is sent the moment
/// <c>/healthz</c> answers 200 (probed every 50 ms), and the help card must reach the connector. Prints each round and
/// the median against the 1.5 s aim (reported, not in the verdict: timings on a shared machine are not a test). PASS when
/// every <c>aide</c> was answered 200 and its card arrived.
/// </summary>
internal static class ColdStartScenario
{
    private const string Label = "coldstart";
    private static readonly TimeSpan Aim = TimeSpan.FromSeconds(1.5);

    public static async Task<bool> RunAsync(LoadSettings settings, BotUnderLoad setup, TextWriter output, CancellationToken cancellationToken)
    {
        var rounds = settings.Short ? 3 : 6;
        var results = new List<(TimeSpan Healthy, TimeSpan FirstAnswer, TimeSpan Latency, bool Ok)>();
        for (var round = 1; round <= rounds; round++)
        {
            if (round > 1)
            {
                await setup.Bot.KillAsync(cancellationToken).ConfigureAwait(false);
                await setup.Bot.RestartAsync(cancellationToken).ConfigureAwait(false);
            }

            var since = setup.Connector.Now;
            var answer = await setup.Channel.SendAsync(setup.Channel.Message(setup.Coordinator, "aide"), cancellationToken).ConfigureAwait(false);
            var firstAnswer = Stopwatch.GetElapsedTime(setup.Bot.StartedAt);
            var card = await setup.Connector.WaitForAsync(
                r => r.ReceivedAt >= since && r.IsPost && r.Succeeded && r.Body.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30),
                cancellationToken).ConfigureAwait(false);
            var ok = answer.Status == 200 && card is not null;
            results.Add((setup.Bot.StartToHealthy, firstAnswer, answer.Latency, ok));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Label} {round}{(round == 1 ? " (fresh storage)" : " (restart after SIGKILL)")}: /healthz 200 after {setup.Bot.StartToHealthy.TotalMilliseconds:0} ms; first 'aide' answered {answer.Status} in {answer.Latency.TotalMilliseconds:0} ms, {firstAnswer.TotalMilliseconds:0} ms after the process start; help card {(card is null ? "MISSING" : "posted")}"));
        }

        var median = Median(results.Select(r => r.FirstAnswer));
        var worst = results.Max(r => r.FirstAnswer);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: {rounds} starts, process start to first /api/messages 200: median {median.TotalMilliseconds:0} ms, max {worst.TotalMilliseconds:0} ms; /healthz median {Median(results.Select(r => r.Healthy)).TotalMilliseconds:0} ms; first turn median {Median(results.Select(r => r.Latency)).TotalMilliseconds:0} ms; aim {Aim.TotalSeconds:0.0} s: {(median <= Aim ? "met" : "NOT met")} (median; reported, not in the verdict); {Environment.ProcessorCount} cores"));
        output.WriteLine(setup.DescribeMemory());
        var pass = results.All(r => r.Ok);
        output.WriteLine("verdict: " + (pass ? "PASS" : "FAIL"));
        return pass;
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[sorted.Count / 2];
    }
}
