using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ConcertationBot.Load;

/// <summary>
/// <c>load faults</c>: the real bot and Azurite (persisted on disk) under the faults of issue #8, each during its own
/// dot-voting burst in its own channel, each with a PASS/FAIL verdict: storage stopped and restarted, storage frozen,
/// connector 503s, duplicate deliveries, the bot killed and restarted (last, as it replaces the bot process); then
/// two instances on the same Azurite and connector (issue #22): a close one leaves unfinished is finished by the other,
/// and a live card one renders cannot stay over the other's closed card; then clicks Teams delivers again after newer
/// clicks of the same voter (issue #19); last, a reminder run whose bot is killed is finished after the restart (#19).
/// </summary>
internal static class FaultScenario
{
    public static readonly IReadOnlyList<string> Names = ["outage-stopped", "outage-frozen", "connector-503", "duplicates", "bot-killed", "close-handover", "stale-card", "redelivery", "close-killed", "vote-close-killed", "reminders-killed", "deadline-killed"];

    public static async Task<bool> RunAsync(LoadSettings settings, string repositoryRoot, string logDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var selected = settings.Faults is { Count: > 0 } only ? Names.Where(only.Contains).ToList() : [.. Names];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"faults: {string.Join(", ", selected)}; {settings.Voters} voters, re-vote {settings.Revote:0.00}, concurrency {settings.Concurrency}, burst {settings.Burst.TotalSeconds:0} s, seed {settings.Seed}, {Environment.ProcessorCount} cores"));
        var clock = Stopwatch.StartNew();
        var verdicts = new List<(string Name, bool Pass)>();
        await using (var bed = await FaultBed.StartAsync(settings, repositoryRoot, logDirectory, output, cancellationToken).ConfigureAwait(false))
        {
            foreach (var (name, i) in selected.Select((n, i) => (n, i)))
            {
                output.WriteLine();
                var seed = settings.Seed + i + 1;
                var pass = name switch
                {
                    "outage-stopped" => await FaultOutage.RunAsync(bed, freeze: false, seed, cancellationToken).ConfigureAwait(false),
                    "outage-frozen" => await FaultOutage.RunAsync(bed, freeze: true, seed, cancellationToken).ConfigureAwait(false),
                    "connector-503" => await FaultConnectorUnavailable.RunAsync(bed, seed, cancellationToken).ConfigureAwait(false),
                    "duplicates" => await FaultDuplicates.RunAsync(bed, seed, cancellationToken).ConfigureAwait(false),
                    "bot-killed" => await FaultKill.RunAsync(bed, seed, cancellationToken).ConfigureAwait(false),
                    "close-handover" => await FaultCloseHandover.RunAsync(bed, cancellationToken).ConfigureAwait(false),
                    "redelivery" => await FaultRedelivery.RunAsync(bed, seed, cancellationToken).ConfigureAwait(false),
                    "close-killed" => await FaultCloseKilled.RunAsync(bed, cancellationToken).ConfigureAwait(false),
                    "vote-close-killed" => await FaultVoteCloseKilled.RunAsync(bed, seed, cancellationToken).ConfigureAwait(false),
                    "reminders-killed" => await FaultRemindersKilled.RunAsync(bed, cancellationToken).ConfigureAwait(false),
                    "deadline-killed" => await FaultDeadlineKilled.RunAsync(bed, cancellationToken).ConfigureAwait(false),
                    _ => await FaultStaleCard.RunAsync(bed, seed, cancellationToken).ConfigureAwait(false),
                };
                verdicts.Add((name, pass));
            }

            output.WriteLine();
            output.WriteLine(bed.Setup.DescribeMemory());
        }

        var failed = verdicts.Where(v => !v.Pass).Select(v => v.Name).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"faults: {verdicts.Count - failed.Count} passed, {failed.Count} failed in {clock.Elapsed.TotalSeconds:0} s"));
        output.WriteLine("verdict: " + (failed.Count == 0 ? "PASS" : "FAIL (" + string.Join(", ", failed) + ")"));
        return failed.Count == 0;
    }

    internal static string Shorten(string body)
    {
        var flat = new StringBuilder(body.Length).Append(body).Replace('\n', ' ').Replace('\r', ' ').ToString();
        return flat.Length <= 200 ? flat : flat[..200] + "…";
    }
}
