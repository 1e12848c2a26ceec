using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>
/// Storage outage: Azurite is stopped (SIGINT, so it saves its database, then restarted on the same port) or frozen
/// (SIGSTOP then SIGCONT) for 10 s in the middle of a vote burst. Every invoke must be answered 200 with either the
/// confirmation or the try-again card, never exception text; voters who got try-again click its retry action after
/// the outage; storage must then hold each voter's last confirmed ballot once, and new invokes must succeed with the
/// same bot process (recovery without restart).
/// </summary>
internal static class FaultOutage
{
    public static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    /// <summary>Invokes sent this long after storage is back must all be confirmed.</summary>
    private static readonly TimeSpan RecoveryGrace = TimeSpan.FromSeconds(3);

    /// <summary>Voters who change their ballot once more after the outage: the recovery probe.</summary>
    private const int RecoveryProbes = 5;

    public static async Task<bool> RunAsync(FaultBed bed, bool freeze, int seed, CancellationToken cancellationToken)
    {
        var label = freeze ? "outage-frozen" : "outage-stopped";
        var output = bed.Output;
        var settings = bed.Settings;
        output.WriteLine($"{label}: Azurite {(freeze ? "frozen (SIGSTOP/SIGCONT)" : "stopped (SIGINT) and restarted on the same port")} for {Outage.TotalSeconds:0} s in the middle of a {settings.Burst.TotalSeconds:0} s burst");
        var vote = await FaultVote.OpenAsync(bed, label, bed.NewChannel(), cancellationToken).ConfigureAwait(false);
        if (vote is null)
        {
            return Verdict(output, label, false, "no vote");
        }

        var plans = FaultBurst.Plan(bed.Setup.Voters.Count, settings.Revote, vote.Rules, seed);
        var botPid = bed.Setup.Bot.ProcessId;
        var outageStart = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, ((settings.Burst - Outage) / 2).Ticks));
        var down = TimeSpan.Zero;
        var up = TimeSpan.Zero;
        var graceful = true;
        var polls = new List<FaultCast>();
        var start = vote.Now;
        var fault = Task.Run(
            async () =>
            {
                await Task.Delay(outageStart, cancellationToken).ConfigureAwait(false);
                down = vote.Now;
                if (freeze)
                {
                    await bed.Azurite.FreezeAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    graceful = await bed.Azurite.StopAsync(TimeSpan.FromSeconds(8), cancellationToken).ConfigureAwait(false);
                }

                var remaining = down + Outage - vote.Now;
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
                }

                if (freeze)
                {
                    await bed.Azurite.ThawAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await bed.Azurite.RestartAsync(cancellationToken).ConfigureAwait(false);
                }

                up = vote.Now;

                // Voter 0 (who voted before the outage) clicks every 250 ms from the moment storage is back until confirmed.
                var random = new Random(seed);
                var ballot = plans[0].Ballots[^1];
                while (vote.Now - up < TimeSpan.FromSeconds(30))
                {
                    ballot = vote.Rules.Other(random, ballot);
                    var cast = await vote.CastAsync(plans[0].Voter, ballot, cancellationToken).ConfigureAwait(false);
                    polls.Add(cast);
                    if (cast.Outcome == CastOutcome.Confirmed)
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken);
        var casts = await FaultBurst.RunAsync(vote, plans, settings.Burst, settings.Concurrency, answered: null, cancellationToken).ConfigureAwait(false);
        await fault.ConfigureAwait(false);
        var replays = await vote.ReplayUnconfirmedAsync(casts, attempts: 3, cancellationToken).ConfigureAwait(false);
        var probeDue = up + RecoveryGrace + TimeSpan.FromMilliseconds(50) - vote.Now;
        if (probeDue > TimeSpan.Zero)
        {
            await Task.Delay(probeDue, cancellationToken).ConfigureAwait(false);
        }

        var probeRandom = new Random(seed);
        var probes = await Task.WhenAll(plans.Take(RecoveryProbes).Select(p => vote.CastAsync(p.Voter, vote.Rules.Other(probeRandom, p.Ballots[^1]), cancellationToken))).ConfigureAwait(false);
        var all = casts.Concat(polls).Concat(replays).Concat(probes).ToList();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: storage down at {(down - start).TotalSeconds:0.0} s{(freeze ? string.Empty : graceful ? " (Azurite exited cleanly on SIGINT)" : " (Azurite had to be killed: its last autosave may be lost)")}, back at {(up - start).TotalSeconds:0.0} s; bot pid {botPid}"));
        output.WriteLine($"{label}: burst {casts.Count} invokes: {FaultVote.Describe(casts)}");
        var tryAgain = all.Where(c => c.Outcome == CastOutcome.TryAgain).ToList();
        var viaCard = replays.Count(r => r.ViaRetryAction);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: try-again {tryAgain.Count} answers to {tryAgain.Select(c => c.Voter).Distinct().Count()} voters; replays {replays.Count} ({viaCard} through the card's retry action): {(replays.Count == 0 ? "none" : FaultVote.Describe(replays))}"));

        var during = all.Where(c => c.SentAt >= down && c.SentAt <= up).ToList();
        var duringLatency = Latencies.Of(during.Select(c => c.Answer.Latency).ToList(), up - down);
        var overall = Latencies.Of(casts.Select(c => c.Answer.Latency).ToList(), casts.Count == 0 ? TimeSpan.Zero : casts.Max(c => c.AnsweredAt) - start);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: latency of the {during.Count} invokes sent during the outage: p50 {duringLatency.P50Ms:0} ms, p95 {duringLatency.P95Ms:0} ms, max {duringLatency.MaxMs:0} ms; whole burst max {overall.MaxMs:0} ms"));

        var firstAfter = polls.FirstOrDefault(c => c.Outcome == CastOutcome.Confirmed);
        output.WriteLine($"{label}: recovery probe: {probes.Length} voters change their ballot after the outage: {FaultVote.Describe(probes)}");
        var late = all.Where(c => c.SentAt >= up + RecoveryGrace).ToList();
        var sameBot = bed.Setup.Bot.ProcessId == botPid && bed.Setup.Bot.IsRunning;
        var recovered = sameBot && firstAfter is not null && late.Count > 0 && late.All(c => c.Outcome == CastOutcome.Confirmed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: recovery: a voter clicking every 250 ms from when storage came back was confirmed {(firstAfter is null ? "never (30 s)" : $"{(firstAfter.AnsweredAt - up).TotalSeconds:0.00} s after it, click {polls.Count}")}; {late.Count(c => c.Outcome == CastOutcome.Confirmed)}/{late.Count} invokes sent from +{RecoveryGrace.TotalSeconds:0} s on confirmed; bot {(sameBot ? "same process, never restarted" : "NOT the same process")}"));

        var answered = all.All(c => c.Outcome is CastOutcome.Confirmed or CastOutcome.TryAgain);
        var leaks = all.Count(c => FaultAnswers.LeaksInternals(c.Answer.Body));
        foreach (var odd in all.Where(c => c.Outcome is not (CastOutcome.Confirmed or CastOutcome.TryAgain)).Take(3))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: e.g. {odd.Outcome.ToString().ToLowerInvariant()} {odd.Answer.Status} after {odd.Answer.Latency.TotalMilliseconds:0} ms: {FaultScenario.Shorten(odd.Answer.Body)}"));
        }

        var stored = await vote.CheckStorageAsync(FaultVote.Truth(all), plans.Count, all, cancellationToken).ConfigureAwait(false);
        var pass = answered && leaks == 0 && stored && recovered;
        return Verdict(output, label, pass, string.Create(CultureInfo.InvariantCulture,
            $"every answer a confirmation or try-again card {(answered ? "yes" : "NO")}, exception text in {leaks} answers, storage {(stored ? "ok" : "WRONG")}, recovered {(recovered ? "yes" : "NO")}"));
    }

    internal static bool Verdict(TextWriter output, string label, bool pass, string detail)
    {
        output.WriteLine($"verdict {label}: {(pass ? "PASS" : "FAIL")} ({detail})");
        return pass;
    }
}
