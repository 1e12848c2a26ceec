using System.Text.Json;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Profiles;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Help;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Profiles;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Profiles;
using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;
using ConcertationBot.Bot.Telemetry;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// The pulse in a conversation: a coordinator opens it with a command and the bot posts the pulse card; each
/// respondent then walks their own view of the card (Action.Execute answers with their current step), resumable
/// from storage, until they send. Answers are stored under a keyed hash, never under a name or an Entra id.
/// </summary>
public sealed partial class PulseConversation(
    CoordinatorGate gate,
    IPulseStore pulses,
    IPulseSetupStore setups,
    ICurrentRencontre rencontres,
    OpenItemCache<PulseRecord> openPulses,
    IBotStateStore state,
    IRespondentKeys keys,
    DeclaredRoles roles,
    ProfileConversation profileConversation,
    PulseCardRefresher cards,
    TimeProvider time,
    IOptions<ConcertationOptions> options,
    ILogger<PulseConversation> logger)
{
    private const int MaxStateAttempts = 20;

    /// <summary>
    /// <c>pulse</c>, <c>pulse démarrer [durée]</c>, <c>pulse start [duration]</c>: opens a pulse with the conversation's
    /// default (<c>pulse configurer</c>), its duration unless one is typed; every step for 7 days when none was chosen.
    /// </summary>
    public async Task OpenAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = PulseDuration.Read(context.CommandArguments, out var duration);
        if (problem != PulseDurationProblem.None)
        {
            var typed = string.Join(' ', context.CommandArguments);
            await context.SendSharedCardAsync(
                language => problem is PulseDurationProblem.TooShort or PulseDurationProblem.TooLong
                    ? PulseNoticeCards.DurationOutOfRange(language, typed, problem == PulseDurationProblem.TooShort)
                    : CommandSuggestions.Find(context.Text, language) is { } suggestion
                        ? SuggestionCard.Build(language, suggestion.Typed, suggestion.Suggested)
                        : typed.Any(char.IsDigit)
                            ? PulseNoticeCards.BadDuration(language, typed)
                            : HelpCard.Build(CommandCatalog.Help(language, context.IsGroupConversation, options.Value.MinimumGroupSize)),
                cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!await gate.AdmitAsync(context, CommandNames.PulseStart, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        var choice = PulseTemplateChoice.Current(
            await setups.GetAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false), PulseTemplates.Default, duration);
        if (context.CommandArguments.Count > 0)
        {
            choice = choice with { DurationHours = (int)duration.TotalHours };
        }

        if (await TryOpenAsync(context, choice, cancellationToken).ConfigureAwait(false) is null)
        {
            var card = await AlreadyOpenCardAsync(context, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("A pulse is open in this conversation but could not be read back.");
            await context.SendCardAsync(card, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Opens a pulse here asking what <paramref name="choice"/> says, for its duration, and posts its card (the caller has
    /// admitted the coordinator): the opened pulse, or null when a pulse is already open in the conversation.
    /// </summary>
    public Task<PulseRecord?> TryOpenAsync(TurnContext context, PulseTemplateChoice choice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(choice);
        return TryOpenRecordAsync(context, (channelId, conversationId, now) => NewPulse(context, channelId, conversationId, now, choice), cancellationToken);
    }

    /// <summary>
    /// Opens a changes round's deepening (issue #17) on <paramref name="categories"/>, in their order, for the duration the
    /// conversation's pulses take (<c>pulse configurer</c>, else the default), and posts its card (the caller has admitted
    /// the coordinator): the opened pulse, or null when a pulse is already open. It offers no profile step and keeps no
    /// participation by profile or role (a short round on a few categories, not a pulse of the table).
    /// </summary>
    public async Task<PulseRecord?> TryOpenDeepeningAsync(TurnContext context, IReadOnlyList<string> categories, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(categories);
        var template = DeepeningTemplate.Build(categories, PulseTemplates.Default.MaxTextLength);
        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        var choice = PulseTemplateChoice.Current(
            await setups.GetAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false), PulseTemplates.Default, PulseDuration.Default);
        return await TryOpenRecordAsync(
            context,
            (channel, conversation, now) => NewPulse(context, channel, conversation, now, choice) with
            {
                TemplateId = template.Id,
                TemplateVersion = template.Version,
                TemplateSteps = null,
                DeepeningCategories = PulseRecordTemplate.CategoriesCode(categories),
                ProfilesHidden = true,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pulse open in this conversation (to show it when another could not open); null when none.</summary>
    public async Task<AdaptiveCard?> AlreadyOpenCardAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        return await pulses.GetOpenAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false) is { } existing
            ? await context.SharedCardAsync((language, token) => cards.BuildAsync(existing, language, PulseNotices.AlreadyOpen.For(language), token), cancellationToken).ConfigureAwait(false)
            : null;
    }

    private async Task<PulseRecord?> TryOpenRecordAsync(TurnContext context, Func<string, string, DateTimeOffset, PulseRecord> newPulse, CancellationToken cancellationToken)
    {
        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        var now = time.GetUtcNow();
        // The pulse belongs to the rencontre current now, even if another becomes current before it closes.
        var rencontreId = await rencontres.GetCurrentIdAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false);
        var opened = await pulses.TryOpenAsync(newPulse(channelId, conversationId, now) with { RencontreId = rencontreId }, cancellationToken).ConfigureAwait(false);
        if (opened is null)
        {
            return null;
        }

        LogOpened(logger, opened.PulseId, opened.Deadline);
        var activityId = await context.SendCardAsync(await context.SharedCardAsync((language, token) => cards.BuildAsync(opened, language, notice: null, token), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (activityId is { Length: > 0 })
        {
            await pulses.SetCardActivityIdAsync(opened, activityId, cancellationToken).ConfigureAwait(false);
        }

        return opened;
    }

    /// <summary>Every pulse verb (its route says which <paramref name="kind"/>): "Répondre", the automatic refresh, and the respondent's steps.</summary>
    public async Task<AdaptiveCard> OnCardActionAsync(TurnContext context, PulseActionKind kind, CardAction<PulseActionData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (action.Data.PulseId is not { Length: > 0 } pulseId)
        {
            return NoticeCards.Expired(context.Language);
        }

        // A 1:1 reminder carries the pulse's own conversation; everywhere else the pulse lives where the card is.
        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        var elsewhere = action.Data.ConversationId is { Length: > 0 } named ? named : null;
        var pulse = await openPulses.GetAsync(channelId, elsewhere ?? conversationId, pulseId, cancellationToken).ConfigureAwait(false);
        if (pulse is null || elsewhere is not null && !SameTenant(pulse, context.Activity))
        {
            return NoticeCards.Expired(context.Language);
        }

        var template = PulseRecordTemplate.Of(pulse);
        var pulseTitle = template.Title.For(context.Language);
        if (!pulse.IsOpen || time.GetUtcNow() >= pulse.Deadline)
        {
            return PulseClosedCard.Build(new PulseClosedCardModel(context.Language, pulseTitle));
        }

        var from = context.Activity.From ?? throw new InvalidOperationException("The activity has no sender.");
        var respondentKey = keys.ForPulse(pulse.PulseId, PersonId.Of(from));
        var stateKey = PulseStateKeys.Respondent(pulse.PulseId, respondentKey);
        var step = PulseActionReader.Read(kind, action.Data.StepFields());

        var profileScope = ProfileScope.Of(pulse.ChannelId, pulse.ConversationId, pulse.TeamId);
        var profileKey = keys.ForProfile(profileScope.Partition, PersonId.Of(from));
        var firstRead = FirstRead.None;
        if (kind == PulseActionKind.Open && !action.IsAutomaticRefresh && !pulse.ProfilesHidden)
        {
            (var profileForm, firstRead) = await ProfileStepAsync(context, pulse, profileScope, profileKey, stateKey, action.Data, elsewhere, cancellationToken).ConfigureAwait(false);
            if (profileForm is not null)
            {
                return profileForm;
            }
        }

        var (dialog, closedMeanwhile) = await ApplyAsync(pulse, template, respondentKey, profileKey, stateKey, step, startIfMissing: !action.IsAutomaticRefresh, firstRead, context.Answered, cancellationToken).ConfigureAwait(false);
        if (closedMeanwhile)
        {
            // Closed between the read and the write: the fence refused the answer, so no count ever sees it.
            return PulseClosedCard.Build(new PulseClosedCardModel(context.Language, pulseTitle));
        }

        if (dialog is null)
        {
            // An automatic refresh for someone who never clicked "Répondre": they keep the shared card.
            return await cards.BuildAsync(pulse, context.Language, notice: null, cancellationToken).ConfigureAwait(false);
        }

        var view = new PulseRespondentView
        {
            Language = context.Language,
            PulseId = pulse.PulseId,
            PulseTitle = pulseTitle,
            Revision = dialog.Revision,
            UserId = from.Id ?? string.Empty,
            DeadlineText = DeadlineText.Format(pulse.Deadline, pulse.TimeZone, context.Language, options.Value.TimeZone),
            ConversationId = elsewhere,
        };
        return Render(PulseViews.Describe(template, dialog, view));
    }

    /// <summary>
    /// The profile step a pulse that shows participation by profile offers once, before its first step, to someone who
    /// declared no profile (issue #16): on the first "Répondre" (no dialog yet) the profile form, whose "Enregistrer et
    /// continuer" and "Passer" come back here marked as offered. Then the declared profile (if the form's inputs are one of
    /// its choices) is stored and no form lets the pulse start. No form either when a dialog exists or a profile is declared;
    /// the dialog state read to know it is handed on, so "Répondre" reads it once. The profile row is written in this
    /// turn, the answer only on "Envoyer": no row written with the answer names anyone.
    /// </summary>
    private async Task<(AdaptiveCard? Form, FirstRead Read)> ProfileStepAsync(
        TurnContext context, PulseRecord pulse, ProfileScope scope, string profileKey, BotStateKey stateKey, PulseActionData data, string? elsewhere, CancellationToken cancellationToken)
    {
        var fields = data.Fields;
        if (fields is not null && fields.TryGetValue(CardDataFields.ProfileOffered, out var offered) && offered.ValueKind == JsonValueKind.String)
        {
            if (ProfileForm.Read(StringOf(fields, CardDataFields.ProfileCategory), StringOf(fields, CardDataFields.ProfileRole)) is { } declared)
            {
                await profileConversation.SaveAsync(scope, profileKey, declared, cancellationToken).ConfigureAwait(false);
            }

            return (null, FirstRead.None);
        }

        var read = new FirstRead(true, await state.ReadAsync(stateKey, PulseDialogJsonContext.Default.PulseDialogState, cancellationToken).ConfigureAwait(false));
        if (read.Entry is not null)
        {
            return (null, read);
        }

        return (await profileConversation.OfferBeforePulseAsync(scope, profileKey, new ProfileBeforePulse(pulse.PulseId, elsewhere), context.Language, cancellationToken).ConfigureAwait(false), read);

        static string? StringOf(Dictionary<string, JsonElement> fields, string name) =>
            fields.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>
    /// A card that names another conversation (the 1:1 reminder) opens that pulse only for someone of the same tenant:
    /// knowing a pulse's ids is not enough to answer it from another organisation.
    /// </summary>
    private static bool SameTenant(PulseRecord pulse, Activity activity) =>
        pulse.TenantId is null || string.Equals(pulse.TenantId, activity.Conversation?.TenantId, StringComparison.Ordinal);

    /// <summary>
    /// Applies the action to the stored dialog with optimistic concurrency. On "Envoyer" the answer entity is written
    /// before the dialog state, so a crash in between re-sends the same answer (an idempotent upsert) rather than losing
    /// it. Nothing that names the person is written in this turn (both rows are keyed by the respondent key), so no
    /// storage reader can tie the answer to them by time. Null when there is no dialog and none should start.
    /// </summary>
    private async Task<(PulseDialogState? State, bool ClosedMeanwhile)> ApplyAsync(
        PulseRecord pulse, PulseTemplate template, string respondentKey, string profileKey, BotStateKey stateKey, PulseAction action, bool startIfMissing, FirstRead firstRead, Task answered, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = attempt == 1 && firstRead.Done
                ? firstRead.Entry
                : await state.ReadAsync(stateKey, PulseDialogJsonContext.Default.PulseDialogState, cancellationToken).ConfigureAwait(false);
            if (stored is null && !startIfMissing)
            {
                return (null, false);
            }

            var current = stored?.Value ?? PulseDialog.Start(pulse.PulseId);
            var turn = PulseDialog.Apply(template, current, action);
            if (!turn.Changed && stored is not null)
            {
                return (current, false);
            }

            if (turn.Submitted)
            {
                var fields = await AnswerFieldsAsync(pulse, template, turn.State, profileKey, cancellationToken).ConfigureAwait(false);
                if (!await pulses.SaveAnswerAsync(pulse, respondentKey, fields, turn.State.Revision, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
                {
                    return (null, true);
                }

                BotTelemetry.AnswersStored.Add(1);
                cards.Schedule(pulse, answered);
                LogSubmitted(logger, pulse.PulseId);
            }

            try
            {
                await state.WriteAsync(stateKey, turn.State, stored?.ETag ?? default, PulseDialogJsonContext.Default.PulseDialogState, cancellationToken).ConfigureAwait(false);
                return (turn.State, false);
            }
            catch (StateConflictException) when (attempt < MaxStateAttempts)
            {
                // Another delivery of this user's action (or a second click) won the race: re-read and re-apply.
                LogStateConflict(logger, pulse.PulseId, attempt);
            }
        }
    }

    /// <summary>
    /// The answer row's fields, with the respondent's declared role (<see cref="PulseSummaries.RoleField"/>) only when at
    /// least k members of the team declared that role now (<see cref="DeclaredRoles"/>): a role is no identity, a role a
    /// few hold would be. None when the coordinator chose no participation by profile for this pulse.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, object>> AnswerFieldsAsync(
        PulseRecord pulse, PulseTemplate template, PulseDialogState dialog, string profileKey, CancellationToken cancellationToken)
    {
        var fields = PulseAnswerFields.ToFields(template, dialog.Answers);
        if (pulse.ProfilesHidden)
        {
            return fields;
        }

        var scope = ProfileScope.Of(pulse.ChannelId, pulse.ConversationId, pulse.TeamId);
        return await roles.ForAnswerAsync(scope, profileKey, options.Value.MinimumGroupSize, cancellationToken).ConfigureAwait(false) is { } role
            ? new Dictionary<string, object>(fields, StringComparer.Ordinal) { [PulseSummaries.RoleField] = role }
            : fields;
    }

    private static AdaptiveCard Render(IPulseRespondentCardModel model) => model switch
    {
        PulseStepCardModel step => PulseStepCard.Build(step),
        PulseReviewCardModel review => PulseReviewCard.Build(review),
        PulseThankYouCardModel thanks => PulseThankYouCard.Build(thanks),
        _ => throw new InvalidOperationException($"No card for {model.GetType().Name}."),
    };

    private PulseRecord NewPulse(TurnContext context, string channelId, string conversationId, DateTimeOffset now, PulseTemplateChoice choice) => new()
    {
        PulseId = PulseRecord.NewId(),
        ChannelId = channelId,
        ConversationId = conversationId,
        ServiceUrl = context.Activity.ServiceUrl ?? throw new InvalidOperationException("The activity has no serviceUrl."),
        TenantId = context.Activity.Conversation?.TenantId,
        TeamId = TeamsChannelData.Team(context.Activity)?.Id,
        ConversationType = context.Activity.Conversation?.ConversationType ?? ConversationTypes.Personal,
        TemplateId = PulseTemplates.Default.Id,
        TemplateVersion = PulseTemplates.Default.Version,
        TemplateSteps = choice.StepsCodeFor(PulseTemplates.Default),
        ProfilesHidden = !choice.Profiles,
        Language = context.Shared.Code,
        // Teams' clientInfo zone; when it sent none, the round tables' configured zone (never UTC by default).
        TimeZone = context.TimeZone ?? options.Value.TimeZone,
        PlaceName = TeamsChannelData.Team(context.Activity)?.Name ?? context.Activity.Conversation?.Name,
        OpenedAt = now,
        Deadline = now + choice.Duration,
        OpenedByUserId = context.Activity.From?.Id ?? string.Empty,
        OpenedByName = context.Activity.From?.Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulse {PulseId} opened until {Deadline:O}")]
    private static partial void LogOpened(ILogger logger, string pulseId, DateTimeOffset deadline);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answers sent to pulse {PulseId}")]
    private static partial void LogSubmitted(ILogger logger, string pulseId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dialog state of pulse {PulseId} changed concurrently (attempt {Attempt}); re-applying")]
    private static partial void LogStateConflict(ILogger logger, string pulseId, int attempt);

    /// <summary>The respondent's dialog state when this turn has already read it (<see cref="Done"/>), so it is not read twice.</summary>
    private readonly record struct FirstRead(bool Done, StateEntry<PulseDialogState>? Entry)
    {
        public static FirstRead None => default;
    }
}
