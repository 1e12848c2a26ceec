using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>Starts what a scenario needs (Azurite unless given storage, the connector and the bot), runs it, stops everything.</summary>
internal static class LoadRun
{
    public static async Task<bool> RunAsync(LoadSettings settings, string repositoryRoot, string logDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        if (settings.Scenario == LoadScenario.Faults)
        {
            // The faults stop, freeze and restart their own Azurite (persisted on disk), so they never use a given one.
            return await FaultScenario.RunAsync(settings, repositoryRoot, logDirectory, output, cancellationToken).ConfigureAwait(false);
        }

        AzuriteProcess? azurite = null;
        try
        {
            string storage;
            if (settings.Storage is { Length: > 0 } given)
            {
                storage = given;
                output.WriteLine("storage: the given connection string");
            }
            else
            {
                azurite = await AzuriteProcess.StartAsync(repositoryRoot, logDirectory, location: null, cancellationToken).ConfigureAwait(false);
                storage = azurite.ConnectionString;
                output.WriteLine("storage: private in-memory Azurite, " + storage.Split(';').Last(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal)));
            }

            switch (settings.Scenario)
            {
                case LoadScenario.Upsert:
                    var upsert = await UpsertScenario.RunAsync(settings, storage, output, cancellationToken).ConfigureAwait(false);
                    return upsert.Failures == 0;
                case LoadScenario.Smoke:
                    await using (var setup = await StartBotAsync(settings, repositoryRoot, storage, logDirectory, output, cancellationToken).ConfigureAwait(false))
                    {
                        return await SmokeScenario.RunAsync(setup, output, cancellationToken).ConfigureAwait(false);
                    }

                case LoadScenario.Votes:
                    await using (var setup = await StartBotAsync(settings, repositoryRoot, storage, logDirectory, output, cancellationToken).ConfigureAwait(false))
                    {
                        var votes = await VoteScenario.RunAsync(settings, setup, storage, output, cancellationToken).ConfigureAwait(false);
                        return votes.Pass;
                    }

                case LoadScenario.Answers:
                    // The peer first, on the same Azurite: raw upserts, as the targets compare with.
                    var peer = await UpsertScenario.RunAsync(settings, storage, output, cancellationToken).ConfigureAwait(false);
                    output.WriteLine();
                    return await BotUnderLoad.RunOnOwnBotAsync(settings, AnswerScenario.ShortRespondents, repositoryRoot, storage, logDirectory, output, async (bounded, setup) =>
                    {
                        var answers = await AnswerScenario.RunAsync(bounded, setup, storage, output, cancellationToken).ConfigureAwait(false);
                        output.WriteLine();
                        output.WriteLine(AnswersAgainstUpserts(peer, answers));
                        return answers.Pass && peer.Failures == 0;
                    }, cancellationToken).ConfigureAwait(false);
                case LoadScenario.Participation:
                    return await BotUnderLoad.RunOnOwnBotAsync(settings, ParticipationScenario.ShortMembers, repositoryRoot, storage, logDirectory, output, async (bounded, setup) => (await ParticipationScenario.RunAsync(bounded, setup, storage, output, cancellationToken).ConfigureAwait(false)).Pass, cancellationToken).ConfigureAwait(false);
                case LoadScenario.ColdStart:
                    await using (var setup = await StartBotAsync(settings, repositoryRoot, storage, logDirectory, output, cancellationToken).ConfigureAwait(false))
                    {
                        return await ColdStartScenario.RunAsync(settings, setup, output, cancellationToken).ConfigureAwait(false);
                    }

                case LoadScenario.BigTable:
                    return await BigTableScenario.RunAsync(settings, repositoryRoot, storage, logDirectory, output, cancellationToken).ConfigureAwait(false);
                default:
                    var raw = await UpsertScenario.RunAsync(settings, storage, output, cancellationToken).ConfigureAwait(false);
                    output.WriteLine();
                    var fenced = await FencedBallotScenario.RunAsync(settings, storage, output, cancellationToken).ConfigureAwait(false);
                    output.WriteLine();
                    await using (var setup = await StartBotAsync(settings, repositoryRoot, storage, logDirectory, output, cancellationToken).ConfigureAwait(false))
                    {
                        var bot = await VoteScenario.RunAsync(settings, setup, storage, output, cancellationToken).ConfigureAwait(false);
                        output.WriteLine();
                        output.WriteLine(CompareTable(settings, raw, fenced, bot));
                        return raw.Failures == 0 && fenced.Failures == 0 && bot.Pass;
                    }
            }
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<BotUnderLoad> StartBotAsync(LoadSettings settings, string repositoryRoot, string storage, string logDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var setup = await BotUnderLoad.StartAsync(settings, repositoryRoot, storage, logDirectory, cancellationToken).ConfigureAwait(false);
        output.WriteLine(setup.Describe());
        return setup;
    }

    /// <summary>The Markdown table for docs/performance.md: a pulse's step click and submit against a raw upsert of the same run.</summary>
    internal static string AnswersAgainstUpserts(UpsertResult raw, AnswerResult answers)
    {
        var r = raw.Latencies;
        static string Ratio(double numerator, double denominator) =>
            denominator > 0 ? (numerator / denominator).ToString("0.0", CultureInfo.InvariantCulture) + "×" : "n/a";
        var s = answers.Steps ?? answers.Invokes;
        var m = answers.Submits;
        return string.Create(CultureInfo.InvariantCulture, $"""
            | | count | p50 (ms) | p99 (ms) | p50 / raw | p99 / raw |
            |---|---:|---:|---:|---:|---:|
            | raw `UpsertEntityAsync` (replace) | {r.Count} | {r.P50Ms:0.0} | {r.P99Ms:0.0} | 1.0× | 1.0× |
            | step click (`pulse.next`) | {s.Count} | {s.P50Ms:0.0} | {s.P99Ms:0.0} | {Ratio(s.P50Ms, r.P50Ms)} | {Ratio(s.P99Ms, r.P99Ms)} |
            | submit (`pulse.submit`) | {m.Count} | {m.P50Ms:0.0} | {m.P99Ms:0.0} | {Ratio(m.P50Ms, r.P50Ms)} | {Ratio(m.P99Ms, r.P99Ms)} |
            """);
    }

    /// <summary>
    /// The Markdown table for docs/performance.md: bot invoke against raw upsert, with the ratios, and the fenced ballot
    /// write alone (the storage part of an invoke).
    /// </summary>
    internal static string CompareTable(LoadSettings settings, UpsertResult raw, UpsertResult fenced, VoteResult bot)
    {
        var r = raw.Latencies;
        var f = fenced.Latencies;
        var b = bot.Casts;
        static string Ratio(double numerator, double denominator) =>
            denominator > 0 ? (numerator / denominator).ToString("0.0", CultureInfo.InvariantCulture) + "×" : "n/a";

        return string.Create(CultureInfo.InvariantCulture, $"""
            Concurrency {settings.Concurrency}; {b.Count} `vote.cast` invokes ({settings.Voters} voters, re-vote {settings.Revote:0.00}, mode {settings.Mode.ToString().ToLowerInvariant()}) against {r.Count} raw upserts, same in-memory Azurite, {Environment.ProcessorCount} cores.

            | | ops/s | p50 (ms) | p95 (ms) | p99 (ms) |
            |---|---:|---:|---:|---:|
            | raw `UpsertEntityAsync` (replace) | {r.PerSecond:0.0} | {r.P50Ms:0.0} | {r.P95Ms:0.0} | {r.P99Ms:0.0} |
            | `VoteStore.SaveBallotAsync` alone (ballot + fence, one transaction) | {f.PerSecond:0.0} | {f.P50Ms:0.0} | {f.P95Ms:0.0} | {f.P99Ms:0.0} |
            | bot `vote.cast` invoke | {b.PerSecond:0.0} | {b.P50Ms:0.0} | {b.P95Ms:0.0} | {b.P99Ms:0.0} |
            | ratio bot / raw | {Ratio(b.PerSecond, r.PerSecond)} | {Ratio(b.P50Ms, r.P50Ms)} | {Ratio(b.P95Ms, r.P95Ms)} | {Ratio(b.P99Ms, r.P99Ms)} |
            """);
    }
}
