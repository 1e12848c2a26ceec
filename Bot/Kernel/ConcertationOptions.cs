namespace ConcertationBot.Bot.Kernel;

/// <summary>Concertation settings, bound from the <c>Concertation</c> section (see the configuration contract).</summary>
public sealed class ConcertationOptions
{
    public const string SectionName = "Concertation";

    /// <summary>The smallest accepted <see cref="HashKey"/>, in bytes once decoded.</summary>
    public const int MinimumHashKeyBytes = 32;

    /// <summary>
    /// Entra object ids with the coordinator role everywhere. Bound from <c>Concertation:Coordinators:0</c>, <c>:1</c>…, or
    /// from a single <c>Concertation:Coordinators</c> value separated by commas or semicolons.
    /// </summary>
    public string[] Coordinators { get; set; } = [];

    /// <summary>Base64 secret (at least 32 bytes) for respondent and voter keys and for signed links.</summary>
    public string? HashKey { get; set; }

    /// <summary>k for small-group suppression: distributions with fewer answers are not shown.</summary>
    public int MinimumGroupSize { get; set; } = 3;

    /// <summary>How often each bot instance looks for pulses past their deadline to close them.</summary>
    public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one instance holds the claim on posting a pending summary (so two instances never post it together).</summary>
    public TimeSpan CloseClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After a failed summary post, how long before any instance's sweep tries again.</summary>
    public TimeSpan CloseRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long answers, ballots and dialog states of a closed pulse or vote are kept (days after its close); then they are
    /// deleted and only the summary or result stays. Three years by default.
    /// </summary>
    public int RetentionDays { get; set; } = 1095;

    /// <summary>
    /// The IANA time zone of the round tables, used for deadlines and dates when Teams sends none (default
    /// <c>America/Toronto</c>, named "heure de l'Est" / "Eastern Time").
    /// </summary>
    public string TimeZone { get; set; } = "America/Toronto";

    /// <summary>Absolute base URL for export links; empty means the request's own host.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The decoded <see cref="HashKey"/>; only valid once the options passed validation.</summary>
    internal byte[] DecodeHashKey() => Convert.FromBase64String(HashKey ?? string.Empty);
}
