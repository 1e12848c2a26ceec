using Azure;
using Azure.Data.Tables;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Pulses;

/// <summary>Where a 1:1 conversation with a person was opened, so proactive messages can reuse it.</summary>
public sealed record PersonalConversation(string ServiceUrl, string ConversationId, string? TenantId);

/// <summary>A reminder run in progress: how far it is (no one's identity), until when its instance holds it.</summary>
public sealed record ReminderRun(int Done, int Total, DateTimeOffset LeaseUntil, string? ProgressActivityId = null);

/// <summary>
/// Reminders already sent (at most one per person per pulse per 24 h) and the conversation references of the
/// 1:1 chats the bot opened for them.
/// </summary>
public interface IReminderStore
{
    /// <summary>
    /// Claims the right to remind <paramref name="userId"/> about <paramref name="pulseId"/> now: false when they were
    /// reminded less than <paramref name="minimumGap"/> ago, or when another instance claimed it at the same moment.
    /// </summary>
    Task<bool> TryClaimReminderAsync(string pulseId, string userId, DateTimeOffset now, TimeSpan minimumGap, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back a claim whose reminder could not be sent (Teams kept failing, or the bot stopped): the person is not
    /// counted as reminded, so the next <c>pulse rappel</c> reminds them. Only the claim made at <paramref name="claimedAt"/>
    /// is removed; a newer claim (another run) is left alone.
    /// </summary>
    Task ReleaseReminderAsync(string pulseId, string userId, DateTimeOffset claimedAt, CancellationToken cancellationToken);

    /// <summary>When each member in <paramref name="userIds"/> was last reminded about <paramref name="pulseId"/> (absent: never).</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> ReadRemindedAtAsync(string pulseId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>
    /// Starts the one reminder run of <paramref name="pulseId"/> (across instances): false, with the run in progress,
    /// when another run holds an unexpired lease. The lease is renewed with <see cref="ReportRunProgressAsync"/>.
    /// </summary>
    Task<(bool Started, ReminderRun? Running)> TryStartRunAsync(string pulseId, int total, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Records a run's progress (and where its progress card is) and extends its lease.</summary>
    Task ReportRunProgressAsync(string pulseId, ReminderRun progress, CancellationToken cancellationToken);

    /// <summary>Ends the run: the next <c>pulse rappel</c> may start another at once.</summary>
    Task EndRunAsync(string pulseId, CancellationToken cancellationToken);

    Task<PersonalConversation?> GetPersonalConversationAsync(string channelId, string userId, CancellationToken cancellationToken);

    Task SavePersonalConversationAsync(string channelId, string userId, PersonalConversation conversation, CancellationToken cancellationToken);

    /// <summary>Deletes the record of who was reminded about <paramref name="pulseId"/> (deletion command, retention).</summary>
    Task DeleteRemindersAsync(string pulseId, CancellationToken cancellationToken);
}

/// <summary><see cref="IReminderStore"/> on the tables <c>PulseReminders</c> and <c>ConversationReferences</c>.</summary>
public sealed class ReminderStore : IReminderStore
{
    public const string RemindersTable = "PulseReminders";
    public const string ReferencesTable = "ConversationReferences";

    private const string LastSentAt = nameof(LastSentAt);

    /// <summary>
    /// The row of a pulse's running reminder run. Member rows are <c>BotStateKey.Compose(userId)</c>, which escapes every
    /// '|' in a single part, so no member's key can start with one.
    /// </summary>
    private const string RunRowKey = "|run";

    private readonly CreatedTable _reminders;
    private readonly CreatedTable _references;

    public ReminderStore(TableServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _reminders = new CreatedTable(service.GetTableClient(RemindersTable));
        _references = new CreatedTable(service.GetTableClient(ReferencesTable));
    }

    public async Task<bool> TryClaimReminderAsync(string pulseId, string userId, DateTimeOffset now, TimeSpan minimumGap, CancellationToken cancellationToken)
    {
        TableKeys.ThrowIfInvalid(pulseId, nameof(pulseId));
        var table = await _reminders.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(pulseId, BotStateKey.Compose(userId)) { [LastSentAt] = now };
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            if (!existing.HasValue)
            {
                await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return true;
            }

            if (existing.Value!.GetDateTimeOffset(LastSentAt) is { } last && now - last < minimumGap)
            {
                return false;
            }

            await table.UpdateEntityAsync(entity, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task ReleaseReminderAsync(string pulseId, string userId, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        TableKeys.ThrowIfInvalid(pulseId, nameof(pulseId));
        var table = await _reminders.GetAsync(cancellationToken).ConfigureAwait(false);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(pulseId, BotStateKey.Compose(userId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue || existing.Value!.GetDateTimeOffset(LastSentAt) != claimedAt)
        {
            return;
        }

        try
        {
            await table.DeleteEntityAsync(pulseId, existing.Value.RowKey, existing.Value.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Claimed again (or given back) meanwhile: that claim is not ours.
        }
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ReadRemindedAtAsync(string pulseId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        TableKeys.ThrowIfInvalid(pulseId, nameof(pulseId));
        ArgumentNullException.ThrowIfNull(userIds);
        var byRowKey = userIds.Distinct(StringComparer.Ordinal).ToDictionary(id => BotStateKey.Compose(id), StringComparer.Ordinal);
        var table = await _reminders.GetAsync(cancellationToken).ConfigureAwait(false);
        var found = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pulseId}"), select: ["RowKey", LastSentAt], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (byRowKey.TryGetValue(entity.RowKey, out var userId) && entity.GetDateTimeOffset(LastSentAt) is { } last)
            {
                found[userId] = last;
            }
        }

        return found;
    }

    public async Task<(bool Started, ReminderRun? Running)> TryStartRunAsync(string pulseId, int total, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        TableKeys.ThrowIfInvalid(pulseId, nameof(pulseId));
        var table = await _reminders.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = RunEntity(pulseId, new ReminderRun(0, total, now + lease));
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(pulseId, RunRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            if (!existing.HasValue)
            {
                await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return (true, null);
            }

            var running = RunOf(existing.Value!);
            if (running.LeaseUntil > now)
            {
                return (false, running);
            }

            await table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return (true, null);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another instance started one at the same moment.
            var other = await table.GetEntityIfExistsAsync<TableEntity>(pulseId, RunRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (false, other.HasValue ? RunOf(other.Value!) : null);
        }
    }

    public async Task ReportRunProgressAsync(string pulseId, ReminderRun progress, CancellationToken cancellationToken)
    {
        TableKeys.ThrowIfInvalid(pulseId, nameof(pulseId));
        ArgumentNullException.ThrowIfNull(progress);
        var table = await _reminders.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(RunEntity(pulseId, progress), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task EndRunAsync(string pulseId, CancellationToken cancellationToken)
    {
        TableKeys.ThrowIfInvalid(pulseId, nameof(pulseId));
        var table = await _reminders.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(pulseId, RunRowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already ended (or the pulse's reminder rows were deleted).
        }
    }

    public async Task<PersonalConversation?> GetPersonalConversationAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        var table = await _references.GetAsync(cancellationToken).ConfigureAwait(false);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition(channelId), BotStateKey.Compose(userId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue
            && found.Value!.GetString(nameof(PersonalConversation.ServiceUrl)) is { Length: > 0 } serviceUrl
            && found.Value.GetString(nameof(PersonalConversation.ConversationId)) is { Length: > 0 } conversationId
            ? new PersonalConversation(serviceUrl, conversationId, found.Value.GetString(nameof(PersonalConversation.TenantId)))
            : null;
    }

    public async Task SavePersonalConversationAsync(string channelId, string userId, PersonalConversation conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var table = await _references.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition(channelId), BotStateKey.Compose(userId))
        {
            [nameof(PersonalConversation.ServiceUrl)] = conversation.ServiceUrl,
            [nameof(PersonalConversation.ConversationId)] = conversation.ConversationId,
        };
        if (conversation.TenantId is { Length: > 0 } tenantId)
        {
            entity[nameof(PersonalConversation.TenantId)] = tenantId;
        }

        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteRemindersAsync(string pulseId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pulseId);
        var table = await _reminders.GetAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pulseId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(entity.RowKey);
        }

        foreach (var key in keys)
        {
            await table.DeleteEntityAsync(pulseId, key, ETag.All, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TableEntity RunEntity(string pulseId, ReminderRun run)
    {
        var entity = new TableEntity(pulseId, RunRowKey)
        {
            [nameof(ReminderRun.Done)] = run.Done,
            [nameof(ReminderRun.Total)] = run.Total,
            [nameof(ReminderRun.LeaseUntil)] = run.LeaseUntil,
        };
        if (run.ProgressActivityId is { Length: > 0 } activityId)
        {
            entity[nameof(ReminderRun.ProgressActivityId)] = activityId;
        }

        return entity;
    }

    private static ReminderRun RunOf(TableEntity entity) => new(
        entity.GetInt32(nameof(ReminderRun.Done)) ?? 0,
        entity.GetInt32(nameof(ReminderRun.Total)) ?? 0,
        entity.GetDateTimeOffset(nameof(ReminderRun.LeaseUntil)) ?? DateTimeOffset.MinValue,
        entity.GetString(nameof(ReminderRun.ProgressActivityId)));

    private static string Partition(string channelId) => BotStateKey.Compose("personal", channelId);
}
