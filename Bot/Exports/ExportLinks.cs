using System.Text.Json.Serialization;
using ConcertationBot.Bot.Kernel;

namespace ConcertationBot.Bot.Exports;

/// <summary>What an export link gives access to, and until when. <see cref="PulseId"/> is <see cref="VotesOnly"/> for a report of votes alone.</summary>
public sealed record ExportGrant(string ChannelId, string ConversationId, string PulseId, DateTimeOffset ExpiresAt)
{
    /// <summary>
    /// The time zone of whoever asked for the export, for the dates of a report without a pulse (a pulse has its own).
    /// Absent from links made before it existed, which then date such a report in UTC.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeZone { get; init; }

    /// <summary>
    /// The scope id of the feuille de route the compte-rendu reports on (the team, else the conversation), as the
    /// coordinator role's scope. Absent from links made before it existed: their report then has no roadmap changes.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RoadmapScopeId { get; init; }

    /// <summary>The pulse id of a report without a pulse (only the conversation's closed votes).</summary>
    public const string VotesOnly = "-";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ExportGrant))]
internal sealed partial class ExportGrantJsonContext : JsonSerializerContext;

/// <summary>
/// Download links for the compte-rendu: <c>/exports/compte-rendu.md?grant={grant}.{signature}</c>. The grant (base64url
/// JSON: conversation, pulse, expiry) is signed with the HMAC key from configuration, so a link cannot be forged,
/// altered or extended; it expires after <see cref="Lifetime"/>. The grant travels in the query string, not the path:
/// ASP.NET Core puts the request path into the log scope of every line written during a request, never the query.
/// Links of the earlier form <c>/exports/{token}/{file}</c> are still served until they expire.
/// </summary>
public sealed class ExportLinks(IRespondentKeys keys, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public const string MarkdownFile = "compte-rendu.md";
    public const string CsvFile = "compte-rendu.csv";

    /// <summary>The query parameter that carries the signed grant.</summary>
    public const string GrantParameter = "grant";

    /// <summary>The token for a grant: <c>base64url(json).base64url(hmac)</c> (<see cref="SignedTokens"/>, no purpose: links posted before purposes existed stay valid).</summary>
    public string CreateToken(ExportGrant grant) =>
        SignedTokens.Create(keys, grant, ExportGrantJsonContext.Default.ExportGrant, purpose: string.Empty);

    /// <summary>A grant for this pulse, valid from now for <see cref="Lifetime"/>.</summary>
    public ExportGrant GrantFor(string channelId, string conversationId, string pulseId, string? timeZone = null) =>
        new(channelId, conversationId, pulseId, time.GetUtcNow() + Lifetime) { TimeZone = timeZone };

    public static Uri Link(Uri baseUri, string token, string file) =>
        new(baseUri, RelativeLink(token, file));

    /// <summary>The link relative to the bot's base address (a page the bot serves at its base links to it so, staying on its origin).</summary>
    public static string RelativeLink(string token, string file) =>
        $"exports/{file}?{GrantParameter}={Uri.EscapeDataString(token)}";

    /// <summary>The grant when the token is genuine and not expired; null otherwise (tampered, forged, expired or malformed).</summary>
    public ExportGrant? Verify(string token) =>
        SignedTokens.Verify(keys, token, ExportGrantJsonContext.Default.ExportGrant, purpose: string.Empty, time.GetUtcNow(), grant => grant.ExpiresAt);

    /// <summary>"compte-rendu-2026-11-22.md": the file name offered to the browser, dated as <paramref name="date"/> is given (local).</summary>
    public static string DownloadName(string file, DateTimeOffset date) =>
        file.Replace("compte-rendu", "compte-rendu-" + date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
