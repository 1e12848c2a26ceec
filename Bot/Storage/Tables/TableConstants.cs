namespace ConcertationBot.Bot.Storage.Tables;

internal static class TableConstants
{
    public const string PartitionKey = "PartitionKey";
    public const string RowKey = "RowKey";
    public const string Timestamp = "Timestamp";
    public const string ODataEtag = "odata.etag";
    public const string ODataTypeSuffix = "@odata.type";

    public const string AcceptMinimalMetadata = "application/json;odata=minimalmetadata";
    public const string ContentTypeJson = "application/json;odata=nometadata";
    public const string ReturnNoContent = "return-no-content";
    public const string DataServiceVersion = "3.0";

    public const string EdmInt64 = "Edm.Int64";
    public const string EdmInt32 = "Edm.Int32";
    public const string EdmDouble = "Edm.Double";
    public const string EdmBoolean = "Edm.Boolean";
    public const string EdmString = "Edm.String";
    public const string EdmDateTime = "Edm.DateTime";
    public const string EdmGuid = "Edm.Guid";
    public const string EdmBinary = "Edm.Binary";

    public const string NextPartitionKeyHeader = "x-ms-continuation-NextPartitionKey";
    public const string NextRowKeyHeader = "x-ms-continuation-NextRowKey";
    public const string NextTableNameHeader = "x-ms-continuation-NextTableName";

    /// <summary>Entra ID scope for Azure Storage.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public const string DevelopmentTableEndpoint = "http://127.0.0.1:10002/devstoreaccount1";

    /// <summary>Most operations in one entity group transaction.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>Documented key limit (1 KiB, counted here as 1,024 characters).</summary>
    public const int MaxKeyLength = 1024;
}

/// <summary>How an update or upsert treats properties missing from the sent entity.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep stored properties the sent entity does not mention (HTTP MERGE/PATCH).</summary>
    Merge,

    /// <summary>Replace the stored entity entirely (HTTP PUT).</summary>
    Replace,
}

/// <summary>A table returned by table queries and creation.</summary>
public sealed record TableItem(string Name);
