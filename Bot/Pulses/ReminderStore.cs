using Azure;
using Azure.Data.Tables;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Pulses;

/// <summary>Where a 1:1 conversation with a person was opened, so proactive messages can reuse it.</summary>
public sealed record PersonalConversation(string ServiceUrl, string ConversationId, string? TenantId);

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

    private static string Partition(string channelId) => BotStateKey.Compose("personal", channelId);
}
