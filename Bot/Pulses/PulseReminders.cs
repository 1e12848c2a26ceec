using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.LiveCards;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Telemetry;

namespace ConcertationBot.Bot.Pulses;

/// <summary>Who a <c>pulse rappel</c> will remind, worked out before anyone is: the first reply says it.</summary>
/// <param name="ToRemind">Members who have not answered and were not reminded in the last 24 h.</param>
/// <param name="AlreadyAnswered">Members whose answer is stored.</param>
/// <param name="RecentlyReminded">Members who have not answered but were reminded less than 24 h ago.</param>
/// <param name="NextPossibleAt">When the earliest of those may be reminded again; null when there are none.</param>
public sealed record ReminderPlan(IReadOnlyList<TeamsChannelAccount> ToRemind, int AlreadyAnswered, int RecentlyReminded, DateTimeOffset? NextPossibleAt);

/// <summary>Where the coordinator's progress card is, and in which words it speaks.</summary>
/// <param name="ConversationId">The conversation (or thread) the command came from.</param>
/// <param name="ActivityId">The progress card's id; null when Teams gave none (the report is then posted).</param>
public sealed record ReminderProgressTarget(string ConversationId, string? ActivityId, Language Language, string? TimeZone);

/// <summary>
/// <c>pulse rappel</c>: a 1:1 reminder to every member who has not answered, at most once a day each, paced under
/// Teams' limits (one key for conversation creation, one per 1:1 chat, plus the global budget). Who answered is derived
/// here, not stored: each member's respondent key is computed and looked up among the pulse's answer keys.
/// </summary>
/// <remarks>
/// A member is claimed (stored as reminded) before the send, so two runs never remind them twice. A transient failure
/// (429, 5xx, no answer, a storage blip) is retried for that member up to <see cref="PulseRemindersOptions.MaxTries"/>
/// times and the run goes on; when the send fails for good, or the bot stops mid-run, the claim is given back so the next
/// <c>pulse rappel</c> reminds them. A permanent refusal (the app not installed for them, blocked) keeps the claim and is
/// reported as "could not be reached". The run ends by turning the coordinator's progress card into the report (or
/// posting the report when the card cannot be updated), whatever happened before.
/// </remarks>
public sealed partial class PulseReminders(
    IPulseStore pulses,
    IRespondentKeys keys,
    IReminderStore reminders,
    IConnectorClientFactory connectors,
    IOutboundPacer pacer,
    IOptions<PulseRemindersOptions> options,
    TimeProvider time,
    ILogger<PulseReminders> logger)
{
    public static readonly TimeSpan MinimumGap = TimeSpan.FromHours(24);

    /// <summary>The pacing key shared by every create-conversation call of this bot.</summary>
    public const string CreateConversationKey = "create-conversation";

    /// <summary>The budget of the final report (sent even while the bot stops, so never under the run's token).</summary>
    private static readonly TimeSpan ReportBudget = TimeSpan.FromSeconds(15);

    private readonly PulseRemindersOptions _options = options.Value;

    private enum SendOutcome
    {
        Sent,
        Unreachable,
        NotNow,
    }

    /// <summary>Reads the roster, the answers and the reminders of the last 24 h: who this run would remind.</summary>
    public async Task<ReminderPlan> PlanAsync(PulseRecord pulse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        var connector = connectors.Create(pulse.ServiceUrl);
        var members = await Roster.ReadAsync(connector, pulse.ConversationId, cancellationToken).ConfigureAwait(false);
        var answerKeys = await pulses.ReadRespondentKeysAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false);
        var notAnswered = members.Where(m => !answerKeys.Contains(keys.ForPulse(pulse.PulseId, PersonId.Of(m)))).ToList();
        var remindedAt = await reminders.ReadRemindedAtAsync(pulse.PulseId, [.. notAnswered.Select(m => m.Id!)], cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var toRemind = new List<TeamsChannelAccount>();
        DateTimeOffset? next = null;
        var recent = 0;
        foreach (var member in notAnswered)
        {
            if (remindedAt.TryGetValue(member.Id!, out var last) && now - last < MinimumGap)
            {
                recent++;
                var possible = last + MinimumGap;
                next = next is { } earlier && earlier <= possible ? earlier : possible;
            }
            else
            {
                toRemind.Add(member);
            }
        }

        return new ReminderPlan(toRemind, members.Count - notAnswered.Count, recent, next);
    }

    /// <summary>
    /// Reminds <paramref name="plan"/>'s members, keeps the progress card current and ends it as the report. Returns the
    /// report; never throws for a member's failure (only a bug escapes).
    /// </summary>
    public async Task<ReminderReportCardModel> RunAsync(
        PulseRecord pulse, ReminderPlan plan, ChannelAccount bot, PulseRemindersPlace place, ReminderProgressTarget progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(progress);
        var connector = connectors.Create(pulse.ServiceUrl);
        var startedAt = time.GetUtcNow();
        var lastProgress = startedAt;
        var total = plan.ToRemind.Count;
        int done = 0, sent = 0, recent = plan.RecentlyReminded, unreachable = 0, notReachedNow = 0;
        var interrupted = false;
        foreach (var member in plan.ToRemind)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }

            switch (await RemindOneAsync(connector, pulse, bot, place, member, cancellationToken).ConfigureAwait(false))
            {
                case MemberOutcome.Sent:
                    sent++;
                    BotTelemetry.RemindersSent.Add(1);
                    break;
                case MemberOutcome.Recent:
                    recent++;
                    break;
                case MemberOutcome.Unreachable:
                    unreachable++;
                    break;
                default:
                    notReachedNow++;
                    interrupted |= cancellationToken.IsCancellationRequested;
                    break;
            }

            done++;
            var now = time.GetUtcNow();
            if (done < total && now - lastProgress >= _options.ProgressInterval)
            {
                lastProgress = now;
                await ShowProgressAsync(connector, pulse, progress, done, total, ReminderWords.EstimatedEnd(startedAt, now, done, total), cancellationToken).ConfigureAwait(false);
            }
        }

        // Members the run never got to (the bot stopped) were never claimed: the next rappel reminds them.
        notReachedNow += total - done;

        var report = new ReminderReportCardModel
        {
            Language = progress.Language,
            Sent = sent,
            AlreadyAnswered = plan.AlreadyAnswered,
            RecentlyReminded = recent,
            Unreachable = unreachable,
            NotReachedNow = notReachedNow,
            Interrupted = interrupted,
        };
        LogReminded(logger, pulse.PulseId, sent, unreachable, notReachedNow);
        await ReportAsync(connector, pulse, progress, PulseCoordinationCards.ReminderReport(report)).ConfigureAwait(false);
        return report;
    }

    private enum MemberOutcome
    {
        Sent,
        Recent,
        Unreachable,
        NotNow,
    }

    /// <summary>Claims, sends with retries, and gives the claim back when the send failed for good.</summary>
    private async Task<MemberOutcome> RemindOneAsync(
        IConnectorClient connector, PulseRecord pulse, ChannelAccount bot, PulseRemindersPlace place, TeamsChannelAccount member, CancellationToken cancellationToken)
    {
        var claimedAt = time.GetUtcNow();
        try
        {
            if (!await reminders.TryClaimReminderAsync(pulse.PulseId, member.Id!, claimedAt, MinimumGap, cancellationToken).ConfigureAwait(false))
            {
                // Another run (or instance) reminded them since the plan was made.
                return MemberOutcome.Recent;
            }
        }
        catch (Exception exception) when (TransientFailures.IsTransient(exception))
        {
            // Not claimed, so nothing to give back: the next rappel reminds them.
            LogTransient(logger, exception, pulse.PulseId, 0);
            return MemberOutcome.NotNow;
        }

        SendOutcome outcome;
        try
        {
            outcome = await SendWithRetriesAsync(connector, pulse, bot, place, member, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Not an outage (a bug, a refused storage write): this member is not reminded, the run goes on.
            LogMemberFailed(logger, exception, pulse.PulseId);
            outcome = SendOutcome.NotNow;
        }

        switch (outcome)
        {
            case SendOutcome.Sent:
                return MemberOutcome.Sent;
            case SendOutcome.Unreachable:
                return MemberOutcome.Unreachable;
            default:
                await ReleaseAsync(pulse.PulseId, member.Id!, claimedAt).ConfigureAwait(false);
                return MemberOutcome.NotNow;
        }
    }

    /// <summary>Tries a member up to <see cref="PulseRemindersOptions.MaxTries"/> times while the failure is transient.</summary>
    private async Task<SendOutcome> SendWithRetriesAsync(
        IConnectorClient connector, PulseRecord pulse, ChannelAccount bot, PulseRemindersPlace place, TeamsChannelAccount member, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SendReminderAsync(connector, pulse, bot, place, member, cancellationToken).ConfigureAwait(false);
                return SendOutcome.Sent;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return SendOutcome.NotNow;
            }
            catch (ConnectorException exception) when (!TransientFailures.IsTransient(exception))
            {
                LogUnreachable(logger, pulse.PulseId, exception.Status, exception.ErrorCode);
                return SendOutcome.Unreachable;
            }
            catch (Exception exception) when (TransientFailures.IsTransient(exception))
            {
                LogTransient(logger, exception, pulse.PulseId, attempt);
                if (attempt >= _options.MaxTries)
                {
                    return SendOutcome.NotNow;
                }

                try
                {
                    await Task.Delay(_options.RetryPause * attempt, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return SendOutcome.NotNow;
                }
            }
        }
    }

    private async Task SendReminderAsync(
        IConnectorClient connector, PulseRecord pulse, ChannelAccount bot, PulseRemindersPlace place, TeamsChannelAccount member, CancellationToken cancellationToken)
    {
        var personal = await reminders.GetPersonalConversationAsync(pulse.ChannelId, member.Id!, cancellationToken).ConfigureAwait(false);
        if (personal is null || !string.Equals(personal.ServiceUrl, pulse.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            await pacer.WaitAsync(CreateConversationKey, cancellationToken).ConfigureAwait(false);
            var created = await connector.CreateConversationAsync(
                new ConversationParameters
                {
                    IsGroup = false,
                    Bot = bot,
                    Members = [new ChannelAccount { Id = member.Id, Name = member.Name, AadObjectId = member.AadObjectId }],
                    TenantId = pulse.TenantId,
                },
                cancellationToken).ConfigureAwait(false);
            personal = new PersonalConversation(pulse.ServiceUrl, created.Id ?? throw new ConnectorException(502, null, "Create conversation returned no id."), pulse.TenantId);
            await reminders.SavePersonalConversationAsync(pulse.ChannelId, member.Id!, personal, cancellationToken).ConfigureAwait(false);
        }

        var language = PulseCardRefresher.LanguageOf(pulse);
        var card = PulseCoordinationCards.Reminder(new PulseReminderCardModel
        {
            Language = language,
            PulseId = pulse.PulseId,
            ConversationId = pulse.ConversationId,
            PulseTitle = PulseTemplates.Default.Title.For(language),
            DeadlineText = DeadlineText.Format(pulse.Deadline, pulse.TimeZone, language),
            PlaceName = place.TableName,
            ChannelName = place.ChannelName,
            PulseLink = place.PulseLink,
        });
        await pacer.WaitAsync(personal.ConversationId, cancellationToken).ConfigureAwait(false);
        await connector.SendToConversationAsync(personal.ConversationId, ProactiveMessages.Card(card), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Updates the progress card in place and renews the run's lease; a failure is logged, never stops the run.</summary>
    private async Task ShowProgressAsync(
        IConnectorClient connector, PulseRecord pulse, ReminderProgressTarget progress, int done, int total, DateTimeOffset? estimatedEnd, CancellationToken cancellationToken)
    {
        try
        {
            await reminders.ReportRunProgressAsync(pulse.PulseId, new ReminderRun(done, total, time.GetUtcNow() + _options.RunLease, progress.ActivityId), cancellationToken).ConfigureAwait(false);
            if (progress.ActivityId is not { Length: > 0 } activityId)
            {
                return;
            }

            var card = ProgressCard(progress, total, done, estimatedEnd, time.GetUtcNow());
            await pacer.WaitAsync(progress.ConversationId, cancellationToken).ConfigureAwait(false);
            await connector.UpdateActivityAsync(progress.ConversationId, activityId, ProactiveMessages.Card(card) with { Id = activityId }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogProgressFailed(logger, exception, pulse.PulseId);
        }
    }

    /// <summary>The card of a run at <paramref name="done"/> of <paramref name="total"/> (also the first reply, at 0).</summary>
    public static AdaptiveCard ProgressCard(ReminderProgressTarget progress, int total, int done, DateTimeOffset? estimatedEnd, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return ReminderCards.Progress(new ReminderProgressCardModel
        {
            Language = progress.Language,
            Heading = ReminderWords.Starting(total, progress.Language),
            Progress = ReminderWords.Progress(done, total, estimatedEnd, now, progress.TimeZone, progress.Language),
            Detail = ReminderWords.StartingDetail(progress.Language),
        });
    }

    /// <summary>Turns the progress card into the report; posts the report when that fails. Under its own budget, never the run's token.</summary>
    private async Task ReportAsync(IConnectorClient connector, PulseRecord pulse, ReminderProgressTarget progress, AdaptiveCard report)
    {
        if (progress.ActivityId is { Length: > 0 } activityId)
        {
            try
            {
                using var budget = new CancellationTokenSource(ReportBudget);
                await pacer.WaitAsync(progress.ConversationId, budget.Token).ConfigureAwait(false);
                await connector.UpdateActivityAsync(progress.ConversationId, activityId, ProactiveMessages.Card(report) with { Id = activityId }, budget.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (exception is ConnectorException or OperationCanceledException || TransientFailures.IsTransient(exception))
            {
                LogReportUpdateFailed(logger, exception, pulse.PulseId);
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var budget = new CancellationTokenSource(ReportBudget);
                await pacer.WaitAsync(progress.ConversationId, budget.Token).ConfigureAwait(false);
                await connector.SendToConversationAsync(progress.ConversationId, ProactiveMessages.Card(report), budget.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (TransientFailures.IsTransient(exception) && attempt < _options.MaxTries)
            {
                LogReportRetried(logger, exception, pulse.PulseId, attempt);
            }
        }
    }

    private async Task ReleaseAsync(string pulseId, string userId, DateTimeOffset claimedAt)
    {
        // Under its own budget: the run's token may be the one that was just cancelled.
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await reminders.ReleaseReminderAsync(pulseId, userId, claimedAt, budget.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (TransientFailures.IsTransient(exception))
        {
            LogReleaseFailed(logger, exception, pulseId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulse {PulseId}: {Sent} reminders sent, {Unreachable} members unreachable, {NotReachedNow} not reached for now")]
    private static partial void LogReminded(ILogger logger, string pulseId, int sent, int unreachable, int notReachedNow);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: a reminder failed transiently (try {Attempt})")]
    private static partial void LogTransient(ILogger logger, Exception exception, string pulseId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: a reminder claim could not be given back; that member waits 24 h")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string pulseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: a member could not be reminded ({Status} {ErrorCode})")]
    private static partial void LogUnreachable(ILogger logger, string pulseId, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pulse {PulseId}: a member's reminder failed unexpectedly; the run goes on")]
    private static partial void LogMemberFailed(ILogger logger, Exception exception, string pulseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: the reminder progress could not be shown")]
    private static partial void LogProgressFailed(ILogger logger, Exception exception, string pulseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: the progress card could not become the report; posting the report instead")]
    private static partial void LogReportUpdateFailed(ILogger logger, Exception exception, string pulseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: the reminder report could not be posted (try {Attempt}); trying again")]
    private static partial void LogReportRetried(ILogger logger, Exception exception, string pulseId, int attempt);
}
