using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Dialogs.Roadmap;

namespace ConcertationBot.Bot.Roadmap;

/// <summary>
/// <see cref="IRoadmapStore"/> on the <c>Roadmaps</c> table, one partition per scope: a <c>head</c> row (vision and a
/// version), one <c>item|{id}</c> row per item (at most <see cref="RoadmapSteps.MaxItems"/>; ids are time-ordered, so
/// the row order is the order added) and one <c>history|{inverted version}|{n}</c> row per change, newest first. A write
/// is one entity-group transaction: the head replaced If-Match the ETag read (every write, even one that only touches an
/// item, so two writes of one feuille de route never both commit from the same read), the changed item rows and the new
/// history rows. A conflict (412, or 409 when two create the head) reads again and re-applies the operation.
/// </summary>
public sealed class RoadmapStore : IRoadmapStore
{
    public const string TableName = "Roadmaps";

    /// <summary>Tries of a write that keeps meeting concurrent writes of the same feuille de route.</summary>
    public const int MaxAttempts = 8;

    private const string HeadRowKey = "head";
    private const string ItemPrefix = "item|";
    private const string HistoryPrefix = "history|";

    private readonly CreatedTable _table;

    public RoadmapStore(TableServiceClient service)
        : this(service, string.Empty)
    {
    }

    /// <summary>The table named <paramref name="tablePrefix"/> + <see cref="TableName"/> (tests use a fresh prefix).</summary>
    internal RoadmapStore(TableServiceClient service, string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = new CreatedTable(service.GetTableClient(tablePrefix + TableName));
    }

    /// <summary>The partition of a scope's feuille de route.</summary>
    public static string Partition(CoordinatorScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return BotStateKey.Compose("roadmap", scope.ChannelId, scope.ScopeId);
    }

    public async Task<RoadmapPlan> GetAsync(CoordinatorScope scope, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(table, Partition(scope), cancellationToken).ConfigureAwait(false)).Plan;
    }

    public async Task<RoadmapWrite> ApplyAsync(CoordinatorScope scope, RoadmapOperation operation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var partition = Partition(scope);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var read = await ReadAsync(table, partition, cancellationToken).ConfigureAwait(false);
            var step = RoadmapSteps.Apply(read.Plan, operation, now);
            if (!step.Applied)
            {
                return new RoadmapWrite(read.Plan, step.Problem);
            }

            try
            {
                await table.SubmitTransactionAsync(Actions(partition, read, step), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Someone wrote this feuille de route since it was read: nothing of this try was stored; read again.
                continue;
            }

            return new RoadmapWrite(step.Plan, RoadmapProblem.None);
        }
    }

    public async Task<IReadOnlyList<RoadmapHistoryEntry>> ListHistoryAsync(CoordinatorScope scope, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(scope)} and RowKey ge {HistoryPrefix} and RowKey lt {"history}"}");
        var entries = new List<RoadmapHistoryEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: take, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new RoadmapHistoryEntry(
                Enum.Parse<RoadmapChangeKind>(Required(row, "Kind")),
                row.GetString("ItemId"),
                row.GetDateTimeOffset("At") ?? throw Missing(row, "At"),
                Required(row, "By")));
            if (entries.Count == take)
            {
                break;
            }
        }

        return entries;
    }

    private static List<TableTransactionAction> Actions(string partition, Stored read, RoadmapStep step)
    {
        var head = new TableEntity(partition, HeadRowKey) { ["Version"] = read.Version + 1 };
        if (step.Plan.Vision is { } vision)
        {
            head["Vision"] = vision;
        }

        List<TableTransactionAction> actions = [read.HeadETag is { } etag
            ? new(TableTransactionActionType.UpdateReplace, head, etag)
            : new(TableTransactionActionType.Add, head)];
        var before = read.Plan.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var item in step.Plan.Items)
        {
            if (!before.Remove(item.Id, out var old) || old != item)
            {
                actions.Add(new(TableTransactionActionType.UpsertReplace, ToEntity(partition, item)));
            }
        }

        actions.AddRange(before.Keys.Select(id => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, ItemPrefix + id), ETag.All)));
        actions.AddRange(step.History.Select((entry, n) => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(partition, entry, read.Version + 1, n))));
        return actions;
    }

    private static async Task<Stored> ReadAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and (RowKey eq {HeadRowKey} or (RowKey ge {ItemPrefix} and RowKey lt {"item}"}))");
        TableEntity? head = null;
        var items = new List<RoadmapItem>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == HeadRowKey)
            {
                head = row;
            }
            else
            {
                items.Add(FromEntity(row));
            }
        }

        return new Stored(new RoadmapPlan(head?.GetString("Vision"), items), head?.GetInt32("Version") ?? 0, head?.ETag);
    }

    private static TableEntity ToEntity(string partition, RoadmapItem item)
    {
        var entity = new TableEntity(partition, ItemPrefix + item.Id)
        {
            [nameof(RoadmapItem.Text)] = item.Text,
            [nameof(RoadmapItem.Horizon)] = item.Horizon.ToString(),
            [nameof(RoadmapItem.Status)] = item.Status.ToString(),
            [nameof(RoadmapItem.LastChanged)] = item.LastChanged,
            [nameof(RoadmapItem.Source)] = item.Source,
        };
        if (item.Indicator is { } indicator)
        {
            entity[nameof(RoadmapItem.Indicator)] = indicator;
        }

        if (item.Carriers is { } carriers)
        {
            entity[nameof(RoadmapItem.Carriers)] = carriers;
        }

        return entity;
    }

    private static RoadmapItem FromEntity(TableEntity row) => new()
    {
        Id = row.RowKey[ItemPrefix.Length..],
        Text = Required(row, nameof(RoadmapItem.Text)),
        Horizon = Enum.Parse<RoadmapHorizon>(Required(row, nameof(RoadmapItem.Horizon))),
        Status = Enum.Parse<RoadmapStatus>(Required(row, nameof(RoadmapItem.Status))),
        Indicator = row.GetString(nameof(RoadmapItem.Indicator)),
        Carriers = row.GetString(nameof(RoadmapItem.Carriers)),
        LastChanged = row.GetDateTimeOffset(nameof(RoadmapItem.LastChanged)) ?? throw Missing(row, nameof(RoadmapItem.LastChanged)),
        Source = Required(row, nameof(RoadmapItem.Source)),
    };

    /// <summary>
    /// A history row: newest first by the inverted version the write gives the head (unique, as the head is written
    /// If-Match), then by the line's place in its write, last first.
    /// </summary>
    private static TableEntity ToEntity(string partition, RoadmapHistoryEntry entry, int version, int n) =>
        new(partition, string.Create(CultureInfo.InvariantCulture, $"{HistoryPrefix}{int.MaxValue - version:D10}|{9 - n}"))
        {
            ["Kind"] = entry.Kind.ToString(),
            ["ItemId"] = entry.ItemId,
            ["At"] = entry.At,
            ["By"] = entry.By,
        };

    private static string Required(TableEntity entity, string name) =>
        entity.GetString(name) ?? throw Missing(entity, name);

    private static InvalidOperationException Missing(TableEntity entity, string name) =>
        new($"Roadmap row {entity.RowKey} has no {name}.");

    private sealed record Stored(RoadmapPlan Plan, int Version, ETag? HeadETag);
}
