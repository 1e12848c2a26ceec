using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Pulses;

/// <summary>Where a 1:1 conversation with a person was opened, so proactive messages can reuse it.</summary>
public sealed record PersonalConversation(string ServiceUrl, string ConversationId, string? TenantId);

/// <summary>
/// A reminder run in progress: how far it is (no one's identity), until when its instance holds it, and (once the
/// coordinator's progress card is posted) what another instance needs to finish it when that instance dies.
/// </summary>
public sealed record ReminderRun(int Done, int Total, DateTimeOffset LeaseUntil, string? ProgressActivityId = null, ReminderRunWork? Work = null);

/// <summary>
/// What resuming a run needs, and nothing about members: which pulse (found again by its conversation), where the
/// progress card is and in which words it speaks (<c>"fr"</c>, <c>"en"</c>), the bot's own id (to open 1:1 chats), the place the reminder names
/// (team, channel, link to the pulse card: the pulse record already stores the team's name) and when the run started
/// (claims since then are the run's own). Never who answered, was reminded, or any person's name or id.
/// </summary>
public sealed record ReminderRunWork(
    string ChannelId,
    string PulseConversationId,
    string ProgressConversationId,
    string LanguageCode,
    string? TimeZone,
    string BotId,
    DateTimeOffset StartedAt,
    string? TableName,
    string? ChannelName,
    Uri? PulseLink);

/// <summary>A run whose lease ended without <see cref="IReminderStore.EndRunAsync"/>: its instance died (or is stuck).</summary>
/// <param name="Version">The row's version (ETag): the take-over only succeeds on this exact row.</param>
public sealed record StaleReminderRun(string PulseId, ReminderRun Run, string Version);

/// <summary>Where a member's reminder stands: claimed before the send, then sent, or refused for good by Teams.</summary>
public enum ReminderState
{
    /// <summary>Claimed, the send not confirmed: the run died between the claim and the mark (see docs/reliability.md).</summary>
    Claimed,
    Sent,
    Refused,
}

/// <summary>When a member was last claimed for a reminder about a pulse, and what became of it.</summary>
public sealed record ReminderMark(DateTimeOffset At, ReminderState State);

/// <summary>
/// Reminders already sent (at most one per person per pulse per 24 h) and the conversation references of the
/// 1:1 chats the bot opened for them.
/// </summary>
public interface IReminderStore
{
    /// <summary>
    /// Claims the right to remind <paramref name="userId"/> about <paramref name="pulseId"/> now (first phase: the row says
    /// <see cref="ReminderState.Claimed"/>): false when they were reminded (sent or refused) less than
    /// <paramref name="minimumGap"/> ago, or when another instance claimed it at the same moment. A claim left
    /// <see cref="ReminderState.Claimed"/> is taken again: only the run holding the pulse's run lease claims, so such a
    /// claim belongs to a run that died before it could confirm the send.
    /// </summary>
    Task<bool> TryClaimReminderAsync(string pulseId, string userId, DateTimeOffset now, TimeSpan minimumGap, CancellationToken cancellationToken);

