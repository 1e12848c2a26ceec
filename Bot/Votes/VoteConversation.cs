using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Help;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Bot.Votes;

/// <summary>
/// Priority votes in a conversation: a coordinator opens one with <c>vote …</c> (or <c>vote leviers</c>) and the bot
/// posts the live vote card; each voter opens their own ballot form from it and casts (or replaces) one anonymous
/// ballot; <c>vote clore</c> posts the final ranking. A ballot is acknowledged only once it is stored.
/// </summary>
public sealed partial class VoteConversation(
    CoordinatorGate gate,
    IVoteStore votes,
    IPulseStore pulses,
    ICurrentRencontre rencontres,
    PulseCloser pulseCloser,
    IRespondentKeys keys,
    VoteCardRefresher cards,
    VoteCloser closer,
    TimeProvider time,
    OpenItemCache<VoteRecord> openVotes,
    ILogger<VoteConversation> logger)
{
    /// <summary>Every <c>vote …</c> command: open, <c>leviers</c>, <c>clore</c>; anything unreadable gets the vote help card.</summary>
    public Task CommandAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = VoteCommands.Parse(context.Text);
        return command.Kind switch
        {
            VoteCommandKind.Open => OpenAsync(context, command.Definition!, sourcePulseId: null, notice: null, cancellationToken),
            VoteCommandKind.Levers => OpenLeversAsync(context, command.Rules, cancellationToken),
            VoteCommandKind.Close => CloseAsync(context, cancellationToken),
            _ when command.Problem == VoteCommandProblem.NoQuestion && CommandSuggestions.Find(context.Text, context.Language) is { } suggestion =>
                context.SendSharedCardAsync(language => SuggestionCard.Build(language, suggestion.Typed, suggestion.Suggested), cancellationToken),
            _ => SendHelpAsync(context, command.Problem, cancellationToken),
        };
    }

    /// <summary><c>vote.open</c>: the ballot form, or the voter's own view on an automatic refresh.</summary>
    public Task<AdaptiveCard> OnOpenAsync(TurnContext context, CardAction<VoteActionData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return OnVoteActionAsync(
            context,
            action.Data.VoteId,
            (vote, voterKey) => OpenOwnViewAsync(context, vote, voterKey, action.IsAutomaticRefresh, cancellationToken),
            cancellationToken);
    }

    /// <summary><c>vote.cast</c>: stores (or replaces) the voter's ballot.</summary>
    public Task<AdaptiveCard> OnCastAsync(TurnContext context, CardAction<VoteActionData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return OnVoteActionAsync(
            context,
            action.Data.VoteId,
            (vote, voterKey) => CastAsync(context, vote, voterKey, action.Data, cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// <c>vote.choose</c>: one click on an option's button of a single-choice vote stores (or replaces) the voter's
    /// ballot through the same path as <c>vote.cast</c>; an index that names no option gets the ballot form with a notice.
    /// </summary>
    public Task<AdaptiveCard> OnChooseAsync(TurnContext context, CardAction<VoteChoiceData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return OnVoteActionAsync(
            context,
            action.Data.VoteId,
            (vote, voterKey) => ChooseAsync(context, vote, voterKey, action.Data.Option, cancellationToken),
            cancellationToken);
    }

    /// <summary>What every vote verb shares: the vote must exist, and be open (else its card is the answer).</summary>
    private async Task<AdaptiveCard> OnVoteActionAsync(
        TurnContext context, string? voteId, Func<VoteRecord, string, Task<AdaptiveCard>> onOpenVote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (voteId is not { Length: > 0 })
        {
            return NoticeCards.Expired(context.Language);
        }

        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        var vote = await openVotes.GetAsync(channelId, conversationId, voteId, cancellationToken).ConfigureAwait(false);
        if (vote is null)
        {
            return NoticeCards.Expired(context.Language);
        }

        if (!vote.IsOpen)
        {
            return await cards.BuildAsync(vote, context.Language, notice: null, cancellationToken).ConfigureAwait(false);
        }

        var from = context.Activity.From ?? throw new InvalidOperationException("The activity has no sender.");
        return await onOpenVote(vote, keys.ForVote(vote.VoteId, PersonId.Of(from))).ConfigureAwait(false);
    }

    private async Task<AdaptiveCard> CastAsync(TurnContext context, VoteRecord vote, string voterKey, VoteActionData data, CancellationToken cancellationToken)
    {
        var definition = VoteCardRefresher.DefinitionOf(vote, context.Language);
        var reading = VoteBallots.Read(definition, data.BallotFields());
        if (reading.Ballot is not { } ballot)
        {
            var hasVoted = await votes.GetBallotAsync(vote.VoteId, voterKey, cancellationToken).ConfigureAwait(false) is not null;
            return Form(context, vote, reading.Typed, VoteBallots.Describe(reading, definition, context.Language), hasVoted);
        }

        return await StoreAsync(context, vote, voterKey, ballot, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AdaptiveCard> ChooseAsync(TurnContext context, VoteRecord vote, string voterKey, int? option, CancellationToken cancellationToken)
    {
        var reading = VoteBallots.Choose(VoteCardRefresher.DefinitionOf(vote, context.Language), option);
        if (reading.Ballot is not { } ballot)
        {
            var stored = await votes.GetBallotAsync(vote.VoteId, voterKey, cancellationToken).ConfigureAwait(false);
            var hasVoted = VoteBallots.TryDecode(stored, vote.Options.Count, out var current);
            return Form(context, vote, hasVoted ? current.Points : null, VoteBallots.UnknownChoice(context.Language), hasVoted);
        }

        return await StoreAsync(context, vote, voterKey, ballot, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The one way a valid ballot is stored, from the form (<c>vote.cast</c>) or a click on an option (<c>vote.choose</c>):
    /// under the voter's keyed hash only, refused by the fence once the vote is closed; then the live card is scheduled
    /// and the voter gets their own view.
    /// </summary>
    private async Task<AdaptiveCard> StoreAsync(TurnContext context, VoteRecord vote, string voterKey, VoteBallot ballot, CancellationToken cancellationToken)
    {
        if (!await votes.SaveBallotAsync(vote.VoteId, voterKey, VoteBallots.Encode(ballot), time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            // Closed between the read and the write: the fence refused the ballot, so the final count never saw it. A close
            // removes the fence first and marks the vote's row a moment later, so the row read here may still say open: the
            // voter gets the closed card either way, and is told their ballot was not counted (an open card here looked
            // like a confirmation, and the load tool's stale-card fault counted it as one).
            openVotes.Forget(vote.ChannelId, vote.ConversationId, vote.VoteId);
            var current = await votes.GetAsync(vote.ChannelId, vote.ConversationId, vote.VoteId, cancellationToken).ConfigureAwait(false) ?? vote;
            var closed = current.IsOpen ? current with { ClosedAt = time.GetUtcNow() } : current;
            return await cards.BuildAsync(closed, context.Language, VoteNoticeCards.BallotTooLate(context.Language), cancellationToken).ConfigureAwait(false);
        }

        cards.Schedule(vote, context.Answered);
        LogCast(logger, vote.VoteId);
        return await OwnViewAsync(context, vote, ballot, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AdaptiveCard> OpenOwnViewAsync(TurnContext context, VoteRecord vote, string voterKey, bool isAutomaticRefresh, CancellationToken cancellationToken)
    {
        var stored = await votes.GetBallotAsync(vote.VoteId, voterKey, cancellationToken).ConfigureAwait(false);
        var hasBallot = VoteBallots.TryDecode(stored, vote.Options.Count, out var ballot);
        if (isAutomaticRefresh)
        {
            // Every member of a small conversation is on the refresh list: who has not voted keeps the shared card.
            return hasBallot
                ? await OwnViewAsync(context, vote, ballot, cancellationToken).ConfigureAwait(false)
                : await cards.BuildAsync(vote, context.Language, notice: null, cancellationToken).ConfigureAwait(false);
        }

        return Form(context, vote, hasBallot ? ballot.Points : null, notice: null, hasVoted: hasBallot);
    }

    private async Task<AdaptiveCard> OwnViewAsync(TurnContext context, VoteRecord vote, VoteBallot ballot, CancellationToken cancellationToken)
    {
        var definition = VoteCardRefresher.DefinitionOf(vote, context.Language);
        var tally = await cards.LatestAsync(vote, cancellationToken).ConfigureAwait(false);
        return VoteCard.Build(cards.Model(vote, tally, isClosed: false, context.Language) with
        {
            YourBallot = new VoteBallotView
            {
                UserId = context.Activity.From?.Id ?? string.Empty,
                Lines = VoteTallies.Lines(definition, ballot),
                Chosen = [.. Enumerable.Range(0, ballot.Points.Count).Where(i => ballot.Points[i] > 0)],
            },
        });
    }

    private static AdaptiveCard Form(TurnContext context, VoteRecord vote, IReadOnlyList<int>? typed, string? notice, bool hasVoted) =>
        VoteBallotCard.Build(new VoteBallotCardModel
        {
            Language = context.Language,
            VoteId = vote.VoteId,
            Question = VoteCardRefresher.DefinitionOf(vote, context.Language).Question,
            Rules = vote.Rules.ForCard(),
            Options = VoteCardRefresher.DefinitionOf(vote, context.Language).Options,
            Current = typed,
            UserId = context.Activity.From?.Id ?? string.Empty,
            Notice = notice,
            HasVoted = hasVoted,
        });

    private async Task OpenLeversAsync(TurnContext context, VoteRules rules, CancellationToken cancellationToken)
    {
        if (!await gate.AdmitAsync(context, CommandNames.VoteLevers, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        // A changes round's deepening names no lever: vote leviers takes the ordinary pulse before it.
        var pulse = await PulseHistory.LatestClosedOrdinaryAsync(pulses, channelId, conversationId, exceptPulseId: null, openedBefore: null, cancellationToken).ConfigureAwait(false);
        if (pulse is null)
        {
            await context.SendSharedCardAsync(language => VoteNoticeCards.NotEnoughLevers(language, -1), cancellationToken).ConfigureAwait(false);
            return;
        }

        var summary = await pulseCloser.ReadSummaryAsync(pulse, wholeTexts: true, cancellationToken).ConfigureAwait(false);
        var levers = VoteTallies.Levers(summary, PulseTemplates.Default, context.Language);
        if (levers.Count < VoteCommands.MinOptions)
        {
            await context.SendSharedCardAsync(language => VoteNoticeCards.NotEnoughLevers(language, levers.Count), cancellationToken).ConfigureAwait(false);
            return;
        }

        var options = levers.Take(VoteCommands.MaxOptions).ToList();
        if (rules.Mode == VoteMode.TopN && rules.Limit >= options.Count)
        {
            await SendHelpAsync(context, VoteCommandProblem.BadSetting, cancellationToken).ConfigureAwait(false);
            return;
        }

        Func<Language, string>? notice = levers.Count > options.Count ? language => VoteNotices.LeversTrimmed.Format(language, options.Count, levers.Count) : null;
        // A bilingual vote's question is typed in both halves, as a coordinator would ("… | …"); the leviers stay as written.
        var question = context.IsBilingual
            ? BilingualText.Join(VoteCommands.LeversQuestion(rules, Language.French), VoteCommands.LeversQuestion(rules, Language.English))
            : VoteCommands.LeversQuestion(rules, context.Language);
        var definition = new VoteDefinition(question, options, rules);
        await OpenAdmittedAsync(context, definition, pulse.PulseId, notice, cancellationToken).ConfigureAwait(false);
    }

    private async Task OpenAsync(TurnContext context, VoteDefinition definition, string? sourcePulseId, Func<Language, string>? notice, CancellationToken cancellationToken)
    {
        if (await gate.AdmitAsync(context, CommandNames.Vote, cancellationToken).ConfigureAwait(false))
        {
            await OpenAdmittedAsync(context, definition, sourcePulseId, notice, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Opens a vote another feature prepared (the changes round's categories) for a coordinator its caller admitted, as
    /// <c>vote leviers</c> opens one: the vote card, or the help card for a top N not below the options, or the card of
    /// the vote already open here. The vote opened, or null when none was.
    /// </summary>
    public async Task<VoteRecord?> OpenPreparedAsync(TurnContext context, VoteDefinition definition, string sourcePulseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Rules.Mode == VoteMode.TopN && definition.Rules.Limit >= definition.Options.Count)
        {
            await SendHelpAsync(context, VoteCommandProblem.BadSetting, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return await OpenAdmittedAsync(context, definition, sourcePulseId, notice: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<VoteRecord?> OpenAdmittedAsync(TurnContext context, VoteDefinition definition, string? sourcePulseId, Func<Language, string>? notice, CancellationToken cancellationToken)
    {
        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        // The vote belongs to the rencontre current now, even if another becomes current before it closes.
        var rencontreId = await rencontres.GetCurrentIdAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false);
        var opened = await votes.TryOpenAsync(NewVote(context, channelId, conversationId, definition, sourcePulseId, time.GetUtcNow()) with { RencontreId = rencontreId }, cancellationToken).ConfigureAwait(false);
        if (opened is { IsOpen: false })
        {
            // Closed by a racing "vote clore" before this open finished: show it as it ended.
            await context.SendCardAsync(await context.SharedCardAsync((language, token) => cards.BuildAsync(opened, language, notice: null, token), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (opened is null)
        {
            var existing = await votes.GetOpenAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("A vote is open in this conversation but could not be read back.");
            await context.SendCardAsync(await context.SharedCardAsync((language, token) => cards.BuildAsync(existing, language, VoteNotices.AlreadyOpen.For(language), token), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return null;
        }

        LogOpened(logger, opened.VoteId, opened.Options.Count, opened.Rules.Mode);
        var activityId = await context.SendCardAsync(await context.SharedCardAsync((language, token) => cards.BuildAsync(opened, language, notice?.Invoke(language), token), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (activityId is { Length: > 0 })
        {
            await votes.SetCardActivityIdAsync(opened, activityId, cancellationToken).ConfigureAwait(false);
        }

        return opened;
    }

    private async Task CloseAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (!await gate.AdmitAsync(context, CommandNames.VoteClose, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        var open = await votes.GetOpenAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false);
        var closing = open is null ? null : await closer.CloseAsync(open, context.Shared, cancellationToken).ConfigureAwait(false);
        if (open is not null)
        {
            openVotes.Forget(open.ChannelId, open.ConversationId, open.VoteId);
        }

        if (closing is null && await LatestResultPendingAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false) is { } unfinished)
        {
            // Closed earlier, but its result was never recorded (the closing turn failed part-way): finish that close.
            closing = await closer.FinishAsync(unfinished, context.Shared, cancellationToken).ConfigureAwait(false);
        }

        if (closing is null)
        {
            await context.SendSharedCardAsync(VoteNoticeCards.NoOpenVote, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (closing.Vote.CardActivityId is not { Length: > 0 })
        {
            // The vote card was never posted (or its id never stored): the results have no card to turn into, so post them.
            await context.SendCardAsync(closing.FinalCard, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The posted vote card becomes the results (one live update); the conversation gets one short notice after it.
        await cards.FlushAsync(closing.Vote, cancellationToken).ConfigureAwait(false);
        await context.SendCardAsync(closer.Notice(closing, context.Shared), cancellationToken).ConfigureAwait(false);
    }

    private async Task<VoteRecord?> LatestResultPendingAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        VoteRecord? latest = null;
        await foreach (var vote in votes.ListResultPendingAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false))
        {
            if (latest is null || vote.OpenedAt > latest.OpenedAt)
            {
                latest = vote;
            }
        }

        return latest;
    }

    private Task SendHelpAsync(TurnContext context, VoteCommandProblem problem, CancellationToken cancellationToken) =>
        context.SendSharedCardAsync(
            language => VoteHelpCard.Build(new VoteHelpCardModel
            {
                Language = language,
                Problem = VoteCommands.Describe(problem, language),
                MinimumBallots = cards.MinimumBallots,
            }),
            cancellationToken);

    private static VoteRecord NewVote(TurnContext context, string channelId, string conversationId, VoteDefinition definition, string? sourcePulseId, DateTimeOffset now) => new()
    {
        VoteId = VoteRecord.NewId(),
        ChannelId = channelId,
        ConversationId = conversationId,
        ServiceUrl = context.Activity.ServiceUrl ?? throw new InvalidOperationException("The activity has no serviceUrl."),
        TenantId = context.Activity.Conversation?.TenantId,
        TeamId = TeamsChannelData.Team(context.Activity)?.Id,
        ConversationType = context.Activity.Conversation?.ConversationType ?? ConversationTypes.Personal,
        Language = context.Shared.Code,
        Question = definition.Question,
        Options = definition.Options,
        Rules = definition.Rules,
        SourcePulseId = sourcePulseId,
        OpenedAt = now,
        OpenedByUserId = context.Activity.From?.Id ?? string.Empty,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Vote {VoteId} opened with {OptionCount} options ({Mode})")]
    private static partial void LogOpened(ILogger logger, string voteId, int optionCount, VoteMode mode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ballot cast in vote {VoteId}")]
    private static partial void LogCast(ILogger logger, string voteId);
}
