using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Dialogs.Votes;
using ConcertationBot.Bot.Telemetry;

namespace ConcertationBot.Bot.Votes;

/// <summary>
/// <see cref="IVoteStore"/> on three tables. <c>Votes</c>: one partition per conversation, a row per vote (RK = vote id)
/// and an <c>open</c> pointer row naming the open vote. <c>VoteBallots</c>: one partition per vote, a row per voter key
/// plus the <c>~fence</c> row that exists exactly while ballots may be written. Who opened or cast a ballot is never stored.
/// </summary>
public sealed class VoteStore : IVoteStore
{
    public const string VotesTable = "Votes";
    public const string BallotsTable = "VoteBallots";

    /// <summary>The table earlier versions kept who opened their ballot form in (user id, time); the start-up sweep deletes it.</summary>
    public const string RetiredViewersTable = "VoteViewers";

    /// <summary>The row of a vote's ballot partition that every ballot write touches and the close deletes.</summary>
    internal const string FenceRowKey = "~fence";

    /// <summary>A random token the close transaction writes, so a retried close can tell its own earlier success from another's.</summary>
    private const string CloseToken = nameof(CloseToken);

    private const string OpenPointerRowKey = "open";
    private const string Points = nameof(Points);
    private const string UpdatedAt = nameof(UpdatedAt);
    private const string CastOn = nameof(CastOn);
    private const string Mode = nameof(VoteRules.Mode);
    private const string Limit = nameof(VoteRules.Limit);
    private const string HiddenResults = nameof(VoteRules.HiddenResults);
    private const string PublicResults = nameof(VoteRules.PublicResults);

    /// <summary>The Table service's limit on a string property, in UTF-16 code units.</summary>
    private const int MaxStringProperty = 32 * 1024;

    private static readonly string[] BallotColumns = ["RowKey", Points, CastOn, UpdatedAt];

    private readonly CreatedTable _votes;
    private readonly CreatedTable _ballots;

    public VoteStore(TableServiceClient service, TimeProvider timeProvider)
        : this(service, timeProvider, string.Empty)
    {
    }

    /// <summary>Tables named <paramref name="tablePrefix"/> + the standard names (tests use a fresh prefix).</summary>
    internal VoteStore(TableServiceClient service, TimeProvider timeProvider, string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _votes = new CreatedTable(service.GetTableClient(tablePrefix + VotesTable));
        _ballots = new CreatedTable(service.GetTableClient(tablePrefix + BallotsTable));
    }

    public async Task<VoteRecord?> GetOpenAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = ConversationKeys.Partition(channelId, conversationId);
        var pointer = await table.GetEntityIfExistsAsync<TableEntity>(partition, OpenPointerRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!pointer.HasValue || pointer.Value!.GetString(nameof(VoteRecord.VoteId)) is not { Length: > 0 } voteId)
        {
            return null;
        }

