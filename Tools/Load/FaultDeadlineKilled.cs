using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Load;

/// <summary>
/// Issue #19, "two instances on one Azurite, a pulse closed by deadline while one instance is killed": people answer a
/// pulse on instance A (which sweeps at start only); instance B sweeps every second. The pulse's deadline is then moved
/// into the past in storage (the passing of its hour, without waiting for it), so B's sweep closes it; the connector holds
/// B's summary post until B is killed (SIGKILL), then drops it. Instance C, started then on the same storage (the platform
/// replacing B), sweeps every second. PASS when B's sweep closed the pulse, the kill left the summary pending, exactly one
/// summary card (saying "N réponses") reaches the channel, and storage ends with the summary posted and the card closed.
/// </summary>
internal static class FaultDeadlineKilled
{
    private const string Label = "deadline-killed";

    /// <summary>The dead instance's claim (15 s in these runs), a retry delay and a few sweeps.</summary>
    private static readonly TimeSpan SummaryWait = TimeSpan.FromSeconds(45);

    public static Task<bool> RunAsync(FaultBed bed, CancellationToken cancellationToken) =>
        FaultPulses.RunAnsweredAsync(bed, Label, respondents => string.Create(CultureInfo.InvariantCulture, $"{respondents} people answer a pulse on A; its deadline passes; B's sweep closes it and its summary post is held by the connector until B is killed (SIGKILL); C started on the same storage, sweeping every second"), secondFirst: false, pulse => PassDeadlineAndKillAsync(pulse, cancellationToken), cancellationToken);

    private static async Task<bool> PassDeadlineAndKillAsync(AnsweredPulse pulse, CancellationToken cancellationToken)
    {
        var (bed, _, respondents, answered) = pulse;
        var output = bed.Output;
        var connector = bed.Setup.Connector;

        // The first summary post is held until the bot that sent it is dead, then its connection is dropped.
        using var held = new HeldRequest(connector, pulse.IsSummary);
        OtherInstance? replacement = null;
        try
        {
            await using var sweeping = await bed.StartOtherInstanceAsync(TwoInstances.Second, cancellationToken).ConfigureAwait(false);
            var due = connector.Now;
            await PassDeadlineAsync(bed, pulse.Channel.ConversationId, due, cancellationToken).ConfigureAwait(false);
            await held.Held.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var deadPid = sweeping.Bot.ProcessId;
            await sweeping.Bot.KillAsync(cancellationToken).ConfigureAwait(false);
            var killedAt = connector.Now;
            held.Release();
            var afterKill = await pulse.ClosedAsync(cancellationToken).ConfigureAwait(false);
            replacement = await bed.StartOtherInstanceAsync(TwoInstances.Second with { LogName = "load-bot-c.log" }, cancellationToken).ConfigureAwait(false);

            var summary = await connector.WaitForAsync(r => r.ReceivedAt >= due && r.Succeeded && pulse.IsSummary(r), SummaryWait, cancellationToken).ConfigureAwait(false);
            await Task.Delay(TwoInstances.CloseRetryDelay * 3, cancellationToken).ConfigureAwait(false);
            var finished = await pulse.ClosedAsync(cancellationToken).ConfigureAwait(false);
            var summaries = pulse.SummariesSince(due);
            var says = pulse.SaysAnswered(summary);
            var leftPending = afterKill is { IsOpen: false, SummaryPending: true, SummaryPostedAt: null };
            var done = finished is { SummaryPending: false, SummaryPostedAt: not null, FinalCardPending: false };

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Label}: {answered}/{respondents} walks ended on the thank-you card; deadline passed, B (pid {deadPid}) closed the pulse and was killed {(killedAt - due).TotalSeconds:0.0} s later while its summary post was held; storage then: {Describe(afterKill)}; C started as pid {replacement.Bot.ProcessId}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Label}: summary {(summary is null ? $"NOT posted within {SummaryWait.TotalSeconds:0} s" : $"posted {(summary.ReceivedAt - killedAt).TotalSeconds:0.0} s after the kill, says \"{answered} réponses\": {(says ? "yes" : "NO")}")}; summary cards {summaries}; storage at the end: {Describe(finished)}"));
            var pass = answered == respondents && leftPending && summaries == 1 && says && done;
            return FaultOutage.Verdict(output, Label, pass, string.Create(CultureInfo.InvariantCulture,
                $"closed by B's deadline sweep and left pending by the kill {(leftPending ? "yes" : "NO")}, summary cards {summaries}, storage finished (summary posted, card closed) {(done ? "yes" : "NO")}"));
        }
        finally
        {
            if (replacement is not null)
            {
                await replacement.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The pulse's hour has come: its deadline, on the pulse's row and on the conversation's open-pulse row the sweep
    /// queries, set to <paramref name="now"/> minus a second (the test harness moves time in storage instead of waiting an hour).
    /// </summary>
    private static async Task PassDeadlineAsync(FaultBed bed, string conversationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pulse = await bed.Pulses.GetLatestAsync("msteams", conversationId, closedOnly: false, exceptPulseId: null, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("No pulse to make due.");
        var table = new TableClient(bed.Azurite.ConnectionString, PulseStore.PulsesTable);
        var partition = ConversationKeys.Partition("msteams", conversationId);
        var deadline = now - TimeSpan.FromSeconds(1);
        foreach (var rowKey in new[] { pulse.PulseId, PulseStore.OpenPointerRowKey })
        {
            await table.UpdateEntityAsync(new TableEntity(partition, rowKey) { [nameof(PulseRecord.Deadline)] = deadline }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Describe(Bot.Pulses.PulseRecord? pulse) => FaultPulses.Describe(pulse);
}
