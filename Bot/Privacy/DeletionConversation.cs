using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Bot.Votes;
using ConcertationBot.Cards;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Coordination;
using ConcertationBot.Cards.Help;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Privacy;

/// <summary>
/// <c>pulse supprimer</c> / <c>pulse delete</c> and <c>vote supprimer</c> / <c>vote delete</c>: a coordinator deletes the
/// per-person rows of the last closed pulse or vote of this conversation, after a confirmation card. Both the command
/// and the confirmation go through the coordinator gate.
/// </summary>
public sealed class DeletionConversation(CoordinatorGate gate, IPulseStore pulses, IVoteStore votes, RecordPurge purge, IOptions<ConcertationOptions> options)
{
    /// <summary>Asks to confirm the deletion of the most recently opened closed pulse of the conversation.</summary>
    public async Task PulseDeleteAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await gate.AdmitAsync(context, CommandNames.PulseDelete, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        var pulse = await pulses.GetLatestAsync(channelId, conversationId, closedOnly: true, exceptPulseId: null, cancellationToken).ConfigureAwait(false);
        var item = pulse is { ClosedAt: { } closedAt, PurgedAt: null }
            ? new Deletable(pulse.PulseId, PulseTemplates.Default.Title.For, closedAt, pulse.TimeZone)
            : null;
        await SendConfirmationAsync(context, isPulse: true, item, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks to confirm the deletion of the most recently opened closed vote of the conversation.</summary>
    public async Task VoteDeleteAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await gate.AdmitAsync(context, CommandNames.VoteDelete, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        VoteRecord? latest = null;
        await foreach (var vote in votes.ListClosedAsync(channelId, conversationId, DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false))
        {
            latest = vote;
        }

        var item = latest is { ClosedAt: { } closedAt, PurgedAt: null }
            ? new Deletable(latest.VoteId, _ => latest.Question, closedAt, context.TimeZone)
            : null;
        await SendConfirmationAsync(context, isPulse: false, item, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What a confirmation card names: the item's id, its title in a language, when it closed and in which zone.</summary>
    private sealed record Deletable(string Id, Func<Language, string> Title, DateTimeOffset ClosedAt, string? TimeZone);

    /// <summary>The confirmation card for <paramref name="item"/> (for everyone in the conversation), or "nothing to delete".</summary>
    private Task SendConfirmationAsync(TurnContext context, bool isPulse, Deletable? item, CancellationToken cancellationToken) =>
        context.SendSharedCardAsync(
            language => item is null
                ? DeletionCards.NothingToDelete(language, isPulse)
                : DeletionCards.Confirm(new DeletionCardModel
                {
                    Language = language,
                    IsPulse = isPulse,
                    Id = item.Id,
                    Title = item.Title(language),
                    ClosedText = DeadlineText.Format(item.ClosedAt, item.TimeZone, language, options.Value.TimeZone),
                }),
            cancellationToken);

    /// <summary>"Supprimer" on the confirmation card of <c>pulse supprimer</c>.</summary>
    public Task<AdaptiveCard> OnPulseConfirmAsync(TurnContext context, CardAction<PulseActionData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return OnConfirmAsync(context, action.Data.PulseId, isPulse: true, cancellationToken);
    }

    /// <summary>"Supprimer" on the confirmation card of <c>vote supprimer</c>.</summary>
    public Task<AdaptiveCard> OnVoteConfirmAsync(TurnContext context, CardAction<VoteActionData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return OnConfirmAsync(context, action.Data.VoteId, isPulse: false, cancellationToken);
    }

    /// <summary>Deletes, if the clicker is a coordinator and the pulse or vote is closed here.</summary>
    private async Task<AdaptiveCard> OnConfirmAsync(TurnContext context, string? id, bool isPulse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (id is not { Length: > 0 })
        {
            return NoticeCards.Expired(context.Language);
        }

        if (!await gate.AdmitAsync(context, isPulse ? CommandNames.PulseDelete : CommandNames.VoteDelete, cancellationToken).ConfigureAwait(false))
        {
            return DeletionCards.Cancelled(context.Language);
        }

        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        if (isPulse)
        {
            if (await pulses.GetAsync(channelId, conversationId, id, cancellationToken).ConfigureAwait(false) is not { IsOpen: false } pulse)
            {
                return NoticeCards.Expired(context.Language);
            }

            await purge.PurgePulseAsync(pulse, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (await votes.GetAsync(channelId, conversationId, id, cancellationToken).ConfigureAwait(false) is not { IsOpen: false } vote)
            {
                return NoticeCards.Expired(context.Language);
            }

            await purge.PurgeVoteAsync(vote, cancellationToken).ConfigureAwait(false);
        }

        return DeletionCards.Done(context.Language, isPulse);
    }

    /// <summary>"Annuler" on a confirmation card.</summary>
    public static Task<AdaptiveCard> OnCancelAsync(TurnContext context, CardAction<NoCardData> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(DeletionCards.Cancelled(context.Language));
    }
}
