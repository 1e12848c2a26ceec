using ConcertationBot.Bot.Kernel;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Bot.Votes;

/// <summary>One vote in one conversation, as stored.</summary>
public sealed record VoteRecord : ConversationItemRecord
{
    public required string VoteId { get; init; }

    /// <summary>The question (user text).</summary>
    public required string Question { get; init; }

    /// <summary>2–12 options (user text), in the vote's order; ballots refer to them by index.</summary>
    public required IReadOnlyList<string> Options { get; init; }

    public required VoteRules Rules { get; init; }

    /// <summary>The pulse whose leviers were put to the vote (<c>vote leviers</c>); null for a typed vote.</summary>
    public string? SourcePulseId { get; init; }

    /// <summary>The final result, recorded by the close: the number of ballots…</summary>
    public int? FinalParticipation { get; init; }

    /// <summary>…and each option's score in the vote's order; null until the result is recorded.</summary>
    public IReadOnlyList<int>? FinalScores { get; init; }

    /// <summary>When the result card was posted (null: not yet).</summary>
    public DateTimeOffset? ResultPostedAt { get; init; }

    /// <summary>True from the close until the result is recorded: an unfinished close that any instance (or <c>vote clore</c>) finishes.</summary>
    public bool ResultPending { get; init; }

    /// <summary>
    /// True from the recorded result until Teams accepted the posted card's turn into that result. The update is sent by
    /// the instance that closed the vote; if it stopped first (or Teams refused for longer than it kept trying), any
    /// instance's sweep sends it again, so a closed vote's card never stays open.
    /// </summary>
    public bool FinalCardPending { get; init; }

    /// <summary>A new, time-ordered vote id: 32 lowercase hex characters.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");
}

/// <summary>One stored ballot: the voter's keyed hash (never a name or an id), the encoded points and the day it was last cast (UTC midnight).</summary>
public sealed record VoteBallotRow(string VoterKey, string Points, DateTimeOffset CastOn);
