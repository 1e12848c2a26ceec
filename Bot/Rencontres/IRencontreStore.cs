using ConcertationBot.Bot.Kernel;

namespace ConcertationBot.Bot.Rencontres;

/// <summary>
/// The rencontres of each conversation: every one opened there is kept, and one of them is current (the last opened).
/// Pulses and votes read the current one through <see cref="ICurrentRencontre"/>.
/// </summary>
public interface IRencontreStore : ICurrentRencontre
{
    /// <summary>The conversation's current rencontre (thread suffix ignored), or null.</summary>
    Task<RencontreRecord?> GetCurrentAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// One rencontre of the conversation (thread suffix ignored), current or not, by its id (a pulse's or a vote's
    /// <c>RencontreId</c>); null when there is none by that id there.
    /// </summary>
    Task<RencontreRecord?> GetAsync(string channelId, string conversationId, string rencontreId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="rencontre"/> and makes it the conversation's current one, atomically and conditionally on
    /// the current pointer read just before (a concurrent opening makes this one read again and retry, so the last to
    /// commit is current and neither is lost). Returns it as stored and the rencontre it replaced.
    /// </summary>
    Task<RencontreOpening> OpenAsync(RencontreRecord rencontre, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the intention of the conversation's current rencontre, conditionally on both the rencontre row and the
    /// current pointer as read (so it never lands on a rencontre replaced in the meantime). Null when none is current.
    /// </summary>
    Task<RencontreRecord?> SetIntentionAsync(string channelId, string conversationId, string intention, CancellationToken cancellationToken);

    /// <summary>The rencontre of the conversation opened last before <paramref name="openedBefore"/>; null when there is none.</summary>
    Task<RencontreRecord?> GetPreviousAsync(string channelId, string conversationId, DateTimeOffset openedBefore, CancellationToken cancellationToken);
}
