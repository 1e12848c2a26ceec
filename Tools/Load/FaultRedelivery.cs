using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ConcertationBot.Load;

/// <summary>
/// Redelivery (issue #19): every voter clicks a ballot, then another one, and 1–10 s after the second click Teams
/// delivers the first click again (same activity id and payload); every second voter also gets the second click again.
/// Every redelivery must get exactly the answer its first delivery got (same status, same body), and storage must hold
/// each voter's last acknowledged ballot: an old click handled afresh would put back the older ballot.
/// </summary>
internal static class FaultRedelivery
{
    private const string Label = "redelivery";

    private static readonly TimeSpan MinDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    public static async Task<bool> RunAsync(FaultBed bed, int seed, CancellationToken cancellationToken)
    {
        var output = bed.Output;
        var burst = bed.Settings.Burst / 2;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: every voter clicks two ballots; the first click delivered again {MinDelay.TotalSeconds:0}-{MaxDelay.TotalSeconds:0} s after the second (every 2nd voter: the second too); {burst.TotalSeconds:0} s burst"));
        var vote = await FaultVote.OpenAsync(bed, Label, bed.NewChannel(), cancellationToken).ConfigureAwait(false);
        if (vote is null)
        {
            return FaultOutage.Verdict(output, Label, false, "no vote");
        }

        var plans = FaultBurst.Plan(bed.Setup.Voters.Count, revote: 1, vote.Rules, seed);
        var random = new Random(seed);
        var delays = plans.Select(_ => MinDelay + ((MaxDelay - MinDelay) * random.NextDouble())).ToArray();
        var originals = new ConcurrentBag<FaultCast>();
        var redeliveries = new ConcurrentBag<(FaultCast First, FaultCast Again, bool OfSecondClick)>();
        using var inFlight = new SemaphoreSlim(bed.Settings.Concurrency);
        var start = vote.Now;

        async Task<FaultCast> SendAsync(int voter, SimulatedBallot ballot, JsonObject activity)
        {
            await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await vote.SendAsync(voter, ballot, activity, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                inFlight.Release();
            }
        }

        await Task.WhenAll(plans.Select(async (plan, i) =>
        {
            var due = start + (burst * i / plans.Count) - vote.Now;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken).ConfigureAwait(false);
            }

            var clicks = new List<FaultCast>();
            foreach (var ballot in plan.Ballots)
            {
                var cast = await SendAsync(plan.Voter, ballot, vote.CastActivity(plan.Voter, ballot)).ConfigureAwait(false);
                clicks.Add(cast);
                originals.Add(cast);
            }

            await Task.Delay(delays[i], cancellationToken).ConfigureAwait(false);
            foreach (var (first, index) in clicks.Take(plan.Voter % 2 == 0 ? clicks.Count : 1).Select((c, n) => (c, n)))
            {
                var again = await SendAsync(plan.Voter, first.Ballot, first.Activity).ConfigureAwait(false);
                redeliveries.Add((first, again, index > 0));
            }
        })).ConfigureAwait(false);

        var clicked = originals.OrderBy(c => c.Order).ToList();
        var again = redeliveries.OrderBy(r => r.Again.Order).ToList();
        var sameAnswer = again.Count(r => r.Again.Answer.Status == r.First.Answer.Status && SameBody(r.First.Answer.Body, r.Again.Answer.Body));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: {clicked.Count} clicks for {plans.Count} voters: {FaultVote.Describe(clicked)}; {again.Count} redeliveries ({again.Count(r => !r.OfSecondClick)} of a first click, {again.Count(r => r.OfSecondClick)} of a second), answered as the first time {sameAnswer} / {again.Count}"));
        foreach (var (first, redelivered, _) in again.Where(r => r.Again.Answer.Status != r.First.Answer.Status || !SameBody(r.First.Answer.Body, r.Again.Answer.Body)).Take(3))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Label}: voter {first.Voter} click #{first.Order} answered {first.Answer.Status} {FaultScenario.Shorten(first.Answer.Body)}; again {redelivered.Answer.Status} {FaultScenario.Shorten(redelivered.Answer.Body)}"));
        }

        var confirmed = clicked.All(c => c.Outcome == CastOutcome.Confirmed);
        var exact = sameAnswer == again.Count;
        var truth = FaultVote.Truth(clicked);
        var stored = await vote.CheckStorageAsync(truth, plans.Count, [.. clicked, .. again.Select(r => r.Again)], cancellationToken).ConfigureAwait(false);
        var closed = await vote.CloseAndCheckAsync(truth, cancellationToken).ConfigureAwait(false);
        var pass = confirmed && exact && stored && closed;
        return FaultOutage.Verdict(output, Label, pass,
            $"every click confirmed {(confirmed ? "yes" : "NO")}, every redelivery answered as the first time {(exact ? "yes" : "NO")}, storage = last acknowledged {(stored ? "yes" : "NO")}, tally {(closed ? "exact" : "WRONG")}");
    }

    private static bool SameBody(string first, string again)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(first), JsonNode.Parse(again));
        }
        catch (System.Text.Json.JsonException)
        {
            return string.Equals(first, again, StringComparison.Ordinal);
        }
    }
}
