using System.Globalization;
using System.Text.Json.Nodes;
using ConcertationBot.Cards;
using ConcertationBot.Cards.Votes;

namespace ConcertationBot.Load;

/// <summary>One simulated ballot: the points per option (the stored encoding) and the card inputs that cast it.</summary>
public sealed record SimulatedBallot(IReadOnlyList<int> Points)
{
    /// <summary>As the bot stores it: points per option, comma-separated ("0,2,1,0").</summary>
    public string Encoded => string.Join(',', Points.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The <c>vote.cast</c> data a Teams client sends: the action's voteId merged with the form's inputs.</summary>
    public JsonObject Data(string voteId, BallotMode mode)
    {
        var data = new JsonObject { [CardDataFields.VoteId] = voteId };
        switch (mode)
        {
            case BallotMode.Single or BallotMode.Form:
                data[VoteInputIds.Choice] = Chosen().Single().ToString(CultureInfo.InvariantCulture);
                break;
            case BallotMode.Click:
                // A click on the option's button of the shared card: vote.choose with the option's index.
                data[CardDataFields.Option] = Chosen().Single();
                break;
            case BallotMode.Top:
                data[VoteInputIds.Choices] = string.Join(',', Chosen().Select(i => i.ToString(CultureInfo.InvariantCulture)));
                break;
            default:
                for (var i = 0; i < Points.Count; i++)
                {
                    data[VoteInputIds.Points(i)] = Points[i].ToString(CultureInfo.InvariantCulture);
                }

                break;
        }

        return data;
    }

    private IEnumerable<int> Chosen() => Enumerable.Range(0, Points.Count).Where(i => Points[i] > 0);
}

/// <summary>The vote a run opens, and random valid ballots for it.</summary>
public sealed record BallotRules(BallotMode Mode, int Limit, IReadOnlyList<string> Options)
{
    public const string Question = "Nos priorités";

    public static readonly IReadOnlyList<string> DefaultOptions = ["Logement", "Mobilité", "Emploi des jeunes", "Culture"];

    public static BallotRules For(BallotMode mode) => mode switch
    {
        _ when IsSingleChoice(mode) => new BallotRules(mode, 1, DefaultOptions),
        BallotMode.Top => new BallotRules(mode, 2, DefaultOptions),
        _ => new BallotRules(mode, 3, DefaultOptions),
    };

    /// <summary>The modes that open a single-choice vote; they differ only in how a ballot is cast (form, click, or both clicks).</summary>
    public static bool IsSingleChoice(BallotMode mode) => mode is BallotMode.Single or BallotMode.Click or BallotMode.Form;

    /// <summary>The coordinator's message that opens the vote.</summary>
    public string OpenCommand
    {
        get
        {
            var setting = Mode switch
            {
                _ when IsSingleChoice(Mode) => string.Empty,
                BallotMode.Top => "top " + Limit.ToString(CultureInfo.InvariantCulture) + " ",
                _ => "points " + Limit.ToString(CultureInfo.InvariantCulture) + " ",
            };
            return $"vote {setting}{Question} : {string.Join(" ; ", Options)}";
        }
    }

    public SimulatedBallot Random(Random random)
    {
        var points = new int[Options.Count];
        switch (Mode)
        {
            case var single when IsSingleChoice(single):
                points[random.Next(points.Length)] = 1;
                break;
            case BallotMode.Top:
                var count = random.Next(1, Limit + 1);
                foreach (var index in Enumerable.Range(0, points.Length).OrderBy(_ => random.Next()).Take(count))
                {
                    points[index] = 1;
                }

                break;
            default:
                var total = random.Next(1, Limit + 1);
                for (var i = 0; i < total; i++)
                {
                    points[random.Next(points.Length)]++;
                }

                break;
        }

        return new SimulatedBallot(points);
    }

    /// <summary>A random ballot that differs from <paramref name="previous"/>.</summary>
    public SimulatedBallot Other(Random random, SimulatedBallot previous)
    {
        while (true)
        {
            var next = Random(random);
            if (next.Encoded != previous.Encoded)
            {
                return next;
            }
        }
    }
}
