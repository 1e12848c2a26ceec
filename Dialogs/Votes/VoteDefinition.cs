using ConcertationBot.Cards.Votes;

namespace ConcertationBot.Dialogs.Votes;

/// <summary>What is voted on: the question, 2–12 options (user text, in the order given) and the rules.</summary>
public sealed record VoteDefinition(string Question, IReadOnlyList<string> Options, VoteRules Rules);

/// <summary>One voter's ballot: points per option, in the vote's order (1 or 0 in single choice and top-N).</summary>
public sealed record VoteBallot(IReadOnlyList<int> Points);

/// <summary>The count of a vote: how many ballots, and every option's score, rank and tie.</summary>
public sealed record VoteTally(int Participation, IReadOnlyList<VoteOptionScore> InVoteOrder, IReadOnlyList<VoteOptionScore> Ranked);

/// <summary>An option's <paramref name="Index"/> in the vote, text, score, rank (1 = first; tied options share it) and whether it is tied.</summary>
public sealed record VoteOptionScore(int Index, string Option, int Score, int Rank, bool Tied);
