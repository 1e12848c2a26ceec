namespace ConcertationBot.Tests.Infrastructure;

/// <summary>
/// A Table endpoint for integration tests: the one in <c>STORAGE_CONNECTION_STRING</c> when set, otherwise a private
/// in-memory <see cref="AzuriteProcess"/> (the one the load tool starts too) on a free loopback port, killed on dispose.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string AccountName = AzuriteProcess.AccountName;
    public const string AccountKey = AzuriteProcess.AccountKey;

    private AzuriteProcess? _azurite;

    /// <summary>Connection string with account name, key and explicit table endpoint.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public Uri TableEndpoint { get; private set; } = new("http://127.0.0.1");

    public async Task InitializeAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("STORAGE_CONNECTION_STRING");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            ConnectionString = fromEnvironment;
            var endpoint = fromEnvironment.Split(';').Select(s => s.Split('=', 2)).FirstOrDefault(p => p[0].Trim().Equals("TableEndpoint", StringComparison.OrdinalIgnoreCase));
            TableEndpoint = new Uri(endpoint?[1] ?? "http://127.0.0.1:10002/devstoreaccount1");
            return;
        }

        _azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root, logDirectory: null, location: null, CancellationToken.None);
        ConnectionString = _azurite.ConnectionString;
        TableEndpoint = _azurite.TableEndpoint;
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
            _azurite = null;
        }
    }

    /// <summary>A table name no other test uses.</summary>
    public static string UniqueTableName(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..20];
}
