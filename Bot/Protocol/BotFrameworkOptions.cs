namespace ConcertationBot.Bot.Protocol;

/// <summary>
/// The Bot Framework identity, bound from the root configuration keys Azure Bot Service uses
/// (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppType</c>, <c>MicrosoftAppTenantId</c>).
/// An empty app id means local mode: no outbound token, and no inbound token required on loopback.
/// </summary>
public sealed class BotFrameworkOptions
{
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public BotAppType MicrosoftAppType { get; set; } = BotAppType.MultiTenant;
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>True when no app id is configured (Agents Playground, local runs).</summary>
    public bool IsAuthenticationDisabled => string.IsNullOrWhiteSpace(MicrosoftAppId);
}

/// <summary><c>MicrosoftAppType</c> values.</summary>
public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMsi,
}

/// <summary>Host switches under the <c>Bot</c> section.</summary>
public sealed class BotHostOptions
{
    public const string SectionName = "Bot";

    /// <summary>Accept unauthenticated requests on a non-loopback address (never in production).</summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>Channel (Bot Framework) OpenID metadata; overridable for tests and sovereign clouds.</summary>
    public string ChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Entra / emulator OpenID metadata.</summary>
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Largest accepted request body on <c>/api/messages</c>, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How long a card action (invoke) may run before the user gets the try-again card: Teams gives up on an invoke after
    /// about 5 s, so the answer must leave before that.
    /// </summary>
    public TimeSpan InvokeTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a message turn may run before the bot replies with the try-again card (Bot Framework waits 15 s).</summary>
    public TimeSpan MessageTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