        var vote = await GetAsync(channelId, conversationId, voteId, cancellationToken).ConfigureAwait(false);
        return vote is { IsOpen: true } ? vote : null;
    }

    public async Task<VoteRecord?> GetAsync(string channelId, string conversationId, string voteId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(voteId);
        if (voteId == OpenPointerRowKey || !TableKeys.IsValid(voteId))
        {
            return null;
        }

        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(ConversationKeys.Partition(channelId, conversationId), voteId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<VoteRecord?> TryOpenAsync(VoteRecord vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        Validate(vote);
        var stored = vote with
        {
            ConversationId = ConversationKeys.Normalize(vote.ConversationId),
            ClosedAt = null,
            FinalParticipation = null,
            FinalScores = null,
            ResultPostedAt = null,
        };
        var partition = ConversationKeys.Partition(stored.ChannelId, stored.ConversationId);
        var pointer = new TableEntity(partition, OpenPointerRowKey)
        {
            [nameof(VoteRecord.VoteId)] = stored.VoteId,
            [nameof(VoteRecord.ChannelId)] = stored.ChannelId,
            [nameof(VoteRecord.ConversationId)] = stored.ConversationId,
        };
        var row = ToEntity(partition, stored);
        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, pointer), new TableTransactionAction(TableTransactionActionType.Add, row)],
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Either another vote is open, or the client retried this very transaction after its first try was stored
            // (a network timeout): storage tells which. Our own vote goes on to get its fence.
            if (await GetAsync(stored.ChannelId, stored.ConversationId, stored.VoteId, cancellationToken).ConfigureAwait(false) is null)
            {
                return null;
            }
        }

        var ballots = await _ballots.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ballots.AddEntityAsync(new TableEntity(stored.VoteId, FenceRowKey), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The fence is already there (a retried open of the same vote id).
        }

        // Read back (the stored form, with its ETag). A close that raced the fence leaves it for us to remove: a closed vote
        // must have no fence. The closed vote is then returned as it is.
        var current = await GetAsync(stored.ChannelId, stored.ConversationId, stored.VoteId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Vote {stored.VoteId} vanished right after it was opened.");
        if (!current.IsOpen)
        {
            await ballots.DeleteEntityAsync(stored.VoteId, FenceRowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        return current;
    }

    public async Task<VoteRecord> SetCardActivityIdAsync(VoteRecord vote, string activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        TableKeys.ThrowIfInvalid(vote.VoteId, nameof(vote));
        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        var patch = new TableEntity(ConversationKeys.Partition(vote.ChannelId, vote.ConversationId), vote.VoteId)
        {
            [nameof(VoteRecord.CardActivityId)] = activityId,
        };
        var response = await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        if (response.Headers.ETag is { } etag)
        {
            return vote with { CardActivityId = activityId, ETag = etag };
        }

        return await GetAsync(vote.ChannelId, vote.ConversationId, vote.VoteId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Vote {vote.VoteId} vanished while its card id was being recorded.");
    }

    /// <summary>Tries of a ballot write that keeps meeting a concurrent write of the same voter's ballot.</summary>
    private const int MaxBallotAttempts = 5;

    public async Task<bool> SaveBallotAsync(string voteId, string voterKey, string points, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(voteId);
        ArgumentException.ThrowIfNullOrEmpty(voterKey);
        TableKeys.ThrowIfInvalid(voteId, nameof(voteId));
        TableKeys.ThrowIfInvalid(voterKey, nameof(voterKey));
        ArgumentException.ThrowIfNullOrEmpty(points);
        if (voterKey == FenceRowKey)
        {
            throw new ArgumentException($"'{FenceRowKey}' is not a voter key.", nameof(voterKey));
        }

        var table = await _ballots.GetAsync(cancellationToken).ConfigureAwait(false);
        // The day only: a finer time would tie the ballot to whoever acted at that moment.
        var ballot = new TableEntity(voteId, voterKey)
        {
            [Points] = points,
            [CastOn] = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero),
        };
        // First as a new ballot: the insert and the fence in one transaction, one round trip. Every write is conditional
        // (insert if none, else If-Match the ETag read), so a write this bot gave up on (a timeout while storage hung)
        // that reaches storage late fails instead of overwriting a newer, acknowledged ballot of the same voter.
        ETag? expected = null;
        for (var attempt = 1; ; attempt++)
        {
            var write = expected is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, ballot, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, ballot);
            try
            {
                await table.SubmitTransactionAsync(
                    [write, new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(voteId, FenceRowKey), ETag.All)],
                    cancellationToken).ConfigureAwait(false);
                BotTelemetry.BallotsStored.Add(1);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex is null or 1)
            {
                // No fence: the vote is closed (or was never opened); the transaction wrote nothing.
                return false;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxBallotAttempts)
            {
                // The voter already has a ballot (409 on the insert), or it changed since it was read (412: another
                // click, a duplicate delivery): read its ETag and replace it on that condition.
                var current = await table.GetEntityIfExistsAsync<TableEntity>(voteId, voterKey, [CastOn], cancellationToken).ConfigureAwait(false);
                expected = current.HasValue ? current.Value!.ETag : null;
            }
        }
    }

    public async Task<string?> GetBallotAsync(string voteId, string voterKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(voteId);
        ArgumentException.ThrowIfNullOrEmpty(voterKey);
        TableKeys.ThrowIfInvalid(voteId, nameof(voteId));
        TableKeys.ThrowIfInvalid(voterKey, nameof(voterKey));
        if (voterKey == FenceRowKey)
        {
            return null;
        }

        var table = await _ballots.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(voteId, voterKey, [Points], cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value!.GetString(Points) : null;
    }

    public async IAsyncEnumerable<VoteBallotRow> ReadBallotsAsync(string voteId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(voteId);
        var table = await _ballots.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {voteId} and RowKey ne {FenceRowKey}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: BallotColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == FenceRowKey || entity.GetString(Points) is not { } points)
            {
                continue;
            }

            yield return new VoteBallotRow(entity.RowKey, points, entity.GetDateTimeOffset(CastOn) ?? entity.GetDateTimeOffset(UpdatedAt) ?? entity.Timestamp ?? DateTimeOffset.MinValue);
        }
    }

    public async Task<VoteRecord?> TryCloseAsync(VoteRecord vote, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentException.ThrowIfNullOrEmpty(vote.VoteId);
        TableKeys.ThrowIfInvalid(vote.VoteId, nameof(vote));
        if (vote.VoteId == OpenPointerRowKey)
        {
            return null;
        }

        // The fence goes first: from here on no ballot can be acknowledged. A missing fence is an earlier, unfinished close.
        var ballots = await _ballots.GetAsync(cancellationToken).ConfigureAwait(false);
        await ballots.DeleteEntityAsync(vote.VoteId, FenceRowKey, ETag.All, cancellationToken).ConfigureAwait(false);

        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = ConversationKeys.Partition(vote.ChannelId, vote.ConversationId);
        var pointer = await table.GetEntityIfExistsAsync<TableEntity>(partition, OpenPointerRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!pointer.HasValue || pointer.Value!.GetString(nameof(VoteRecord.VoteId)) != vote.VoteId)
        {
            return null;
        }

        var token = Guid.NewGuid().ToString("N");
        var patch = new TableEntity(partition, vote.VoteId)
        {
            [nameof(VoteRecord.ClosedAt)] = at,
            [nameof(VoteRecord.ResultPending)] = true,
            [CloseToken] = token,
        };
        ETag? closedETag;
        try
        {
            var results = await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, OpenPointerRowKey), pointer.Value.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpdateMerge, patch, ETag.All),
                ],
                cancellationToken).ConfigureAwait(false);
            closedETag = results.Value[1].Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Closed by someone else, or by this very call: the client retried the transaction after a network timeout
            // and the first try had been stored. Only the row's close token tells.
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, vote.VoteId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!row.HasValue || row.Value!.GetString(CloseToken) != token)
            {
                return null;
            }

            closedETag = row.Value.ETag;
        }

        // Again after the close: a fence added by an open that raced this close is gone before the caller counts.
        await ballots.DeleteEntityAsync(vote.VoteId, FenceRowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        return await GetAsync(vote.ChannelId, vote.ConversationId, vote.VoteId, cancellationToken).ConfigureAwait(false) is { } closed
            ? closed with { ETag = closedETag ?? closed.ETag }
            : null;
    }

    public async IAsyncEnumerable<VoteRecord> ListResultPendingAsync(string? channelId, string? conversationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = channelId is null || conversationId is null
            ? TableClient.CreateQueryFilter($"ResultPending eq {true}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {ConversationKeys.Partition(channelId, conversationId)} and ResultPending eq {true}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != OpenPointerRowKey && FromEntity(row) is { IsOpen: false, ResultPending: true } vote)
            {
                yield return vote;
            }
        }
    }

    public async IAsyncEnumerable<VoteRecord> ListFinalCardPendingAsync(DateTimeOffset recordedBefore, DateTimeOffset recordedAfter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = FinalCardRows.PendingFilter(nameof(VoteRecord.ResultPostedAt), recordedBefore, recordedAfter);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != OpenPointerRowKey && FromEntity(row) is { IsOpen: false, FinalCardPending: true, CardActivityId: not null } vote)
            {
                yield return vote;
            }
        }
    }

    public async Task MarkFinalCardSentAsync(VoteRecord vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        TableKeys.ThrowIfInvalid(vote.VoteId, nameof(vote));
        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        await FinalCardRows.MarkSentAsync(table, ConversationKeys.Partition(vote.ChannelId, vote.ConversationId), vote.VoteId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<VoteRecord> RecordResultAsync(VoteRecord vote, int participation, IReadOnlyList<int> scores, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(scores);
        TableKeys.ThrowIfInvalid(vote.VoteId, nameof(vote));
        ArgumentOutOfRangeException.ThrowIfNegative(participation);
        if (scores.Count != vote.Options.Count)
        {
            throw new ArgumentException($"One score per option: {vote.Options.Count} options, {scores.Count} scores.", nameof(scores));
        }

        if (scores.Any(score => score < 0))
        {
            throw new ArgumentException("Scores cannot be negative.", nameof(scores));
        }

        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        var patch = new TableEntity(ConversationKeys.Partition(vote.ChannelId, vote.ConversationId), vote.VoteId)
        {
            [nameof(VoteRecord.FinalParticipation)] = participation,
            [nameof(VoteRecord.FinalScores)] = FormatScores(scores),
            [nameof(VoteRecord.ResultPostedAt)] = at,
            [nameof(VoteRecord.ResultPending)] = false,
            [FinalCardRows.Pending] = vote.CardActivityId is not null,
        };
        var response = await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        var updated = vote with { FinalParticipation = participation, FinalScores = [.. scores], ResultPostedAt = at, ResultPending = false, FinalCardPending = vote.CardActivityId is not null };
        if (response.Headers.ETag is { } etag)
        {
            return updated with { ETag = etag };
        }

        return await GetAsync(vote.ChannelId, vote.ConversationId, vote.VoteId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Vote {vote.VoteId} vanished while its result was being recorded.");
    }

    public async IAsyncEnumerable<VoteRecord> ListClosedAsync(string channelId, string conversationId, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = ConversationKeys.Partition(channelId, conversationId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and OpenedAt ge {since}");
        var closed = new List<VoteRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != OpenPointerRowKey && FromEntity(row) is { IsOpen: false } vote && vote.OpenedAt >= since)
            {
                closed.Add(vote);
            }
        }

        foreach (var vote in closed.OrderBy(v => v.OpenedAt).ThenBy(v => v.VoteId, StringComparer.Ordinal))
        {
            yield return vote;
        }
    }

    public async Task<int> DeleteBallotsAsync(string voteId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(voteId);
        var table = await _ballots.GetAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(PartitionFilter(voteId), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(entity.RowKey);
        }

        foreach (var key in keys)
        {
            await table.DeleteEntityAsync(voteId, key, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        return keys.Count(key => key != FenceRowKey);
    }

    public async Task MarkPurgedAsync(VoteRecord vote, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        var patch = new TableEntity(ConversationKeys.Partition(vote.ChannelId, vote.ConversationId), vote.VoteId)
        {
            [nameof(VoteRecord.PurgedAt)] = at,
        };
        await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CountInRencontreAsync(string channelId, string conversationId, string rencontreId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rencontreId);
        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = ConversationKeys.Partition(channelId, conversationId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RencontreId eq {rencontreId}");
        // Item rows only: the open pointer row carries no rencontre id, so the filter leaves it out.
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    public async IAsyncEnumerable<VoteRecord> ListClosedBeforeAsync(DateTimeOffset cutoff, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _votes.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"ClosedAt le {cutoff}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != OpenPointerRowKey && FromEntity(row) is { IsOpen: false, PurgedAt: null } vote)
            {
                yield return vote;
            }
        }
    }

    private static string PartitionFilter(string partitionKey) => TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");

    private static void Validate(VoteRecord vote)
    {
        ArgumentException.ThrowIfNullOrEmpty(vote.VoteId);
        TableKeys.ThrowIfInvalid(vote.VoteId, nameof(vote));
        if (vote.VoteId == OpenPointerRowKey)
        {
            throw new ArgumentException("The vote id 'open' is reserved.", nameof(vote));
        }

        if (vote.Language is not ("fr" or "en" or "bi"))
        {
            throw new ArgumentException($"Vote language must be 'fr', 'en' or 'bi', not '{vote.Language}'.", nameof(vote));
        }

        ArgumentNullException.ThrowIfNull(vote.Options);
        ArgumentNullException.ThrowIfNull(vote.Rules);
        if (vote.Options.Count is < VoteCommands.MinOptions or > VoteCommands.MaxOptions)
        {
            throw new ArgumentException($"A vote has {VoteCommands.MinOptions} to {VoteCommands.MaxOptions} options, not {vote.Options.Count}.", nameof(vote));
        }

        if (vote.Options.Any(option => option is null))
        {
            throw new ArgumentException("Vote options cannot be null.", nameof(vote));
        }

        if (!Enum.IsDefined(vote.Rules.Mode))
        {
            throw new ArgumentException($"Unknown vote mode {vote.Rules.Mode}.", nameof(vote));
        }

        if (vote.Question.Length > MaxStringProperty || SerializeOptions(vote.Options).Length > MaxStringProperty)
        {
            throw new ArgumentException($"The question and the options together must fit in {MaxStringProperty} characters each.", nameof(vote));
        }
    }

    private static string SerializeOptions(IReadOnlyList<string> options) =>
        JsonSerializer.Serialize([.. options], VoteStoreJsonContext.Default.StringArray);

    private static IReadOnlyList<string> DeserializeOptions(TableEntity entity) =>
        JsonSerializer.Deserialize(Required(entity, nameof(VoteRecord.Options)), VoteStoreJsonContext.Default.StringArray)
            ?? throw Missing(entity, nameof(VoteRecord.Options));

    private static string FormatScores(IEnumerable<int> scores) =>
        string.Join(',', scores.Select(score => score.ToString(CultureInfo.InvariantCulture)));

    private static int[]? ParseScores(string? text) => text switch
    {
        null => null,
        "" => [],
        _ => [.. text.Split(',').Select(part => int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture))],
    };

    private static TableEntity ToEntity(string partition, VoteRecord vote)
    {
        var entity = new TableEntity(partition, vote.VoteId)
        {
            [nameof(VoteRecord.VoteId)] = vote.VoteId,
            [nameof(VoteRecord.ChannelId)] = vote.ChannelId,
            [nameof(VoteRecord.ConversationId)] = vote.ConversationId,
            [nameof(VoteRecord.ServiceUrl)] = vote.ServiceUrl,
            [nameof(VoteRecord.ConversationType)] = vote.ConversationType,
            [nameof(VoteRecord.Language)] = vote.Language,
            [nameof(VoteRecord.Question)] = vote.Question,
            [nameof(VoteRecord.Options)] = SerializeOptions(vote.Options),
            [Mode] = vote.Rules.Mode.ToString(),
            [Limit] = vote.Rules.Limit,
            [HiddenResults] = vote.Rules.HiddenResults,
            [PublicResults] = vote.Rules.PublicResults,
            [nameof(VoteRecord.OpenedAt)] = vote.OpenedAt,
            [nameof(VoteRecord.OpenedByUserId)] = vote.OpenedByUserId,
        };
        SetIfPresent(entity, nameof(VoteRecord.TenantId), vote.TenantId);
        SetIfPresent(entity, nameof(VoteRecord.TeamId), vote.TeamId);
        SetIfPresent(entity, nameof(VoteRecord.SourcePulseId), vote.SourcePulseId);
        SetIfPresent(entity, nameof(VoteRecord.CardActivityId), vote.CardActivityId);
        SetIfPresent(entity, nameof(VoteRecord.RencontreId), vote.RencontreId);
        return entity;
    }

    private static void SetIfPresent(TableEntity entity, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            entity[name] = value;
        }
    }

    private static VoteRecord FromEntity(TableEntity entity) => new()
    {
        VoteId = entity.RowKey,
        ChannelId = Required(entity, nameof(VoteRecord.ChannelId)),
        ConversationId = Required(entity, nameof(VoteRecord.ConversationId)),
        ServiceUrl = Required(entity, nameof(VoteRecord.ServiceUrl)),
        TenantId = entity.GetString(nameof(VoteRecord.TenantId)),
        TeamId = entity.GetString(nameof(VoteRecord.TeamId)),
        ConversationType = Required(entity, nameof(VoteRecord.ConversationType)),
        Language = Required(entity, nameof(VoteRecord.Language)),
        Question = Required(entity, nameof(VoteRecord.Question)),
        Options = DeserializeOptions(entity),
        Rules = new VoteRules(
            Enum.Parse<VoteMode>(Required(entity, Mode)),
            entity.GetInt32(Limit) ?? throw Missing(entity, Limit),
            entity.GetBoolean(HiddenResults) ?? false,
            // Votes stored before "résultats publics" existed have no such column: the small-group rule applies to them.
            entity.GetBoolean(PublicResults) ?? false),
        SourcePulseId = entity.GetString(nameof(VoteRecord.SourcePulseId)),
        OpenedAt = entity.GetDateTimeOffset(nameof(VoteRecord.OpenedAt)) ?? throw Missing(entity, nameof(VoteRecord.OpenedAt)),
        OpenedByUserId = Required(entity, nameof(VoteRecord.OpenedByUserId)),
        ClosedAt = entity.GetDateTimeOffset(nameof(VoteRecord.ClosedAt)),
        CardActivityId = entity.GetString(nameof(VoteRecord.CardActivityId)),
        RencontreId = entity.GetString(nameof(VoteRecord.RencontreId)),
        FinalParticipation = entity.GetInt32(nameof(VoteRecord.FinalParticipation)),
        FinalScores = ParseScores(entity.GetString(nameof(VoteRecord.FinalScores))),
        ResultPostedAt = entity.GetDateTimeOffset(nameof(VoteRecord.ResultPostedAt)),
        PurgedAt = entity.GetDateTimeOffset(nameof(VoteRecord.PurgedAt)),
        ResultPending = entity.GetBoolean(nameof(VoteRecord.ResultPending)) ?? false,
        FinalCardPending = entity.GetBoolean(FinalCardRows.Pending) ?? false,
        ETag = entity.ETag,
    };

    private static string Required(TableEntity entity, string name) => entity.GetString(name) ?? throw Missing(entity, name);

    private static InvalidOperationException Missing(TableEntity entity, string name) =>
        new($"Vote row {entity.RowKey} has no {name}.");
}

[JsonSerializable(typeof(string[]))]
internal sealed partial class VoteStoreJsonContext : JsonSerializerContext;