    /// <summary>
    /// Second phase: the claim made at <paramref name="claimedAt"/> becomes <see cref="ReminderState.Sent"/> (or
    /// <see cref="ReminderState.Refused"/> when Teams refused for good). A newer claim (another run) is left alone.
    /// </summary>
    Task SettleReminderAsync(string pulseId, string userId, DateTimeOffset claimedAt, ReminderState state, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back a claim whose reminder could not be sent (Teams kept failing, or the bot stopped): the person is not
    /// counted as reminded, so the next <c>pulse rappel</c> reminds them. Only the claim made at <paramref name="claimedAt"/>
    /// is removed; a newer claim (another run) is left alone.
    /// </summary>
    Task ReleaseReminderAsync(string pulseId, string userId, DateTimeOffset claimedAt, CancellationToken cancellationToken);

    /// <summary>When each member in <paramref name="userIds"/> was last claimed for a reminder about <paramref name="pulseId"/>, and what became of it (absent: never).</summary>
    Task<IReadOnlyDictionary<string, ReminderMark>> ReadRemindedAtAsync(string pulseId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>
    /// Starts the one reminder run of <paramref name="pulseId"/> (across instances): false, with the run in progress,
    /// when another run holds an unexpired lease. The lease is renewed with <see cref="ReportRunProgressAsync"/>.
    /// </summary>
    Task<(bool Started, ReminderRun? Running)> TryStartRunAsync(string pulseId, int total, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Records a run's progress (and where its progress card is) and extends its lease.</summary>
    Task ReportRunProgressAsync(string pulseId, ReminderRun progress, CancellationToken cancellationToken);

    /// <summary>Ends the run: the next <c>pulse rappel</c> may start another at once.</summary>
    Task EndRunAsync(string pulseId, CancellationToken cancellationToken);

    /// <summary>The runs (of every pulse) whose lease ended before <paramref name="now"/> and that nobody ended.</summary>
    IAsyncEnumerable<StaleReminderRun> ListStaleRunsAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Takes over a stale run (its row unchanged since it was listed) with a new lease until <paramref name="leaseUntil"/>:
    /// false when another instance took it (or ended it) first.
    /// </summary>
    Task<bool> TryTakeOverRunAsync(StaleReminderRun stale, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

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
    /// The phase of a member's row: absent or <c>"sent"</c> (rows written before the two phases were all settled),
    /// <c>"claimed"</c>, <c>"refused"</c>.
    /// </summary>
    private const string State = nameof(State);

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
        var entity = new TableEntity(pulseId, BotStateKey.Compose(userId)) { [LastSentAt] = now, [State] = StateCode(ReminderState.Claimed) };
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            if (!existing.HasValue)
            {
                await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return true;
            }

            if (MarkOf(existing.Value!) is { State: not ReminderState.Claimed } last && now - last.At < minimumGap)
            {
                return false;
            }

            await table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
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

    public async Task SettleReminderAsync(string pulseId, string userId, DateTimeOffset claimedAt, ReminderState state, CancellationToken cancellationToken)
    {
        TableKeys.ThrowIfInvalid(pulseId, nameof(pulseId));
        var table = await _reminders.GetAsync(cancellationToken).ConfigureAwait(false);
        var rowKey = BotStateKey.Compose(userId);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(pulseId, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue || existing.Value!.GetDateTimeOffset(LastSentAt) != claimedAt)
        {
            return;
        }

        try
        {
            var entity = new TableEntity(pulseId, rowKey) { [LastSentAt] = claimedAt, [State] = StateCode(state) };
            await table.UpdateEntityAsync(entity, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Claimed again (or given back) meanwhile: that claim is not ours.
        }
    }

    public async Task<IReadOnlyDictionary<string, ReminderMark>> ReadRemindedAtAsync(string pulseId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        TableKeys.ThrowIfInvalid(pulseId, nameof(pulseId));
        ArgumentNullException.ThrowIfNull(userIds);
        var byRowKey = userIds.Distinct(StringComparer.Ordinal).ToDictionary(id => BotStateKey.Compose(id), StringComparer.Ordinal);
        var table = await _reminders.GetAsync(cancellationToken).ConfigureAwait(false);
        var found = new Dictionary<string, ReminderMark>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pulseId}"), select: ["RowKey", LastSentAt, State], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (byRowKey.TryGetValue(entity.RowKey, out var userId) && MarkOf(entity) is { } mark)
            {
                found[userId] = mark;
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

    public async IAsyncEnumerable<StaleReminderRun> ListStaleRunsAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _reminders.GetAsync(cancellationToken).ConfigureAwait(false);

        // A scan by row key: the table holds a row per reminded member per pulse, kept 90 days at most (retention).
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RunRowKey} and LeaseUntil lt {now}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new StaleReminderRun(entity.PartitionKey, RunOf(entity), entity.ETag.ToString());
        }
    }

    public async Task<bool> TryTakeOverRunAsync(StaleReminderRun stale, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stale);
        TableKeys.ThrowIfInvalid(stale.PulseId, nameof(stale));
        var table = await _reminders.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(RunEntity(stale.PulseId, stale.Run with { LeaseUntil = leaseUntil }), new ETag(stale.Version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Another instance took it over (or a new run replaced it, or it was ended) since it was listed.
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

        if (run.Work is { } work)
        {
            entity[nameof(ReminderRunWork.ChannelId)] = work.ChannelId;
            entity[nameof(ReminderRunWork.PulseConversationId)] = work.PulseConversationId;
            entity[nameof(ReminderRunWork.ProgressConversationId)] = work.ProgressConversationId;
            entity["Language"] = work.LanguageCode;
            entity[nameof(ReminderRunWork.BotId)] = work.BotId;
            entity[nameof(ReminderRunWork.StartedAt)] = work.StartedAt;
            SetIfAny(entity, nameof(ReminderRunWork.TimeZone), work.TimeZone);
            SetIfAny(entity, nameof(ReminderRunWork.TableName), work.TableName);
            SetIfAny(entity, nameof(ReminderRunWork.ChannelName), work.ChannelName);
            SetIfAny(entity, nameof(ReminderRunWork.PulseLink), work.PulseLink?.AbsoluteUri);
        }

        return entity;
    }

    private static void SetIfAny(TableEntity entity, string name, string? value)
    {
        if (value is { Length: > 0 })
        {
            entity[name] = value;
        }
    }

    private static ReminderRun RunOf(TableEntity entity) => new(
        entity.GetInt32(nameof(ReminderRun.Done)) ?? 0,
        entity.GetInt32(nameof(ReminderRun.Total)) ?? 0,
        entity.GetDateTimeOffset(nameof(ReminderRun.LeaseUntil)) ?? DateTimeOffset.MinValue,
        entity.GetString(nameof(ReminderRun.ProgressActivityId)),
        WorkOf(entity));

    /// <summary>The work of a run row; null for a row written before the progress card was posted (or by an older build).</summary>
    private static ReminderRunWork? WorkOf(TableEntity entity) =>
        entity.GetString(nameof(ReminderRunWork.ChannelId)) is { Length: > 0 } channelId
        && entity.GetString(nameof(ReminderRunWork.PulseConversationId)) is { Length: > 0 } pulseConversationId
        && entity.GetString(nameof(ReminderRunWork.ProgressConversationId)) is { Length: > 0 } progressConversationId
        && entity.GetString(nameof(ReminderRunWork.BotId)) is { Length: > 0 } botId
        && entity.GetDateTimeOffset(nameof(ReminderRunWork.StartedAt)) is { } startedAt
            ? new ReminderRunWork(
                channelId,
                pulseConversationId,
                progressConversationId,
                entity.GetString("Language") ?? "fr",
                entity.GetString(nameof(ReminderRunWork.TimeZone)),
                botId,
                startedAt,
                entity.GetString(nameof(ReminderRunWork.TableName)),
                entity.GetString(nameof(ReminderRunWork.ChannelName)),
                Uri.TryCreate(entity.GetString(nameof(ReminderRunWork.PulseLink)), UriKind.Absolute, out var link) ? link : null)
            : null;

    private static ReminderMark? MarkOf(TableEntity entity) =>
        entity.GetDateTimeOffset(LastSentAt) is { } at
            ? new ReminderMark(at, entity.GetString(State) switch
            {
                "claimed" => ReminderState.Claimed,
                "refused" => ReminderState.Refused,
                _ => ReminderState.Sent,
            })
            : null;

    private static string StateCode(ReminderState state) => state switch
    {
        ReminderState.Claimed => "claimed",
        ReminderState.Refused => "refused",
        _ => "sent",
    };

    private static string Partition(string channelId) => BotStateKey.Compose("personal", channelId);
}
