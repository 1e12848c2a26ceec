using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Pulses;

/// <summary>What a coordinator does with an open pulse: <c>pulse état</c>, <c>pulse rappel</c>, <c>pulse clore</c>.</summary>
public sealed partial class PulseCoordination(
    CoordinatorGate gate,
    IPulseStore pulses,
    IConnectorClientFactory connectors,
    PulseReminders reminders,
    IReminderStore reminderStore,
    IOptions<PulseRemindersOptions> reminderOptions,
    PulseCloser closer,
    BackgroundWork background,
    TimeProvider time,
    IOptions<ConcertationOptions> options,
    ILogger<PulseCoordination> logger)
{
    /// <summary><c>pulse état</c> / <c>pulse status</c>: n / N and time left.</summary>
    public async Task StatusAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await OpenPulseForCoordinatorAsync(context, CommandNames.PulseStatus, cancellationToken).ConfigureAwait(false) is not { } pulse)
        {
            return;
        }

        var answered = await pulses.CountAnswersAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false);
        var members = await Roster.TryCountAsync(connectors.Create(pulse.ServiceUrl), pulse.ConversationId, cancellationToken).ConfigureAwait(false);
        if (members is null)
        {
            LogRosterUnavailable(logger, pulse.PulseId);
        }

        var timeLeft = pulse.Deadline - time.GetUtcNow();
        await context.SendSharedCardAsync(
            language => PulseCoordinationCards.Status(new PulseStatusCardModel
            {
                Language = language,
                PulseTitle = PulseRecordTemplate.Of(pulse).Title.For(language),
                Participation = SummaryWords.Participation(answered, members, language),
                TimeLeft = timeLeft,
                DeadlineText = DeadlineText.Format(pulse.Deadline, pulse.TimeZone, language, options.Value.TimeZone),
            }),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>pulse rappel</c> / <c>pulse remind</c>: works out who will be reminded and says so at once ("Je relance 5
    /// membres en privé", or why nobody is), then reminds in the background (paced, so 300 members take minutes) while
    /// that reply, a progress card, is updated in place and ends as the report. One run per pulse at a time, across
    /// instances: a second <c>pulse rappel</c> meanwhile says one is running.
    /// </summary>
    public async Task RemindAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await OpenPulseForCoordinatorAsync(context, CommandNames.PulseRemind, cancellationToken).ConfigureAwait(false) is not { } pulse)
        {
            return;
        }

        var now = time.GetUtcNow();
        var (started, running) = await reminderStore.TryStartRunAsync(pulse.PulseId, 0, now, reminderOptions.Value.RunLease, cancellationToken).ConfigureAwait(false);
        if (!started)
        {
            await context.SendTextAsync(ReminderWords.AlreadyRunning(running?.Done ?? 0, running?.Total ?? 0, context.Language), cancellationToken).ConfigureAwait(false);
            return;
        }

        var handedToBackground = false;
        try
        {
            var plan = await reminders.PlanAsync(pulse, cancellationToken).ConfigureAwait(false);
            if (plan.ToRemind.Count == 0)
            {
                var reason = plan.NextPossibleAt is { } next
                    ? ReminderWords.EveryoneRecentlyReminded(next, now, pulse.TimeZone, context.Language)
                    : ReminderWords.EveryoneAnswered(context.Language);
                await context.SendTextAsync(reason, cancellationToken).ConfigureAwait(false);
                return;
            }

            var command = context.Activity;
            var conversationId = command.Conversation!.Id!;
            var bot = command.Recipient ?? throw new InvalidOperationException("The command has no recipient (the bot).");
            var place = PulseRemindersPlace.Of(pulse, command);
            var target = new ReminderProgressTarget(conversationId, ActivityId: null, context.Shared, pulse.TimeZone);

            // Queued before the reply, so the reply never promises a run the bot no longer accepts (it is stopping);
            // the run waits for the reply's id, and ends without reminding anyone if the reply could not be sent.
            var replied = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                background.Enqueue("pulse reminders", async stoppingToken =>
                {
                    try
                    {
                        string? activityId;
                        try
                        {
                            activityId = await replied.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException || stoppingToken.IsCancellationRequested)
                        {
                            // The reply failed (the turn reports that), or the bot stopped first: nobody was claimed.
                            return;
                        }

                        await reminders.RunAsync(pulse, plan, bot, place, target with { ActivityId = activityId }, stoppingToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        await EndRunAsync(pulse.PulseId).ConfigureAwait(false);
                    }
                });
            }
            catch (InvalidOperationException)
            {
                await context.SendTextAsync(ReminderWords.Restarting(context.Language), cancellationToken).ConfigureAwait(false);
                return;
            }

            handedToBackground = true;
            try
            {
                var activityId = await context.SendCardAsync(PulseReminders.ProgressCard(target, plan.ToRemind.Count, 0, estimatedEnd: null, now), cancellationToken).ConfigureAwait(false);
                try
                {
                    // From here the run row is durable work: if this instance dies, any instance's sweep finishes the run.
                    var work = PulseReminders.Work(pulse, plan, bot, place, target);
                    await reminderStore.ReportRunProgressAsync(pulse.PulseId, new ReminderRun(0, plan.ToRemind.Count, now + reminderOptions.Value.RunLease, activityId, work), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (TransientFailures.IsTransient(exception))
                {
                    // The "already running" reply's count, and the run's work (what a sweep needs to resume it), wait for
                    // the run's first progress.
                    LogRunProgressNotStored(logger, exception, pulse.PulseId);
                }

                replied.SetResult(activityId);
            }
            catch (Exception exception)
            {
                replied.TrySetException(exception);
                throw;
            }
        }
        finally
        {
            if (!handedToBackground)
            {
                await EndRunAsync(pulse.PulseId).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Ends a run under its own budget (the caller's token may be spent); a failure only delays the next run until the lease ends.</summary>
    private async Task EndRunAsync(string pulseId)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await reminderStore.EndRunAsync(pulseId, budget.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (TransientFailures.IsTransient(exception))
        {
            LogRunNotEnded(logger, exception, pulseId);
        }
    }

    /// <summary><c>pulse clore</c> / <c>pulse close</c>: closes now and posts the summary.</summary>
    public async Task CloseAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await OpenPulseForCoordinatorAsync(context, CommandNames.PulseClose, cancellationToken).ConfigureAwait(false) is not { } pulse)
        {
            return;
        }

        if (!await closer.CloseAsync(pulse, context.Shared, cancellationToken).ConfigureAwait(false))
        {
            // Someone (or the deadline) closed it a moment ago: the summary is theirs to post.
            await context.SendSharedCardAsync(PulseCoordinationCards.NoOpenPulse, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PulseRecord?> OpenPulseForCoordinatorAsync(TurnContext context, Localized command, CancellationToken cancellationToken)
    {
        if (!await gate.AdmitAsync(context, command, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var pulse = await pulses.GetOpenAsync(context.Activity.ChannelId!, context.Activity.Conversation!.Id!, cancellationToken).ConfigureAwait(false);
        if (pulse is null)
        {
            await context.SendSharedCardAsync(PulseCoordinationCards.NoOpenPulse, cancellationToken).ConfigureAwait(false);
        }

        return pulse;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: the reminder run's size could not be stored")]
    private static partial void LogRunProgressNotStored(ILogger logger, Exception exception, string pulseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: the reminder run could not be marked ended; the next run waits for its lease")]
    private static partial void LogRunNotEnded(ILogger logger, Exception exception, string pulseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: the roster could not be read; participation is shown without the member count")]
    private static partial void LogRosterUnavailable(ILogger logger, string pulseId);
}
