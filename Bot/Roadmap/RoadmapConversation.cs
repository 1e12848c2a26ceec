using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Bot.Votes;
using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Help;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Cards.Roadmap;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Roadmap;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Bot.Roadmap;

/// <summary>
/// The feuille de route of a team (or of a conversation outside a team), issue #17. <c>feuille de route</c> / <c>roadmap</c>
/// (anyone) posts the read-only card; when the asker is a coordinator the card's automatic refresh, for their id only,
/// turns it into their own view with a "Modifier" per item (the user-specific view the pulse and vote cards use).
/// <c>feuille de route vision : …</c> and <c>feuille de route ajouter court : …</c> are a coordinator's. The item
/// actions check the role again on every click: anyone else gets the refusal, nothing stored. A closed vote's result card
/// offers "Ajouter à la feuille de route": the options ranked first become court-terme items from <c>vote:&lt;id&gt;</c>.
/// </summary>
public sealed partial class RoadmapConversation(
    CoordinatorGate gate,
    ICoordinatorDirectory coordinators,
    IRoadmapStore roadmaps,
    IVoteStore votes,
    VoteCardRefresher voteCards,
    TimeProvider time,
    IOptions<ConcertationOptions> options,
    ILogger<RoadmapConversation> logger)
{
    /// <summary>Every <c>feuille de route …</c> / <c>roadmap …</c> command.</summary>
    public async Task CommandAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = RoadmapCommands.Parse(context.Text);
        var operation = command switch
        {
            { Kind: RoadmapCommandKind.SetVision, Text: { } vision } => (Name: CommandNames.RoadmapVision, Operation: (RoadmapOperation)new SetVision(vision)),
            { Kind: RoadmapCommandKind.Add, Text: { } text, Horizon: { } horizon } =>
                (Name: CommandNames.RoadmapAdd, Operation: new AddItem(Guid.CreateVersion7().ToString("N"), text, horizon, "command")),
            _ => default,
        };
        if (command.Kind == RoadmapCommandKind.Invalid)
        {
            await context.SendSharedCardAsync(language => RoadmapCard.Help(language, command.Typed, tooLong: command.Problem is RoadmapCommandProblem.VisionTooLong or RoadmapCommandProblem.ItemTooLong), cancellationToken).ConfigureAwait(false);
            return;
        }

        var scope = CoordinatorScope.From(context.Activity);
        var notice = RoadmapNotice.None;
        RoadmapPlan plan;
        if (operation.Operation is { } op)
        {
            if (!await gate.AdmitAsync(context, operation.Name, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var write = await roadmaps.ApplyAsync(scope, op, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            LogWritten(logger, op.GetType().Name, write.Problem);
            plan = write.Plan;
            notice = RoadmapCardModels.NoticeOf(write.Problem);
        }
        else
        {
            plan = await roadmaps.GetAsync(scope, cancellationToken).ConfigureAwait(false);
        }

        // In a 1:1 chat the card is the coordinator's own; in a channel or group chat it is everyone's, read-only, and its
        // refresh shows the edit actions to the coordinator who asked only.
        var coordinator = await IsCoordinatorAsync(context, cancellationToken).ConfigureAwait(false) ? context.Activity.From?.Id : null;
        var card = RoadmapCard.Build(
            context.Shared,
            language => RoadmapCardModels.Describe(
                plan, language, TimeZone(context), editable: coordinator is not null && !context.IsGroupConversation, refreshUserId: coordinator, notice: notice));
        await context.SendCardAsync(card, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>roadmap.show</c> (refresh of the posted card, "Retour"): a coordinator's own view; anyone else, the read-only card.</summary>
    public async Task<AdaptiveCard> OnShowAsync(TurnContext context, CardAction<NoCardData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = await roadmaps.GetAsync(CoordinatorScope.From(context.Activity), cancellationToken).ConfigureAwait(false);
        return await IsCoordinatorAsync(context, cancellationToken).ConfigureAwait(false)
            ? Card(context, plan, context.Activity.From!.Id!, RoadmapNotice.None)
            : RoadmapCard.Build(RoadmapCardModels.Describe(plan, context.Language, TimeZone(context)));
    }

    /// <summary><c>roadmap.item.edit</c>: the item's form, or the current feuille de route saying the item is gone.</summary>
    public async Task<AdaptiveCard> OnEditAsync(TurnContext context, CardAction<RoadmapItemData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (await gate.RefusalAsync(context, CommandNames.RoadmapEdit, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        var plan = await roadmaps.GetAsync(CoordinatorScope.From(context.Activity), cancellationToken).ConfigureAwait(false);
        var userId = context.Activity.From?.Id ?? string.Empty;
        return action.Data.ItemId is { } itemId && plan.Find(itemId) is { } item
            ? RoadmapCard.ItemForm(context.Language, RoadmapCardModels.Describe(item, context.Language, TimeZone(context)), userId)
            : Card(context, plan, userId, RoadmapNotice.Stale);
    }

    /// <summary><c>roadmap.item.save</c>: stores every field of the form that changed (re-applied on a concurrent write).</summary>
    public Task<AdaptiveCard> OnSaveAsync(TurnContext context, CardAction<RoadmapItemData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return WriteAsync(context, action, itemId => RoadmapCardModels.ReadForm(itemId, action.Data.Sent(), action.Data.Was), cancellationToken);
    }

    /// <summary><c>roadmap.item.remove</c>: removes the item.</summary>
    public Task<AdaptiveCard> OnRemoveAsync(TurnContext context, CardAction<RoadmapItemData> action, CancellationToken cancellationToken) =>
        WriteAsync(context, action, itemId => new RemoveItem(itemId), cancellationToken);

    /// <summary>The most options one click on a vote's "Ajouter à la feuille de route" adds.</summary>
    public const int MaxFromVote = 3;

    /// <summary>
    /// <c>roadmap.fromvote</c>: adds the closed vote's options ranked first (ties included, at most
    /// <see cref="MaxFromVote"/>) as court-terme items whose source is <c>vote:&lt;id&gt;</c>; an option already added
    /// from that vote (same text) is skipped. Answers with the coordinator's own view, saying what happened.
    /// </summary>
    public async Task<AdaptiveCard> OnFromVoteAsync(TurnContext context, CardAction<VoteActionData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (await NotAWriteAsync(context, action.IsAutomaticRefresh, cancellationToken).ConfigureAwait(false) is { } answer)
        {
            return answer;
        }

        var scope = CoordinatorScope.From(context.Activity);
        var userId = context.Activity.From?.Id ?? string.Empty;
        var leaders = action.Data.VoteId is { Length: > 0 } voteId ? await LeadersAsync(context, voteId, cancellationToken).ConfigureAwait(false) : [];
        if (leaders.Count == 0)
        {
            return Card(context, await roadmaps.GetAsync(scope, cancellationToken).ConfigureAwait(false), userId, RoadmapNotice.NoVoteRanking);
        }

        var (plan, added, full) = await AddOnceAsync(scope, leaders, VoteSource(action.Data.VoteId!), cancellationToken).ConfigureAwait(false);
        return Card(context, plan, userId, full ? RoadmapNotice.Full : added > 0 ? RoadmapNotice.AddedFromVote : RoadmapNotice.AlreadyFromVote);
    }

    /// <summary>
    /// A closed changes round's deepening's "Ajouter à la feuille de route" (the <c>changes</c> feature finds its
    /// categories with <paramref name="deepening"/>: null when the card's deepening is gone or not a closed one): adds
    /// them, in order, as court-terme items from their source, each at most once from that source (a second click adds
    /// nothing), exactly as a vote's options are added. Anyone not a coordinator gets the refusal, nothing stored, and an
    /// automatic refresh gets the feuille de route, both before <paramref name="deepening"/> reads anything. Answers with
    /// the coordinator's own view, saying what happened.
    /// </summary>
    public async Task<AdaptiveCard> AddFromDeepeningAsync(
        TurnContext context,
        bool isAutomaticRefresh,
        Func<CancellationToken, Task<(IReadOnlyList<string> Categories, string Source)?>> deepening,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(deepening);
        if (await NotAWriteAsync(context, isAutomaticRefresh, CommandNames.RoadmapFromDeepening, cancellationToken).ConfigureAwait(false) is { } answer)
        {
            return answer;
        }

        if (await deepening(cancellationToken).ConfigureAwait(false) is not var (categories, source))
        {
            return NoticeCards.Expired(context.Language);
        }

        var scope = CoordinatorScope.From(context.Activity);
        var (plan, added, full) = await AddOnceAsync(scope, categories, source, cancellationToken).ConfigureAwait(false);
        return Card(context, plan, context.Activity.From?.Id ?? string.Empty, full ? RoadmapNotice.Full : added > 0 ? RoadmapNotice.AddedFromDeepening : RoadmapNotice.AlreadyFromDeepening);
    }

    /// <summary>Adds each text as a court-terme item from <paramref name="source"/> unless one from it already says so.</summary>
    private async Task<(RoadmapPlan Plan, int Added, bool Full)> AddOnceAsync(CoordinatorScope scope, IReadOnlyList<string> texts, string source, CancellationToken cancellationToken)
    {
        RoadmapPlan? plan = null;
        var added = 0;
        var full = false;
        foreach (var text in texts)
        {
            var op = new AddItemOnce(new AddItem(Guid.CreateVersion7().ToString("N"), text, RoadmapHorizon.Court, source));
            var write = await roadmaps.ApplyAsync(scope, op, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            LogWritten(logger, nameof(AddItemOnce), write.Problem);
            plan = write.Plan;
            added += write.Applied ? 1 : 0;
            full |= write.Problem == RoadmapProblem.Full;
        }

        return (plan ?? await roadmaps.GetAsync(scope, cancellationToken).ConfigureAwait(false), added, full);
    }

    /// <summary>The source recorded on an item added from a vote.</summary>
    public static string VoteSource(string voteId) => "vote:" + voteId;

    /// <summary>
    /// The options ranked first of the closed vote <paramref name="voteId"/> of this conversation, in the vote's order,
    /// at most <see cref="MaxFromVote"/>; none when the vote is gone, still open, or closed without a ranking to show (no
    /// ballot, or the small-group rule withheld the tallies), as its result card.
    /// </summary>
    private async Task<IReadOnlyList<string>> LeadersAsync(TurnContext context, string voteId, CancellationToken cancellationToken)
    {
        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        var vote = await votes.GetAsync(channelId, conversationId, voteId, cancellationToken).ConfigureAwait(false);
        return vote is not null && await voteCards.ClosedRankingAsync(vote, cancellationToken).ConfigureAwait(false) is { } tally
            ? [.. tally.Ranked.Where(o => o.Rank == 1).Take(MaxFromVote).Select(o => o.Option)]
            : [];
    }

    private async Task<AdaptiveCard> WriteAsync(
        TurnContext context, CardAction<RoadmapItemData> action, Func<string, RoadmapOperation> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await NotAWriteAsync(context, action.IsAutomaticRefresh, cancellationToken).ConfigureAwait(false) is { } answer)
        {
            return answer;
        }

        var scope = CoordinatorScope.From(context.Activity);
        var userId = context.Activity.From?.Id ?? string.Empty;
        if (action.Data.ItemId is not { Length: > 0 } itemId)
        {
            return Card(context, await roadmaps.GetAsync(scope, cancellationToken).ConfigureAwait(false), userId, RoadmapNotice.Stale);
        }

        var op = operation(itemId);
        var write = await roadmaps.ApplyAsync(scope, op, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogWritten(logger, op.GetType().Name, write.Problem);
        var notice = write.Applied && op is RemoveItem ? RoadmapNotice.Removed : RoadmapCardModels.NoticeOf(write.Problem);
        return Card(context, write.Plan, userId, notice);
    }

    /// <summary>
    /// Null when the click is a coordinator's write; else the answer that stores nothing: the feuille de route for a
    /// client that sends a write verb as an automatic refresh (the cards refresh with roadmap.show only), the refusal
    /// for anyone not a coordinator.
    /// </summary>
    private Task<AdaptiveCard?> NotAWriteAsync(TurnContext context, bool isAutomaticRefresh, CancellationToken cancellationToken) =>
        NotAWriteAsync(context, isAutomaticRefresh, CommandNames.RoadmapEdit, cancellationToken);

    /// <summary>As above, the refusal naming <paramref name="command"/>.</summary>
    private async Task<AdaptiveCard?> NotAWriteAsync(TurnContext context, bool isAutomaticRefresh, Localized command, CancellationToken cancellationToken) =>
        isAutomaticRefresh
            ? await OnShowAsync(context, new CardAction<NoCardData>(NoCardData.Empty, IsAutomaticRefresh: true), cancellationToken).ConfigureAwait(false)
            : await gate.RefusalAsync(context, command, cancellationToken).ConfigureAwait(false);

    /// <summary>A coordinator's own view, refreshed for them only.</summary>
    private AdaptiveCard Card(TurnContext context, RoadmapPlan plan, string editorUserId, RoadmapNotice notice) =>
        RoadmapCard.Build(RoadmapCardModels.Describe(plan, context.Language, TimeZone(context), editable: true, refreshUserId: editorUserId, notice: notice));

    private string TimeZone(TurnContext context) => context.TimeZone ?? options.Value.TimeZone;

    private async Task<bool> IsCoordinatorAsync(TurnContext context, CancellationToken cancellationToken) =>
        context.Activity.From is { Id.Length: > 0 } from
        && await coordinators.HoldsRoleAsync(CoordinatorScope.From(context.Activity), from, cancellationToken).ConfigureAwait(false);


    [LoggerMessage(Level = LogLevel.Information, Message = "Roadmap {Operation} written (problem: {Problem})")]
    private static partial void LogWritten(ILogger logger, string operation, RoadmapProblem problem);
}
