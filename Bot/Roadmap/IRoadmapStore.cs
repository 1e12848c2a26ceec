using ConcertationBot.Bot.Coordination;
using ConcertationBot.Dialogs.Roadmap;

namespace ConcertationBot.Bot.Roadmap;

/// <summary>What a write did: the feuille de route as it now stands, and why nothing changed when <see cref="Problem"/> is set.</summary>
public sealed record RoadmapWrite(RoadmapPlan Plan, RoadmapProblem Problem)
{
    public bool Applied => Problem == RoadmapProblem.None;
}

/// <summary>
/// The feuille de route of each scope (<see cref="CoordinatorScope"/>: the team, else the conversation). Every write is
/// an operation of <see cref="RoadmapSteps"/> applied to what is stored and written conditionally on what was read: a
/// concurrent write makes it read again and apply the operation again, so no edit is lost, and an operation that no
/// longer applies (its item was removed) changes nothing and says so.
/// </summary>
public interface IRoadmapStore
{
    /// <summary>The scope's feuille de route; <see cref="RoadmapPlan.Empty"/> when nothing was ever written.</summary>
    Task<RoadmapPlan> GetAsync(CoordinatorScope scope, CancellationToken cancellationToken);

    Task<RoadmapWrite> ApplyAsync(CoordinatorScope scope, RoadmapOperation operation, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="take"/> history lines, newest first (a page of the history rows).</summary>
    Task<IReadOnlyList<RoadmapHistoryEntry>> ListHistoryAsync(CoordinatorScope scope, int take, CancellationToken cancellationToken);
}
