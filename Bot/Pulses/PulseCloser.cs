using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Cards.Summary;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// Closes a pulse once, whoever asks first (the coordinator's <c>pulse clore</c> or the deadline sweep of any bot
/// instance): the close is an ETag-conditioned transaction, so exactly one caller wins. The close leaves the summary
/// pending in storage; posting it is a separate, resumable step (<see cref="FinishAsync"/>) that one instance at a time
/// claims with a lease, so a summary that Teams refuses now (429, 5xx, the message budget spent) is posted by a later
/// sweep of any instance, exactly once, and the conversation is told once that it is delayed.
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
    /// <summary>A summary still refused this long after the close is given up (logged at Error).</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(7);

    /// <summary>How long the bookkeeping after a failed post may take, whatever the caller's token says.</summary>
    private static readonly TimeSpan BookkeepingBudget = TimeSpan.FromSeconds(10);

    /// <summary>True when this call closed the pulse (its summary posted now, or left pending for the sweep); false when it was already closed.</summary>
    public async Task<bool> CloseAsync(PulseRecord pulse, Language language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        var closed = await pulses.TryCloseAsync(pulse, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (closed is null)
        {
            return false;
        }

        LogClosed(logger, closed.PulseId);
        cards.Schedule(closed);
        await FinishAsync(closed, language, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Posts the pending summary of a closed pulse when this instance wins the claim; true when it was posted by this
    /// call. A failure leaves it pending (the next try after <see cref="ConcertationOptions.CloseRetryDelay"/>) and tells
    /// the conversation once that the summary is delayed.
    /// </summary>
    public async Task<bool> FinishAsync(PulseRecord pulse, Language language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        var now = time.GetUtcNow();
        var claimed = await pulses.TryClaimSummaryAsync(pulse, now, now + options.Value.CloseClaimLease, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return false;
        }

        if (claimed.ClosedAt is { } closedAt && now - closedAt > GiveUpAfter)
        {
            LogGivenUp(logger, claimed.PulseId);
            await pulses.MarkSummaryPostedAsync(claimed, now, cancellationToken).ConfigureAwait(false);
            return false;
        }

        try
        {
            var summary = await StoredSummaryAsync(claimed, cancellationToken).ConfigureAwait(false);
            var card = PulseSummaryCard.Build(PulseSummaries.Describe(LocalTime.In(summary, claimed.TimeZone), PulseTemplates.Default, language));
            await connectors.Create(claimed.ServiceUrl).SendToConversationAsync(claimed.ConversationId, ProactiveMessages.Card(card), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogSummaryDelayed(logger, exception, claimed.PulseId);
            await DeferAsync(claimed, language).ConfigureAwait(false);
            return false;
        }

        await pulses.MarkSummaryPostedAsync(claimed, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The summary kept at the first try of this close, or computed and kept now (trends read it later).</summary>
    private async Task<PulseSummary> StoredSummaryAsync(PulseRecord closed, CancellationToken cancellationToken)
    {
        if ((await state.ReadAsync(PulseStateKeys.Summary(closed.PulseId), PulseSummaryJsonContext.Default.PulseSummary, cancellationToken).ConfigureAwait(false))?.Value is { } kept)
        {
            return kept;
        }

        var summary = await SummarizeAsync(closed, cancellationToken).ConfigureAwait(false);
        try
        {
            await state.WriteAsync(PulseStateKeys.Summary(closed.PulseId), summary, default, PulseSummaryJsonContext.Default.PulseSummary, cancellationToken).ConfigureAwait(false);
        }
        catch (StateConflictException)
        {
            // Kept meanwhile by an earlier try of this same close.
        }

        return summary;
    }

    /// <summary>After a failed post: tell the conversation once, and let no instance try again before the retry delay.</summary>
    private async Task DeferAsync(PulseRecord claimed, Language language)
    {
        using var budget = new CancellationTokenSource(BookkeepingBudget);
        DateTimeOffset? noticeAt = null;
        try
        {
            if (claimed.SummaryDelayNoticeAt is null)
            {
                await connectors.Create(claimed.ServiceUrl).SendToConversationAsync(claimed.ConversationId, ProactiveMessages.Card(PulseCloseCards.SummaryDelayed(language)), budget.Token).ConfigureAwait(false);
                noticeAt = time.GetUtcNow();
            }
        }
        catch (Exception exception)
        {
            LogNoticeFailed(logger, exception, claimed.PulseId);
        }

        try
        {
            await pulses.DeferSummaryAsync(claimed, time.GetUtcNow() + options.Value.CloseRetryDelay, noticeAt, budget.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The claim's lease runs out on its own; the sweep tries again after it.
            LogDeferFailed(logger, exception, claimed.PulseId);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: the summary could not be posted; it stays pending and is tried again")]
    private static partial void LogSummaryDelayed(ILogger logger, Exception exception, string pulseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: the delayed-summary notice could not be posted either")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception, string pulseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: the next summary try could not be scheduled; the claim's lease runs out on its own")]
    private static partial void LogDeferFailed(ILogger logger, Exception exception, string pulseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pulse {PulseId}: the summary was refused for too long after the close; given up")]
    private static partial void LogGivenUp(ILogger logger, string pulseId);
}
