using Microsoft.Extensions.Hosting;
using ConcertationBot.Bot.Application;

namespace ConcertationBot.Tests.Bot.Storage;

/// <summary>
/// Which Table endpoint the bot talks to, given the storage keys and the environment. Plain hosts with the bot's
/// registrations, not WebApplicationFactory (which sometimes reports a failed start as ObjectDisposedException).
/// </summary>
public sealed class StoragePrecedenceTests
{
    private const string DocumentedTableEndpoint = "https://stconcertation12345.table.core.windows.net";

    /// <summary>
    /// The App Service settings of docs/deploy.md §2.4, as App Service hands them to the process: environment variables,
    /// where <c>__</c> stands for <c>:</c>. Key Vault references arrive resolved. No <c>Storage__ConnectionString</c>:
    /// §2.2 says to leave it unset.
    /// </summary>
    private static readonly Dictionary<string, string> DocumentedAppSettings = new()
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        ["MicrosoftAppTenantId"] = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d",
        ["MicrosoftAppPassword"] = "client-secret-from-key-vault",
        ["Concertation__HashKey"] = BotApplicationFactory.TestHashKey,
        ["Storage__TableEndpoint"] = DocumentedTableEndpoint,
        ["Concertation__PublicBaseUrl"] = "https://concertation-bot.azurewebsites.net",
    };

    private static IHost BuildHost(string environmentName, IEnumerable<KeyValuePair<string, string>> environmentVariables)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(environmentVariables.Select(v =>
            new KeyValuePair<string, string?>(v.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), v.Value)));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environmentName,
            Configuration = configuration,
        });
        builder.AddConcertationBot();
        return builder.Build();
    }

    [Fact]
    public void AddTableStorage_DeployGuideSettingsInProduction_UsesTheDocumentedEndpoint()
    {
        // Arrange
        using var sut = BuildHost(Environments.Production, DocumentedAppSettings);

        // Act
        var client = sut.Services.GetRequiredService<TableServiceClient>();

        // Assert
        Assert.Equal(new Uri(DocumentedTableEndpoint), client.Uri);
    }

    [Theory]
    [InlineData("NeitherConnectionStringNorEndpoint")]
    [InlineData("ConnectionStringAndEndpointBothSet")]
    public async Task StartAsync_StorageKeysInProduction_RefusesNamingBothKeys(string storageKeys)
    {
        // Arrange
        using var sut = BuildHost(Environments.Production, AppSettingsWith(storageKeys));

        // Act
        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => sut.StartAsync());

        // Assert
        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:TableEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTableStorage_NeitherSetInDevelopment_UsesDevelopmentStorage()
    {
        // Arrange
        using var sut = BuildHost(Environments.Development, [new("Concertation__HashKey", BotApplicationFactory.TestHashKey)]);

        // Act
        var client = sut.Services.GetRequiredService<TableServiceClient>();

        // Assert
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), client.Uri);
    }

    [Fact]
    public void AddTableStorage_EndpointSetInDevelopment_UsesTheEndpointNotDevelopmentStorage()
    {
        // Arrange
        using var sut = BuildHost(Environments.Development, DocumentedAppSettings);

        // Act
        var client = sut.Services.GetRequiredService<TableServiceClient>();

        // Assert
        Assert.Equal(new Uri(DocumentedTableEndpoint), client.Uri);
    }

    /// <summary>The deploy guide's settings without the table endpoint, or with a connection string beside it.</summary>
    private static IEnumerable<KeyValuePair<string, string>> AppSettingsWith(string storageKeys) => storageKeys switch
    {
        "NeitherConnectionStringNorEndpoint" => DocumentedAppSettings.Where(s => s.Key != "Storage__TableEndpoint"),
        "ConnectionStringAndEndpointBothSet" => DocumentedAppSettings.Append(new("Storage__ConnectionString", "UseDevelopmentStorage=true")),
        _ => throw new ArgumentOutOfRangeException(nameof(storageKeys), storageKeys, "No such storage keys."),
    };
}
