using Azure;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Changes;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Dashboard;
using ConcertationBot.Bot.Exports;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Privacy;
using ConcertationBot.Bot.Profiles;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Rencontres;
using ConcertationBot.Bot.Roadmap;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Votes;
using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Help;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Pulse;

namespace ConcertationBot.Bot.Application;

/// <summary>Every route of ConcertationBot, registered in one place.</summary>
public sealed partial class ConcertationBotApplication : BotApplication
{
    // The pulse's command name, and the French word for it.
    private static readonly string[] PulseCommandNames = ["pulse", "pouls"];

    private readonly GreetingLedger _greetings;
    private readonly DashboardConversation _dashboard;
    private readonly IConversationSettingsStore _settings;
    private readonly ILogger<ConcertationBotApplication> _logger;
    private readonly int _minimumGroupSize;

    public ConcertationBotApplication(
        GreetingLedger greetings,
        IConversationSettingsStore settings,
        PulseConversation pulse,
        PulseCoordination pulseCoordination,
        PulseSetupConversation pulseSetup,
        PulseExport export,
        VoteConversation vote,
        CoordinationConversation coordination,
        DeletionConversation deletion,
        RencontreConversation rencontre,
        ProfileConversation profile,
        RoadmapConversation roadmap,
        DashboardConversation dashboard,
        ChangesConversation changes,
        IOptions<ConcertationOptions> options,
        ILogger<ConcertationBotApplication> logger)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        ArgumentNullException.ThrowIfNull(pulseCoordination);
        ArgumentNullException.ThrowIfNull(pulseSetup);
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(coordination);
        ArgumentNullException.ThrowIfNull(deletion);
        ArgumentNullException.ThrowIfNull(rencontre);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(roadmap);
        ArgumentNullException.ThrowIfNull(dashboard);
        _dashboard = dashboard;
        ArgumentNullException.ThrowIfNull(changes);
        _greetings = greetings;
        _settings = settings;
        _logger = logger;
        _minimumGroupSize = options?.Value.MinimumGroupSize ?? throw new ArgumentNullException(nameof(options));

        OnCommand("aide", SendHelpAsync);
        OnCommand("help", SendHelpAsync);
        OnPulseCommand(string.Empty, pulse.OpenAsync);
        OnPulseCommand("demarrer", pulse.OpenAsync);
        OnPulseCommand("start", pulse.OpenAsync);
        OnPulseCommand("configurer", pulseSetup.CommandAsync);
        OnPulseCommand("setup", pulseSetup.CommandAsync);
        OnPulseCommand("etat", pulseCoordination.StatusAsync);
        OnPulseCommand("status", pulseCoordination.StatusAsync);
        OnPulseCommand("rappel", pulseCoordination.RemindAsync);
        OnPulseCommand("remind", pulseCoordination.RemindAsync);
        OnPulseCommand("clore", pulseCoordination.CloseAsync);
        OnPulseCommand("close", pulseCoordination.CloseAsync);
        OnPulseCommand("fermer", pulseCoordination.CloseAsync);
        OnPulseCommand("terminer", pulseCoordination.CloseAsync);
        OnPulseCommand("supprimer", deletion.PulseDeleteAsync);
        OnPulseCommand("delete", deletion.PulseDeleteAsync);
        OnCommand("vote", vote.CommandAsync);
        OnCommand("vote supprimer", deletion.VoteDeleteAsync);
        OnCommand("vote delete", deletion.VoteDeleteAsync);
        OnCommand("export", export.ExportAsync);
        OnCommand("coordination ajouter", coordination.GrantAsync);
        OnCommand("coordinator add", coordination.GrantAsync);
        OnCommand("langue", coordination.SetLanguageAsync);
        OnCommand("language", coordination.SetLanguageAsync);
        OnCommand("rencontre", rencontre.CommandAsync);
        OnCommand("meeting", rencontre.CommandAsync);
        OnCommand("profil", profile.CommandAsync);
        OnCommand("profile", profile.CommandAsync);
        OnCommand("profil effacer", profile.DeleteAsync);
        OnCommand("profil supprimer", profile.DeleteAsync);
        OnCommand("profile delete", profile.DeleteAsync);
        OnCommand("feuille de route", roadmap.CommandAsync);
        OnCommand("roadmap", roadmap.CommandAsync);
        OnCommand("tableau de bord", dashboard.CommandAsync);
        OnCommand("dashboard", dashboard.CommandAsync);
        OnCommand("changements regrouper", changes.GroupAsync);
        OnCommand("changes group", changes.GroupAsync);
        OnCommand("vote changements", changes.VoteAsync);
        OnCommand("vote changes", changes.VoteAsync);
        OnCommand("changements approfondir", changes.DeepenAsync);
        OnCommand("changes deepen", changes.DeepenAsync);
        OnMessage(SendSuggestionOrHelpAsync);

