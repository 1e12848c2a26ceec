namespace ConcertationBot.Bot.Storage;

/// <summary>Table storage settings, bound from the <c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The connection string used in Development when neither storage key is set: Azurite on 127.0.0.1:10002.</summary>
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    /// <summary>
    /// A storage connection string (<c>UseDevelopmentStorage=true</c>, account name and key, or SAS). Set either this or
    /// <see cref="TableEndpoint"/>, not both. Unset in Development with no endpoint either: <see cref="DevelopmentConnectionString"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table endpoint (<c>https://{account}.table.core.windows.net</c>); set means managed identity.</summary>
    public Uri? TableEndpoint { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty means the system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Table holding the bot's conversation and user state.</summary>
    public string StateTableName { get; set; } = "BotState";

    /// <summary>How long <c>/readyz</c> waits for the Table endpoint.</summary>
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries of a failed Table request (network errors and the statuses Azure.Core retries: 408, 429, 500, 502, 503,
    /// 504). Few and quick, so that during an outage a user gets the try-again card inside Teams' invoke window instead
    /// of waiting for the SDK's default of 3 tries with up to a minute between them.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; doubled per retry (with jitter), capped at 2 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one Table request may wait for an answer (a frozen server), per try.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
