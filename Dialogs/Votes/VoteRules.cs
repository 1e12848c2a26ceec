using ConcertationBot.Cards.Votes;

namespace ConcertationBot.Dialogs.Votes;

/// <summary>How a ballot is cast.</summary>
public enum VoteMode
{
    /// <summary>One option.</summary>
    Single,

    /// <summary>Up to <see cref="VoteRules.Limit"/> options, one vote each (multi-select).</summary>
    TopN,

    /// <summary>Dot voting: whole points spread over the options, at most <see cref="VoteRules.Limit"/> in all.</summary>
    Points,
}

/// <summary>
/// The rules of one vote. <see cref="Limit"/>: 1 for <see cref="VoteMode.Single"/>, N for top-N, the point budget for
/// dot voting. <see cref="HiddenResults"/>: only participation is shown until the close. <see cref="PublicResults"/>:
/// the coordinator opened the vote with <c>résultats publics</c>, so the tallies show even under k ballots (the
/// small-group rule otherwise withholds them); votes stored before this setting existed read as false.
/// </summary>
public sealed record VoteRules(VoteMode Mode, int Limit, bool HiddenResults, bool PublicResults = false)
{
    /// <summary>What the vote cards show of the rules.</summary>
    public VoteCardRules ForCard() => new(
        Mode switch
        {
            VoteMode.Single => VoteCardMode.Single,
            VoteMode.TopN => VoteCardMode.TopN,
            VoteMode.Points => VoteCardMode.Points,
            _ => throw new InvalidOperationException($"Unknown vote mode {Mode}."),
        },
        Limit,
        HiddenResults,
        PublicResults);
}
