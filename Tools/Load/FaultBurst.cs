using System.Collections.Concurrent;

namespace ConcertationBot.Load;

/// <summary>One voter's clicks in a burst: a first ballot, and another one for those who change their mind.</summary>
internal sealed record VoterPlan(int Voter, IReadOnlyList<SimulatedBallot> Ballots);

/// <summary>
/// A vote burst spread over a duration, so that a fault can hit its middle: voter i starts at
/// <c>duration · i / N</c> and clicks their ballots one after the other; at most <c>concurrency</c> invokes are in flight.
/// </summary>
internal static class FaultBurst
{
    public static IReadOnlyList<VoterPlan> Plan(int voters, double revote, BallotRules rules, int seed)
    {
        var random = new Random(seed);
        var first = Enumerable.Range(0, voters).Select(_ => rules.Random(random)).ToArray();
        var revoters = Enumerable.Range(0, voters).OrderBy(_ => random.Next()).Take((int)Math.Round(revote * voters)).ToHashSet();
        return [.. Enumerable.Range(0, voters).Select(v => new VoterPlan(v, revoters.Contains(v) ? [first[v], rules.Other(random, first[v])] : [first[v]]))];
    }

    /// <summary>Runs the burst; <paramref name="answered"/> (if any) sees each cast as soon as it is answered.</summary>
    public static async Task<List<FaultCast>> RunAsync(FaultVote vote, IReadOnlyList<VoterPlan> plans, TimeSpan duration, int concurrency, Action<FaultCast>? answered, CancellationToken cancellationToken)
    {
        var casts = new ConcurrentBag<FaultCast>();
        using var inFlight = new SemaphoreSlim(concurrency);
        var start = vote.Now;
        await Task.WhenAll(plans.Select(async (plan, i) =>
        {
            var due = start + (duration * i / plans.Count) - vote.Now;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken).ConfigureAwait(false);
            }

            foreach (var ballot in plan.Ballots)
            {
                await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var cast = await vote.CastAsync(plan.Voter, ballot, cancellationToken).ConfigureAwait(false);
                    casts.Add(cast);
                    answered?.Invoke(cast);
                }
                finally
                {
                    inFlight.Release();
                }
            }
        })).ConfigureAwait(false);
        return [.. casts.OrderBy(c => c.Order)];
    }
}
