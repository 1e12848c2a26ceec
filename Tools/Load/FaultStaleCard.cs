using System.Globalization;
using System.Text.Json.Nodes;
using ConcertationBot.Cards;

namespace ConcertationBot.Load;

/// <summary>
/// Issue #22 item 6 with two instances on one Azurite: in each round a vote opened on instance A, the voters' ballots
/// delivered to instance B unpaced (so B renders and PUTs the live card), and <c>vote clore</c> on A once half of them
/// are answered, every slot busy (odd rounds), or once all are (even rounds). The first open-card PUT that reaches the
/// connector after the close command gets a 429 (Retry-After 2 s), so a render B took before the close lands after A's
/// closed card. PASS when, in every round, the last card the connector holds for the vote (its last
/// accepted PUT) is the closed card showing the recorded result, one closing notice is posted, and the card's accepted
/// PUTs stay within one a second per instance, no ballot is answered with the open card (a refused one gets the closed
/// card, "not counted"), and the recorded result and the stored ballots equal the ballots the voters
/// were confirmed (own view "Votre vote est enregistré"). Counts the rounds where an open card landed after the closed one
/// and was corrected by a closed card again (a stale render put right).
/// </summary>
internal static class FaultStaleCard
{
    private const string Label = "stale-card";
    private const int Instances = 2;

    public static async Task<bool> RunAsync(FaultBed bed, int seed, CancellationToken cancellationToken)
    {
        var output = bed.Output;
        var rounds = bed.Settings.Short ? 3 : 6;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: {rounds} rounds; each a vote opened on A, {bed.Setup.Voters.Count} voters' ballots ({bed.Settings.Revote:0.00} vote again) through B, unpaced, {bed.Settings.Concurrency} in flight; 'vote clore' on A once half of them are answered (odd rounds: ballots in flight) or all (even rounds); the first open-card PUT after the close command gets 429 Retry-After 2 s"));
        await using var other = await bed.StartOtherInstanceAsync(TwoInstances.Second, cancellationToken).ConfigureAwait(false);
        var results = new List<StaleCardRound>();
        for (var round = 1; round <= rounds; round++)
        {
            results.Add(await RoundAsync(bed, other, round, seed + round, cancellationToken).ConfigureAwait(false));
        }

        var failed = results.Where(r => !r.Ok).Select(r => r.Round).ToList();
        var corrected = results.Count(r => r.StaleCorrected);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: {rounds} rounds, {results.Sum(r => r.Ballots)} ballots sent ({results.Sum(r => r.InFlight)} in flight at the close, {results.Sum(r => r.Confirmed)} confirmed), card PUTs {results.Sum(r => r.PutsAccepted)} accepted of {results.Sum(r => r.PutRequests)} ({results.Sum(r => r.Puts429)} × 429); open card after the closed one in {results.Count(r => r.OpenAfterClosed > 0)} rounds, corrected in {corrected}; recorded result and storage = the confirmed ballots in {results.Count(r => r.MatchesConfirmed)}/{rounds} rounds"));
        return FaultOutage.Verdict(output, Label, failed.Count == 0, string.Create(CultureInfo.InvariantCulture,
            $"last card closed with the result, and result and storage = the confirmed ballots, in {rounds - failed.Count}/{rounds} rounds{(failed.Count == 0 ? string.Empty : " (wrong: " + string.Join(", ", failed) + ")")}, stale renders corrected {corrected}"));
    }

