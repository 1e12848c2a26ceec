namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// The conversation's earlier pulses as the trend and <c>vote leviers</c> see them: a changes round's deepening
/// (<see cref="PulseRecord.IsDeepening"/>) asks other questions and is never compared with an ordinary pulse.
/// </summary>
public static class PulseHistory
{
    /// <summary>
    /// The most recently opened closed ordinary pulse (not a deepening) of the conversation, skipping
    /// <paramref name="exceptPulseId"/> and, when <paramref name="openedBefore"/> is given, any opened at or after it.
    /// Reads every pulse of the conversation once.
    /// </summary>
    public static Task<PulseRecord?> LatestClosedOrdinaryAsync(
        IPulseStore pulses, string channelId, string conversationId, string? exceptPulseId, DateTimeOffset? openedBefore, CancellationToken cancellationToken) =>
        LatestClosedAsync(
            pulses,
            channelId,
            conversationId,
            pulse => !pulse.IsDeepening && pulse.PulseId != exceptPulseId && (openedBefore is null || pulse.OpenedAt < openedBefore),
            cancellationToken);

    /// <summary>
    /// The most recently opened closed pulse of the conversation that <paramref name="where"/> keeps (asked of closed
    /// pulses only), reading every pulse of the conversation.
    /// </summary>
    public static async Task<PulseRecord?> LatestClosedAsync(
        IPulseStore pulses, string channelId, string conversationId, Func<PulseRecord, bool> where, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pulses);
        ArgumentNullException.ThrowIfNull(where);
        PulseRecord? found = null;
        await foreach (var pulse in pulses.ListAsync(channelId, conversationId, cancellationToken).ConfigureAwait(false))
        {
            if (!pulse.IsOpen && (found is null || pulse.OpenedAt > found.OpenedAt) && where(pulse))
            {
                found = pulse;
            }
        }

        return found;
    }
}
