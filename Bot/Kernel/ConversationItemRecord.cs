using Azure;

namespace ConcertationBot.Bot.Kernel;

/// <summary>
/// What every item opened in a conversation stores alike (a pulse, a vote): where it lives, who opened it and when, its
/// posted card, its close and the purge of its per-person rows.
/// </summary>
public abstract record ConversationItemRecord
{
    public required string ChannelId { get; init; }

    /// <summary>The conversation id without the thread's <c>;messageid=…</c> suffix.</summary>
    public required string ConversationId { get; init; }
    public required string ServiceUrl { get; init; }
    public string? TenantId { get; init; }
    public string? TeamId { get; init; }
    public required string ConversationType { get; init; }

    /// <summary><c>fr</c> or <c>en</c>: the language of the shared card.</summary>
    public required string Language { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public required string OpenedByUserId { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The id of the card posted in the conversation, once posted.</summary>
    public string? CardActivityId { get; init; }

    /// <summary>The rencontre that was current in the conversation when the item opened (see <see cref="ICurrentRencontre"/>); null when none was.</summary>
    public string? RencontreId { get; init; }

    /// <summary>When its per-person rows (answers or ballots, dialog states, claims) were deleted; what it concluded stays.</summary>
    public DateTimeOffset? PurgedAt { get; init; }

    public ETag ETag { get; init; }

    public bool IsOpen => ClosedAt is null;
}
