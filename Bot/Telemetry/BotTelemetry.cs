using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ConcertationBot.Bot.Telemetry;

/// <summary>
/// The bot's own spans and metrics, both named <see cref="Name"/>. Tags carry routes, verbs, outcomes and counts only:
/// never a name, a text a person typed, or a Teams or Entra id (docs/deploy.md, "Telemetry").
/// </summary>
public static class BotTelemetry
{
    public const string Name = "ConcertationBot";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Tag keys of the bot's spans and metrics.</summary>
    public static class Tags
    {
        public const string ActivityType = "concertation.activity_type";
        public const string Route = "concertation.route";
        public const string Outcome = "concertation.outcome";
        public const string InvokeStatus = "concertation.invoke_status";
    }

    /// <summary>Turns handled, by activity type, route and outcome (ok, unavailable, error).</summary>
    public static readonly Counter<long> Turns = Count("concertation.turns", "{turn}", "Turns handled, by activity type, route and outcome.");

    /// <summary>How long a turn took, from authentication to the answer written; invokes are what a clicking person waits for.</summary>
    public static readonly Histogram<double> TurnDuration =
        Meter.CreateHistogram<double>("concertation.turn.duration", "s", "Time to handle a turn, by activity type, route and outcome.");

    public static readonly Counter<long> BallotsStored = Count("concertation.ballots.stored", "{ballot}", "Ballots written to storage.");

    public static readonly Counter<long> AnswersStored = Count("concertation.answers.stored", "{answer}", "Pulse answers written to storage.");

    /// <summary>Live-card updates, by outcome: sent (a PUT Teams accepted), coalesced (folded into a later one), throttled (429).</summary>
    public static readonly Counter<long> LiveCardUpdates = Count("concertation.livecard.updates", "{update}", "Live-card updates: sent, coalesced or throttled.");

    public static readonly Counter<long> RemindersSent = Count("concertation.reminders.sent", "{reminder}", "Private pulse reminders sent.");

    /// <summary>Counts one live-card update with its outcome.</summary>
    public static void LiveCardUpdate(string outcome) => LiveCardUpdates.Add(1, new KeyValuePair<string, object?>(Tags.Outcome, outcome));

    private static Counter<long> Count(string name, string unit, string description) => Meter.CreateCounter<long>(name, unit, description);
}
