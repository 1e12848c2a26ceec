using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace ConcertationBot.Bot.Storage.Tables;

/// <summary>The kinds of operation allowed in an entity group transaction.</summary>
public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    Delete,
    UpsertMerge,
    UpsertReplace,
}

/// <summary>One operation of a transaction; <paramref name="ETag"/> defaults to the entity's, or <c>*</c>.</summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, ITableEntity Entity, ETag ETag = default)
{
    public TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity)
        : this(actionType, entity, entity?.ETag ?? default)
    {
    }
}

/// <summary>A transaction was rolled back because one of its operations failed.</summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedTransactionActionIndex)
        : base(status, message, errorCode, null)
    {
        FailedTransactionActionIndex = failedTransactionActionIndex;
    }

    public TableTransactionFailedException()
        : base("The transaction failed.")
    {
    }

    public TableTransactionFailedException(string message)
        : base(message)
    {
    }

    public TableTransactionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Zero-based index of the failing operation, when the service said which one.</summary>
    public int? FailedTransactionActionIndex { get; }
}

/// <summary>The parsed response of one operation inside a <c>$batch</c> response.</summary>
internal sealed class TableSubResponse(int status, string reasonPhrase, IReadOnlyList<HttpHeader> headers, BinaryData content) : Response
{
    private Stream? _stream = ToBufferedStream(content);

    public override int Status => status;

    public override string ReasonPhrase => reasonPhrase;

    public override Stream? ContentStream
    {
        get => _stream;
        set => _stream = value;
    }

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose() => _stream?.Dispose();

    private static MemoryStream ToBufferedStream(BinaryData content)
    {
        var bytes = content.ToArray();
        return new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers;

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        foreach (var header in headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = header.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = TryGetHeader(name, out var value);
        values = found ? [value!] : null;
        return found;
    }
}
