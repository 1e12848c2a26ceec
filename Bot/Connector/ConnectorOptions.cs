namespace ConcertationBot.Bot.Connector;

/// <summary>Retry tuning for connector calls, bound from the <c>Bot:Connector</c> section.</summary>
public sealed class ConnectorOptions
{
    public const string SectionName = "Bot:Connector";

    /// <summary>Retries after the first attempt (so at most <c>MaxRetries + 1</c> requests).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First back-off delay when the connector gives no <c>Retry-After</c>; doubled per retry, ±20 % jitter.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on one computed back-off delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A <c>Retry-After</c> longer than this is not waited for: the call fails with the 429 instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    internal IEnumerable<string> Validate()
    {
        if (MaxRetries is < 0 or > 20)
        {
            yield return $"{SectionName}:MaxRetries must be between 0 and 20.";
        }

        if (InitialDelay <= TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            yield return $"{SectionName}:InitialDelay must be positive and not above {SectionName}:MaxDelay.";
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            yield return $"{SectionName}:MaxRetryAfter must not be negative.";
        }

        if (NetworkTimeout <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:NetworkTimeout must be positive.";
        }
    }
}
