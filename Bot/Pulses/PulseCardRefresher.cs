using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.LiveCards;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// Keeps the posted pulse card current (answer count, refresh list, closed state) through the coalescing
/// <see cref="ILiveCardUpdater"/>: at most one PUT per second per card, rendered from storage at send time so the
/// last update always shows the latest count. The count is the number of answer rows; the refresh list is the
/// conversation's roster (cached), never a record of who answered.
/// </summary>
public sealed class PulseCardRefresher(IPulseStore pulses, ConversationRoster roster, ILiveCardUpdater updater, IOptions<ConcertationOptions> options)
{
    /// <summary>
    /// Marks the pulse card for an update; returns at once. A turn passes its <see cref="Routing.TurnContext.Answered"/> as
    /// <paramref name="notBefore"/>, so the person's own card reaches them before the channel's card changes.
    /// </summary>
    public void Schedule(PulseRecord pulse, Task? notBefore = null)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        if (Target(pulse) is { } target)
        {
            updater.ScheduleClosable(
                target,
                pulse,
                cancellationToken => pulses.GetAsync(pulse.ChannelId, pulse.ConversationId, pulse.PulseId, cancellationToken),
                record => record.IsOpen,
                (current, cancellationToken) => RenderAsync(current, pulse.CardActivityId, cancellationToken),
                notBefore,
                (sent, cancellationToken) => sent.FinalCardPending ? pulses.MarkFinalCardSentAsync(sent, cancellationToken) : Task.CompletedTask);
        }
    }

    /// <summary>Waits until the scheduled updates of this pulse's card have been sent.</summary>
    public Task FlushAsync(PulseRecord pulse, CancellationToken cancellationToken) =>
        Target(pulse) is { } target ? updater.FlushAsync(target, cancellationToken) : Task.CompletedTask;

    /// <summary>The shared pulse card for <paramref name="current"/> (a record the caller has just read) and its answers so far.</summary>
    public async Task<AdaptiveCard> BuildAsync(PulseRecord current, Language language, string? notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var answerCount = await pulses.CountAnswersAsync(current.PulseId, cancellationToken).ConfigureAwait(false);
        var refreshUserIds = current.IsOpen
            ? await roster.RefreshUserIdsAsync(current.ServiceUrl, current.ConversationId, cancellationToken).ConfigureAwait(false)
            : [];
        // A changes round's deepening has its own title and introduction.
        var template = PulseRecordTemplate.Of(current);
        return PulseCard.Build(new PulseCardModel
        {
            Language = language,
            PulseId = current.PulseId,
            Title = template.Title.For(language),
            Intro = template.Intro?.For(language),
            DeadlineText = DeadlineText.Format(current.Deadline, current.TimeZone, language, options.Value.TimeZone),
            AnswerCount = answerCount,
            IsClosed = !current.IsOpen,
            RefreshUserIds = refreshUserIds,
            Notice = notice,
        });
    }

    /// <summary>The pulse's own language ("fr", "en" or "bi" as stored), for the cards it posts for everyone.</summary>
    public static SharedLanguage LanguageOf(PulseRecord pulse) =>
        SharedLanguage.FromCode(pulse?.Language);

    /// <summary>Runs when the update is sent, maybe seconds after it was scheduled, with the pulse as read then (it may have closed since).</summary>
    private async Task<Activity> RenderAsync(PulseRecord current, string? activityId, CancellationToken cancellationToken)
    {
        var card = await LanguageOf(current).CardAsync((language, token) => BuildAsync(current, language, notice: null, token), cancellationToken).ConfigureAwait(false);
        return ProactiveMessages.Card(card) with { Id = activityId };
    }

    private static LiveCardTarget? Target(PulseRecord pulse) =>
        pulse.CardActivityId is { Length: > 0 } activityId ? new LiveCardTarget(pulse.ServiceUrl, pulse.ConversationId, activityId) : null;
}
