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
public sealed record ReminderPlan(IReadOnlyList<TeamsChannelAccount> ToRemind, int AlreadyAnswered, int RecentlyReminded, DateTimeOffset? NextPossibleAt)
{
    /// <summary>When the run started: its claims are made after this (a resumed run keeps its first start).</summary>
    public DateTimeOffset RunStartedAt { get; init; }

    /// <summary>A resumed run: members its dead instance had reminded (settled since <see cref="RunStartedAt"/>).</summary>
    public int SentEarlier { get; init; }

    /// <summary>A resumed run: members its dead instance found unreachable for good.</summary>
    public int UnreachableEarlier { get; init; }
}

/// <summary>Where the coordinator's progress card is, and in which words it speaks.</summary>
/// <param name="ConversationId">The conversation (or thread) the command came from.</param>
/// <param name="ActivityId">The progress card's id; null when Teams gave none (the report is then posted).</param>
public sealed record ReminderProgressTarget(string ConversationId, string? ActivityId, SharedLanguage Language, string? TimeZone);

/// <summary>
/// <c>pulse rappel</c>: a 1:1 reminder to every member who has not answered, at most once a day each, paced under
/// Teams' limits (one key for conversation creation, one per 1:1 chat, plus the global budget). Who answered is derived
/// here, not stored: each member's respondent key is computed and looked up among the pulse's answer keys.
/// </summary>
/// <remarks>
/// A member is claimed before the send (stored as <see cref="ReminderState.Claimed"/>), so two runs never remind them
/// twice, and marked <see cref="ReminderState.Sent"/> once Teams accepted it: a claim never marked is a run killed in
/// between, and is reminded again (at least once, docs/reliability.md). A transient failure
/// (429, 5xx, no answer, a storage blip) is retried for that member up to <see cref="PulseRemindersOptions.MaxTries"/>
/// times and the run goes on; when the send fails for good, or the bot stops mid-run, the claim is given back so the next
/// <c>pulse rappel</c> reminds them. A permanent refusal (the app not installed for them, blocked) keeps the claim (as
/// <see cref="ReminderState.Refused"/>) and is reported as "could not be reached". The run ends by turning the
/// coordinator's progress card into the report (or posting the report when the card cannot be updated), whatever
/// happened before; a run whose instance died is finished the same way by <see cref="PulseReminderSweep"/>.
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
    public Task<ReminderPlan> PlanAsync(PulseRecord pulse, CancellationToken cancellationToken) =>
        PlanAsync(pulse, runStartedAt: null, cancellationToken);

    /// <summary>
    /// The plan of a run: with <paramref name="runStartedAt"/> (a run resumed after its instance died), members whose
    /// reminder was settled since then are that run's own (counted as sent or unreachable, not "recently reminded"),
    /// whether they answered since or not. A claim never settled (<see cref="ReminderState.Claimed"/>) is reminded again.
    /// </summary>
    public async Task<ReminderPlan> PlanAsync(PulseRecord pulse, DateTimeOffset? runStartedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        var connector = connectors.Create(pulse.ServiceUrl);
        var now = time.GetUtcNow();
        var members = await Roster.ReadAsync(connector, pulse.ConversationId, cancellationToken).ConfigureAwait(false);
        var answerKeys = await pulses.ReadRespondentKeysAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false);
        var marks = await reminders.ReadRemindedAtAsync(pulse.PulseId, [.. members.Select(m => m.Id!)], cancellationToken).ConfigureAwait(false);
        var toRemind = new List<TeamsChannelAccount>();
        DateTimeOffset? next = null;
        int answered = 0, recent = 0, sentEarlier = 0, unreachableEarlier = 0;
        foreach (var member in members)
        {
            var mark = marks.GetValueOrDefault(member.Id!);
            var settled = mark is { State: not ReminderState.Claimed };
            if (runStartedAt is { } started && settled && mark!.At >= started)
            {
                if (mark.State == ReminderState.Sent)
                {
                    sentEarlier++;
                }
                else
                {
                    unreachableEarlier++;
                }
            }
            else if (answerKeys.Contains(keys.ForPulse(pulse.PulseId, PersonId.Of(member))))
            {
                answered++;
            }
            else if (settled && now - mark!.At < MinimumGap)
            {
                recent++;
                var possible = mark.At + MinimumGap;
                next = next is { } earlier && earlier <= possible ? earlier : possible;
            }
            else
            {
                toRemind.Add(member);
            }
        }

        return new ReminderPlan(toRemind, answered, recent, next)
        {
            RunStartedAt = runStartedAt ?? now,
            SentEarlier = sentEarlier,
            UnreachableEarlier = unreachableEarlier,
        };
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
        var work = Work(pulse, plan, bot, place, progress);
        var startedAt = time.GetUtcNow();
        var lastProgress = startedAt;
        var earlier = plan.SentEarlier + plan.UnreachableEarlier;
        var total = earlier + plan.ToRemind.Count;
        int done = earlier, sent = plan.SentEarlier, recent = plan.RecentlyReminded, unreachable = plan.UnreachableEarlier, notReachedNow = 0;
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
                await ShowProgressAsync(connector, pulse, progress, work, done, total, ReminderWords.EstimatedEnd(startedAt, now, done - earlier, total - earlier), cancellationToken).ConfigureAwait(false);
            }
        }

        // Members the run never got to (the bot stopped) were never claimed: the next rappel reminds them.
        notReachedNow += total - done;

        var report = new ReminderReportCardModel
        {
            Language = progress.Language.Language,
            Sent = sent,
            AlreadyAnswered = plan.AlreadyAnswered,
            RecentlyReminded = recent,
            Unreachable = unreachable,
            NotReachedNow = notReachedNow,
            Interrupted = interrupted,
        };
        LogReminded(logger, pulse.PulseId, sent, unreachable, notReachedNow);
        await ReportAsync(connector, pulse, progress, progress.Language.Card(language => PulseCoordinationCards.ReminderReport(report with { Language = language }))).ConfigureAwait(false);
        return report;
    }

    /// <summary>
    /// Finishes <paramref name="run"/>, left by an instance that died (its lease ended, never ended): plans again (who
    /// has not answered and was not reminded in the last 24 h; the dead instance's settled reminders count as this run's),
    /// reminds them and turns the same progress card into the report. A pulse closed meanwhile reminds nobody more; its
    /// card still becomes the report of what was done. The caller holds the run's lease and ends the run.
    /// </summary>
    public async Task<ReminderReportCardModel> ResumeAsync(PulseRecord pulse, ReminderRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        ArgumentNullException.ThrowIfNull(run);
        var work = run.Work ?? throw new ArgumentException("The run keeps no work to resume.", nameof(run));
        var plan = await PlanAsync(pulse, work.StartedAt, cancellationToken).ConfigureAwait(false);
        if (!pulse.IsOpen)
        {
            plan = plan with { ToRemind = [] };
        }

        var progress = new ReminderProgressTarget(work.ProgressConversationId, run.ProgressActivityId, SharedLanguage.FromCode(work.LanguageCode), work.TimeZone);
        var place = new PulseRemindersPlace(work.TableName, work.ChannelName, work.PulseLink);
        LogResuming(logger, pulse.PulseId, plan.ToRemind.Count, plan.SentEarlier + plan.UnreachableEarlier);
        return await RunAsync(pulse, plan, new ChannelAccount { Id = work.BotId }, place, progress, cancellationToken).ConfigureAwait(false);
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
                await SettleAsync(pulse.PulseId, member.Id!, claimedAt, ReminderState.Sent).ConfigureAwait(false);
                return MemberOutcome.Sent;
            case SendOutcome.Unreachable:
                await SettleAsync(pulse.PulseId, member.Id!, claimedAt, ReminderState.Refused).ConfigureAwait(false);
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

        // A bilingual pulse reminds in both languages: the person's own is not known in a proactive message.
        var card = PulseCardRefresher.LanguageOf(pulse).Card(language => PulseCoordinationCards.Reminder(new PulseReminderCardModel
        {
            Language = language,
            PulseId = pulse.PulseId,
            ConversationId = pulse.ConversationId,
            PulseTitle = PulseRecordTemplate.Of(pulse).Title.For(language),
            DeadlineText = DeadlineText.Format(pulse.Deadline, pulse.TimeZone, language),
            PlaceName = place.TableName,
            ChannelName = place.ChannelName,
            PulseLink = place.PulseLink,
        }));
        await pacer.WaitAsync(personal.ConversationId, cancellationToken).ConfigureAwait(false);
        await connector.SendToConversationAsync(personal.ConversationId, ProactiveMessages.Card(card), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Updates the progress card in place and renews the run's lease; a failure is logged, never stops the run.</summary>
    private async Task ShowProgressAsync(
        IConnectorClient connector, PulseRecord pulse, ReminderProgressTarget progress, ReminderRunWork work, int done, int total, DateTimeOffset? estimatedEnd, CancellationToken cancellationToken)
    {
        try
        {
            await reminders.ReportRunProgressAsync(pulse.PulseId, new ReminderRun(done, total, time.GetUtcNow() + _options.RunLease, progress.ActivityId, work), cancellationToken).ConfigureAwait(false);
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
        return progress.Language.Card(language => ReminderCards.Progress(new ReminderProgressCardModel
        {
            Language = language,
            Heading = ReminderWords.Starting(total, language),
            Progress = ReminderWords.Progress(done, total, estimatedEnd, now, progress.TimeZone, language),
            Detail = ReminderWords.StartingDetail(language),
        }));
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

    /// <summary>
    /// The claim's second phase, under its own budget (the send is done, whatever the run's token says). When it cannot
    /// be stored the claim stays <see cref="ReminderState.Claimed"/> and the next run reminds that member again.
    /// </summary>
    private async Task SettleAsync(string pulseId, string userId, DateTimeOffset claimedAt, ReminderState state)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await reminders.SettleReminderAsync(pulseId, userId, claimedAt, state, budget.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException || TransientFailures.IsTransient(exception))
        {
            LogSettleFailed(logger, exception, pulseId);
        }
    }

    /// <summary>What the run row keeps so another instance can finish the run (see <see cref="ReminderRunWork"/>).</summary>
    public static ReminderRunWork Work(PulseRecord pulse, ReminderPlan plan, ChannelAccount bot, PulseRemindersPlace place, ReminderProgressTarget progress)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(progress);
        return new ReminderRunWork(
            pulse.ChannelId,
            pulse.ConversationId,
            progress.ConversationId,
            progress.Language.Code,
            progress.TimeZone,
            bot.Id ?? throw new ArgumentException("The bot has no id.", nameof(bot)),
            plan.RunStartedAt,
            place.TableName,
            place.ChannelName,
            place.PulseLink);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulse {PulseId}: resuming a reminder run whose instance stopped: {Left} members left, {Earlier} handled before")]
    private static partial void LogResuming(ILogger logger, string pulseId, int left, int earlier);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: a reminder failed transiently (try {Attempt})")]
    private static partial void LogTransient(ILogger logger, Exception exception, string pulseId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: a reminder claim could not be given back; that member waits 24 h")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string pulseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: a sent reminder could not be marked sent; that member may be reminded again by the next run")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string pulseId);

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
