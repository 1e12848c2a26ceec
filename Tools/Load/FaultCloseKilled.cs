using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>
/// Issue #19, "kill it between the close and the summary": people answer a pulse on instance A; <c>pulse clore</c> on A
/// closes it, and the connector holds A's summary post until A is killed (SIGKILL), so the close is stored and the
/// summary is not. A is started again at once (it sweeps at start only, while its dead claim on the summary still holds)
/// and instance B, on the same storage, sweeps every second. PASS when exactly one summary card (saying "N réponses")
/// reaches the channel, from whichever instance takes over once the dead claim expires, and storage shows the summary
/// posted and the pulse's card closed.
/// </summary>
internal static class FaultCloseKilled
{
    private const string Label = "close-killed";

    /// <summary>The dead instance's claim (15 s in these runs), a retry delay and a few sweeps.</summary>
    private static readonly TimeSpan SummaryWait = TimeSpan.FromSeconds(45);

    public static Task<bool> RunAsync(FaultBed bed, CancellationToken cancellationToken) =>
        FaultPulses.RunAnsweredAsync(bed, Label, respondents => string.Create(CultureInfo.InvariantCulture, $"{respondents} people answer a pulse on A; 'pulse clore' on A, its summary post held by the connector until A is killed (SIGKILL); A restarted at once, B sweeping every second on the same storage"), secondFirst: true, pulse => CloseAndKillAsync(pulse, cancellationToken), cancellationToken);

    private static async Task<bool> CloseAndKillAsync(AnsweredPulse pulse, CancellationToken cancellationToken)
    {
        var (bed, channel, respondents, answered) = pulse;
        var (output, setup) = (bed.Output, bed.Setup);
        var connector = setup.Connector;

        // The first summary post is held until the bot that sent it is dead, then its connection is dropped.
        using var held = new HeldRequest(connector, pulse.IsSummary);
        var closeAt = connector.Now;
        var oldPid = setup.Bot.ProcessId;
        var close = FaultBed.SendAsync(channel, channel.Message(setup.Coordinator, "pulse clore"), cancellationToken);
        await held.Held.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        await setup.Bot.KillAsync(cancellationToken).ConfigureAwait(false);
        var killedAt = connector.Now;
        held.Release();
        var closeAnswer = await close.ConfigureAwait(false);
        var afterKill = await pulse.ClosedAsync(cancellationToken).ConfigureAwait(false);
        await setup.Bot.RestartAsync(cancellationToken).ConfigureAwait(false);

        var summary = await connector.WaitForAsync(r => r.ReceivedAt >= closeAt && r.Succeeded && pulse.IsSummary(r), SummaryWait, cancellationToken).ConfigureAwait(false);

        // A second summary would come within a retry delay and a few sweeps.
        await Task.Delay(TwoInstances.CloseRetryDelay * 3, cancellationToken).ConfigureAwait(false);
        var finished = await pulse.ClosedAsync(cancellationToken).ConfigureAwait(false);
        var summaries = pulse.SummariesSince(closeAt);
        var says = pulse.SaysAnswered(summary);
        var leftPending = afterKill is { IsOpen: false, SummaryPending: true, SummaryPostedAt: null };
        var done = finished is { SummaryPending: false, SummaryPostedAt: not null, FinalCardPending: false };

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: {answered}/{respondents} walks ended on the thank-you card; bot pid {oldPid} killed {(killedAt - closeAt).TotalSeconds:0.0} s after 'pulse clore' while its summary post was held ('pulse clore' got {(closeAnswer.Status == 0 ? "no answer" : closeAnswer.Status.ToString(CultureInfo.InvariantCulture))}); storage then: {Describe(afterKill)}; restarted as pid {setup.Bot.ProcessId}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Label}: summary {(summary is null ? $"NOT posted within {SummaryWait.TotalSeconds:0} s" : $"posted {(summary.ReceivedAt - killedAt).TotalSeconds:0.0} s after the kill, says \"{answered} réponses\": {(says ? "yes" : "NO")}")}; summary cards {summaries}; storage at the end: {Describe(finished)}"));
        var pass = answered == respondents && leftPending && summaries == 1 && says && done;
        return FaultOutage.Verdict(output, Label, pass, string.Create(CultureInfo.InvariantCulture,
            $"left pending by the kill {(leftPending ? "yes" : "NO")}, summary cards {summaries}, storage finished (summary posted, card closed) {(done ? "yes" : "NO")}"));
    }

    private static string Describe(Bot.Pulses.PulseRecord? pulse) => FaultPulses.Describe(pulse);
}