    private static async Task<StaleCardRound> RoundAsync(FaultBed bed, OtherInstance other, int round, int seed, CancellationToken cancellationToken)
    {
        var connector = bed.Setup.Connector;
        var label = string.Create(CultureInfo.InvariantCulture, $"{Label} {round}");
        var vote = await FaultVote.OpenAsync(bed, label, bed.NewChannel(), cancellationToken).ConfigureAwait(false);
        if (vote is null)
        {
            return new StaleCardRound(round, false, false, 0, 0, 0, 0, 0, 0, 0, false);
        }

        // Teams throttles the first open-card PUT that reaches it after 'vote clore' was sent (429, Retry-After 2 s): the
        // client sends that render again later, so an open card B rendered before the close lands after A's closed card.
        var closeSent = 0;
        var throttled = 0;
        connector.Responder = r => Volatile.Read(ref closeSent) == 1 && r.Attempt == 1 && r.Operation == ConnectorOperation.UpdateActivity
            && r.ActivityId == vote.CardActivityId && vote.InThisChannel(r) && IsOpenCard(FaultAnswers.ActivityCard(r.Body)) && Interlocked.Exchange(ref throttled, 1) == 0
                ? CannedResponse.TooManyRequests(2)
                : null;
        try
        {
            return await RoundAsync(bed, other, vote, round, () => Volatile.Write(ref closeSent, 1), seed, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            connector.Responder = null;
        }
    }

    private static async Task<StaleCardRound> RoundAsync(FaultBed bed, OtherInstance other, FaultVote vote, int round, Action closing, int seed, CancellationToken cancellationToken)
    {
        var output = bed.Output;
        var connector = bed.Setup.Connector;
        var label = vote.Label;
        var throughB = vote.Through(other.Same(vote.Channel));
        var plans = FaultBurst.Plan(bed.Setup.Voters.Count, bed.Settings.Revote, vote.Rules, seed);
        // Odd rounds close with every slot busy (ballots in flight); even rounds right after the last ballot's answer, when
        // B's render of the last ballots may be the last thing it sends, so that only its re-check can put the card right.
        var closeAfter = round % 2 == 1 ? plans.Sum(p => p.Ballots.Count) / 2 : plans.Sum(p => p.Ballots.Count);
        var answeredCount = 0;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closeSentAt = TimeSpan.Zero;
        var closeTask = Task.Run(
            async () =>
            {
                await halfway.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                closeSentAt = throughB.Now;
                closing();
                return await vote.CloseAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
        var casts = await FaultBurst.RunAsync(throughB, plans, TimeSpan.Zero, bed.Settings.Concurrency, _ =>
        {
            if (Interlocked.Increment(ref answeredCount) == closeAfter)
            {
                halfway.TrySetResult();
            }
        }, cancellationToken).ConfigureAwait(false);
        var close = await closeTask.ConfigureAwait(false);

        // Against the voters' confirmed ballots (in the verdict since a refused ballot gets the closed card: see
        // docs/reliability.md, "Two instances").
        var truth = FaultVote.Truth(casts);
        var tallyExact = await vote.CheckCloseAsync(truth, close, cancellationToken).ConfigureAwait(false);
        var storedExact = await vote.CheckStorageAsync(truth, truth.Count, casts, cancellationToken).ConfigureAwait(false);

        // B's live-card worker may still be sending: the verdict is on the card as it stays.
        await connector.WaitForQuietAsync(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        var puts = connector.Requests.Where(r => r.Operation == ConnectorOperation.UpdateActivity && r.ActivityId == vote.CardActivityId && vote.InThisChannel(r)).OrderBy(r => r.Sequence).ToList();
        var accepted = puts.Where(r => r.Succeeded).ToList();
        var closedKinds = accepted.Select(r => IsClosedCard(FaultAnswers.ActivityCard(r.Body))).ToList();
        var firstClosed = closedKinds.IndexOf(true);
        var openAfterClosed = firstClosed < 0 ? 0 : closedKinds.Skip(firstClosed).Count(closed => !closed);
        var lastClosed = closedKinds.Count > 0 && closedKinds[^1];
        var last = accepted.LastOrDefault();
        var lastScores = FaultAnswers.Scores(last is null ? null : FaultAnswers.ActivityCard(last.Body), vote.Rules.Options);
        var record = await bed.Votes.GetAsync("msteams", vote.Channel.ConversationId, vote.VoteId, cancellationToken).ConfigureAwait(false);
        var showsRecord = record is { IsOpen: false, FinalScores: { } scores, FinalParticipation: { } participation } && lastScores?.Matches(participation, scores) == true;
        var span = accepted.Count == 0 ? TimeSpan.Zero : accepted[^1].ReceivedAt - accepted[0].ReceivedAt;
        var withinLimits = accepted.Count <= Instances * ((int)Math.Ceiling(span.TotalSeconds) + 1);
        var notices = connector.Requests.Count(r => r.ReceivedAt >= close.At && r.IsPost && r.Succeeded && vote.InThisChannel(r));
        var inFlight = casts.Count(c => c.SentAt < closeSentAt && c.AnsweredAt > closeSentAt);
        // A ballot the close refused must be told so (the closed card); the open card there reads as if the click counted.
        var openAnswers = casts.Count(c => c.Outcome == CastOutcome.OtherCard && IsOpenCard(FaultAnswers.InvokeCard(c.Answer.Body)));
        var ok = close.Answer.Status == 200 && lastClosed && showsRecord && withinLimits && notices == 1 && tallyExact && storedExact && openAnswers == 0;
        var result = new StaleCardRound(round, ok, tallyExact && storedExact, casts.Count, inFlight, casts.Count(c => c.Outcome == CastOutcome.Confirmed), puts.Count, accepted.Count, puts.Count(r => r.ResponseStatus == 429), openAfterClosed, openAfterClosed > 0 && lastClosed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {casts.Count} ballots through B ({FaultVote.Describe(casts)}; answered with the open card {openAnswers}), {inFlight} in flight when 'vote clore' was sent at {closeSentAt.TotalSeconds:0.0} s; card PUTs {accepted.Count} accepted of {puts.Count} ({result.Puts429} × 429) over {span.TotalSeconds:0.0} s (limit {Instances} instances × (s + 1): {(withinLimits ? "ok" : "OVER")}); PUTs from the close {Sequence(accepted, closedKinds, close.At)}; last card {(lastClosed ? "closed" : "OPEN")} {lastScores?.ToString() ?? "unreadable"} ({(showsRecord ? "= the recorded result" : "NOT the recorded result")}); closing notices {notices} -> {(ok ? "ok" : "WRONG")}"));
        return result;
    }

    /// <summary>
    /// A closed vote card: no vote action left (the open card always offers "Voter" or "Changer mon vote"); the only
    /// action a closed card may carry is "Ajouter à la feuille de route".
    /// </summary>
    internal static bool IsClosedCard(JsonObject? card) =>
        card is not null && AnswerCards.FindAction(card, CardVerbs.VoteOpen) is null
        && ((card["actions"] as JsonArray) ?? []).All(a => (string?)a?["verb"] == CardVerbs.RoadmapFromVote);

    private static bool IsOpenCard(JsonObject? card) => card is not null && AnswerCards.FindAction(card, CardVerbs.VoteOpen) is not null;

    /// <summary>"o-0.8 c+0.1 o+2.2 c+2.3": each accepted PUT, open (o) or closed (c), in seconds from the close command.</summary>
    private static string Sequence(IReadOnlyList<CapturedRequest> accepted, IReadOnlyList<bool> closedKinds, DateTimeOffset closeAt) =>
        accepted.Count == 0
            ? "none"
            : string.Join(' ', accepted.Select((r, i) => string.Create(CultureInfo.InvariantCulture, $"{(closedKinds[i] ? 'c' : 'o')}{(r.ReceivedAt >= closeAt ? "+" : "-")}{Math.Abs((r.ReceivedAt - closeAt).TotalSeconds):0.0}")));
}

/// <summary>One round of <see cref="FaultStaleCard"/>: its verdict and figures.</summary>
internal sealed record StaleCardRound(int Round, bool Ok, bool MatchesConfirmed, int Ballots, int InFlight, int Confirmed, int PutRequests, int PutsAccepted, int Puts429, int OpenAfterClosed, bool StaleCorrected);
