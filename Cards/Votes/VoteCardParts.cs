using System.Globalization;
using System.Text.Json.Nodes;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;

namespace ConcertationBot.Cards.Votes;

/// <summary>Pieces the vote cards share: action data, refresh, the rules in words, counts with their plurals, text bars.</summary>
public static partial class VoteCardParts
{
    /// <summary>Cells of a full bar.</summary>
    public const int BarWidth = 10;

    private const char FullCell = '█';
    private const char EmptyCell = '░';

    /// <summary><c>{voteId}</c>: the data of <see cref="CardVerbs.VoteOpen"/> and <see cref="CardVerbs.VoteCast"/>.</summary>
    public static JsonObject Data(string voteId) => new() { [CardDataFields.VoteId] = voteId };

    /// <summary><c>{voteId, option}</c>: the data of <see cref="CardVerbs.VoteChoose"/> (the option's index, never its text).</summary>
    public static JsonObject ChoiceData(string voteId, int optionIndex) =>
        new() { [CardDataFields.VoteId] = voteId, [CardDataFields.Option] = optionIndex };

    /// <summary>Refresh into each user's own view (<see cref="CardVerbs.VoteOpen"/>) for at most <see cref="CardRefresh.MaxUserIds"/> users; null for none.</summary>
    public static CardRefresh? OpenRefresh(Language language, string voteId, IReadOnlyList<string> userIds) =>
        userIds.Count == 0
            ? null
            : new CardRefresh
            {
                Action = new ExecuteAction { Title = RefreshTitle.For(language), Verb = CardVerbs.VoteOpen, Data = Data(voteId) },
                UserIds = [.. userIds.Take(CardRefresh.MaxUserIds)],
            };

    /// <summary>"Un choix", "Jusqu'à 3 choix", "5 points à répartir", then "Résultats cachés jusqu'à la clôture" when so.</summary>
    public static string Rules(Language language, VoteCardRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var mode = rules.Mode switch
        {
            VoteCardMode.Single => OneChoice.For(language),
            VoteCardMode.TopN when rules.Limit == 1 => UpToOneChoice.For(language),
            VoteCardMode.TopN => UpToChoices.Format(language, Number(rules.Limit)),
            VoteCardMode.Points when rules.Limit == 1 => OnePointToGive.For(language),
            VoteCardMode.Points => PointsToSpread.Format(language, Number(rules.Limit)),
            _ => throw new ArgumentOutOfRangeException(nameof(rules), rules.Mode, "Unknown vote mode."),
        };
        var text = rules.HiddenResults ? mode + " · " + HiddenUntilClose.For(language) : mode;
        return rules.PublicResults ? text + " · " + PublicResults.For(language) : text;
    }

    /// <summary>
    /// The small-group rule on a vote card whose tallies are withheld under <paramref name="minimumBallots"/> ballots:
    /// "Les résultats s'afficheront à partir de 3 votes" while open, "Pas assez de votes pour publier le détail : il en
    /// faut au moins 3." once closed.
    /// </summary>
    public static string Withheld(Language language, int minimumBallots, bool isClosed) =>
        isClosed ? NotEnoughVotes.Format(language, Number(minimumBallots))
        : minimumBallots <= 1 ? ResultsFromFirstVote.For(language)
        : ResultsFromVotes.Format(language, Number(minimumBallots));

    /// <summary>
    /// What the percentages of a top-N vote are ("% des votant·es ; chacun pouvait choisir jusqu'à 2 options"), since
    /// they add up to more than 100 %; null for the other modes, whose shares add up.
    /// </summary>
    public static string? SharesNote(Language language, VoteCardRules rules, bool isClosed)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Mode == VoteCardMode.TopN && rules.Limit > 1
            ? (isClosed ? SharesOfVotersClosed : SharesOfVotersOpen).Format(language, Number(rules.Limit))
            : null;
    }

    /// <summary>"Aucun vote pour l'instant" (or "Aucun vote" once closed), "1 vote", "12 votes".</summary>
    public static string Participation(Language language, int ballots, bool isClosed) => ballots switch
    {
        <= 0 => (isClosed ? NoVote : NoVoteYet).For(language),
        1 => OneVote.For(language),
        _ => Votes.Format(language, Number(ballots)),
    };

    /// <summary>"0 point", "1 point", "7 points"; "0 points", "1 point", "7 points".</summary>
    public static string Points(Language language, int points)
    {
        var singular = language == Language.English ? points == 1 : points is 0 or 1;
        return (singular ? Point : PointsWord).Format(language, Number(points));
    }

    /// <summary>"40 %" (French, with a no-break space) or "40%".</summary>
    public static string Percent(Language language, int count, int total)
    {
        var percent = total <= 0 ? 0 : (int)Math.Round(100.0 * count / total, MidpointRounding.AwayFromZero);
        return Number(percent) + (language == Language.English ? "%" : FrenchTypography.NoBreakSpace + "%");
    }

    /// <summary>"██████░░░░": the share of <paramref name="total"/>, at least one cell for any non-zero count.</summary>
    public static string Bar(int count, int total)
    {
        var filled = total <= 0 ? 0 : (int)Math.Round((double)BarWidth * count / total, MidpointRounding.AwayFromZero);
        if (count > 0 && total > 0 && filled == 0)
        {
            filled = 1;
        }

        filled = Math.Clamp(filled, 0, BarWidth);
        return new string(FullCell, filled) + new string(EmptyCell, BarWidth - filled);
    }

    /// <summary>Small subtle line above a card's heading ("Vote de priorités").</summary>
    internal static TextBlock Kicker(string text) =>
        new() { Text = text, Size = TextSize.Small, IsSubtle = true, Weight = TextWeight.Bolder };

    /// <summary>A localized sentence in an attention box (a notice or a problem), written as given.</summary>
    internal static Container Attention(string text) => new()
    {
        Style = ContainerStyle.Attention,
        Spacing = CardSpacing.Medium,
        Items = [new TextBlock { Text = text, Color = TextColor.Attention, Weight = TextWeight.Bolder }],
    };

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
