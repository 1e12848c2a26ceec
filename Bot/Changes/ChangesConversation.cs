using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Roadmap;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Bot.Votes;
using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Changes;
using ConcertationBot.Cards.Help;
using ConcertationBot.Dialogs.Changes;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Bot.Changes;

/// <summary>
/// The changes round's first two steps (issue #17), on the latest closed pulse of the conversation that asked for the
/// most significant change. <c>changements regrouper</c> / <c>changes group</c> (coordinator) answers with a form only
/// the coordinator sees (in a channel or group chat, a shared card whose automatic refresh, for her id only, turns it
/// into her form, as <c>pulse configurer</c> does): the changes named (none under the k rule), up to 5 categories, a
/// category per change. Each "Enregistrer" stores the grouping If-Match the version the form showed, so a save from a
/// stale form says so and shows the current grouping. <c>vote changements</c> / <c>vote changes</c> (coordinator) opens
/// a vote whose options are the categories, through the vote feature; once it opens the grouping is locked.
/// </summary>
public sealed partial class ChangesConversation(
    CoordinatorGate gate,
    IPulseStore pulses,
    PulseCloser closer,
    IChangeGroupingStore groupings,
    VoteConversation votes,
    IVoteStore voteRecords,
    VoteCardRefresher voteCards,
    PulseConversation pulseConversation,
    RoadmapConversation roadmap,
    ILogger<ChangesConversation> logger)
{
    /// <summary><c>changements regrouper</c> / <c>changes group</c>: the form (1:1), or the card that shows it to the coordinator only.</summary>
    public async Task GroupAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await gate.AdmitAsync(context, CommandNames.ChangesGroup, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (await LatestWithChangesAsync(context, cancellationToken).ConfigureAwait(false) is not { } pulse)
        {
            await context.SendSharedCardAsync(ChangeGroupingCard.NoPulse, cancellationToken).ConfigureAwait(false);
            return;
        }

        var card = context.IsGroupConversation && context.Activity.From?.Id is { Length: > 0 } userId
            ? context.SharedCard(language => ChangeGroupingCard.Shared(language, userId, pulse.PulseId))
            : await FormAsync(context, pulse, ChangeGroupingNotice.None, cancellationToken).ConfigureAwait(false);
        await context.SendCardAsync(card, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>changes.show</c> ("Ouvrir le regroupement", and the shared card's refresh): a coordinator's own form; anyone else, the refusal.</summary>
    public async Task<AdaptiveCard> OnShowAsync(TurnContext context, CardAction<ChangesActionData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (await gate.RefusalAsync(context, CommandNames.ChangesGroup, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        return await PulseOfAsync(context, action.Data.PulseId, cancellationToken).ConfigureAwait(false) is { } pulse
            ? await FormAsync(context, pulse, ChangeGroupingNotice.None, cancellationToken).ConfigureAwait(false)
            : NoticeCards.Expired(context.Language);
    }

    /// <summary>
    /// <c>changes.save</c>: a form that does not read is shown again with what was typed and why, nothing stored; else the
    /// grouping is stored If-Match the version the form showed, and the form comes back saying saved, stale or locked.
    /// </summary>
    public async Task<AdaptiveCard> OnSaveAsync(TurnContext context, CardAction<ChangesActionData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (action.IsAutomaticRefresh)
        {
            // The cards refresh with changes.show only; a client that sends a save as a refresh stores nothing.
            return await OnShowAsync(context, action, cancellationToken).ConfigureAwait(false);
        }

        if (await gate.RefusalAsync(context, CommandNames.ChangesGroup, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        if (await PulseOfAsync(context, action.Data.PulseId, cancellationToken).ConfigureAwait(false) is not { } pulse)
        {
            return NoticeCards.Expired(context.Language);
        }

        var (summary, items) = await ChangesAsync(pulse, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            return await FormAsync(context, pulse, ChangeGroupingNotice.None, cancellationToken).ConfigureAwait(false);
        }

        var read = ChangeGroupings.Read(action.Data.FormFields(), items);
        if (!read.IsValid)
        {
            LogNotSaved(logger, pulse.PulseId, read.Problem);
            return Form(context, pulse.PulseId, summary, items, read.Typed, action.Data.ETag, read.Problem);
        }

        var save = await groupings.SaveAsync(pulse.PulseId, read.Typed, action.Data.ETag, cancellationToken).ConfigureAwait(false);
        LogSaved(logger, pulse.PulseId, save.Outcome);
        var notice = save.Outcome switch
        {
            GroupingSaveOutcome.Saved => ChangeGroupingNotice.Saved,
            GroupingSaveOutcome.Locked => ChangeGroupingNotice.Locked,
            _ => ChangeGroupingNotice.Stale,
        };
        return Form(context, pulse.PulseId, summary, items, save.Current?.Grouping ?? ChangeGrouping.Empty, save.Current?.ETag, notice);
    }

    /// <summary>
    /// <c>vote changements [settings]</c> / <c>vote changes [settings]</c>: opens a vote on the grouping's categories (at
    /// least 2 named ones holding a change), each option "name (n changements)", then locks the grouping. Text that is not
    /// this command (a vote question starting with "changes") is the ordinary <c>vote</c> command's.
    /// </summary>
    public async Task VoteAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ChangesCommands.ParseVote(context.Text) is not { } rules)
        {
            await votes.CommandAsync(context, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!await gate.AdmitAsync(context, CommandNames.VoteChanges, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (await LatestWithChangesAsync(context, cancellationToken).ConfigureAwait(false) is not { } pulse)
        {
            await context.SendSharedCardAsync(ChangeGroupingCard.NoPulse, cancellationToken).ConfigureAwait(false);
            return;
        }

        var stored = await groupings.GetAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false);
        if (stored is { Grouping.IsLocked: true })
        {
            await context.SendSharedCardAsync(ChangeGroupingCard.AlreadyVoted, cancellationToken).ConfigureAwait(false);
            return;
        }

        var (_, items) = await ChangesAsync(pulse, cancellationToken).ConfigureAwait(false);
        var categories = ChangeGroupings.Categories(stored?.Grouping ?? ChangeGrouping.Empty, items);
        if (categories.Count < VoteCommands.MinOptions)
        {
            await context.SendSharedCardAsync(ChangeGroupingCard.TooFewCategories, cancellationToken).ConfigureAwait(false);
            return;
        }

        var definition = new VoteDefinition(
            ChangeGroupings.Question(rules, context.Shared), [.. categories.Select(c => ChangeGroupings.Option(c, context.Shared))], rules);
        if (await votes.OpenPreparedAsync(context, definition, pulse.PulseId, cancellationToken).ConfigureAwait(false) is { } opened)
        {
            await groupings.LockAsync(pulse.PulseId, opened.VoteId, cancellationToken).ConfigureAwait(false);
            LogVoteOpened(logger, pulse.PulseId, opened.VoteId, categories.Count);
        }
    }

    /// <summary>
    /// <c>changements approfondir [n]</c> / <c>changes deepen [n]</c> (coordinator): opens the deepening round, a pulse generated
    /// from the top <c>n</c> (1 to 5; <see cref="DeepeningTemplate.TopCategories"/> when not given) categories of the latest grouping (the closed vote's
    /// ranking when the categories were put to one, else the coordinator's order), asking per category a facilitant, an
    /// écueil and a souhait. It says so instead when no pulse has changes, no category holds one, the vote is still open,
    /// or a pulse is already open (its card, as <c>pulse</c> does).
    /// </summary>
    public async Task DeepenAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await gate.AdmitAsync(context, CommandNames.ChangesDeepen, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (ChangesCommands.DeepenCount(context.CommandArguments) is not { } count)
        {
            await context.SendSharedCardAsync(ChangeGroupingCard.DeepenCountUnread, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await LatestWithChangesAsync(context, cancellationToken).ConfigureAwait(false) is not { } pulse)
        {
            await context.SendSharedCardAsync(ChangeGroupingCard.NoPulse, cancellationToken).ConfigureAwait(false);
            return;
        }

        var stored = await groupings.GetAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false);
        var grouping = stored?.Grouping ?? ChangeGrouping.Empty;
        // The vote is checked before the summary is read: a round refused while its vote is open reads no summary.
        VoteRecord? vote = null;
        if (grouping.VoteId is { } voteId)
        {
            var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
            vote = await voteRecords.GetAsync(channelId, conversationId, voteId, cancellationToken).ConfigureAwait(false);
            if (vote is { IsOpen: true })
            {
                await context.SendSharedCardAsync(ChangeGroupingCard.VoteStillOpen, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        var (_, items) = await ChangesAsync(pulse, cancellationToken).ConfigureAwait(false);
        var categories = ChangeGroupings.Categories(grouping, items);
        if (categories.Count == 0)
        {
            await context.SendSharedCardAsync(ChangeGroupingCard.NoCategoryToDeepen, cancellationToken).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<int>? ranked = null;
        // A vote deleted, without a ballot or whose tallies the small-group rule withholds gives no ranking: the coordinator's order.
        if (vote is not null && vote.Options.Count == categories.Count)
        {
            if (await voteCards.ClosedRankingAsync(vote, cancellationToken).ConfigureAwait(false) is { } tally)
            {
                ranked = [.. tally.Ranked.Select(o => o.Index)];
            }
        }

        var top = ChangeGroupings.TopCategories(categories, ranked, count);
        if (await pulseConversation.TryOpenDeepeningAsync(context, top, cancellationToken).ConfigureAwait(false) is { } opened)
        {
            LogDeepeningOpened(logger, pulse.PulseId, opened.PulseId, top.Count, ranked is not null);
            return;
        }

        if (await pulseConversation.AlreadyOpenCardAsync(context, cancellationToken).ConfigureAwait(false) is { } open)
        {
            await context.SendCardAsync(open, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>roadmap.fromdeepening</c>, "Ajouter à la feuille de route" on a closed deepening's summary card: its categories,
    /// in its order, become court-terme items from <see cref="DeepeningSource"/> through the feuille de route's own path,
    /// each at most once (a second click adds nothing). The feuille de route checks the role: anyone not a coordinator
    /// gets its refusal before the pulse is read, nothing stored.
    /// </summary>
    public async Task<AdaptiveCard> OnRoadmapAsync(TurnContext context, CardAction<ChangesActionData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        return await roadmap.AddFromDeepeningAsync(context, action.IsAutomaticRefresh, DeepeningAsync, cancellationToken).ConfigureAwait(false);

        // Read once the feuille de route has let the click through (a coordinator's, not an automatic refresh).
        async Task<(IReadOnlyList<string> Categories, string Source)?> DeepeningAsync(CancellationToken ct)
        {
            var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
            var deepening = action.Data.PulseId is { Length: > 0 } pulseId
                ? await pulses.GetAsync(channelId, conversationId, pulseId, ct).ConfigureAwait(false)
                : null;
            return deepening is { IsOpen: false, IsDeepening: true }
                ? (PulseRecordTemplate.Categories(deepening), DeepeningSource(deepening.PulseId))
                : null;
        }
    }

    /// <summary>The source recorded on a feuille de route item added from a deepening round.</summary>
    public static string DeepeningSource(string pulseId) => "deepening:" + pulseId;

    /// <summary>The most recently opened closed pulse of this conversation whose steps include a change step.</summary>
    private async Task<PulseRecord?> LatestWithChangesAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        return await PulseHistory.LatestClosedAsync(pulses, channelId, conversationId, HasChangeStep, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The closed pulse with a change step a card names, in this conversation; null when it is gone or not one.</summary>
    private async Task<PulseRecord?> PulseOfAsync(TurnContext context, string? pulseId, CancellationToken cancellationToken)
    {
        if (pulseId is not { Length: > 0 })
        {
            return null;
        }

        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        var pulse = await pulses.GetAsync(channelId, conversationId, pulseId, cancellationToken).ConfigureAwait(false);
        return pulse is { IsOpen: false } && HasChangeStep(pulse) ? pulse : null;
    }

    // A deepening asks no change; its template is not built to find that out.
    private static bool HasChangeStep(PulseRecord pulse) => !pulse.IsDeepening && PulseRecordTemplate.Of(pulse).Steps.Any(s => s is ChangeStep);

    /// <summary>The pulse's summary (every text, read again from the answers when the stored one is bounded) and its changes.</summary>
    private async Task<(PulseSummary Summary, IReadOnlyList<ChangeItem> Items)> ChangesAsync(PulseRecord pulse, CancellationToken cancellationToken)
    {
        var summary = await closer.ReadSummaryAsync(pulse, wholeTexts: true, cancellationToken).ConfigureAwait(false);
        return (summary, ChangeGroupings.Items(summary));
    }

    private async Task<AdaptiveCard> FormAsync(TurnContext context, PulseRecord pulse, ChangeGroupingNotice notice, CancellationToken cancellationToken)
    {
        var (summary, items) = await ChangesAsync(pulse, cancellationToken).ConfigureAwait(false);
        var stored = await groupings.GetAsync(pulse.PulseId, cancellationToken).ConfigureAwait(false);
        return Form(context, pulse.PulseId, summary, items, stored?.Grouping ?? ChangeGrouping.Empty, stored?.ETag, notice);
    }

    /// <summary>The coordinator's own form, in her language, refreshed for her only.</summary>
    private static AdaptiveCard Form(
        TurnContext context, string pulseId, PulseSummary summary, IReadOnlyList<ChangeItem> items, ChangeGrouping grouping, string? etag, ChangeGroupingNotice notice) =>
        ChangeGroupingCard.Form(ChangeGroupings.Describe(pulseId, summary, items, grouping, context.Language, etag, context.Activity.From?.Id, notice));


    [LoggerMessage(Level = LogLevel.Information, Message = "Changes grouping of pulse {PulseId} not saved: {Problem}")]
    private static partial void LogNotSaved(ILogger logger, string pulseId, ChangeGroupingNotice problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Changes grouping of pulse {PulseId}: {Outcome}")]
    private static partial void LogSaved(ILogger logger, string pulseId, GroupingSaveOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deepening round {DeepeningId} opened on {CategoryCount} categories of the changes of pulse {PulseId} (ranked by a vote: {Ranked})")]
    private static partial void LogDeepeningOpened(ILogger logger, string pulseId, string deepeningId, int categoryCount, bool ranked);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vote {VoteId} opened on {CategoryCount} categories of the changes of pulse {PulseId}; grouping locked")]
    private static partial void LogVoteOpened(ILogger logger, string pulseId, string voteId, int categoryCount);
}
