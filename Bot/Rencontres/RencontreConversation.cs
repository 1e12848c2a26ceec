using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Bot.Votes;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Rencontres;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Rencontres;
using ConcertationBot.Dialogs.Summaries;

namespace ConcertationBot.Bot.Rencontres;

/// <summary>
/// The rencontre of a conversation: a coordinator opens it (<c>rencontre 14 septembre : Mobilité</c>) and states its
/// intention (<c>rencontre intention : …</c>); anyone asks for it (<c>rencontre</c>). Pulses and votes opened afterwards
/// in the conversation belong to it until the next one opens.
/// </summary>
public sealed partial class RencontreConversation(
    CoordinatorGate gate,
    IRencontreStore rencontres,
    IPulseStore pulses,
    IVoteStore votes,
    TimeProvider time,
    IOptions<ConcertationOptions> options,
    ILogger<RencontreConversation> logger)
{
    /// <summary>Every <c>rencontre …</c> / <c>meeting …</c> command; anything unreadable gets a help card that repeats what was typed.</summary>
    public Task CommandAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = RencontreCommands.Parse(context.Text, Today(context));
        return command switch
        {
            { Kind: RencontreCommandKind.Show } => ShowAsync(context, cancellationToken),
            { Kind: RencontreCommandKind.Open, Date: { } date, Theme: { } theme } => OpenAsync(context, date, theme, cancellationToken),
            { Kind: RencontreCommandKind.SetIntention, Intention: { } intention } => SetIntentionAsync(context, intention, cancellationToken),
            { Problem: RencontreCommandProblem.ThemeTooLong } =>
                context.SendSharedCardAsync(language => RencontreCards.TooLong(language, isIntention: false, command.Typed, RencontreCommands.MaxThemeLength), cancellationToken),
            { Problem: RencontreCommandProblem.IntentionTooLong } =>
                context.SendSharedCardAsync(language => RencontreCards.TooLong(language, isIntention: true, command.Typed, RencontreCommands.MaxIntentionLength), cancellationToken),
            { Problem: RencontreCommandProblem.BadDate } =>
                context.SendSharedCardAsync(language => RencontreCards.Help(language, RencontreHelpReason.BadDate, command.Typed), cancellationToken),
            { Problem: RencontreCommandProblem.NoIntention } =>
                context.SendSharedCardAsync(language => RencontreCards.Help(language, RencontreHelpReason.NoIntention, command.Typed), cancellationToken),
            _ => context.SendSharedCardAsync(language => RencontreCards.Help(language, RencontreHelpReason.NoTheme, command.Typed), cancellationToken),
        };
    }

    /// <summary>Today where the table meets: the sender's time zone when Teams gave it, else the configured one.</summary>
    private DateOnly Today(TurnContext context) =>
        DateOnly.FromDateTime(LocalTime.In(time.GetUtcNow(), context.TimeZone ?? options.Value.TimeZone).DateTime);

    private async Task ShowAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        var current = await rencontres.GetCurrentAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            await context.SendSharedCardAsync(RencontreCards.NoneOpen, cancellationToken).ConfigureAwait(false);
            return;
        }

        var pulseCount = await pulses.CountInRencontreAsync(channelId, conversationId, current.RencontreId, cancellationToken).ConfigureAwait(false);
        var voteCount = await votes.CountInRencontreAsync(channelId, conversationId, current.RencontreId, cancellationToken).ConfigureAwait(false);
        await context.SendSharedCardAsync(
            language => RencontreCards.Current(Model(current, language) with { PulseCount = pulseCount, VoteCount = voteCount }),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task OpenAsync(TurnContext context, DateOnly date, string theme, CancellationToken cancellationToken)
    {
        if (!await gate.AdmitAsync(context, CommandNames.Rencontre, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        var opening = await rencontres.OpenAsync(
            new RencontreRecord
            {
                RencontreId = RencontreRecord.NewId(),
                ChannelId = channelId,
                ConversationId = conversationId,
                Date = date,
                Theme = theme,
                OpenedAt = time.GetUtcNow(),
                OpenedByUserId = context.Activity.From?.Id ?? string.Empty,
            },
            cancellationToken).ConfigureAwait(false);
        LogOpened(logger, opening.Opened.RencontreId, opening.Replaced?.RencontreId);
        await context.SendSharedCardAsync(
            language => RencontreCards.Opened(Model(opening.Opened, language), opening.Replaced is { } replaced ? RencontreDates.Write(replaced.Date, language) : null),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task SetIntentionAsync(TurnContext context, string intention, CancellationToken cancellationToken)
    {
        if (!await gate.AdmitAsync(context, CommandNames.RencontreIntention, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var (channelId, conversationId) = ConversationKeys.Of(context.Activity);
        var updated = await rencontres.SetIntentionAsync(channelId, conversationId, intention, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            await context.SendSharedCardAsync(RencontreCards.NoneForIntention, cancellationToken).ConfigureAwait(false);
            return;
        }

        LogIntentionSet(logger, updated.RencontreId, intention.Length);
        await context.SendSharedCardAsync(language => RencontreCards.IntentionSet(Model(updated, language)), cancellationToken).ConfigureAwait(false);
    }

    private static RencontreCardModel Model(RencontreRecord rencontre, Language language) => new()
    {
        Language = language,
        Date = RencontreDates.Write(rencontre.Date, language),
        Theme = rencontre.Theme,
        Intention = rencontre.Intention,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Rencontre {RencontreId} opened (replacing {ReplacedId})")]
    private static partial void LogOpened(ILogger logger, string rencontreId, string? replacedId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intention of rencontre {RencontreId} set ({Length} characters)")]
    private static partial void LogIntentionSet(ILogger logger, string rencontreId, int length);
}
