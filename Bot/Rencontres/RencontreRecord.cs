using Azure;

namespace ConcertationBot.Bot.Rencontres;

/// <summary>One rencontre (a meeting of the table) of one conversation, as stored.</summary>
public sealed record RencontreRecord
{
    /// <summary>A time-ordered id: 32 lowercase hex characters.</summary>
    public required string RencontreId { get; init; }
    public required string ChannelId { get; init; }

    /// <summary>The conversation id without the thread's <c>;messageid=…</c> suffix.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The day the table meets (a calendar date, no time zone).</summary>
    public required DateOnly Date { get; init; }

    /// <summary>The thématique (user text, one line).</summary>
    public required string Theme { get; init; }

    /// <summary>The intention (user text), once a coordinator set it.</summary>
    public string? Intention { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public required string OpenedByUserId { get; init; }
    public ETag ETag { get; init; }

    public static string NewId() => Guid.CreateVersion7().ToString("N");
}

/// <summary>A rencontre just opened, and the one it replaced as current (null when there was none).</summary>
public sealed record RencontreOpening(RencontreRecord Opened, RencontreRecord? Replaced);
