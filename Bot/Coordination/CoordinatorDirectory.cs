using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Coordination;

/// <summary>Where a coordinator grant applies: the team for a channel, the conversation for a group or 1:1 chat.</summary>
public sealed record CoordinatorScope(string ChannelId, string ScopeId)
{
    /// <summary>The team id from <c>channelData.team.id</c> when present, else the conversation id without thread suffix.</summary>
    public static CoordinatorScope From(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channelId = activity.ChannelId is { Length: > 0 } channel
            ? channel
            : throw new ArgumentException("The activity has no channelId.", nameof(activity));
        var teamId = TeamsChannelData.Team(activity)?.Id;
        if (teamId is not null)
        {
            return new CoordinatorScope(channelId, teamId);
        }

        var conversationId = activity.Conversation?.Id is { Length: > 0 } id
            ? id
            : throw new ArgumentException("The activity has no conversation id.", nameof(activity));
        return new CoordinatorScope(channelId, ConversationKeys.Normalize(conversationId));
    }
}

/// <summary>Whether someone may run coordinator commands here, whether that was just decided by bootstrap, and who can.</summary>
public sealed record CoordinatorCheck(bool IsCoordinator, bool WasBootstrapped, IReadOnlyList<string> CoordinatorNames);

public interface ICoordinatorDirectory
{
    /// <summary>
    /// Coordinator when the user's Entra object id is in <c>Concertation:Coordinators</c> (case-insensitive), or the user
    /// was granted the role in this scope (by user id or Entra object id). Bootstrap: when that list is empty and nobody
    /// holds the role in this scope yet, the caller becomes its coordinator (<see cref="CoordinatorCheck.WasBootstrapped"/>),
    /// atomically, so of racing callers exactly one wins. <see cref="CoordinatorCheck.CoordinatorNames"/> names the scope's
    /// granted coordinators.
    /// </summary>
    Task<CoordinatorCheck> CheckAsync(CoordinatorScope scope, ChannelAccount user, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the user already holds the role here (configured, or granted in this scope), without the bootstrap of
    /// <see cref="CheckAsync"/>: for what anyone may ask (showing a card), where nobody should become coordinator by asking.
    /// </summary>
    Task<bool> HoldsRoleAsync(CoordinatorScope scope, ChannelAccount user, CancellationToken cancellationToken);

    /// <summary>Grants the coordinator role in this scope; granting again changes nothing.</summary>
    Task GrantAsync(CoordinatorScope scope, ChannelAccount grantee, ChannelAccount grantedBy, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="ICoordinatorDirectory"/> on the <c>Coordinators</c> table: one partition per scope, a row per grant
/// (RK <c>grant|{user id}</c>) and, once the scope bootstrapped, a <c>bootstrap</c> marker row.
/// </summary>
public sealed class CoordinatorDirectory : ICoordinatorDirectory
{
    public const string TableName = "Coordinators";

    private const string BootstrapRowKey = "bootstrap";
    private const string GrantPrefix = "grant|";

    private readonly CreatedTable _table;
    private readonly IOptionsMonitor<ConcertationOptions> _options;
    private readonly TimeProvider _time;

    public CoordinatorDirectory(TableServiceClient service, IOptionsMonitor<ConcertationOptions> options, TimeProvider time)
        : this(service, options, time, TableName)
    {
    }

    internal CoordinatorDirectory(TableServiceClient service, IOptionsMonitor<ConcertationOptions> options, TimeProvider time, string tableName)
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = new CreatedTable(service.GetTableClient(tableName));
        _options = options;
        _time = time;
    }

    public async Task<CoordinatorCheck> CheckAsync(CoordinatorScope scope, ChannelAccount user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(user);
        var configured = _options.CurrentValue.Coordinators;
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ReadScopeAsync(table, scope, cancellationToken).ConfigureAwait(false);
        var grants = rows.Where(r => r.RowKey.StartsWith(GrantPrefix, StringComparison.Ordinal)).ToList();
        var names = Names(grants);

        if (IsConfigured(configured, user) || grants.Any(g => Matches(g, user)))
        {
            return new CoordinatorCheck(true, false, names);
        }

        if (configured.Length > 0 || rows.Count > 0)
        {
            return new CoordinatorCheck(false, false, names);
        }

        var now = _time.GetUtcNow();
        var marker = new TableEntity(Partition(scope), BootstrapRowKey)
        {
            ["UserId"] = GrantKeyId(user),
            ["At"] = now,
        };
        try
        {
            await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, marker),
                    new TableTransactionAction(TableTransactionActionType.Add, GrantEntity(scope, user, null, now)),
                ],
                cancellationToken).ConfigureAwait(false);
            return new CoordinatorCheck(true, true, NonEmpty(user.Name));
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var winners = (await ReadScopeAsync(table, scope, cancellationToken).ConfigureAwait(false))
                .Where(r => r.RowKey.StartsWith(GrantPrefix, StringComparison.Ordinal))
                .ToList();
            return new CoordinatorCheck(winners.Any(g => Matches(g, user)), false, Names(winners));
        }
    }

    public async Task<bool> HoldsRoleAsync(CoordinatorScope scope, ChannelAccount user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(user);
        if (IsConfigured(_options.CurrentValue.Coordinators, user))
        {
            return true;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ReadScopeAsync(table, scope, cancellationToken).ConfigureAwait(false);
        return rows.Any(r => r.RowKey.StartsWith(GrantPrefix, StringComparison.Ordinal) && Matches(r, user));
    }

    public async Task GrantAsync(CoordinatorScope scope, ChannelAccount grantee, ChannelAccount grantedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(grantee);
        ArgumentNullException.ThrowIfNull(grantedBy);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(GrantEntity(scope, grantee, grantedBy, at), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already granted: keep who granted it first, but learn the Entra object id or name if they were missing.
            var update = new TableEntity(Partition(scope), GrantRowKey(grantee));
            SetIfPresent(update, "AadObjectId", grantee.AadObjectId);
            SetIfPresent(update, "Name", grantee.Name);
            await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsConfigured(string[] configured, ChannelAccount user) =>
        !string.IsNullOrEmpty(user.AadObjectId) && configured.Contains(user.AadObjectId, StringComparer.OrdinalIgnoreCase);

    private static bool Matches(TableEntity grant, ChannelAccount user) =>
        (!string.IsNullOrEmpty(user.Id) && string.Equals(grant.GetString("UserId"), user.Id, StringComparison.Ordinal))
        || (!string.IsNullOrEmpty(user.AadObjectId) && string.Equals(grant.GetString("AadObjectId"), user.AadObjectId, StringComparison.OrdinalIgnoreCase));

    private static List<string> Names(IEnumerable<TableEntity> grants) =>
        [.. grants.Select(g => g.GetString("Name")).OfType<string>().Where(n => n.Trim().Length > 0).Distinct(StringComparer.Ordinal)];

    private static List<string> NonEmpty(string? name) => string.IsNullOrWhiteSpace(name) ? [] : [name];

    private static async Task<List<TableEntity>> ReadScopeAsync(TableClient table, CoordinatorScope scope, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(scope)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static string Partition(CoordinatorScope scope) => BotStateKey.Compose("scope", scope.ChannelId, scope.ScopeId);

    private static string GrantKeyId(ChannelAccount account) =>
        account.Id is { Length: > 0 } id ? id
        : account.AadObjectId is { Length: > 0 } aad ? aad
        : throw new ArgumentException("The account has neither a user id nor an Entra object id.", nameof(account));

    private static string GrantRowKey(ChannelAccount account) => GrantPrefix + BotStateKey.Compose(GrantKeyId(account));

    private static TableEntity GrantEntity(CoordinatorScope scope, ChannelAccount grantee, ChannelAccount? grantedBy, DateTimeOffset at)
    {
        var entity = new TableEntity(Partition(scope), GrantRowKey(grantee))
        {
            ["UserId"] = GrantKeyId(grantee),
            ["GrantedAt"] = at,
        };
        SetIfPresent(entity, "AadObjectId", grantee.AadObjectId);
        SetIfPresent(entity, "Name", grantee.Name);
        SetIfPresent(entity, "GrantedByUserId", grantedBy?.Id);
        SetIfPresent(entity, "GrantedByName", grantedBy?.Name);
        return entity;
    }

    private static void SetIfPresent(TableEntity entity, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            entity[name] = value;
        }
    }
}
