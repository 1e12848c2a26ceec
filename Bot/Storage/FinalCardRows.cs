using Azure;
using Azure.Data.Tables;

namespace ConcertationBot.Bot.Storage;

/// <summary>
/// The flag a closed item's row (a pulse, a vote) carries from its close until Teams accepted the posted card's turn
/// into its final form, the sweep's query for it, and its clearing: shared by the stores so the rule stays one.
/// </summary>
public static class FinalCardRows
{
    /// <summary>The column: true while the final card is still to be seen accepted.</summary>
    public const string Pending = "FinalCardPending";

    /// <summary>Rows still pending whose <paramref name="timeColumn"/> (a close or a result time) lies between the bounds.</summary>
    public static string PendingFilter(string timeColumn, DateTimeOffset before, DateTimeOffset after)
    {
        ArgumentException.ThrowIfNullOrEmpty(timeColumn);
        return $"{Pending} eq true and {timeColumn} lt {TableClient.CreateQueryFilter($"{before}")} and {timeColumn} gt {TableClient.CreateQueryFilter($"{after}")}";
    }

    /// <summary>Clears the flag (a merge of that one column); a row deleted meanwhile (deletion command) is left alone.</summary>
    public static async Task MarkSentAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(partitionKey, rowKey) { [Pending] = false }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Deleted meanwhile: nothing left to mark.
        }
    }
}
