using System.Text.Json.Serialization;
using ConcertationBot.Bot.Kernel;

namespace ConcertationBot.Bot.Dashboard;

/// <summary>
/// What a dashboard link opens, and until when: one conversation's pulses, votes and rencontres, the feuille de route of
/// <see cref="RoadmapScopeId"/> (the team, else the conversation, as the coordinator role's scope), in
/// <see cref="Language"/> (<c>"fr"</c>, <c>"en"</c> or <c>"bi"</c>, the conversation's when the link was made), dates in
/// <see cref="TimeZone"/> (the asker's; UTC when absent).
/// </summary>
public sealed record DashboardGrant(string ChannelId, string ConversationId, string RoadmapScopeId, string Language, DateTimeOffset ExpiresAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeZone { get; init; }

    /// <summary>
    /// True for a grant made for a Teams tab (after the SSO token and the roster were checked): the page it opens may
    /// then be framed by Teams' hosts. A link from <c>tableau de bord</c> leaves it null and is never framed.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? InTab { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DashboardGrant))]
internal sealed partial class DashboardGrantJsonContext : JsonSerializerContext;

/// <summary>
/// Dashboard links: <c>/dashboard?grant={grant}.{signature}</c>, signed as the export links are
/// (<see cref="SignedTokens"/>) under their own purpose, so an export link's grant never opens a dashboard nor the
/// reverse. They expire after <see cref="Lifetime"/>. The grant travels in the query string, which ASP.NET Core never
/// puts in a log scope (see <c>ExportLinks</c>), and the page is sent with <c>Referrer-Policy: no-referrer</c>.
/// </summary>
public sealed class DashboardLinks(IRespondentKeys keys, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The page's path, relative to the bot's base address.</summary>
    public const string PagePath = "dashboard";

    /// <summary>The query parameter that carries the signed grant.</summary>
    public const string GrantParameter = "grant";

    private const string Purpose = "dashboard";

    public DashboardGrant GrantFor(string channelId, string conversationId, string roadmapScopeId, string language, string? timeZone) =>
        new(channelId, conversationId, roadmapScopeId, language, time.GetUtcNow() + Lifetime) { TimeZone = timeZone };

    /// <summary>
    /// A grant for a Teams tab: <see cref="DashboardGrant.InTab"/> set, valid <paramref name="lifetime"/> only (the tab asks
    /// again each time it opens, with a fresh SSO token).
    /// </summary>
    public DashboardGrant TabGrantFor(string channelId, string conversationId, string roadmapScopeId, string language, TimeSpan lifetime) =>
        new(channelId, conversationId, roadmapScopeId, language, time.GetUtcNow() + lifetime) { InTab = true };

    public string CreateToken(DashboardGrant grant) =>
        SignedTokens.Create(keys, grant, DashboardGrantJsonContext.Default.DashboardGrant, Purpose);

    /// <summary>The grant when the token is genuine, a dashboard's and not expired; null otherwise.</summary>
    public DashboardGrant? Verify(string? token) =>
        SignedTokens.Verify(keys, token, DashboardGrantJsonContext.Default.DashboardGrant, Purpose, time.GetUtcNow(), grant => grant.ExpiresAt);

    public static Uri Link(Uri baseUri, string token) =>
        new(baseUri, $"{PagePath}?{GrantParameter}={Uri.EscapeDataString(token)}");
}
