using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Cards;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Load;

/// <summary>
/// What the pulse-closing fault scenarios share: how many people answer, a pulse opened and answered in a new channel,
/// recognising the summary in a channel, and a pulse's close state for a log line.
/// </summary>
internal static class FaultPulses
{
    /// <summary>The verdict's reason when the pulse could not be answered at all.</summary>
    public const string NoPulseCard = "no pulse card with a 'Répondre' action";

    /// <summary>How many voters answer the pulse: 6 in a short run, 12 otherwise (fewer when the run has fewer voters).</summary>
    public static int Respondents(FaultBed bed) => Math.Min(bed.Setup.Voters.Count, bed.Settings.Short ? 6 : 12);

    /// <summary>
    /// The opening the pulse-closing faults share: the scenario's plan line (<paramref name="label"/>: what
    /// <paramref name="plan"/> says for the number of people who answer), instance B started first when
    /// <paramref name="secondFirst"/> (and stopped once <paramref name="run"/> is over), then a pulse answered in a new
    /// channel (<see cref="AnswerInNewChannelAsync"/>) handed to <paramref name="run"/>, whose verdict is the scenario's;
    /// FAIL when no pulse card with a "Répondre" action was posted.
    /// </summary>
    public static async Task<bool> RunAnsweredAsync(
        FaultBed bed, string label, Func<int, string> plan, bool secondFirst, Func<AnsweredPulse, Task<bool>> run, CancellationToken cancellationToken)
    {
        var respondents = Respondents(bed);
        bed.Output.WriteLine(label + ": " + plan(respondents));
        await using var other = secondFirst ? await bed.StartOtherInstanceAsync(TwoInstances.Second, cancellationToken).ConfigureAwait(false) : null;
        if (await AnswerInNewChannelAsync(bed, respondents, cancellationToken).ConfigureAwait(false) is not { } pulse)
        {
            return FaultOutage.Verdict(bed.Output, label, false, NoPulseCard);
        }

        return await run(pulse).ConfigureAwait(false);
    }

    /// <summary>
    /// In a new channel, the coordinator opens the default pulse on the run's bot and the first
    /// <paramref name="respondents"/> voters walk it to the thank-you card; null when no pulse card with a "Répondre"
    /// action was posted.
    /// </summary>
    public static async Task<AnsweredPulse?> AnswerInNewChannelAsync(FaultBed bed, int respondents, CancellationToken cancellationToken)
    {
        var channel = bed.NewChannel();
        var setup = bed.Setup;
        var (_, posted) = await setup.OpenPulseAsync(channel, "pulse démarrer", cancellationToken).ConfigureAwait(false);
        if (posted is null || AnswerCards.FindAction(AnswerCards.Parse(posted.Body), CardVerbs.PulseOpen)?["data"] is not JsonObject openData)
        {
            return null;
        }

        var invokes = new ConcurrentBag<(string, BotAnswer)>();
        var walks = await Task.WhenAll(Enumerable.Range(0, respondents).Select(i =>
            BigTableScenario.WalkAsync(PulseTemplates.Default, channel, setup.Voters[i], i, openData, posted.AssignedId ?? "pulse-card", invokes, cancellationToken))).ConfigureAwait(false);
        return new AnsweredPulse(bed, channel, respondents, walks.Count(w => w is null));
    }

    /// <summary>Whether a connector request belongs to <paramref name="channel"/> (any thread of it).</summary>
    public static bool InChannel(CapturedRequest request, TeamsChannel channel) =>
        request.ConversationId?.StartsWith(channel.ConversationId, StringComparison.Ordinal) == true;

    /// <summary>Whether a connector request posts a pulse summary card ("Synthèse du pouls") in <paramref name="channel"/>.</summary>
    public static bool IsSummary(CapturedRequest request, TeamsChannel channel) =>
        request.IsPost && InChannel(request, channel) && CardTexts.Of(AnswerCards.Parse(request.Body)).Any(t => t.Contains("Synthèse du pouls", StringComparison.Ordinal));

    /// <summary>"closed, summary pending, SummaryPostedAt unset, card not yet closed".</summary>
    public static string Describe(PulseRecord? pulse) => pulse is null
        ? "not found"
        : string.Create(CultureInfo.InvariantCulture,
            $"{(pulse.IsOpen ? "open" : "closed")}, summary {(pulse.SummaryPending ? "pending" : "not pending")}, SummaryPostedAt {(pulse.SummaryPostedAt is null ? "unset" : "set")}, card {(pulse.FinalCardPending ? "not yet closed" : "closed")}");
}

/// <summary>
/// A pulse opened in <see cref="Channel"/> for <see cref="Respondents"/> people, <see cref="Answered"/> of whom walked it
/// to the thank-you card.
/// </summary>
internal sealed record AnsweredPulse(FaultBed Bed, TeamsChannel Channel, int Respondents, int Answered)
{
    /// <summary>Whether a connector request belongs to the pulse's channel (any thread of it).</summary>
    public bool InChannel(CapturedRequest request) => FaultPulses.InChannel(request, Channel);

    /// <summary>Whether a connector request posts a pulse summary card in the pulse's channel.</summary>
    public bool IsSummary(CapturedRequest request) => FaultPulses.IsSummary(request, Channel);

    /// <summary>How many summary cards the connector accepted in the channel since <paramref name="since"/>.</summary>
    public int SummariesSince(DateTimeOffset since) => Bed.Setup.Connector.Requests.Count(r => r.ReceivedAt >= since && r.Succeeded && IsSummary(r));

    /// <summary>Whether <paramref name="summary"/> says "N réponses" for the <see cref="Answered"/> people.</summary>
    public bool SaysAnswered(CapturedRequest? summary) =>
        summary is not null && CardTexts.Of(AnswerCards.Parse(summary.Body)).Any(t => t.Contains(Answered.ToString(CultureInfo.InvariantCulture) + " réponses", StringComparison.Ordinal));

    /// <summary>The channel's latest closed pulse as storage holds it now.</summary>
    public Task<PulseRecord?> ClosedAsync(CancellationToken cancellationToken) =>
        Bed.Pulses.GetLatestAsync("msteams", Channel.ConversationId, closedOnly: true, exceptPulseId: null, cancellationToken);
}

/// <summary>
/// Holds the first connector request that matches (a connector thread waits, at most 30 s) until <see cref="Release"/>,
/// then drops its connection: the bot that sent it is killed meanwhile, as if Teams had not answered before the crash.
/// Installs itself as the connector's responder; disposing removes it and releases.
/// </summary>
internal sealed class HeldRequest : IDisposable
{
    private readonly CaptureConnector _connector;
    private readonly ManualResetEventSlim _release = new();
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holding = 1;

    public HeldRequest(CaptureConnector connector, Func<CapturedRequest, bool> match)
    {
        _connector = connector;
        connector.Responder = r =>
        {
            if (match(r) && Interlocked.Exchange(ref _holding, 0) == 1)
            {
                _held.TrySetResult();
                _release.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
                return CannedResponse.Dropped();
            }

            return null;
        };
    }

    /// <summary>Completes once the matching request arrived and is being held.</summary>
    public Task Held => _held.Task;

    public void Release() => _release.Set();

    public void Dispose()
    {
        _connector.Responder = null;
        _release.Set();
        _release.Dispose();
    }
}
