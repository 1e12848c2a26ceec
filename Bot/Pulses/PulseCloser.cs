using System.Text.Json;
using Azure;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Profiles;
using ConcertationBot.Bot.Protocol;
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
    OpenItemCache<PulseRecord> openPulses,
    IBotStateStore state,
    IConnectorClientFactory connectors,
    PulseCardRefresher cards,
    IRespondentKeys keys,
    IProfileStore profiles,
    IOptions<ConcertationOptions> options,
    TimeProvider time,
    ILogger<PulseCloser> logger)
{
    /// <summary>A summary still refused this long after the close is given up (logged at Error).</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(7);

    /// <summary>How long the bookkeeping after a failed post may take, whatever the caller's token says.</summary>
    private static readonly TimeSpan BookkeepingBudget = TimeSpan.FromSeconds(10);

    /// <summary>True when this call closed the pulse (its summary posted now, or left pending for the sweep); false when it was already closed.</summary>
    public async Task<bool> CloseAsync(PulseRecord pulse, SharedLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        var closed = await pulses.TryCloseAsync(pulse, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        openPulses.Forget(pulse.ChannelId, pulse.ConversationId, pulse.PulseId);
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
    public async Task<bool> FinishAsync(PulseRecord pulse, SharedLanguage language, CancellationToken cancellationToken)
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
            var local = LocalTime.In(summary, claimed.TimeZone);
            var template = PulseRecordTemplate.Of(claimed);
            // A deepening's summary offers its categories to the feuille de route.
            var roadmapPulseId = claimed.IsDeepening ? claimed.PulseId : null;
            var card = language.Card(l => PulseSummaryCard.Build(PulseSummaries.Describe(local, template, l) with { RoadmapPulseId = roadmapPulseId }));
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

    /// <summary>
    /// The summary kept at the first try of this close, or computed and kept now (trends and the compte-rendu read it
    /// later). What is kept is the bounded form (<see cref="PulseSummaries.Bound"/>): its size does not depend on the
    /// number or length of the answers, and the card built from it is the card of the whole summary. Should storage
    /// still refuse it, the summary is posted all the same.
    /// </summary>
    private async Task<PulseSummary> StoredSummaryAsync(PulseRecord closed, CancellationToken cancellationToken)
    {
        if ((await state.ReadAsync(PulseStateKeys.Summary(closed.PulseId), PulseSummaryJsonContext.Default.PulseSummary, cancellationToken).ConfigureAwait(false))?.Value is { } kept)
        {
            return kept;
        }

        var summary = await SummarizeAsync(closed, cancellationToken).ConfigureAwait(false);
        await KeepAsync(closed.PulseId, summary, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    /// <summary>
    /// Stores the bounded summary unless it is over the state store's limit (checked here, before the write, so the
    /// close does not depend on the store's error) or storage refuses it for good (400, 413): then it is not stored
    /// (logged at Error; the next pulse shows no trend, and the compte-rendu computes it again from the answer rows)
    /// and the caller posts it anyway. A failure that may pass (5xx, timeouts) propagates: the close is tried again.
    /// </summary>
    private async Task KeepAsync(string pulseId, PulseSummary summary, CancellationToken cancellationToken)
    {
        var length = JsonSerializer.Serialize(summary, PulseSummaryJsonContext.Default.PulseSummary).Length;
        if (length > BotStateStore.MaxJsonLength)
        {
            LogSummaryTooLarge(logger, pulseId, length);
            return;
        }

        try
        {
            await state.WriteAsync(PulseStateKeys.Summary(pulseId), summary, default, PulseSummaryJsonContext.Default.PulseSummary, cancellationToken).ConfigureAwait(false);
        }
        catch (StateConflictException)
        {
            // Kept meanwhile by an earlier try of this same close.
        }
        catch (RequestFailedException exception) when (exception.Status is 400 or 413)
        {
            LogSummaryRefused(logger, exception, pulseId);
        }
    }

    /// <summary>After a failed post: tell the conversation once, and let no instance try again before the retry delay.</summary>
    private async Task DeferAsync(PulseRecord claimed, SharedLanguage language)
    {
        using var budget = new CancellationTokenSource(BookkeepingBudget);
        DateTimeOffset? noticeAt = null;
        try
        {
            if (claimed.SummaryDelayNoticeAt is null)
            {
                await connectors.Create(claimed.ServiceUrl).SendToConversationAsync(claimed.ConversationId, ProactiveMessages.Card(language.Card(PulseCloseCards.SummaryDelayed)), budget.Token).ConfigureAwait(false);
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

    /// <summary>
    /// The summary of a pulse from its stored answers, with the previous closed pulse of the conversation for trends, in
    /// its bounded form (<see cref="PulseSummaries.Bound"/>: what is stored and what the card is built from).
    /// </summary>
    public async Task<PulseSummary> SummarizeAsync(PulseRecord pulse, CancellationToken cancellationToken) =>
        PulseSummaries.Bound(await SummarizeWholeAsync(pulse, cancellationToken).ConfigureAwait(false), PulseRecordTemplate.Of(pulse));

    /// <summary>
    /// The summary to write a compte-rendu or a <c>vote leviers</c> from: the stored figures (computed now when none is
    /// stored) and, when <paramref name="wholeTexts"/>, every text, read again from the answer rows when the stored
    /// summary is bounded. A pulse whose answers were deleted keeps only the texts of its bounded summary.
    /// </summary>
    public async Task<PulseSummary> ReadSummaryAsync(PulseRecord pulse, bool wholeTexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        var stored = (await state.ReadAsync(PulseStateKeys.Summary(pulse.PulseId), PulseSummaryJsonContext.Default.PulseSummary, cancellationToken).ConfigureAwait(false))?.Value;
        if (!wholeTexts || pulse.PurgedAt is not null)
        {
            return stored ?? await SummarizeAsync(pulse, cancellationToken).ConfigureAwait(false);
        }

        if (stored is null)
        {
            return await SummarizeWholeAsync(pulse, cancellationToken).ConfigureAwait(false);
        }

        if (!PulseSummaries.IsBounded(stored))
        {
            return stored;
        }

        var texts = PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = PulseRecordTemplate.Of(pulse),
            Answers = await AnswersAsync(pulse, cancellationToken).ConfigureAwait(false),
            OpenedAt = pulse.OpenedAt,
            ClosedAt = pulse.ClosedAt ?? time.GetUtcNow(),
            MinimumGroupSize = options.Value.MinimumGroupSize,
        });
        return PulseSummaries.WithTextsOf(stored, texts);
    }

    private async Task<PulseSummary> SummarizeWholeAsync(PulseRecord pulse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        var rows = await AnswerRowsAsync(pulse, cancellationToken).ConfigureAwait(false);
        PulseSummary? previous = null;
        // A deepening has no trend; an ordinary pulse is compared with the ordinary pulse before it, never a deepening.
        if (!pulse.IsDeepening
            && await PulseHistory.LatestClosedOrdinaryAsync(pulses, pulse.ChannelId, pulse.ConversationId, pulse.PulseId, pulse.OpenedAt, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            previous = (await state.ReadAsync(PulseStateKeys.Summary(earlier.PulseId), PulseSummaryJsonContext.Default.PulseSummary, cancellationToken).ConfigureAwait(false))?.Value;
        }

        var roster = await TryReadRosterAsync(pulse, cancellationToken).ConfigureAwait(false);
        return PulseSummaries.Compute(new PulseSummaryInput
        {
            Template = PulseRecordTemplate.Of(pulse),
            Answers = [.. rows.Select(r => r.Fields)],
            MemberCount = roster?.Count,
            OpenedAt = pulse.OpenedAt,
            ClosedAt = pulse.ClosedAt ?? time.GetUtcNow(),
            MinimumGroupSize = options.Value.MinimumGroupSize,
            Previous = previous,
            // The coordinator chose no participation by profile for this pulse: the summary keeps none.
            Members = roster is null || pulse.ProfilesHidden ? null : await MembersAsync(pulse, roster, rows, cancellationToken).ConfigureAwait(false),
        });
    }

    private async Task<IReadOnlyList<TeamsChannelAccount>?> TryReadRosterAsync(PulseRecord pulse, CancellationToken cancellationToken)
    {
        try
        {
            return await Roster.ReadAsync(connectors.Create(pulse.ServiceUrl), pulse.ConversationId, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException)
        {
            return null;
        }
    }

    /// <summary>
    /// Each roster member's declared profile and whether they answered, derived here and never stored: the member's
    /// respondent key looked up in the pulse's answer keys, their profile key in the team's profiles. The summary keeps
    /// only the per-category counts (<see cref="PulseSummaries.ByProfile"/>). Without any declared profile, nothing.
    /// </summary>
    private async Task<IReadOnlyList<SummaryMember>?> MembersAsync(
        PulseRecord pulse, IReadOnlyList<TeamsChannelAccount> roster, IReadOnlyList<PulseAnswerRow> rows, CancellationToken cancellationToken)
    {
        var scope = ProfileScope.Of(pulse.ChannelId, pulse.ConversationId, pulse.TeamId);
        var categories = await profiles.ListCategoriesAsync(scope, cancellationToken).ConfigureAwait(false);
        if (categories.Count == 0)
        {
            return null;
        }

        var answered = rows.Select(r => r.RespondentKey).ToHashSet(StringComparer.Ordinal);
        var members = new List<SummaryMember>(roster.Count);
        foreach (var member in roster)
        {
            var personId = PersonId.Of(member);
            members.Add(new SummaryMember(
                categories.GetValueOrDefault(keys.ForProfile(scope.Partition, personId)),
                answered.Contains(keys.ForPulse(pulse.PulseId, personId))));
        }

        return members;
    }

    private async Task<List<IReadOnlyDictionary<string, object?>>> AnswersAsync(PulseRecord pulse, CancellationToken cancellationToken) =>
        [.. (await AnswerRowsAsync(pulse, cancellationToken).ConfigureAwait(false)).Select(r => r.Fields)];

    private async Task<List<PulseAnswerRow>> AnswerRowsAsync(PulseRecord pulse, CancellationToken cancellationToken)
    {
        var rows = new List<PulseAnswerRow>();
        await foreach (var row in pulses.ReadAnswersAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pulse {PulseId}: the summary is {Length} characters of JSON, over the state limit; it is posted but not stored")]
    private static partial void LogSummaryTooLarge(ILogger logger, string pulseId, int length);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pulse {PulseId}: storage refused the summary; it is posted but not stored")]
    private static partial void LogSummaryRefused(ILogger logger, Exception exception, string pulseId);

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
