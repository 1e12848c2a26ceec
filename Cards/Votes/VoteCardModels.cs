using System.Globalization;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Votes;

/// <summary>How a ballot is cast, as the vote cards show it (the vote's own rules live in <c>Dialogs/Votes</c>).</summary>
public enum VoteCardMode
{
    /// <summary>One option.</summary>
    Single,

    /// <summary>Up to <see cref="VoteCardRules.Limit"/> options, one vote each (multi-select).</summary>
    TopN,

    /// <summary>Dot voting: whole points spread over the options, at most <see cref="VoteCardRules.Limit"/> in all.</summary>
    Points,
}

/// <summary>
/// The rules of one vote as its cards show them. <see cref="Limit"/>: 1 for <see cref="VoteCardMode.Single"/>, N for
/// top-N, the point budget for dot voting. <see cref="HiddenResults"/>: only participation is shown until the close.
/// <see cref="PublicResults"/>: tallies show from the first ballot (opened with <c>résultats publics</c>).
/// </summary>
public sealed record VoteCardRules(VoteCardMode Mode, int Limit, bool HiddenResults, bool PublicResults = false);

/// <summary>Ids of the ballot form's inputs: their values arrive merged into the <see cref="CardVerbs.VoteCast"/> data.</summary>
public static class VoteInputIds
{
    /// <summary>Single choice: the chosen option's index ("0".."11").</summary>
    public const string Choice = "choice";

    /// <summary>Top-N: the chosen options' indexes, comma-separated ("0,3,5"), as Input.ChoiceSet multi-select sends them.</summary>
    public const string Choices = "choices";

    /// <summary>Dot voting: one number input per option, named <c>points0</c>…<c>points11</c>.</summary>
    public const string PointsPrefix = "points";

    public static string Points(int optionIndex) => PointsPrefix + optionIndex.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The vote card: the shared card in the channel (live bars), the closed card (final ranking), or — when
/// <see cref="YourBallot"/> is set — one voter's own view of it, confirming their ballot.
/// </summary>
public sealed record VoteCardModel
{
    public required Language Language { get; init; }

    public required string VoteId { get; init; }

    /// <summary>The question (user text: shown inertly).</summary>
    public required string Question { get; init; }

    public required VoteCardRules Rules { get; init; }

    /// <summary>How many people have voted (ballots).</summary>
    public required int Participation { get; init; }

    /// <summary>Open: every option in the vote's order. Closed: ranked best first, ties sharing a rank.</summary>
    public required IReadOnlyList<VoteOptionLine> Options { get; init; }

    /// <summary>
    /// Closed: the final ranking, the scores shown even when they were hidden, no button. Open single-choice votes get
    /// one button per option (<see cref="CardVerbs.VoteChoose"/>, data = the option's position in <see cref="Options"/>).
    /// </summary>
    public bool IsClosed { get; init; }

    /// <summary>
    /// Set when the small-group rule withholds the tallies: fewer ballots than this (k) were cast, so the card shows
    /// participation only ("Les résultats s'afficheront à partir de 3 votes" while open, "pas assez de votes pour
    /// publier le détail" once closed) and the options in the vote's order, without scores or ranks. Null: tallies shown.
    /// </summary>
    public int? WithheldBelow { get; init; }

    /// <summary>Users whose client refreshes the card into their own view (the builder keeps at most 60; none → no refresh).</summary>
    public IReadOnlyList<string> RefreshUserIds { get; init; } = [];

    /// <summary>An optional line above the card (e.g. "A vote is already open here"), already localized.</summary>
    public string? Notice { get; init; }

    /// <summary>Set on one voter's own view: their ballot, confirmed, with "Modifier mon vote". Null on the shared card.</summary>
    public VoteBallotView? YourBallot { get; init; }
}

/// <summary>One option's line: its text (user data), score (ballots or points, per the mode), rank (1 = first) and whether it shares the rank.</summary>
public sealed record VoteOptionLine(string Option, int Score, int Rank, bool Tied);

/// <summary>A voter's own ballot, as confirmed to them: the options they gave something to, in the vote's order.</summary>
public sealed record VoteBallotView
{
    /// <summary>The voter's channel user id (29:…): their view's refresh lists only them.</summary>
    public required string UserId { get; init; }

    public required IReadOnlyList<VoteBallotLine> Lines { get; init; }

    /// <summary>The indexes (in the vote's order) of the options the ballot gives something to: their buttons are marked.</summary>
    public IReadOnlyList<int> Chosen { get; init; } = [];
}

/// <summary>An option the voter chose, and the points they gave it (1 in single choice and top-N).</summary>
public sealed record VoteBallotLine(string Option, int Points);

/// <summary>One voter's ballot form, pre-filled with their current ballot (or what they typed when it was refused).</summary>
public sealed record VoteBallotCardModel
{
    public required Language Language { get; init; }

    public required string VoteId { get; init; }

    public required string Question { get; init; }

    public required VoteCardRules Rules { get; init; }

    /// <summary>The options in the vote's order (user data); input values refer to them by index.</summary>
    public required IReadOnlyList<string> Options { get; init; }

    /// <summary>Points per option to pre-fill (same length as <see cref="Options"/>), or null for an empty form.</summary>
    public IReadOnlyList<int>? Current { get; init; }

    /// <summary>The voter's channel user id: the form's refresh lists only them.</summary>
    public required string UserId { get; init; }

    /// <summary>A polite validation message above the inputs (already localized), e.g. "5 points au plus"; null when none.</summary>
    public string? Notice { get; init; }

    /// <summary>True when the voter already has a ballot (the button reads "Modifier mon vote" / "Change my vote").</summary>
    public bool HasVoted { get; init; }
}

/// <summary>The answer to a <c>vote</c> command the bot could not read: what was wrong, and the syntax with examples.</summary>
public sealed record VoteHelpCardModel
{
    public required Language Language { get; init; }

    /// <summary>What was wrong, already localized (e.g. "Il faut entre 2 et 12 options."); null for plain help.</summary>
    public string? Problem { get; init; }

    /// <summary>k: from how many ballots a vote's tallies show without <c>résultats publics</c>.</summary>
    public int MinimumBallots { get; init; } = 3;
}

/// <summary>What the short notice of a closed vote says (the results themselves are on the updated vote card).</summary>
public sealed record VoteClosedNoticeModel
{
    public required Language Language { get; init; }

    /// <summary>The question (user text: shown inertly).</summary>
    public required string Question { get; init; }

    /// <summary>How many ballots were counted.</summary>
    public required int Participation { get; init; }

    /// <summary>The option(s) ranked first (user text), or null when the small-group rule withholds them or nobody voted.</summary>
    public IReadOnlyList<string>? Leaders { get; init; }
}
