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

        await context.SendCardAsync(
            PulseCoordinationCards.Status(new PulseStatusCardModel
            {
                Language = context.Language,
                PulseTitle = PulseTemplates.Default.Title.For(context.Language),
                Participation = SummaryWords.Participation(answered, members, context.Language),
                TimeLeft = pulse.Deadline - time.GetUtcNow(),
                DeadlineText = DeadlineText.Format(pulse.Deadline, pulse.TimeZone, context.Language, options.Value.TimeZone),
            }),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>pulse rappel</c> / <c>pulse remind</c>: answers at once, then reminds in the background (paced, so 40
    /// members take longer than Teams waits for a reply) and posts the report in this conversation.
    /// </summary>
    public async Task RemindAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await OpenPulseForCoordinatorAsync(context, CommandNames.PulseRemind, cancellationToken).ConfigureAwait(false) is not { } pulse)
        {
            return;
        }

        await context.SendTextAsync(PulseNotices.RemindersStarted.For(context.Language), cancellationToken).ConfigureAwait(false);
        var command = context.Activity;
        var language = context.Language;
        var conversationId = command.Conversation!.Id!;
        background.Enqueue("pulse reminders", async stoppingToken =>
        {
            var report = await reminders.RemindAsync(pulse, command, language, stoppingToken).ConfigureAwait(false);
            var connector = connectors.Create(pulse.ServiceUrl);
            var card = PulseCoordinationCards.ReminderReport(report);
            await connector.SendToConversationAsync(conversationId, ProactiveMessages.Card(card), stoppingToken).ConfigureAwait(false);
        });
    }

    /// <summary><c>pulse clore</c> / <c>pulse close</c>: closes now and posts the summary.</summary>
    public async Task CloseAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await OpenPulseForCoordinatorAsync(context, CommandNames.PulseClose, cancellationToken).ConfigureAwait(false) is not { } pulse)
        {
            return;
        }

        if (!await closer.CloseAsync(pulse, context.Language, cancellationToken).ConfigureAwait(false))
        {
            // Someone (or the deadline) closed it a moment ago: the summary is theirs to post.
            await context.SendCardAsync(PulseCoordinationCards.NoOpenPulse(context.Language), cancellationToken).ConfigureAwait(false);
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
            await context.SendCardAsync(PulseCoordinationCards.NoOpenPulse(context.Language), cancellationToken).ConfigureAwait(false);
        }

        return pulse;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: the roster could not be read; participation is shown without the member count")]
    private static partial void LogRosterUnavailable(ILogger logger, string pulseId);
}
