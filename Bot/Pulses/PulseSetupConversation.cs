using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// Choosing the pulse (issue #16): <c>pulse configurer</c> / <c>pulse setup</c> (coordinator) answers with a form only
/// the coordinator sees, pre-filled with the conversation's default: a toggle per condition, the optional steps,
/// participation by profile, the duration. In a 1:1 chat the form is the reply; in a channel or group chat the reply is
/// a short shared card whose automatic refresh (for the asker's id only) turns it into the asker's own form, the same
/// user-specific view the pulse and vote cards use, since a bot cannot post a message only one member of a channel sees.
/// "Ouvrir le pouls" keeps the choice as the conversation's default (later <c>pulse démarrer</c> asks the same) and
/// opens the pulse with it.
/// </summary>
public sealed partial class PulseSetupConversation(
    CoordinatorGate gate,
    IPulseSetupStore setups,
    IPulseStore pulses,
    PulseConversation conversation,
    ILogger<PulseSetupConversation> logger)
{
    /// <summary><c>pulse configurer</c> / <c>pulse setup</c>: the form (1:1), or the card that shows it to the coordinator only.</summary>
    public async Task CommandAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await gate.AdmitAsync(context, CommandNames.PulseSetup, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // In a channel the card everyone sees says it is the coordinator's (both languages in a bilingual conversation);
        // the form itself, in a 1:1 chat or through the card's refresh, is the coordinator's own, in their language.
        var card = context.IsGroupConversation && context.Activity.From?.Id is { Length: > 0 } userId
            ? context.SharedCard(language => PulseSetupCard.Shared(language, userId))
            : await FormAsync(context, cancellationToken).ConfigureAwait(false);
        await context.SendCardAsync(card, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>pulse.setup.show</c> ("Ouvrir la configuration", and the shared card's refresh): a coordinator's own form, or
    /// what stands instead of it when a pulse is open here; anyone else gets the refusal as their own card (nothing is
    /// posted in the conversation).
    /// </summary>
    public async Task<AdaptiveCard> OnShowAsync(TurnContext context, CardAction<NoCardData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await gate.RefusalAsync(context, CommandNames.PulseSetup, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        return await pulses.GetOpenAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false) is null
            ? await FormAsync(context, cancellationToken).ConfigureAwait(false)
            : PulseSetupCard.AlreadyOpen(context.Language, choiceKept: false);
    }

    /// <summary>
    /// <c>pulse.setup.open</c> ("Ouvrir le pouls"): no condition chosen → the form again with what was chosen and the
    /// error, nothing stored; else the choice becomes the conversation's default and the pulse opens with it.
    /// </summary>
    public async Task<AdaptiveCard> OnOpenAsync(TurnContext context, CardAction<PulseSetupData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (action.IsAutomaticRefresh)
        {
            // Our form asks for no refresh; a client that sends one gets the form, nothing opened.
            return await OnShowAsync(context, new CardAction<NoCardData>(NoCardData.Empty, IsAutomaticRefresh: true), cancellationToken).ConfigureAwait(false);
        }

        if (await gate.RefusalAsync(context, CommandNames.PulseSetup, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        var template = PulseTemplates.Default;
        var read = PulseSetupForm.Read(template, await CurrentAsync(context, cancellationToken).ConfigureAwait(false), action.Data.FormFields());
        if (read.NoCondition)
        {
            LogNoCondition(logger);
            return PulseSetupCard.Form(PulseSetupForm.Describe(template, read.Choice, context.Language, noCondition: true));
        }

        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        await setups.SaveAsync(channelId, conversationId, read.Choice, cancellationToken).ConfigureAwait(false);
        var opened = await conversation.TryOpenAsync(context, read.Choice, cancellationToken).ConfigureAwait(false);
        LogChosen(logger, read.Choice.StepIds.Count, opened?.PulseId);
        return opened is null
            ? PulseSetupCard.AlreadyOpen(context.Language, choiceKept: true)
            : PulseSetupCard.Opened(context.Language, PulseRecordTemplate.Of(opened).Steps.Count(PulseTemplateChoice.IsCondition));
    }

    private async Task<AdaptiveCard> FormAsync(TurnContext context, CancellationToken cancellationToken) =>
        PulseSetupCard.Form(PulseSetupForm.Describe(PulseTemplates.Default, await CurrentAsync(context, cancellationToken).ConfigureAwait(false), context.Language));

    /// <summary>The conversation's default made valid for today's template, or every step for 7 days when none was chosen.</summary>
    private async Task<PulseTemplateChoice> CurrentAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        return PulseTemplateChoice.Current(
            await setups.GetAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false), PulseTemplates.Default, PulseDuration.Default);
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Pulse setup sent without a condition: the form is shown again, nothing stored")]
    private static partial void LogNoCondition(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulse setup chosen ({StepCount} steps), stored as the conversation's default; opened pulse {PulseId}")]
    private static partial void LogChosen(ILogger logger, int stepCount, string? pulseId);
}
