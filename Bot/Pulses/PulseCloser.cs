using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Summary;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// Closes a pulse once, whoever asks first (the coordinator's <c>pulse clore</c> or the deadline sweep of any bot
/// instance): the close is an ETag-conditioned transaction, so exactly one caller wins and only the winner computes
/// the summary, keeps it for the next pulse's trends, posts the summary card and turns the pulse card to "closed".
/// </summary>
public sealed partial class PulseCloser(
    IPulseStore pulses,
    IBotStateStore state,
    IConnectorClientFactory connectors,
    PulseCardRefresher cards,
    IOptions<ConcertationOptions> options,
    TimeProvider time,
    ILogger<PulseCloser> logger)
{
    /// <summary>True when this call closed the pulse (and posted its summary); false when it was already closed.</summary>
    public async Task<bool> CloseAsync(PulseRecord pulse, Language language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        var closed = await pulses.TryCloseAsync(pulse, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (closed is null)
        {
            return false;
        }

        LogClosed(logger, closed.PulseId);
        var summary = await SummarizeAsync(closed, cancellationToken).ConfigureAwait(false);
        try
        {
            await state.WriteAsync(PulseStateKeys.Summary(closed.PulseId), summary, default, PulseSummaryJsonContext.Default.PulseSummary, cancellationToken).ConfigureAwait(false);
        }
        catch (StateConflictException)
        {
            // Already kept by an earlier attempt of this same close.
        }

        var card = PulseSummaryCard.Build(PulseSummaries.Describe(LocalTime.In(summary, closed.TimeZone), PulseTemplates.Default, language));
        await connectors.Create(closed.ServiceUrl).SendToConversationAsync(closed.ConversationId, ProactiveMessages.Card(card), cancellationToken).ConfigureAwait(false);
        cards.Schedule(closed);
        await pulses.MarkSummaryPostedAsync(closed, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The summary of a pulse from its stored answers, with the previous closed pulse of the conversation for trends.</summary>
    public async Task<PulseSummary> SummarizeAsync(PulseRecord pulse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        var answers = new List<IReadOnlyDictionary<string, object?>>();
        await foreach (var row in pulses.ReadAnswersAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false))
        {
            answers.Add(row.Fields);
        }

        PulseSummary? previous = null;
        if (await pulses.GetLatestAsync(pulse.ChannelId, pulse.ConversationId, closedOnly: true, exceptPulseId: pulse.PulseId, cancellationToken).ConfigureAwait(false) is { } earlier
            && earlier.OpenedAt < pulse.OpenedAt)
        {
            previous = (await state.ReadAsync(PulseStateKeys.Summary(earlier.PulseId), PulseSummaryJsonContext.Default.PulseSummary, cancellationToken).ConfigureAwait(false))?.Value;
        }

        return PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = PulseTemplates.Default,
            Answers = answers,
            MemberCount = await Roster.TryCountAsync(connectors.Create(pulse.ServiceUrl), pulse.ConversationId, cancellationToken).ConfigureAwait(false),
            OpenedAt = pulse.OpenedAt,
            ClosedAt = pulse.ClosedAt ?? time.GetUtcNow(),
            MinimumGroupSize = options.Value.MinimumGroupSize,
            Previous = previous,
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulse {PulseId} closed")]
    private static partial void LogClosed(ILogger logger, string pulseId);
}
