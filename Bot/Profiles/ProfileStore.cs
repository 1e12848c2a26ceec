using Azure;
using Azure.Data.Tables;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Profiles;

/// <summary>
/// <see cref="IProfileStore"/> on the <c>Profiles</c> table: one partition per scope (<see cref="ProfileScope.Partition"/>),
/// one row per person, its row key the person's profile key (a keyed hash: no id or name is stored), holding the two
/// codes only. Writes are conditional on the ETag read just before; a conflict reads again and retries.
/// </summary>
public sealed class ProfileStore : IProfileStore
{
    public const string TableName = "Profiles";

    /// <summary>Tries of a write that keeps meeting a concurrent write of the same person's profile.</summary>
    private const int MaxAttempts = 5;

    private readonly CreatedTable _table;

    public ProfileStore(TableServiceClient service)
        : this(service, string.Empty)
    {
    }

    /// <summary>The table named <paramref name="tablePrefix"/> + <see cref="TableName"/> (tests use a fresh prefix).</summary>
    internal ProfileStore(TableServiceClient service, string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = new CreatedTable(service.GetTableClient(tablePrefix + TableName));
    }

    public async Task<ProfileRecord?> GetAsync(ProfileScope scope, string profileKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(table, scope.Partition, profileKey, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyDictionary<string, string>> ListCategoriesAsync(ProfileScope scope, CancellationToken cancellationToken) =>
        ListColumnAsync(scope, nameof(ProfileRecord.Category), cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ListRolesAsync(ProfileScope scope, CancellationToken cancellationToken) =>
        ListColumnAsync(scope, nameof(ProfileRecord.Role), cancellationToken);

    /// <summary>Profile key → one column's value over the scope's partition (one query reading the key and that column); empty values left out.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ListColumnAsync(ProfileScope scope, string column, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {scope.Partition}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: [nameof(TableEntity.RowKey), column], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey is { Length: > 0 } && entity.GetString(column) is { Length: > 0 } value)
            {
                values[entity.RowKey] = value;
            }
        }

        return values;
    }

    public async Task<ProfileRecord> SaveAsync(ProfileScope scope, string profileKey, ProfileRecord profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(profile);
        TableKeys.ThrowIfInvalid(profileKey, nameof(profileKey));
        var partition = scope.Partition;
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync(table, partition, profileKey, cancellationToken).ConfigureAwait(false);
            var entity = ToEntity(partition, profileKey, profile);
            try
            {
                var response = current is null
                    ? await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                    : await table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return profile with { ETag = response.Headers.ETag ?? default };
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                // Someone else wrote or deleted this profile since it was read (the same person on two devices): read again.
            }
        }
    }

    public async Task<bool> DeleteAsync(ProfileScope scope, string profileKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var partition = scope.Partition;
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            if (await ReadAsync(table, partition, profileKey, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return false;
            }

            try
            {
                await table.DeleteEntityAsync(partition, profileKey, current.ETag, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412 && attempt < MaxAttempts)
            {
                // Changed or deleted in between: read again (a profile deleted meanwhile reads as none).
            }
        }
    }

    private static async Task<ProfileRecord?> ReadAsync(TableClient table, string partition, string profileKey, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(profileKey) || profileKey.Length == 0)
        {
            return null;
        }

        var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, profileKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    private static TableEntity ToEntity(string partition, string profileKey, ProfileRecord profile)
    {
        var entity = new TableEntity(partition, profileKey) { [nameof(ProfileRecord.Category)] = profile.Category };
        if (profile.Role is { Length: > 0 } role)
        {
            entity[nameof(ProfileRecord.Role)] = role;
        }

        return entity;
    }

    private static ProfileRecord FromEntity(TableEntity entity) => new()
    {
        Category = entity.GetString(nameof(ProfileRecord.Category)) ?? throw new InvalidOperationException($"Profile row {entity.RowKey} has no category."),
        Role = entity.GetString(nameof(ProfileRecord.Role)),
        ETag = entity.ETag,
    };
}
