using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ConcertationBot.Bot.Storage.Tables;

/// <summary>Account-level Table operations (create, delete and list tables) and the factory for <see cref="TableClient"/>.</summary>
public sealed class TableServiceClient
{
    private readonly TablePipeline _pipeline;

    public TableServiceClient(string connectionString, TableClientOptions? options = null)
    {
        var parsed = TableConnectionString.Parse(connectionString);
        options ??= new TableClientOptions();
        _pipeline = parsed.SharedKey is not null
            ? TablePipeline.Create(parsed.TableEndpoint, options, new TableSharedKeyLitePolicy(parsed.SharedKey))
            : TablePipeline.Create(parsed.TableEndpoint, options, new TableSasPolicy(parsed.Sas!));
    }

    public TableServiceClient(Uri endpoint, AzureNamedKeyCredential credential, TableClientOptions? options = null)
        : this(TablePipeline.Create(endpoint, options ?? new TableClientOptions(), new TableSharedKeyLitePolicy(credential ?? throw new ArgumentNullException(nameof(credential)))))
    {
    }

    public TableServiceClient(Uri endpoint, AzureSasCredential credential, TableClientOptions? options = null)
        : this(TablePipeline.Create(endpoint, options ?? new TableClientOptions(), new TableSasPolicy(credential ?? throw new ArgumentNullException(nameof(credential)))))
    {
    }

    /// <summary>Entra ID (for example managed identity); tokens for <c>https://storage.azure.com/.default</c>.</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null)
        : this(TablePipeline.Create(endpoint, options ?? new TableClientOptions(), new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), TableConstants.StorageScope)))
    {
    }

    private TableServiceClient(TablePipeline pipeline) => _pipeline = pipeline;

    public Uri Uri => _pipeline.Endpoint;

    public TableClient GetTableClient(string tableName) => new(_pipeline, tableName);

    public Task<Response<TableItem>> CreateTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateAsync(cancellationToken);

    public Task<Response<TableItem>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    public Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);

    /// <summary>Lists tables, optionally filtered (for example <c>TableName eq 'x'</c>), page by page.</summary>
    public AsyncPageable<TableItem> QueryAsync(string? filter = null, int? maxPerPage = null, CancellationToken cancellationToken = default) =>
        new TablePageable<TableItem>((token, size, ct) => QueryTablesPageAsync(filter, token, size ?? maxPerPage, ct), cancellationToken);

    private async Task<Page<TableItem>> QueryTablesPageAsync(string? filter, string? continuationToken, int? maxPerPage, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, "/Tables");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (maxPerPage is not null)
        {
            uri.AppendQuery("$top", maxPerPage.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: true);
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            uri.AppendQuery("NextTableName", continuationToken, escapeValue: true);
        }

        var response = await _pipeline.SendAsync(message, [200], cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var items = new List<TableItem>();
        if (document.RootElement.TryGetProperty("value", out var values))
        {
            foreach (var table in values.EnumerateArray())
            {
                items.Add(new TableItem(table.GetProperty("TableName").GetString()!));
            }
        }

        var next = response.Headers.TryGetValue(TableConstants.NextTableNameHeader, out var nextName) ? nextName : null;
        return Page<TableItem>.FromValues(items, next, response);
    }
}

/// <summary>The pipeline shared by a service client and its table clients.</summary>
internal sealed class TablePipeline
{
    private readonly string _endpointText;

    private TablePipeline(Uri endpoint, HttpPipeline pipeline)
    {
        Endpoint = endpoint;
        _endpointText = endpoint.AbsoluteUri.TrimEnd('/');
        Pipeline = pipeline;
    }

    public Uri Endpoint { get; }

    public HttpPipeline Pipeline { get; }

    public static TablePipeline Create(Uri endpoint, TableClientOptions options, HttpPipelinePolicy authentication)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var pipeline = HttpPipelineBuilder.Build(
            options,
            [new TableHeadersPolicy(options.Version)],
            [authentication],
            TableResponseClassifier.Instance);
        return new TablePipeline(endpoint, pipeline);
    }

    /// <summary>A message for <c>{endpoint}{path}</c>; <paramref name="path"/> must already be escaped.</summary>
    public HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(_endpointText + path));
        return message;
    }

    public string AbsoluteUri(string path) => _endpointText + path;

    /// <summary>Sends and throws <see cref="RequestFailedException"/> unless the status is one of <paramref name="expected"/>.</summary>
    public async ValueTask<Response> SendAsync(HttpMessage message, int[] expected, CancellationToken cancellationToken)
    {
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (Array.IndexOf(expected, response.Status) < 0)
        {
            throw new RequestFailedException(response, null, TableErrorParser.Instance);
        }

        return response;
    }
}
