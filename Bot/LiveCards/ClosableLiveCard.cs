using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.LiveCards;

/// <summary>
/// Live cards of a record that can close (a pulse, a vote). The card is rendered from the record read at send time;
/// after each accepted PUT, a card rendered open is checked against storage again: if another instance closed the
/// record between the read and the PUT, the card is sent once more, so an open render never stays over the final
/// card (issue #22 item 6). A card rendered closed is final; once Teams accepted it, <c>closedSent</c> is told (so the
/// record can say its card is final, and a sweep need not send it again).
/// </summary>
public static class ClosableLiveCard
{
    public static void ScheduleClosable<TRecord>(
        this ILiveCardUpdater updater,
        LiveCardTarget target,
        TRecord scheduled,
        Func<CancellationToken, Task<TRecord?>> read,
        Func<TRecord, bool> isOpen,
        Func<TRecord, CancellationToken, Task<Activity>> render,
        Task? notBefore = null,
        Func<TRecord, CancellationToken, Task>? closedSent = null)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(updater);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(isOpen);
        ArgumentNullException.ThrowIfNull(render);

        // Render and check run one after the other on the card's worker, so one flag per schedule is enough.
        var renderedOpen = false;
        TRecord? rendered = null;
        updater.Schedule(
            target,
            async cancellationToken =>
            {
                var current = await read(cancellationToken).ConfigureAwait(false) ?? scheduled;
                renderedOpen = isOpen(current);
                rendered = current;
                return await render(current, cancellationToken).ConfigureAwait(false);
            },
            async cancellationToken =>
            {
                if (!renderedOpen)
                {
                    // The closed card was accepted: final. (A failure here is a stale check that threw: sent once more.)
                    if (closedSent is not null && rendered is not null)
                    {
                        await closedSent(rendered, cancellationToken).ConfigureAwait(false);
                    }

                    return false;
                }

                return await read(cancellationToken).ConfigureAwait(false) is { } now && !isOpen(now);
            },
            notBefore);
    }
}
