using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>
/// Bot killed mid-burst: SIGKILL in the middle of a vote burst, then restarted on the same port with the same settings
/// (hash key included). Invokes cut or refused meanwhile were never acknowledged; their voters click again once the bot
/// answers. Every acknowledged ballot must be stored once with its points, and <c>vote clore</c> must count exactly the
/// voters' last acknowledged ballots.
/// </summary>
internal static class FaultKill
{
    private const string Label = "bot-killed";

    public static async Task<bool> RunAsync(FaultBed bed, int seed, CancellationToken cancellationToken)
    {
        var output = bed.Output;
        var settings = bed.Settings;
        var bot = bed.Setup.Bot;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: SIGKILL of the bot once half of an unpaced burst (concurrency {settings.Concurrency}) is answered, restarted at once on the same port with the same settings"));
        var vote = await FaultVote.OpenAsync(bed, Label, bed.NewChannel(), cancellationToken).ConfigureAwait(false);
        if (vote is null)
        {
            return FaultOutage.Verdict(output, Label, false, "no vote");
        }

        var plans = FaultBurst.Plan(bed.Setup.Voters.Count, settings.Revote, vote.Rules, seed);
        var oldPid = bot.ProcessId;
        var killedAt = TimeSpan.Zero;
        var upAt = TimeSpan.Zero;
        var start = vote.Now;
        var half = plans.Sum(p => p.Ballots.Count) / 2;
        var answeredCount = 0;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fault = Task.Run(
            async () =>
            {
                // In the middle of a burst with every slot busy, so the kill cuts invokes in flight.
                await halfway.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                killedAt = vote.Now;
                await bot.KillAsync(cancellationToken).ConfigureAwait(false);
                await bot.RestartAsync(cancellationToken).ConfigureAwait(false);
                upAt = vote.Now;
            },
            cancellationToken);
        var casts = await FaultBurst.RunAsync(vote, plans, TimeSpan.Zero, settings.Concurrency, _ =>
        {
            if (Interlocked.Increment(ref answeredCount) == half)
            {
                halfway.TrySetResult();
            }
        }, cancellationToken).ConfigureAwait(false);
        await fault.ConfigureAwait(false);
        var replays = await vote.ReplayUnconfirmedAsync(casts, attempts: 3, cancellationToken).ConfigureAwait(false);
        var all = casts.Concat(replays).ToList();

        var cut = casts.Count(c => c.SentAt < killedAt && c.AnsweredAt >= killedAt && c.Outcome != CastOutcome.Confirmed);
        var refused = casts.Count(c => c.SentAt >= killedAt && c.Answer.Status == 0);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: bot pid {oldPid} killed at {(killedAt - start).TotalSeconds:0.0} s, pid {bot.ProcessId} answering /healthz at {(upAt - start).TotalSeconds:0.0} s (down {(upAt - killedAt).TotalSeconds:0.0} s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: burst {casts.Count} invokes: {FaultVote.Describe(casts)}; {cut} cut in flight by the kill, {refused} refused or unanswered while down"));
        output.WriteLine($"{Label}: replays {replays.Count}: {(replays.Count == 0 ? "none" : FaultVote.Describe(replays))}");
        foreach (var odd in all.Where(c => c.Answer.Status is not (0 or 200) || c.Outcome is CastOutcome.Apology or CastOutcome.OtherCard).Take(3))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Label}: e.g. {odd.Outcome.ToString().ToLowerInvariant()} {odd.Answer.Status}: {FaultScenario.Shorten(odd.Answer.Body)}"));
        }

        // A connection that failed is what a user sees as "no answer" and clicks again; anything else must be a real answer.
        var answersOk = all.All(c => c.Answer.Status == 0 || c.Outcome is CastOutcome.Confirmed or CastOutcome.TryAgain);
        var leaks = all.Count(c => FaultAnswers.LeaksInternals(c.Answer.Body) && c.Answer.Status != 0);
        var truth = FaultVote.Truth(all);
        var stored = await vote.CheckStorageAsync(truth, plans.Count, all, cancellationToken).ConfigureAwait(false);
        var closed = await vote.CloseAndCheckAsync(truth, cancellationToken).ConfigureAwait(false);
        var pass = answersOk && leaks == 0 && stored && closed && bot.ProcessId != oldPid;
        return FaultOutage.Verdict(output, Label, pass, string.Create(CultureInfo.InvariantCulture,
            $"answers {(answersOk ? "ok" : "WRONG")}, exception text in {leaks}, every acknowledged ballot stored once {(stored ? "yes" : "NO")}, final tally {(closed ? "exact" : "WRONG")}"));
    }
}
