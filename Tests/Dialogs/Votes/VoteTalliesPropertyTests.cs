namespace ConcertationBot.Tests.Dialogs.Votes;

/// <summary>
/// Random ballot sets (seeded, so a failure replays) against the counting invariants. Written without FsCheck: it does
/// not restore here without an FSharp.Core pin.
/// </summary>
public sealed class VoteTalliesPropertyTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 500)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compute_RandomBallots_ScoresSumValidBallotsAndRanksConsistent(int seed)
    {
        // Arrange
        var random = new Random(seed);
        var vote = RandomVote(random);
        var ballots = Enumerable.Range(0, random.Next(0, 40)).Select(_ => RandomBallot(random, vote)).ToList();
        var valid = ballots.Where(b => VoteBallots.IsValid(vote, b)).ToList();

        // Act
        var tally = VoteTallies.Compute(vote, ballots);

        // Assert: sums.
        Assert.Equal(valid.Count, tally.Participation);
        Assert.Equal(valid.Sum(b => b.Points.Sum()), tally.InVoteOrder.Sum(s => s.Score));
        for (var i = 0; i < vote.Options.Count; i++)
        {
            Assert.Equal(i, tally.InVoteOrder[i].Index);
            Assert.Equal(vote.Options[i], tally.InVoteOrder[i].Option);
            Assert.Equal(valid.Sum(b => b.Points[i]), tally.InVoteOrder[i].Score);
        }

        // Assert: ranks are 1 + the number of strictly better options; ties are shared scores; order is score then index.
        Assert.Equal(tally.InVoteOrder.OrderByDescending(s => s.Score).ThenBy(s => s.Index), tally.Ranked);
        foreach (var option in tally.InVoteOrder)
        {
            Assert.Equal(1 + tally.InVoteOrder.Count(o => o.Score > option.Score), option.Rank);
            Assert.Equal(tally.InVoteOrder.Count(o => o.Score == option.Score) > 1, option.Tied);
        }

        Assert.Equal(1, tally.Ranked[0].Rank);
        Assert.All(tally.Ranked.Zip(tally.Ranked.Skip(1)), pair =>
            Assert.True(pair.First.Score == pair.Second.Score ? pair.First.Rank == pair.Second.Rank : pair.First.Rank < pair.Second.Rank));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ReadEncodeDecode_RandomForm_ValidBallotRoundTripsAndCounts(int seed)
    {
        // Arrange: a random form as a client could send it.
        var random = new Random(seed);
        var vote = RandomVote(random);
        var data = new System.Text.Json.Nodes.JsonObject();
        var pool = new[] { "", "0", "1", "2", "3", "-1", "1.5", "x", "7", "12" };
        for (var i = 0; i < vote.Options.Count + 1; i++)
        {
            data[VoteInputIds.Points(i)] = pool[random.Next(pool.Length)];
        }

        data[VoteInputIds.Choice] = pool[random.Next(pool.Length)];
        data[VoteInputIds.Choices] = string.Join(',', Enumerable.Range(0, random.Next(0, 4)).Select(_ => pool[random.Next(pool.Length)]));

        // Act
        var reading = VoteBallots.Read(vote, data);

        // Assert
        Assert.Equal(reading.Problem == VoteBallotProblem.None, reading.Ballot is not null);
        if (reading.Ballot is { } ballot)
        {
            Assert.True(VoteBallots.IsValid(vote, ballot));
            Assert.True(VoteBallots.TryDecode(VoteBallots.Encode(ballot), vote.Options.Count, out var decoded));
            Assert.Equal(ballot.Points, decoded.Points);
            Assert.Equal(1, VoteTallies.Compute(vote, [decoded]).Participation);
        }

        Assert.True(reading.Typed is null || reading.Typed.Count == vote.Options.Count);
    }

    [Fact]
    public void RandomBallot_AcrossSeeds_MixOfValidAndInvalid()
    {
        // Arrange
        var valid = 0;
        var invalid = 0;

        // Act
        foreach (var seed in Enumerable.Range(1, 500))
        {
            var random = new Random(seed);
            var vote = RandomVote(random);
            for (var i = 0; i < 20; i++)
            {
                _ = VoteBallots.IsValid(vote, RandomBallot(random, vote)) ? valid++ : invalid++;
            }
        }

        // Assert: the property above is not vacuous either way.
        Assert.InRange(valid, 3000, 9000);
        Assert.InRange(invalid, 1000, 7000);
    }

    private static VoteDefinition RandomVote(Random random)
    {
        var count = random.Next(VoteCommands.MinOptions, VoteCommands.MaxOptions + 1);
        var mode = (VoteMode)random.Next(3);
        var limit = mode switch
        {
            VoteMode.Single => 1,
            VoteMode.TopN => random.Next(1, count),
            _ => random.Next(1, 10),
        };
        return new VoteDefinition("Q", [.. Enumerable.Range(0, count).Select(i => $"O{i}")], new VoteRules(mode, limit, random.Next(2) == 0));
    }

    // Mostly well-formed ballots, some over the limit, negative, or of the wrong length.
    private static VoteBallot RandomBallot(Random random, VoteDefinition vote)
    {
        var count = random.Next(10) == 0 ? vote.Options.Count + random.Next(-1, 2) : vote.Options.Count;
        var points = new int[Math.Max(count, 0)];
        var give = random.Next(0, vote.Rules.Limit + 2);
        for (var g = 0; g < give && points.Length > 0; g++)
        {
            var at = random.Next(points.Length);
            points[at] = vote.Rules.Mode == VoteMode.Points ? points[at] + 1 : 1;
        }

        if (points.Length > 0 && random.Next(20) == 0)
        {
            points[random.Next(points.Length)] = -1;
        }

        return new VoteBallot(points);
    }
}
