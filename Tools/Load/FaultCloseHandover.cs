using System.Globalization;
using ConcertationBot.Cards;
using ConcertationBot.Cards.Pulse;

namespace ConcertationBot.Load;

/// <summary>
/// Issue #22 item 2 with two instances on one Azurite: a pulse opened and answered on instance A, <c>pulse clore</c> on A
/// while Teams refuses the summary post in that channel (503, 503, then 429 with a Retry-After past the connector
/// client's limit, so the client gives up), until B's sweep has met the refusal too; then Teams accepts again. A's
/// sweep runs only at start (<see cref="TwoInstances"/>), so only B can post the summary. PASS when the close is
/// answered, the pulse was left closed with its summary pending, exactly one "Synthèse retardée" card and exactly one
/// summary card (saying "N réponses") reach the channel, and storage then shows the summary posted.
/// </summary>
internal static class FaultCloseHandover
{
    private const string Label = "close-handover";

    /// <summary>How long after Teams accepts again the summary may take: a retry delay and a few sweeps of B.</summary>
    private static readonly TimeSpan SummaryWait = TimeSpan.FromSeconds(30);

    public static Task<bool> RunAsync(FaultBed bed, CancellationToken cancellationToken) =>
        FaultPulses.RunAnsweredAsync(bed, Label, respondents => string.Create(CultureInfo.InvariantCulture, $"instance A (sweep at start only) and B (sweep every second) on one Azurite; {respondents} people answer a pulse on A, 'pulse clore' on A while the connector refuses the summary (503, 503, 429 Retry-After 120 s) until B's sweep was refused too; retry delay {TwoInstances.CloseRetryDelay.TotalSeconds:0} s"), secondFirst: true, pulse => CloseWhileRefusedAsync(pulse, cancellationToken), cancellationToken);

    private static async Task<bool> CloseWhileRefusedAsync(AnsweredPulse pulse, CancellationToken cancellationToken)
    {
        var (bed, channel, respondents, answered) = pulse;
        var (output, setup) = (bed.Output, bed.Setup);
        var connector = setup.Connector;
        bool InChannel(CapturedRequest r) => pulse.InChannel(r);
        bool IsSummary(CapturedRequest r) => pulse.IsSummary(r);
        bool IsDelayNotice(CapturedRequest r) => r.IsPost && InChannel(r) && r.Body.Contains(PulseCloseCards.SummaryDelayedId, StringComparison.Ordinal);

        var refusing = 1;
        connector.Responder = r => Volatile.Read(ref refusing) == 1 && IsSummary(r)
            ? r.Attempt < 3 ? CannedResponse.Error(503, "ServiceUnavailable", "Injected fault: Teams refuses the summary.") : CannedResponse.TooManyRequests(120)
            : null;
        try
        {
            var closeAt = connector.Now;
            var close = await FaultBed.SendAsync(channel, channel.Message(setup.Coordinator, "pulse clore"), cancellationToken).ConfigureAwait(false);
            var notice = await connector.WaitForAsync(r => r.ReceivedAt >= closeAt && r.Succeeded && IsDelayNotice(r), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var pending = await pulse.ClosedAsync(cancellationToken).ConfigureAwait(false);

            // A's call given up (its 429), then B's sweep meets the refusal too and gives up: only then Teams accepts again.
            var givenUp = await connector.WaitForAsync(r => r.ReceivedAt >= closeAt && r.ResponseStatus == 429 && IsSummary(r), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var givenUpAgain = givenUp is null ? null : await connector.WaitForAsync(r => r.Sequence > givenUp.Sequence && r.ResponseStatus == 429 && IsSummary(r), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref refusing, 0);
            var healthyAt = connector.Now;
            var summary = await connector.WaitForAsync(r => r.ReceivedAt >= healthyAt && r.Succeeded && IsSummary(r), SummaryWait, cancellationToken).ConfigureAwait(false);

            // A second summary would come within a retry delay and a few sweeps.
            await Task.Delay(TwoInstances.CloseRetryDelay * 2, cancellationToken).ConfigureAwait(false);
            var finished = await pulse.ClosedAsync(cancellationToken).ConfigureAwait(false);
            var requests = connector.Requests.Where(r => r.ReceivedAt >= closeAt && InChannel(r)).ToList();
            var summaries = requests.Count(r => r.Succeeded && IsSummary(r));
            var notices = requests.Count(r => r.Succeeded && IsDelayNotice(r));
            var refusedCalls = requests.Where(r => !r.Succeeded && IsSummary(r)).Select(r => r.AttemptKey).Distinct().Count();
            var says = pulse.SaysAnswered(summary);
            var wasPending = pending is { IsOpen: false, SummaryPending: true, SummaryPostedAt: null };
            var done = finished is { SummaryPending: false, SummaryPostedAt: not null };

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Label}: {answered}/{respondents} walks ended on the thank-you card; 'pulse clore' on A answered {close.Status} in {close.Latency.TotalMilliseconds:0} ms; 'Synthèse retardée' {(notice is null ? "NOT posted" : $"posted {(notice.ReceivedAt - closeAt).TotalSeconds:0.0} s after the command")}; pulse then {Describe(pending)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Label}: summary refused: {refusedCalls} calls ({requests.Count(r => r.ResponseStatus == 503 && IsSummary(r))} × 503, {requests.Count(r => r.ResponseStatus == 429 && IsSummary(r))} × 429), B's sweep refused too: {(givenUpAgain is null ? "NO" : "yes")}; Teams accepting again {(healthyAt - closeAt).TotalSeconds:0.0} s after the command"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Label}: summary {(summary is null ? $"NOT posted within {SummaryWait.TotalSeconds:0} s" : $"posted {(summary.ReceivedAt - healthyAt).TotalSeconds:0.0} s after Teams accepted again ({(summary.ReceivedAt - closeAt).TotalSeconds:0.0} s after the command), says \"{answered} réponses\": {(says ? "yes" : "NO")}")}; summary cards {summaries}, delay notices {notices}; pulse at the end {Describe(finished)}"));
            var pass = close.Status == 200 && answered == respondents && wasPending && notices == 1 && summaries == 1 && says && done;
            return FaultOutage.Verdict(output, Label, pass, string.Create(CultureInfo.InvariantCulture,
                $"left pending {(wasPending ? "yes" : "NO")}, delay notices {notices}, summary cards {summaries} from B's sweep, storage finished {(done ? "yes" : "NO")}"));
        }
        finally
        {
            connector.Responder = null;
        }
    }

    private static string Describe(Bot.Pulses.PulseRecord? pulse) => FaultPulses.Describe(pulse);
}
