using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Storage;

public static partial class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="StorageOptions"/>, the <see cref="TableServiceClient"/>, the bot state store and the readiness probe.</summary>
    public static IServiceCollection AddTableStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                // Azurite only where nobody chose anything, and only on a developer's machine.
                if (!IsSet(o.ConnectionString) && o.TableEndpoint is null && environment.IsDevelopment())
                {
                    o.ConnectionString = StorageOptions.DevelopmentConnectionString;
                }
            })
            .Validate(
                o => IsSet(o.ConnectionString) || o.TableEndpoint is not null,
                "Storage: set Storage:TableEndpoint (managed identity) or Storage:ConnectionString (account key or SAS); neither is set, and Azurite is used only in Development.")
            .Validate(
                o => !(IsSet(o.ConnectionString) && o.TableEndpoint is not null),
                "Storage: Storage:ConnectionString and Storage:TableEndpoint are both set; set the endpoint (managed identity) or the connection string, not both.")
            .Validate(o => !IsSet(o.ConnectionString) || IsParsable(o.ConnectionString!), "Storage:ConnectionString is not a valid storage connection string.")
            .Validate(o => TableNameRegex().IsMatch(o.StateTableName), "Storage:StateTableName must be 3-63 letters or digits, starting with a letter.")
            .Validate(o => o.ReadinessTimeout > TimeSpan.Zero, "Storage:ReadinessTimeout must be positive.")
            .Validate(o => o.MaxRetries is >= 0 and <= 10, "Storage:MaxRetries must be between 0 and 10.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.NetworkTimeout > TimeSpan.Zero, "Storage:RetryDelay and Storage:NetworkTimeout must be positive.")
            .ValidateOnStart();

        services.AddSingleton(sp => CreateServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IBotStateStore, BotStateStore>();
        services.AddSingleton<TableReadinessProbe>();
        return services;
    }

    /// <summary>Maps <c>GET /readyz</c>: 200 when the Table endpoint answers, 503 otherwise.</summary>
    public static IEndpointRouteBuilder MapTableReadiness(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/readyz", async (TableReadinessProbe probe, CancellationToken cancellationToken) =>
            await probe.IsReadyAsync(cancellationToken).ConfigureAwait(false)
                ? Results.Ok(new { status = "ready" })
                : Results.Json(new { status = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }

    /// <summary>
    /// The client for the configured account: the connection string when set, else the endpoint with the managed
    /// identity. Azure.Core's retry policy keeps its default choice of what to retry (network errors, 408, 429, 500,
    /// 502, 503, 504) with the short budget of <see cref="StorageOptions"/>.
    /// </summary>
    internal static TableServiceClient CreateServiceClient(StorageOptions options) => CreateServiceClient(options, options.MaxRetries);

    /// <summary>
    /// A client for the <c>Deliveries</c> table: the same account and credentials, but at most one retry (a claim or a
    /// record that cannot be had quickly is skipped, and the activity handled as before, so an outage does not add the
    /// full retry budget to every turn).
    /// </summary>
    public static TableServiceClient CreateDeliveriesClient(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateServiceClient(options, Math.Min(options.MaxRetries, 1));
    }

    private static TableServiceClient CreateServiceClient(StorageOptions options, int maxRetries)
    {
        var clientOptions = CreateClientOptions(options);
        clientOptions.Retry.MaxRetries = maxRetries;
        if (IsSet(options.ConnectionString))
        {
            return new TableServiceClient(options.ConnectionString, clientOptions);
        }

        var identity = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId);
        return new TableServiceClient(
            options.TableEndpoint ?? throw new InvalidOperationException("Storage: neither Storage:ConnectionString nor Storage:TableEndpoint is set."),
            new ManagedIdentityCredential(identity),
            clientOptions);
    }

    internal static TableClientOptions CreateClientOptions(StorageOptions options)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        return clientOptions;
    }

    private static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value);

    /// <summary>
    /// Whether Azure.Data.Tables accepts the connection string. Its parser throws FormatException (UriFormatException for
    /// a bad endpoint), InvalidOperationException or ArgumentException, where ours threw only FormatException. Building
    /// a client sends nothing, so this is safe at start-up.
    /// </summary>
    private static bool IsParsable(string connectionString)
    {
        try
        {
            _ = new TableServiceClient(connectionString);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNameRegex();
}
