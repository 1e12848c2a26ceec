using Azure.Core;

namespace ConcertationBot.Bot.Storage.Tables;

/// <summary>Options for <see cref="TableServiceClient"/> and <see cref="TableClient"/>.</summary>
public sealed class TableClientOptions : ClientOptions
{
    public TableClientOptions(ServiceVersion version = ServiceVersion.V2020_12_06)
    {
        Version = version switch
        {
            ServiceVersion.V2019_02_02 => "2019-02-02",
            ServiceVersion.V2020_12_06 => "2020-12-06",
            _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown Table service version."),
        };
    }

    /// <summary>Pinned <c>x-ms-version</c> values.</summary>
    public enum ServiceVersion
    {
        V2019_02_02 = 1,
        V2020_12_06 = 2,
    }

    /// <summary>The <c>x-ms-version</c> header value sent on every request.</summary>
    public string Version { get; }
}
