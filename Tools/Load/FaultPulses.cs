using System.Globalization;
using ConcertationBot.Bot.Pulses;

namespace ConcertationBot.Load;

/// <summary>What the pulse-closing fault scenarios share: recognising the summary in a channel, and a pulse's close state for a log line.</summary>
internal static class FaultPulses
{
    /// <summary>Whether a connector request belongs to <paramref name="channel"/> (any thread of it).</summary>
    public static bool InChannel(CapturedRequest request, TeamsChannel channel) =>
        request.ConversationId?.StartsWith(channel.ConversationId, StringComparison.Ordinal) == true;

    /// <summary>Whether a connector request posts a pulse summary card ("Synthèse du pulse") in <paramref name="channel"/>.</summary>
    public static bool IsSummary(CapturedRequest request, TeamsChannel channel) =>
        request.IsPost && InChannel(request, channel) && CardTexts.Of(AnswerCards.Parse(request.Body)).Any(t => t.Contains("Synthèse du pulse", StringComparison.Ordinal));

    /// <summary>"closed, summary pending, SummaryPostedAt unset, card not yet closed".</summary>
    public static string Describe(PulseRecord? pulse) => pulse is null
        ? "not found"
        : string.Create(CultureInfo.InvariantCulture,
            $"{(pulse.IsOpen ? "open" : "closed")}, summary {(pulse.SummaryPending ? "pending" : "not pending")}, SummaryPostedAt {(pulse.SummaryPostedAt is null ? "unset" : "set")}, card {(pulse.FinalCardPending ? "not yet closed" : "closed")}");
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
