using Azure;

namespace ConcertationBot.Bot.Storage.Tables;

/// <summary>
/// A parsed storage connection string: <c>UseDevelopmentStorage=true</c>, account name and key (with
/// <c>TableEndpoint</c> or <c>DefaultEndpointsProtocol</c>/<c>EndpointSuffix</c>), or <c>SharedAccessSignature</c>.
/// </summary>
internal sealed record TableConnectionString(Uri TableEndpoint, AzureNamedKeyCredential? SharedKey, AzureSasCredential? Sas)
{
    public static TableConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("The storage connection string has a segment without 'name=value'.");
            }

            settings[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            return new TableConnectionString(
                new Uri(TableConstants.DevelopmentTableEndpoint),
                new AzureNamedKeyCredential(TableConstants.DevelopmentAccountName, TableConstants.DevelopmentAccountKey),
                null);
        }

        settings.TryGetValue("AccountName", out var accountName);
        settings.TryGetValue("AccountKey", out var accountKey);
        settings.TryGetValue("SharedAccessSignature", out var sas);
        var endpoint = settings.TryGetValue("TableEndpoint", out var tableEndpoint)
            ? new Uri(tableEndpoint)
            : accountName is not null
                ? new Uri(string.Concat(
                    settings.GetValueOrDefault("DefaultEndpointsProtocol", "https"),
                    "://",
                    accountName,
                    ".table.",
                    settings.GetValueOrDefault("EndpointSuffix", "core.windows.net")))
                : throw new FormatException("The storage connection string names neither TableEndpoint nor AccountName.");

        if (!string.IsNullOrEmpty(accountKey))
        {
            if (string.IsNullOrEmpty(accountName))
            {
                throw new FormatException("The storage connection string has AccountKey without AccountName.");
            }

            return new TableConnectionString(endpoint, new AzureNamedKeyCredential(accountName, accountKey), null);
        }

        if (!string.IsNullOrEmpty(sas))
        {
            return new TableConnectionString(endpoint, null, new AzureSasCredential(sas));
        }

        throw new FormatException("The storage connection string has neither AccountKey nor SharedAccessSignature.");
    }
}
