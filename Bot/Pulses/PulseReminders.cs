using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.LiveCards;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// <c>pulse rappel</c>: a 1:1 reminder to every member who has not answered, at most once a day each, paced under
/// Teams' limits (one key for conversation creation, one per 1:1 chat, plus the global budget). People the bot
/// cannot reach are counted once and reported, never retried in a loop. Who answered is derived here, not stored: each
/// member's respondent key is computed and looked up among the pulse's answer keys.
/// </summary>
public sealed partial class PulseReminders(
    IPulseStore pulses,
    IRespondentKeys keys,
    IReminderStore reminders,
    IConnectorClientFactory connectors,
    IOutboundPacer pacer,
    TimeProvider time,
    ILogger<PulseReminders> logger)
{
    public static readonly TimeSpan MinimumGap = TimeSpan.FromHours(24);

    /// <summary>The pacing key shared by every create-conversation call of this bot.</summary>
    public const string CreateConversationKey = "create-conversation";

    public async Task<ReminderReportCardModel> RemindAsync(PulseRecord pulse, Activity command, Language reportLanguage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        ArgumentNullException.ThrowIfNull(command);
        var connector = connectors.Create(pulse.ServiceUrl);
        var bot = command.Recipient ?? throw new InvalidOperationException("The command has no recipient (the bot).");
        var members = await Roster.ReadAsync(connector, pulse.ConversationId, cancellationToken).ConfigureAwait(false);
        var answerKeys = await pulses.ReadRespondentKeysAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false);

        int sent = 0, alreadyAnswered = 0, recent = 0, unreachable = 0;
        foreach (var member in members)
        {
            if (answerKeys.Contains(keys.ForPulse(pulse.PulseId, PersonId.Of(member))))
            {
                alreadyAnswered++;
                continue;
            }

            if (!await reminders.TryClaimReminderAsync(pulse.PulseId, member.Id!, time.GetUtcNow(), MinimumGap, cancellationToken).ConfigureAwait(false))
            {
                recent++;
                continue;
            }

            try
            {
                await SendReminderAsync(connector, pulse, bot, member, cancellationToken).ConfigureAwait(false);
                sent++;
            }
            catch (ConnectorException exception) when (exception.Status is not (0 or 429 or >= 500))
            {
                LogUnreachable(logger, pulse.PulseId, exception.Status, exception.ErrorCode);
                unreachable++;
            }
        }

        LogReminded(logger, pulse.PulseId, sent, unreachable);
        return new ReminderReportCardModel
        {
            Language = reportLanguage,
            Sent = sent,
            AlreadyAnswered = alreadyAnswered,
            RecentlyReminded = recent,
            Unreachable = unreachable,
        };
    }

    private async Task SendReminderAsync(IConnectorClient connector, PulseRecord pulse, ChannelAccount bot, TeamsChannelAccount member, CancellationToken cancellationToken)
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
        });
        await pacer.WaitAsync(personal.ConversationId, cancellationToken).ConfigureAwait(false);
        await connector.SendToConversationAsync(personal.ConversationId, ProactiveMessages.Card(card), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulse {PulseId}: {Sent} reminders sent, {Unreachable} members unreachable")]
    private static partial void LogReminded(ILogger logger, string pulseId, int sent, int unreachable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulse {PulseId}: a member could not be reminded ({Status} {ErrorCode})")]
    private static partial void LogUnreachable(ILogger logger, string pulseId, int status, string? errorCode);
}
