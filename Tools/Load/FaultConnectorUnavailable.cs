using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>
/// Connector 503s: in this fault's channel the connector answers <c>503</c> to the first attempt of every 2nd send,
/// reply or update. The bot must retry them: every such call ends delivered, every command reply arrives (the vote
/// card, one help card per <c>aide</c>, the final result), and the last live-card PUT shows every ballot.
/// </summary>
internal static class FaultConnectorUnavailable
{
    private const string Label = "connector-503";
    private const int Every = 2;
    private const int HelpRequests = 4;

    public static async Task<bool> RunAsync(FaultBed bed, int seed, CancellationToken cancellationToken)
    {
        var output = bed.Output;
        var connector = bed.Setup.Connector;
        var channel = bed.NewChannel();
        var burst = bed.Settings.Burst / 3;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: the connector answers 503 to the first attempt of every {Every}nd send/reply/update in the channel; {burst.TotalSeconds:0} s burst with {HelpRequests} 'aide' messages"));
        var phaseStart = connector.Now;
        connector.Responder = Unavailable(channel.ConversationId, Every);
        try
        {
            var vote = await FaultVote.OpenAsync(bed, Label, channel, cancellationToken).ConfigureAwait(false);
            if (vote is null)
            {
                return FaultOutage.Verdict(output, Label, false, "no vote");
            }

            var plans = FaultBurst.Plan(bed.Setup.Voters.Count, bed.Settings.Revote, vote.Rules, seed);
            var helps = Task.Run(
                async () =>
                {
                    var answers = new List<BotAnswer>();
                    for (var i = 0; i < HelpRequests; i++)
                    {
                        await Task.Delay(burst / HelpRequests, cancellationToken).ConfigureAwait(false);
                        var voter = bed.Setup.Voters[i % bed.Setup.Voters.Count];
                        answers.Add(await FaultBed.SendAsync(channel, channel.Message(voter, "aide"), cancellationToken).ConfigureAwait(false));
                    }

                    return answers;
                },
                cancellationToken);
            var casts = await FaultBurst.RunAsync(vote, plans, burst, bed.Settings.Concurrency, answered: null, cancellationToken).ConfigureAwait(false);
            var helpAnswers = await helps.ConfigureAwait(false);
            await connector.WaitForQuietAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);

            var truth = FaultVote.Truth(casts);
            var sums = vote.Sums(truth.Values);
            var requests = connector.Requests.Where(r => r.ReceivedAt >= phaseStart && vote.InThisChannel(r)).ToList();
            var lastPut = requests.LastOrDefault(r => r.Operation == ConnectorOperation.UpdateActivity && r.ActivityId == vote.CardActivityId && r.Succeeded);
            var live = FaultAnswers.Scores(lastPut is null ? null : FaultAnswers.ActivityCard(lastPut.Body), vote.Rules.Options);
            var liveOk = live?.Matches(truth.Count, sums) == true;
            var helpCards = requests.Count(r => r.IsPost && r.Succeeded && FaultAnswers.ActivityCard(r.Body) is not null && VoteScenario.FindVoteId(r.Body) is null);
            var confirmed = casts.All(c => c.Outcome == CastOutcome.Confirmed) && helpAnswers.All(a => a.Status == 200);
            output.WriteLine($"{Label}: {casts.Count} invokes: {FaultVote.Describe(casts)}; 'aide' answered {string.Join(", ", helpAnswers.Select(a => a.Status))}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Label}: help cards delivered {helpCards}/{HelpRequests}; last live-card PUT shows {live?.ToString() ?? "nothing readable"}, truth {truth.Count} ballots, scores {string.Join('/', sums)} -> {(liveOk ? "ok" : "WRONG")}"));

            var closed = await vote.CloseAndCheckAsync(truth, cancellationToken).ConfigureAwait(false);
            await connector.WaitForQuietAsync(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);
            requests = [.. connector.Requests.Where(r => r.ReceivedAt >= phaseStart && vote.InThisChannel(r))];
            var closedPut = requests.LastOrDefault(r => r.Operation == ConnectorOperation.UpdateActivity && r.ActivityId == vote.CardActivityId && r.Succeeded);
            var closedCard = FaultAnswers.Scores(closedPut is null ? null : FaultAnswers.ActivityCard(closedPut.Body), vote.Rules.Options);
            var closedCardOk = closedCard?.Matches(truth.Count, sums) == true;

            var calls = requests.Where(r => r.IsWrite).GroupBy(r => r.AttemptKey).ToList();
            var injected = calls.Count(g => g.Any(Injected));
            var retried = calls.Count(g => g.Any(Injected) && g.Any(r => r.Succeeded && r.Sequence > g.First(Injected).Sequence));
            var undelivered = calls.Count(g => !g.Any(r => r.Succeeded));
            var retries = requests.Count(r => r.IsWrite) - calls.Count;
            var delays = calls.Where(g => g.Any(Injected) && g.Any(r => r.Succeeded)).Select(g => (g.First(r => r.Succeeded).ReceivedAt - g.First(Injected).ReceivedAt).TotalMilliseconds).Where(d => d > 0).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Label}: connector saw {calls.Count} write calls in {requests.Count(r => r.IsWrite)} requests: {injected} got an injected 503, {retried} of them retried to success ({retries} retry requests, 429s {requests.Count(r => r.ResponseStatus == 429)}), {undelivered} never delivered; retry delay after a 503 {(delays.Count == 0 ? "n/a" : $"{delays.Min():0}–{delays.Max():0} ms")}"));
            output.WriteLine($"{Label}: closed card PUT shows {closedCard?.ToString() ?? "nothing readable"} -> {(closedCardOk ? "ok" : "WRONG")}");

            var pass = confirmed && injected > 0 && retried == injected && undelivered == 0 && helpCards == HelpRequests && liveOk && closed && closedCardOk;
            return FaultOutage.Verdict(output, Label, pass, string.Create(CultureInfo.InvariantCulture,
                $"all invokes confirmed {(confirmed ? "yes" : "NO")}, 503s retried {retried}/{injected}, undelivered {undelivered}, help cards {helpCards}/{HelpRequests}, live card {(liveOk ? "ok" : "WRONG")}, close {(closed && closedCardOk ? "ok" : "WRONG")}"));
        }
        finally
        {
            connector.Responder = null;
        }
    }

    /// <summary>
    /// In <paramref name="conversationId"/> (any thread of it), every <paramref name="every"/>th new send, reply or update
    /// gets <c>503 ServiceUnavailable</c> on its first attempt (no Retry-After); retries go through. Deterministic: the
    /// 2nd, 4th… new calls when <paramref name="every"/> is 2. The connector asks it under its lock, request by request.
    /// </summary>
    private static Func<CapturedRequest, CannedResponse?> Unavailable(string conversationId, int every)
    {
        var thread = ThreadOf(conversationId);
        var newWrites = 0;
        return request =>
            request.Attempt == 1
            && request.Operation is ConnectorOperation.SendToConversation or ConnectorOperation.ReplyToActivity or ConnectorOperation.UpdateActivity
            && request.ConversationId is { } id && ThreadOf(id) == thread
            && ++newWrites % every == 0
                ? CannedResponse.Error(503, "ServiceUnavailable", "Injected fault: the service is unavailable.")
                : null;
    }

    /// <summary>Only <see cref="Unavailable"/> answers 503 in the load tool.</summary>
    private static bool Injected(CapturedRequest request) => request.ResponseStatus == 503;

    private static string ThreadOf(string conversationId) => conversationId.Split(";messageid=", 2)[0];
}
