using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>Which load run: the bot's votes, the raw Table upserts, both against one Azurite, a help-card round trip, or the faults.</summary>
public enum LoadScenario
{
    Votes,
    Upsert,
    Compare,
    Smoke,
    Faults,
    Answers,
    Participation,
    BigTable,
    ColdStart,
}

/// <summary>
/// The vote mode a <c>votes</c> run opens: <c>single</c> (the ballot form), <c>click</c> (the same single-choice vote,
/// each ballot one click on an option's button of the shared card, <c>vote.choose</c>), <c>form</c> (the same
/// single-choice vote, each ballot the two clicks it took before one-click voting: the card's ballot button,
/// <c>vote.open</c>, then the form's <c>vote.cast</c>), <c>top</c> (top-2) or <c>points</c> (3 points).
/// </summary>
public enum BallotMode
{
    Single,
    Top,
    Points,
    Click,
    Form,
}

/// <summary>Command-line settings of one run.</summary>
public sealed record LoadSettings
{
    public const int ShortVoters = 60;
    public const int ShortCount = 500;
    public const int ShortConcurrency = 20;
    public static readonly TimeSpan ShortBurst = TimeSpan.FromSeconds(16);

    public required LoadScenario Scenario { get; init; }
    public int Voters { get; init; } = 300;
    public int Count { get; init; } = 3000;
    public int Concurrency { get; init; } = 50;
    public double Revote { get; init; } = 0.33;
    public BallotMode Mode { get; init; } = BallotMode.Points;
    public int Seed { get; init; } = 20261122;
    public bool Short { get; init; }

    /// <summary>An existing Table endpoint; null starts a private in-memory Azurite.</summary>
    public string? Storage { get; init; }

    public string BallotsTable { get; init; } = Bot.Votes.VoteStore.BallotsTable;

    /// <summary>The bot's published assembly; null means <c>Bot/bin/Release/net10.0/ConcertationBot.Bot.dll</c> under the repository.</summary>
    public string? BotAssembly { get; init; }

    /// <summary>How long a fault's vote burst lasts (the fault hits its middle).</summary>
    public TimeSpan Burst { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The log name and configuration of the run's bot (a fault run's first instance has its own).</summary>
    public BotInstanceSettings BotInstance { get; init; } = BotInstanceSettings.Default;

    /// <summary>The faults to run (<c>--only</c>); null runs them all.</summary>
    public IReadOnlySet<string>? Faults { get; init; }

    /// <summary>The whole run is cancelled after this long.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);

    public const string Usage = """
        usage: load <votes|upsert|compare|smoke|faults|answers|participation|bigtable|coldstart> [options]
          --voters N         distinct voters (votes, compare; default 300)
          --respondents N    scenario 'answers': N people answer a pulse (default 300; --short at most 40)
                             scenario 'participation': N members besides the coordinator, half of whom answered (--short at most 60)
                             scenario 'bigtable': N members besides the coordinator, all of whom answer with 500 characters per text field (--short at most 60)
          --count N          raw upserts (upsert, compare; default 3000)
          --concurrency N    requests in flight (default 50)
          --revote F         fraction of voters who vote again with another ballot (default 0.33)
          --mode M           single | click | form | top | points (default points; click: one click on an option of the
                             card; form: the ballot button, then the form's send: two invokes per ballot)
          --seed N           seed of the ballots (default 20261122)
          --burst SECONDS    faults: length of each fault's vote burst (default 30)
          --only LIST        faults: comma-separated subset of outage-stopped, outage-frozen, connector-503, duplicates, bot-killed,
                             close-handover, stale-card, redelivery, close-killed,
                             vote-close-killed, reminders-killed, deadline-killed
          --short            CI size: at most 60 voters, 500 upserts, concurrency 20, 16 s bursts, 5 minutes
          --storage CS       use this storage connection string instead of a private in-memory Azurite
          --ballots-table T  the bot's ballot table (default VoteBallots)
          --bot-dll PATH     the bot assembly to run (default Bot/bin/Release/net10.0/ConcertationBot.Bot.dll)
          --timeout SECONDS  cancel the whole run after this long (default 900)
        """;

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> with a readable message when they are wrong.</summary>
    public static LoadSettings Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new ArgumentException("missing scenario");
        }

        var scenario = args[0] switch
        {
            "votes" => LoadScenario.Votes,
            "upsert" => LoadScenario.Upsert,
            "compare" => LoadScenario.Compare,
            "smoke" => LoadScenario.Smoke,
            "faults" => LoadScenario.Faults,
            "answers" => LoadScenario.Answers,
            "participation" => LoadScenario.Participation,
            "coldstart" => LoadScenario.ColdStart,
            "bigtable" => LoadScenario.BigTable,
            _ => throw new ArgumentException($"unknown scenario '{args[0]}'"),
        };
        var settings = new LoadSettings { Scenario = scenario };
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--short")
            {
                settings = settings with { Short = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value");
            }

            var value = args[++i];
            settings = name switch
            {
                "--voters" => settings with { Voters = Positive(name, value) },
                "--respondents" => settings with { Voters = Positive(name, value) },
                "--count" => settings with { Count = Positive(name, value) },
                "--concurrency" => settings with { Concurrency = Positive(name, value) },
                "--revote" => settings with { Revote = Fraction(name, value) },
                "--mode" => settings with { Mode = ModeOf(value) },
                "--seed" => settings with { Seed = int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture) },
                "--storage" => settings with { Storage = value },
                "--ballots-table" => settings with { BallotsTable = value },
                "--bot-dll" => settings with { BotAssembly = value },
                "--timeout" => settings with { Timeout = TimeSpan.FromSeconds(Positive(name, value)) },
                "--burst" => settings with { Burst = TimeSpan.FromSeconds(Positive(name, value)) },
                "--only" => settings with { Faults = FaultsOf(value) },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        return settings.Short
            ? settings with
            {
                Voters = Math.Min(settings.Voters, ShortVoters),
                Count = Math.Min(settings.Count, ShortCount),
                Concurrency = Math.Min(settings.Concurrency, ShortConcurrency),
                Burst = TimeSpan.FromTicks(Math.Min(settings.Burst.Ticks, ShortBurst.Ticks)),
                Timeout = TimeSpan.FromTicks(Math.Min(settings.Timeout.Ticks, TimeSpan.FromMinutes(5).Ticks)),
            }
            : settings;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'");

    private static double Fraction(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f is >= 0 and <= 1
            ? f
            : throw new ArgumentException($"{name} must be between 0 and 1, not '{value}'");

    private static HashSet<string> FaultsOf(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Where(n => !FaultScenario.Names.Contains(n)).ToList();
        return unknown.Count == 0 && names.Count > 0
            ? names
            : throw new ArgumentException($"--only takes {string.Join(", ", FaultScenario.Names)}, not '{value}'");
    }

    private static BallotMode ModeOf(string value) => value switch
    {
        "single" => BallotMode.Single,
        "click" => BallotMode.Click,
        "form" => BallotMode.Form,
        "top" => BallotMode.Top,
        "points" => BallotMode.Points,
        _ => throw new ArgumentException($"--mode must be single, click, form, top or points, not '{value}'"),
    };
}
