using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>
/// Issue #19, the vote's side of "kill it between the close and what follows": voters' ballots on instance A,
/// <c>vote clore</c> on A records the result, and the connector holds A's update of the vote card into the result until A
/// is killed (SIGKILL; the command, which waits for that update, gets no answer), so the result is stored and the card
/// still shows the vote open. A is started again at once, and instance B is started on the same storage, sweeping every
/// second (started after the kill, so that it cannot finish the close itself before). PASS when the vote card's last
/// accepted update is the closed card showing the recorded result, which equals the voters' confirmed ballots, and
/// storage no longer marks the card pending.
/// </summary>
internal static class FaultVoteCloseKilled
{
    private const string Label = "vote-close-killed";

    /// <summary>A retry delay (3 s in these runs) after the result, then a sweep.</summary>
    private static readonly TimeSpan CardWait = TimeSpan.FromSeconds(30);

    public static async Task<bool> RunAsync(FaultBed bed, int seed, CancellationToken cancellationToken)
    {
        var output = bed.Output;
        var setup = bed.Setup;
        var connector = setup.Connector;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: {setup.Voters.Count} voters' ballots on A; 'vote clore' on A, its update of the vote card into the result held by the connector until A is killed (SIGKILL); A restarted at once, then B started, sweeping every second on the same storage"));
        var vote = await FaultVote.OpenAsync(bed, Label, bed.NewChannel(), cancellationToken).ConfigureAwait(false);
        if (vote is null)
        {
            return FaultOutage.Verdict(output, Label, false, "no vote");
        }

        var plans = FaultBurst.Plan(setup.Voters.Count, bed.Settings.Revote, vote.Rules, seed);
        var casts = await FaultBurst.RunAsync(vote, plans, TimeSpan.Zero, bed.Settings.Concurrency, null, cancellationToken).ConfigureAwait(false);
        var truth = FaultVote.Truth(casts);

        bool IsFinalCardUpdate(CapturedRequest r) => r.Operation == ConnectorOperation.UpdateActivity && r.ActivityId == vote.CardActivityId
            && vote.InThisChannel(r) && FaultStaleCard.IsClosedCard(FaultAnswers.ActivityCard(r.Body));

        // The first update of the card into the result is held until A is dead, then its connection is dropped.
        using var held = new HeldRequest(connector, IsFinalCardUpdate);
        var oldPid = setup.Bot.ProcessId;
        var closing = vote.CloseAsync(cancellationToken);
        await held.Held.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        await setup.Bot.KillAsync(cancellationToken).ConfigureAwait(false);
        var killedAt = connector.Now;
        held.Release();
        var close = await closing.ConfigureAwait(false);
        var afterKill = await bed.Votes.GetAsync("msteams", vote.Channel.ConversationId, vote.VoteId, cancellationToken).ConfigureAwait(false);
        await setup.Bot.RestartAsync(cancellationToken).ConfigureAwait(false);
        await using var other = await bed.StartOtherInstanceAsync(TwoInstances.Second, cancellationToken).ConfigureAwait(false);

        var finalCard = await connector.WaitForAsync(r => r.ReceivedAt >= killedAt && r.Succeeded && IsFinalCardUpdate(r), CardWait, cancellationToken).ConfigureAwait(false);
        var resultOk = await vote.CheckCloseAsync(truth, close, cancellationToken, requireAnswer: false).ConfigureAwait(false);
        var finished = await bed.Votes.GetAsync("msteams", vote.Channel.ConversationId, vote.VoteId, cancellationToken).ConfigureAwait(false);
        var lastUpdate = connector.Requests.LastOrDefault(r => r.Operation == ConnectorOperation.UpdateActivity && r.ActivityId == vote.CardActivityId && vote.InThisChannel(r) && r.Succeeded);
        var lastClosed = lastUpdate is not null && IsFinalCardUpdate(lastUpdate);
        var leftPending = afterKill is { IsOpen: false, FinalScores: not null, FinalCardPending: true };
        var done = finished is { FinalCardPending: false };

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: {casts.Count} ballots ({FaultVote.Describe(casts)}); 'vote clore' {(close.Answer.Status == 0 ? "got no answer (A was killed while it waited for the card)" : "answered " + close.Answer.Status.ToString(CultureInfo.InvariantCulture))}; bot pid {oldPid} killed while its final card update was held; storage then: result {(afterKill?.FinalScores is null ? "NOT recorded" : "recorded")}, card {(afterKill?.FinalCardPending == true ? "pending" : "not pending")}; restarted as pid {setup.Bot.ProcessId}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: final card {(finalCard is null ? $"NOT accepted within {CardWait.TotalSeconds:0} s" : $"accepted {(finalCard.ReceivedAt - killedAt).TotalSeconds:0.0} s after the kill")}; last update of the card {(lastClosed ? "closed" : "OPEN or none")}; storage at the end: card {(done ? "final" : "STILL pending")}"));
        var pass = leftPending && finalCard is not null && lastClosed && resultOk && done;
        return FaultOutage.Verdict(output, Label, pass, string.Create(CultureInfo.InvariantCulture,
            $"left pending by the kill {(leftPending ? "yes" : "NO")}, final card after the kill {(finalCard is null ? "NO" : "yes")}, result = confirmed ballots {(resultOk ? "yes" : "NO")}, storage final {(done ? "yes" : "NO")}"));
    }
}
