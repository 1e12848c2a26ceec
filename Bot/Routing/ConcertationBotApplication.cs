using Azure;
using ConcertationBot.Bot.Concertation;
using ConcertationBot.Bot.Conversations;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Help;
using ConcertationBot.Dialogs.Commands;

namespace ConcertationBot.Bot.Routing;

/// <summary>Every route of ConcertationBot, registered in one place.</summary>
public sealed partial class ConcertationBotApplication : BotApplication
{
    private readonly GreetingLedger _greetings;
    private readonly IConversationSettingsStore _settings;
    private readonly ILogger<ConcertationBotApplication> _logger;

    public ConcertationBotApplication(
        GreetingLedger greetings,
        IConversationSettingsStore settings,
        PulseConversation pulse,
        PulseCoordination pulseCoordination,
        PulseExport export,
        VoteConversation vote,
        CoordinationConversation coordination,
        DeletionConversation deletion,
        ILogger<ConcertationBotApplication> logger)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        ArgumentNullException.ThrowIfNull(pulseCoordination);
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(coordination);
        ArgumentNullException.ThrowIfNull(deletion);
        _greetings = greetings;
        _settings = settings;
        _logger = logger;

        OnCommand("aide", SendHelpAsync);
        OnCommand("help", SendHelpAsync);
        OnCommand("pulse", pulse.OpenAsync);
        OnCommand("pulse demarrer", pulse.OpenAsync);
        OnCommand("pulse start", pulse.OpenAsync);
        OnCommand("pulse etat", pulseCoordination.StatusAsync);
        OnCommand("pulse status", pulseCoordination.StatusAsync);
        OnCommand("pulse rappel", pulseCoordination.RemindAsync);
        OnCommand("pulse remind", pulseCoordination.RemindAsync);
        OnCommand("pulse clore", pulseCoordination.CloseAsync);
        OnCommand("pulse close", pulseCoordination.CloseAsync);
        OnCommand("pulse fermer", pulseCoordination.CloseAsync);
        OnCommand("pulse terminer", pulseCoordination.CloseAsync);
        OnCommand("pulse supprimer", deletion.PulseDeleteAsync);
        OnCommand("pulse delete", deletion.PulseDeleteAsync);
        OnCommand("vote", vote.CommandAsync);
        OnCommand("vote supprimer", deletion.VoteDeleteAsync);
        OnCommand("vote delete", deletion.VoteDeleteAsync);
        OnCommand("export", export.ExportAsync);
        OnCommand("coordination ajouter", coordination.GrantAsync);
        OnCommand("coordinator add", coordination.GrantAsync);
        OnCommand("langue", coordination.SetLanguageAsync);
        OnCommand("language", coordination.SetLanguageAsync);
        OnMessage(SendSuggestionOrHelpAsync);

        OnCardAction(CardVerbs.HelpShow, (context, _, _) => Task.FromResult(HelpFor(context)));
        OnCardAction(CardVerbs.PulseOpen, pulse.OnCardActionAsync);
        OnCardAction(CardVerbs.PulseNext, pulse.OnCardActionAsync);
        OnCardAction(CardVerbs.PulseBack, pulse.OnCardActionAsync);
        OnCardAction(CardVerbs.PulseSkip, pulse.OnCardActionAsync);
        OnCardAction(CardVerbs.PulseEdit, pulse.OnCardActionAsync);
        OnCardAction(CardVerbs.PulseSubmit, pulse.OnCardActionAsync);
        OnCardAction(CardVerbs.PulseClear, pulse.OnCardActionAsync);
        OnCardAction(CardVerbs.VoteOpen, vote.OnCardActionAsync);
        OnCardAction(CardVerbs.VoteCast, vote.OnCardActionAsync);
        OnCardAction(CardVerbs.PulseDeleteConfirm, deletion.OnConfirmAsync);
        OnCardAction(CardVerbs.VoteDeleteConfirm, deletion.OnConfirmAsync);
        OnCardAction(CardVerbs.DeleteCancel, DeletionConversation.OnCancelAsync);

        OnInstallationUpdate(GreetOnInstallAsync);
        OnConversationUpdate(GreetWhenBotAddedAsync);
    }

    protected override AdaptiveCard UnknownCardAction(TurnContext context) => NoticeCards.Expired(context.Language);

    /// <summary>
    /// A coordinator may have fixed this conversation's language (<c>langue français</c>). If storage cannot say, the
    /// person's own locale is used rather than failing the turn.
    /// </summary>
    protected override async Task OnBeforeRouteAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.Activity.Type is not (ActivityTypes.Message or ActivityTypes.Invoke)
            || context.Activity.ChannelId is not { Length: > 0 } channelId
            || context.Activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return;
        }

        try
        {
            if (await _settings.GetLanguageAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false) is { } fixedLanguage)
            {
                context.Language = fixedLanguage;
            }
        }
        catch (Exception exception) when (TransientFailures.IsTransient(exception))
        {
            LogLanguageUnavailable(_logger, (exception as RequestFailedException)?.Status ?? 0);
        }
    }

    private static AdaptiveCard HelpFor(TurnContext context) =>
        HelpCard.Build(CommandCatalog.Help(context.Language, context.IsGroupConversation));

    private static Task SendHelpAsync(TurnContext context, CancellationToken cancellationToken) =>
        context.SendCardAsync(HelpFor(context), cancellationToken);

    /// <summary>A message that is no command: "Vouliez-vous dire … ?" when it is a command mistyped, else the help card.</summary>
    private static Task SendSuggestionOrHelpAsync(TurnContext context, CancellationToken cancellationToken) =>
        CommandSuggestions.Find(context.Text, context.Language) is { } suggestion
            ? context.SendCardAsync(SuggestionCard.Build(context.Language, suggestion.Typed, suggestion.Suggested), cancellationToken)
            : SendHelpAsync(context, cancellationToken);

    private Task GreetOnInstallAsync(TurnContext context, CancellationToken cancellationToken) =>
        string.Equals(context.Activity.Action, "add", StringComparison.OrdinalIgnoreCase)
            ? GreetOnceAsync(context, cancellationToken)
            : Task.CompletedTask;

    private Task GreetWhenBotAddedAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var botId = context.Activity.Recipient?.Id;
        var botAdded = botId is not null
            && (context.Activity.MembersAdded ?? []).Any(m => m is not null && string.Equals(m.Id, botId, StringComparison.OrdinalIgnoreCase));
        return botAdded ? GreetOnceAsync(context, cancellationToken) : Task.CompletedTask;
    }

    private Task GreetOnceAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var conversationId = context.Activity.Conversation?.Id;
        if (conversationId is null || !_greetings.TryClaim(conversationId))
        {
            return Task.CompletedTask;
        }

        var welcome = context.CardReply(WelcomeCard.Build(context.Language, context.IsGroupConversation)) with { ReplyToId = null };
        return context.SendActivityAsync(welcome, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation language could not be read (status {Status}); using the sender's locale")]
    private static partial void LogLanguageUnavailable(ILogger logger, int status);
}
