namespace ConcertationBot.Bot.Dashboard;

/// <summary>
/// The Teams tabs' SSO (section <c>Dashboard:Tab</c>). Every key is optional: the app id and tenant default to the bot's
/// (<c>MicrosoftAppId</c>, <c>MicrosoftAppTenantId</c>), the Application ID URI to <c>api://{host}/{app id}</c>, the host
/// being that of <c>Concertation:PublicBaseUrl</c>, or, when that is not set, the <c>Host</c> the tab's request reached.
/// With no app id the tabs answer 401 and say how to open the dashboard.
/// </summary>
public sealed class DashboardTabOptions
{
    public const string SectionName = "Dashboard:Tab";

    /// <summary>The Entra app the tab's token is for; the bot's <c>MicrosoftAppId</c> when empty.</summary>
    public string? ClientId { get; set; }

    /// <summary>The only tenant whose users are accepted; <c>MicrosoftAppTenantId</c> when empty; when both are empty, any tenant (the roster decides).</summary>
    public string? TenantId { get; set; }

    /// <summary><c>api://&lt;host&gt;/&lt;app id&gt;</c>, the token's audience (with the app id itself).</summary>
    public string? ApplicationIdUri { get; set; }

    /// <summary>The exposed delegated scope the token must carry.</summary>
    public string Scope { get; set; } = "access_as_user";

    /// <summary>Entra's OpenID metadata; the tenant's (or <c>common</c>'s) v2.0 document when empty. Tests point it at a local provider.</summary>
    public string? OpenIdMetadataUrl { get; set; }

    /// <summary>How long a tab's dashboard grant lasts: the tab asks for a new one each time it opens.</summary>
    public TimeSpan GrantLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The personal tab checks at most this many conversations (the most recently seen), one roster read each.</summary>
    public int MaxListedConversations { get; set; } = 20;
}
