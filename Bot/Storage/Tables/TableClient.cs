using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace ConcertationBot.Bot.Storage.Tables;

/// <summary>Operations on one table: the table itself, its entities, queries and transactions.</summary>
public sealed class TableClient
{
    private static readonly RequestMethod Patch = new("PATCH");
    private static readonly int[] Ok = [200];
    private static readonly int[] NoContent = [204];
    private static readonly int[] Created = [201, 204];
    private static readonly int[] CreatedOrConflict = [201, 204, 409];
    private static readonly int[] NoContentOrNotFound = [204, 404];
    private static readonly int[] OkOrNotFound = [200, 404];
    private static readonly int[] Accepted = [202];

    private readonly TablePipeline _pipeline;
    private readonly string _tablePath;

    public TableClient(string connectionString, string tableName, TableClientOptions? options = null)
        : this(new TableServiceClient(connectionString, options).GetTableClient(tableName))
    {
    }

    internal TableClient(TablePipeline pipeline, string tableName)
    {
        TableKeys.ValidateTableName(tableName);
        _pipeline = pipeline;
        Name = tableName;
        _tablePath = "/" + tableName;
    }

    private TableClient(TableClient other)
        : this(other._pipeline, other.Name)
    {
    }

    public string Name { get; }

    /// <summary>Builds an OData filter in which every interpolated value becomes a typed, safely quoted literal.</summary>
    public static string CreateQueryFilter(FormattableString filter) => TableQueryFilter.Create(filter);

    public async Task<Response<TableItem>> CreateAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateTableMessage();
        var response = await _pipeline.SendAsync(message, Created, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(new TableItem(Name), response);
    }

    /// <summary>Creates the table, or does nothing when it already exists.</summary>
    public async Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateTableMessage();
        var response = await _pipeline.SendAsync(message, CreatedOrConflict, cancellationToken).ConfigureAwait(false);
        if (response.Status == 409)
        {
            var conflict = new RequestFailedException(response, null, TableErrorParser.Instance);
            if (conflict.ErrorCode != "TableAlreadyExists")
            {
                throw conflict;
            }
        }