        OnCardAction<NoCardData>(CardVerbs.HelpShow, (context, _, _) => Task.FromResult(HelpCard.Build(CommandCatalog.Help(context.Language, context.IsGroupConversation, _minimumGroupSize))));
        OnCardAction<PulseActionData>(CardVerbs.PulseOpen, (context, action, ct) => pulse.OnCardActionAsync(context, PulseActionKind.Open, action, ct));
        OnCardAction<PulseActionData>(CardVerbs.PulseNext, (context, action, ct) => pulse.OnCardActionAsync(context, PulseActionKind.Next, action, ct));
        OnCardAction<PulseActionData>(CardVerbs.PulseBack, (context, action, ct) => pulse.OnCardActionAsync(context, PulseActionKind.Back, action, ct));
        OnCardAction<PulseActionData>(CardVerbs.PulseSkip, (context, action, ct) => pulse.OnCardActionAsync(context, PulseActionKind.Skip, action, ct));
        OnCardAction<PulseActionData>(CardVerbs.PulseEdit, (context, action, ct) => pulse.OnCardActionAsync(context, PulseActionKind.Edit, action, ct));
        OnCardAction<PulseActionData>(CardVerbs.PulseSubmit, (context, action, ct) => pulse.OnCardActionAsync(context, PulseActionKind.Submit, action, ct));
        OnCardAction<PulseActionData>(CardVerbs.PulseClear, (context, action, ct) => pulse.OnCardActionAsync(context, PulseActionKind.Clear, action, ct));
        OnCardAction<NoCardData>(CardVerbs.PulseSetupShow, pulseSetup.OnShowAsync);
        OnCardAction<PulseSetupData>(CardVerbs.PulseSetupOpen, pulseSetup.OnOpenAsync);
        OnCardAction<VoteActionData>(CardVerbs.VoteOpen, vote.OnOpenAsync);
        OnCardAction<VoteActionData>(CardVerbs.VoteCast, vote.OnCastAsync);
        OnCardAction<VoteChoiceData>(CardVerbs.VoteChoose, vote.OnChooseAsync);
        OnCardAction<PulseActionData>(CardVerbs.PulseDeleteConfirm, deletion.OnPulseConfirmAsync);
        OnCardAction<VoteActionData>(CardVerbs.VoteDeleteConfirm, deletion.OnVoteConfirmAsync);
        OnCardAction<NoCardData>(CardVerbs.DeleteCancel, DeletionConversation.OnCancelAsync);
        OnCardAction<ProfileActionData>(CardVerbs.ProfileSave, profile.OnSaveAsync);
        OnCardAction<ProfileActionData>(CardVerbs.ProfileEdit, profile.OnEditAsync);
        OnCardAction<NoCardData>(CardVerbs.RoadmapShow, roadmap.OnShowAsync);
        OnCardAction<RoadmapItemData>(CardVerbs.RoadmapItemEdit, roadmap.OnEditAsync);
        OnCardAction<RoadmapItemData>(CardVerbs.RoadmapItemSave, roadmap.OnSaveAsync);
        OnCardAction<RoadmapItemData>(CardVerbs.RoadmapItemRemove, roadmap.OnRemoveAsync);
        OnCardAction<VoteActionData>(CardVerbs.RoadmapFromVote, roadmap.OnFromVoteAsync);
        OnCardAction<ChangesActionData>(CardVerbs.ChangesShow, changes.OnShowAsync);
        OnCardAction<ChangesActionData>(CardVerbs.ChangesSave, changes.OnSaveAsync);
        OnCardAction<ChangesActionData>(CardVerbs.RoadmapFromDeepening, changes.OnRoadmapAsync);

        OnInstallationUpdate(GreetOnInstallAsync);
        OnConversationUpdate(GreetWhenBotAddedAsync);
    }

    /// <summary>
    /// A pulse command under both names: <c>pulse …</c> and the French word <c>pouls …</c> (French cards call the survey
    /// "pouls"). <paramref name="rest"/> is what follows the name ("clore"; empty for the name alone).
    /// </summary>
    private void OnPulseCommand(string rest, TurnHandler handler)
    {
        foreach (var name in PulseCommandNames)
        {
            OnCommand(rest.Length == 0 ? name : name + " " + rest, handler);
        }
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
            var teamId = TeamsChannelData.Team(context.Activity)?.Id;
            switch (await _settings.GetLanguageAsync(channelId, conversationId, teamId, cancellationToken).ConfigureAwait(false))
            {
                // Bilingual: cards for everyone carry both languages; what a person sees alone stays in their own.
                case Languages.BilingualCode:
                    context.IsBilingual = true;
                    break;
                case { } fixedLanguage:
                    context.Language = Languages.FromCode(fixedLanguage);
                    break;
            }
        }
        catch (Exception exception) when (TransientFailures.IsTransient(exception))
        {
            LogLanguageUnavailable(_logger, (exception as RequestFailedException)?.Status ?? 0);
        }
    }

    private Task SendHelpAsync(TurnContext context, CancellationToken cancellationToken) =>
        context.SendSharedCardAsync(language => HelpCard.Build(CommandCatalog.Help(language, context.IsGroupConversation, _minimumGroupSize)), cancellationToken);

    /// <summary>A message that is no command: "Vouliez-vous dire … ?" when it is a command mistyped, else the help card.</summary>
    private Task SendSuggestionOrHelpAsync(TurnContext context, CancellationToken cancellationToken) =>
        CommandSuggestions.Find(context.Text, context.Language) is { } suggestion
            ? context.SendSharedCardAsync(language => SuggestionCard.Build(language, suggestion.Typed, suggestion.Suggested), cancellationToken)
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

    private async Task GreetOnceAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var conversationId = context.Activity.Conversation?.Id;
        var channelId = context.Activity.ChannelId ?? "msteams";
        if (conversationId is null || !await _greetings.TryClaimAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var welcome = context.CardReply(WelcomeCard.Build(context.Language, context.IsGroupConversation, _minimumGroupSize)) with { ReplyToId = null };
        await context.SendActivityAsync(welcome, cancellationToken).ConfigureAwait(false);
        await _dashboard.RecordInstalledAsync(context, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation language could not be read (status {Status}); using the sender's locale")]
    private static partial void LogLanguageUnavailable(ILogger logger, int status);
}
