using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;

namespace ConcertationBot.Tests.Cards.Votes;

/// <summary>Realistic vote card models (accents, emoji, Markdown characters, long options); every call builds new ones.</summary>
internal static class VoteFixtures
{
    public const string VoteId = "v-2026-12-cdn";

    public const string UserId = "29:1a2b3c-user-nadia";

    /// <summary>User text with every Markdown special the cards must show as typed.</summary>
    public const string MarkdownText = "*Logement* _abordable_ [lien](https://exemple.org) <at>Karim</at> # ~x~ | `c` \\";

    public static string Question(Language language) => language == Language.English
        ? "Our priorities for 2027 at the *Côte-des-Neiges* table? 🏘️"
        : "Nos priorités pour 2027 à la table de *Côte-des-Neiges* ? 🏘️";

    public static IReadOnlyList<string> Options(Language language) => language == Language.English
        ?
        [
            MarkdownText,
            "Transport: safe crossings near schools (Jean-Brillant, Décarie) and a bus shuttle to the CLSC",
            "Youth jobs 😀",
            "Food security — community fridge",
        ]
        :
        [
            MarkdownText,
            "Mobilité : traverses sécuritaires près des écoles (Jean-Brillant, Décarie) et navette vers le CLSC",
            "Emploi des jeunes 😀",
            "Sécurité alimentaire — frigo communautaire",
        ];

    /// <summary>Twelve options of 100 characters each, the most a vote may have.</summary>
    public static IReadOnlyList<string> TwelveLong() =>
        [.. Enumerable.Range(1, 12).Select(i => $"{i:D2} *Élargir* l'accès [aux] <services> de proximité pour les familles nouvellement arrivées 😀 _fin_ ".PadRight(100, 'é')[..100])];

    public static IReadOnlyList<string> UserIds(int count) => [.. Enumerable.Range(1, count).Select(i => $"29:voter-{i:D3}")];

    public static VoteCardRules Rules(VoteCardMode mode, bool hidden = false) => mode switch
    {
        VoteCardMode.Single => new VoteCardRules(VoteCardMode.Single, 1, hidden),
        VoteCardMode.TopN => new VoteCardRules(VoteCardMode.TopN, 2, hidden),
        _ => new VoteCardRules(VoteCardMode.Points, 5, hidden),
    };

    /// <summary>Open card, options in the vote's order, scores fitting the mode (12 ballots; 60 points in dot voting).</summary>
    public static VoteCardModel Open(Language language, VoteCardMode mode = VoteCardMode.Single, bool hidden = false, int participation = 12, int refreshIds = 75, string? notice = null)
    {
        var options = Options(language);
        int[] scores = mode switch
        {
            VoteCardMode.Single => [5, 4, 3, 0],
            VoteCardMode.TopN => [9, 7, 7, 1],
            _ => [27, 18, 14, 1],
        };
        return new VoteCardModel
        {
            Language = language,
            VoteId = VoteId,
            Question = Question(language),
            Rules = Rules(mode, hidden),
            Participation = participation,
            Options = [.. options.Select((o, i) => new VoteOptionLine(o, participation == 0 ? 0 : scores[i], 0, false))],
            RefreshUserIds = UserIds(refreshIds),
            Notice = notice,
        };
    }

    /// <summary>Closed card: ranked best first, options 2 and 3 tied for second.</summary>
    public static VoteCardModel Closed(Language language, VoteCardMode mode = VoteCardMode.TopN, bool hidden = true) =>
        Open(language, mode, hidden) with
        {
            IsClosed = true,
            Options = mode switch
            {
                VoteCardMode.Single => Ranked(language, [5, 4, 4, 0]),
                VoteCardMode.TopN => Ranked(language, [9, 7, 7, 1]),
                _ => Ranked(language, [27, 14, 14, 5]),
            },
        };

    /// <summary>Closed single-choice card, results shown, every option at 0 and rank 1 (<paramref name="tied"/> or not).</summary>
    public static VoteCardModel ClosedAtZero(Language language, int participation, bool tied) =>
        Closed(language, VoteCardMode.Single, hidden: false) with
        {
            Participation = participation,
            Options = [.. Options(language).Select(o => new VoteOptionLine(o, 0, 1, tied))],
        };

    /// <summary>A voter's own view of the open card, with their ballot.</summary>
    public static VoteCardModel OwnView(Language language, VoteCardMode mode = VoteCardMode.Points, bool hidden = false)
    {
        var options = Options(language);
        IReadOnlyList<VoteBallotLine> lines = mode switch
        {
            VoteCardMode.Single => [new(options[1], 1)],
            VoteCardMode.TopN => [new(options[0], 1), new(options[2], 1)],
            _ => [new(options[0], 4), new(options[3], 1)],
        };
        int[] chosen = mode switch
        {
            VoteCardMode.Single => [1],
            VoteCardMode.TopN => [0, 2],
            _ => [0, 3],
        };
        return Open(language, mode, hidden) with { YourBallot = new VoteBallotView { UserId = UserId, Lines = lines, Chosen = chosen } };
    }

    public static VoteBallotCardModel Ballot(Language language, VoteCardMode mode = VoteCardMode.Single, IReadOnlyList<int>? current = null, bool hasVoted = false, string? notice = null, bool hidden = false) => new()
    {
        Language = language,
        VoteId = VoteId,
        Question = Question(language),
        Rules = Rules(mode, hidden),
        Options = Options(language),
        Current = current,
        UserId = UserId,
        Notice = notice,
        HasVoted = hasVoted,
    };

    private static List<VoteOptionLine> Ranked(Language language, int[] scores)
    {
        var options = Options(language);
        return [.. options.Select((o, i) => new VoteOptionLine(
            o,
            scores[i],
            1 + scores.Count(s => s > scores[i]),
            scores.Count(s => s == scores[i]) > 1))];
    }
}