        return Response.FromValue(new TableItem(Name), response);
    }

    /// <summary>Deletes the table; a missing table is not an error.</summary>
    public async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, "/Tables('" + Name + "')");
        return await _pipeline.SendAsync(message, NoContentOrNotFound, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts a new entity; 409 <c>EntityAlreadyExists</c> if the keys are taken.</summary>
    public async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        ValidateEntity(entity);
        using var message = _pipeline.CreateMessage(RequestMethod.Post, _tablePath);
        message.Request.Headers.SetValue("Prefer", TableConstants.ReturnNoContent);
        SetJsonContent(message, entity);
        return await _pipeline.SendAsync(message, Created, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one entity; 404 <c>ResourceNotFound</c> if it does not exist.</summary>
    public async Task<Response<T>> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        TableKeys.ValidateKeys(partitionKey, rowKey);
        using var message = CreateEntityMessage(RequestMethod.Get, partitionKey, rowKey);
        AppendSelect(message, select);
        var response = await _pipeline.SendAsync(message, Ok, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(ReadSingle<T>(response), response);
    }

    /// <summary>Reads one entity, or returns a response without a value when it does not exist.</summary>
    public async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        TableKeys.ValidateKeys(partitionKey, rowKey);
        using var message = CreateEntityMessage(RequestMethod.Get, partitionKey, rowKey);
        AppendSelect(message, select);
        var response = await _pipeline.SendAsync(message, OkOrNotFound, cancellationToken).ConfigureAwait(false);
        return new TableNullableResponse<T>(response.Status == 404 ? null : ReadSingle<T>(response), response);
    }

    /// <summary>Updates an existing entity if its ETag still matches (<see cref="ETag.All"/> for unconditional); 412 otherwise.</summary>
    public async Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        ValidateEntity(entity);
        if (ifMatch == default)
        {
            throw new ArgumentException("UpdateEntity needs an ETag: pass the one read with the entity, or ETag.All to overwrite unconditionally.", nameof(ifMatch));
        }

        using var message = CreateEntityMessage(mode == TableUpdateMode.Replace ? RequestMethod.Put : Patch, entity.PartitionKey, entity.RowKey);
        message.Request.Headers.SetValue("If-Match", ifMatch.ToString());
        SetJsonContent(message, entity);
        return await _pipeline.SendAsync(message, NoContent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts or merges/replaces without any concurrency check.</summary>
    public async Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        ValidateEntity(entity);
        using var message = CreateEntityMessage(mode == TableUpdateMode.Replace ? RequestMethod.Put : Patch, entity.PartitionKey, entity.RowKey);
        SetJsonContent(message, entity);
        return await _pipeline.SendAsync(message, NoContent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an entity; the default ETag deletes unconditionally, and a missing entity is not an error.</summary>
    public async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableKeys.ValidateKeys(partitionKey, rowKey);
        using var message = CreateEntityMessage(RequestMethod.Delete, partitionKey, rowKey);
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? "*" : ifMatch.ToString());
        return await _pipeline.SendAsync(message, NoContentOrNotFound, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queries entities lazily, page by page. <paramref name="maxPerPage"/> is the page size (<c>$top</c>), not a limit on
    /// the whole result. The continuation token is <c>"NextPartitionKey NextRowKey"</c>; the row key part may be absent.
    /// </summary>
    public AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var selectText = select is null ? null : string.Join(',', select);
        return new TablePageable<T>((token, size, ct) => QueryPageAsync<T>(filter, size ?? maxPerPage, selectText, token, ct), cancellationToken);
    }

    /// <summary>Runs up to 100 operations on one partition atomically; all are rolled back if one fails.</summary>
    public async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        var actions = transactionActions.ToList();
        ValidateTransaction(actions);

        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
        var body = BuildBatchBody(actions, batchBoundary, changesetBoundary);

        using var message = _pipeline.CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(body);
        var response = await _pipeline.SendAsync(message, Accepted, cancellationToken).ConfigureAwait(false);

        var parts = TableBatchResponseParser.Parse(response);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part.Status >= 400)
            {
                throw TableBatchResponseParser.ToException(part, parts.Count == actions.Count ? i : null);
            }
        }

        if (parts.Count != actions.Count)
        {
            throw new TableTransactionFailedException(response.Status, $"The transaction response held {parts.Count} results for {actions.Count} operations.", null, null);
        }

        return Response.FromValue<IReadOnlyList<Response>>(parts, response);
    }

    private static void ValidateEntity<T>(T entity)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableKeys.ValidateKey(entity.PartitionKey, "PartitionKey", nameof(entity));
        TableKeys.ValidateKey(entity.RowKey, "RowKey", nameof(entity));
    }

    private static void ValidateTransaction(List<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one operation.", nameof(actions));
        }

        if (actions.Count > TableConstants.MaxTransactionActions)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A transaction holds at most {TableConstants.MaxTransactionActions} operations; {actions.Count} were given."),
                nameof(actions));
        }

        var partitionKey = actions[0].Entity?.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            ArgumentNullException.ThrowIfNull(action);
            ValidateEntity(action.Entity);
            if (action.Entity.PartitionKey != partitionKey)
            {
                throw new ArgumentException("All operations of a transaction must share one PartitionKey.", nameof(actions));
            }

            if (!rowKeys.Add(action.Entity.RowKey))
            {
                throw new ArgumentException($"RowKey '{action.Entity.RowKey}' appears more than once in the transaction.", nameof(actions));
            }
        }
    }

    private byte[] BuildBatchBody(List<TableTransactionAction> actions, string batchBoundary, string changesetBoundary)
    {
        var builder = new StringBuilder(512 * actions.Count);
        builder.Append("--").Append(batchBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        foreach (var action in actions)
        {
            var entity = action.Entity;
            var entityUri = _pipeline.AbsoluteUri(EntityPath(entity.PartitionKey, entity.RowKey));
            var (verb, uri, ifMatch, hasBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", _pipeline.AbsoluteUri(_tablePath), null, true),
                TableTransactionActionType.UpdateMerge => ("PATCH", entityUri, IfMatch(action.ETag), true),
                TableTransactionActionType.UpdateReplace => ("PUT", entityUri, IfMatch(action.ETag), true),
                TableTransactionActionType.Delete => ("DELETE", entityUri, IfMatch(action.ETag), false),
                TableTransactionActionType.UpsertMerge => ("PATCH", entityUri, (string?)null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", entityUri, (string?)null, true),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown transaction action."),
            };

            builder.Append("--").Append(changesetBoundary).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append(verb).Append(' ').Append(uri).Append(" HTTP/1.1\r\n")
                .Append("Accept: ").Append(TableConstants.AcceptMinimalMetadata).Append("\r\n")
                .Append("DataServiceVersion: ").Append(TableConstants.DataServiceVersion).Append("\r\n");
            if (ifMatch is not null)
            {
                builder.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }

            if (hasBody)
            {
                if (action.ActionType == TableTransactionActionType.Add)
                {
                    builder.Append("Prefer: ").Append(TableConstants.ReturnNoContent).Append("\r\n");
                }

                builder.Append("Content-Type: ").Append(TableConstants.ContentTypeJson).Append("\r\n\r\n")
                    .Append(Encoding.UTF8.GetString(TableEntitySerializer.Serialize(entity).Span)).Append("\r\n");
            }
            else
            {
                builder.Append("\r\n");
            }
        }

        builder.Append("--").Append(changesetBoundary).Append("--\r\n")
            .Append("--").Append(batchBoundary).Append("--\r\n");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static string IfMatch(ETag etag) => etag == default ? "*" : etag.ToString();

    private async Task<Page<T>> QueryPageAsync<T>(string? filter, int? top, string? select, string? continuationToken, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, _tablePath + "()");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (!string.IsNullOrEmpty(select))
        {
            uri.AppendQuery("$select", select, escapeValue: true);
        }

        if (top is not null)
        {
            uri.AppendQuery("$top", top.Value.ToString(CultureInfo.InvariantCulture), escapeValue: true);
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            var space = continuationToken.IndexOf(' ', StringComparison.Ordinal);
            var nextPartitionKey = space < 0 ? continuationToken : continuationToken[..space];
            var nextRowKey = space < 0 ? null : continuationToken[(space + 1)..];
            uri.AppendQuery("NextPartitionKey", nextPartitionKey, escapeValue: true);
            if (!string.IsNullOrEmpty(nextRowKey))
            {
                uri.AppendQuery("NextRowKey", nextRowKey, escapeValue: true);
            }
        }

        var response = await _pipeline.SendAsync(message, Ok, cancellationToken).ConfigureAwait(false);
        var items = new List<T>();
        using (var document = JsonDocument.Parse(response.Content.ToMemory()))
        {
            if (document.RootElement.TryGetProperty("value", out var values))
            {
                foreach (var element in values.EnumerateArray())
                {
                    items.Add(TableEntitySerializer.ConvertTo<T>(TableEntitySerializer.ReadEntity(element)));
                }
            }
        }

        string? next = null;
        if (response.Headers.TryGetValue(TableConstants.NextPartitionKeyHeader, out var nextPk) && !string.IsNullOrEmpty(nextPk))
        {
            next = response.Headers.TryGetValue(TableConstants.NextRowKeyHeader, out var nextRk) && !string.IsNullOrEmpty(nextRk)
                ? nextPk + " " + nextRk
                : nextPk;
        }

        return Page<T>.FromValues(items, next, response);
    }

    private static T ReadSingle<T>(Response response)
        where T : class, ITableEntity, new()
    {
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntitySerializer.ReadEntity(document.RootElement);
        if (response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }

        return TableEntitySerializer.ConvertTo<T>(entity);
    }

    private HttpMessage CreateTableMessage()
    {
        var message = _pipeline.CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.SetValue("Prefer", TableConstants.ReturnNoContent);
        message.Request.Headers.SetValue("Content-Type", TableConstants.ContentTypeJson);
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes("{\"TableName\":\"" + Name + "\"}"));
        return message;
    }

    private HttpMessage CreateEntityMessage(RequestMethod method, string partitionKey, string rowKey) =>
        _pipeline.CreateMessage(method, EntityPath(partitionKey, rowKey));

    private string EntityPath(string partitionKey, string rowKey) =>
        string.Concat(_tablePath, "(PartitionKey='", TableKeys.EscapeForPath(partitionKey), "',RowKey='", TableKeys.EscapeForPath(rowKey), "')");

    private static void AppendSelect(HttpMessage message, IEnumerable<string>? select)
    {
        if (select is not null)
        {
            message.Request.Uri.AppendQuery("$select", string.Join(',', select), escapeValue: true);
        }
    }

    private static void SetJsonContent<T>(HttpMessage message, T entity)
        where T : ITableEntity
    {
        message.Request.Headers.SetValue("Content-Type", TableConstants.ContentTypeJson);
        message.Request.Content = RequestContent.Create(TableEntitySerializer.Serialize(entity));
    }
}
