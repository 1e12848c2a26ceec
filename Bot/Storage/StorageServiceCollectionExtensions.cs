using System.Text.RegularExpressions;
using Azure.Identity;
using ConcertationBot.Bot.Storage.Tables;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Storage;

public static partial class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="StorageOptions"/>, the <see cref="TableServiceClient"/>, the bot state store and the readiness probe.</summary>
    public static IServiceCollection AddTableStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.ConnectionString) || o.TableEndpoint is not null,
                "Storage: set ConnectionString, or TableEndpoint for managed identity.")
            .Validate(o => string.IsNullOrWhiteSpace(o.ConnectionString) || IsParsable(o.ConnectionString), "Storage:ConnectionString is not a valid storage connection string.")
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

    internal static TableServiceClient CreateServiceClient(StorageOptions options)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new TableServiceClient(options.ConnectionString, clientOptions);
        }

        var identity = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId);
        return new TableServiceClient(options.TableEndpoint!, new ManagedIdentityCredential(identity), clientOptions);
    }

    private static bool IsParsable(string connectionString)
    {
        try
        {
            TableConnectionString.Parse(connectionString);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNameRegex();
}
