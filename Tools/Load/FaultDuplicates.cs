using System.Collections.Concurrent;
using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>
/// Duplicates: a third of the voters' invokes are delivered twice at once, another third twice one after the other
/// (same activity id, same payload, as a channel redelivering). Every delivery must be answered with the confirmation;
/// storage must hold one ballot per voter and the close must count each once.
/// </summary>
internal static class FaultDuplicates
{
    private const string Label = "duplicates";

    public static async Task<bool> RunAsync(FaultBed bed, int seed, CancellationToken cancellationToken)
    {
        var output = bed.Output;
        var burst = bed.Settings.Burst / 4;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: every 3rd invoke delivered twice concurrently, every 3rd+1 twice in a row (same activity id and payload); {burst.TotalSeconds:0} s burst"));
        var vote = await FaultVote.OpenAsync(bed, Label, bed.NewChannel(), cancellationToken).ConfigureAwait(false);
        if (vote is null)
        {
            return FaultOutage.Verdict(output, Label, false, "no vote");
        }

        var plans = FaultBurst.Plan(bed.Setup.Voters.Count, revote: 0, vote.Rules, seed);
        var casts = new ConcurrentBag<FaultCast>();
        var concurrent = 0;
        var sequential = 0;
        using var inFlight = new SemaphoreSlim(bed.Settings.Concurrency);
        var start = vote.Now;
        await Task.WhenAll(plans.Select(async (plan, i) =>
        {
            var due = start + (burst * i / plans.Count) - vote.Now;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken).ConfigureAwait(false);
            }

            var ballot = plan.Ballots[0];
            var activity = vote.CastActivity(plan.Voter, ballot);
            await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                switch (plan.Voter % 3)
                {
                    case 0:
                        Interlocked.Increment(ref concurrent);
                        foreach (var cast in await Task.WhenAll(vote.SendAsync(plan.Voter, ballot, activity, cancellationToken), vote.SendAsync(plan.Voter, ballot, activity, cancellationToken)).ConfigureAwait(false))
                        {
                            casts.Add(cast);
                        }

                        break;
                    case 1:
                        Interlocked.Increment(ref sequential);
                        casts.Add(await vote.SendAsync(plan.Voter, ballot, activity, cancellationToken).ConfigureAwait(false));
                        casts.Add(await vote.SendAsync(plan.Voter, ballot, activity, cancellationToken).ConfigureAwait(false));
                        break;
                    default:
                        casts.Add(await vote.SendAsync(plan.Voter, ballot, activity, cancellationToken).ConfigureAwait(false));
                        break;
                }
            }
            finally
            {
                inFlight.Release();
            }
        })).ConfigureAwait(false);

        var all = casts.OrderBy(c => c.Order).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: {all.Count} deliveries for {plans.Count} voters ({concurrent} delivered twice concurrently, {sequential} twice in a row): {FaultVote.Describe(all)}"));
        var confirmed = all.All(c => c.Outcome == CastOutcome.Confirmed);
        var truth = FaultVote.Truth(all);
        var stored = await vote.CheckStorageAsync(truth, plans.Count, all, cancellationToken).ConfigureAwait(false);
        var closed = await vote.CloseAndCheckAsync(truth, cancellationToken).ConfigureAwait(false);
        var pass = confirmed && stored && closed;
        return FaultOutage.Verdict(output, Label, pass,
            $"every delivery confirmed {(confirmed ? "yes" : "NO")}, stored once each {(stored ? "yes" : "NO")}, tally {(closed ? "exact" : "WRONG")}");
    }
}
