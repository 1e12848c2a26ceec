using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Roadmap;
using ConcertationBot.Dialogs.Roadmap;

namespace ConcertationBot.Tests.Bot.Roadmap;

/// <summary>What the feuille de route conversation tests read: the team's scope, its stored plan and rows, a card's text.</summary>
internal static class RoadmapFlows
{
    public static CoordinatorScope Scope(ConversationTestBed bed) => new("msteams", bed.TeamId);

    public static Task<RoadmapPlan> PlanAsync(ConversationTestBed bed) =>
        bed.Factory.Services.GetRequiredService<IRoadmapStore>().GetAsync(Scope(bed), CancellationToken.None);

    public static Task<List<TableEntity>> RowsAsync(string connectionString, ConversationTestBed bed) =>
        PulseFlows.RowsAsync(connectionString, RoadmapStore.TableName, RoadmapStore.Partition(Scope(bed)));

    /// <summary>The card's text with Teams' non-breaking spaces as plain ones.</summary>
    public static string Text(JsonObject card) => TestActivities.CardText(card).Replace('\u00A0', ' ').Replace('\u202F', ' ');
}
