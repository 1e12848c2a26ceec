using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Authentication;
using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Dashboard;

/// <summary>The channel tab's request: the conversation its Teams context names (the channel's or the chat's id).</summary>
public sealed record DashboardTabGrantRequest(string? ConversationId);

/// <summary>A dashboard to open: the page's address with a short grant, and for the personal tab a label.</summary>
public sealed record DashboardTabLink(string Url, string? Label);

/// <summary>The personal tab's list; <see cref="Truncated"/> when more conversations were known than were checked.</summary>
public sealed record DashboardTabList(IReadOnlyList<DashboardTabLink> Tables, bool Truncated);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DashboardTabGrantRequest))]
[JsonSerializable(typeof(DashboardTabLink))]
[JsonSerializable(typeof(DashboardTabList))]
internal sealed partial class DashboardTabJsonContext : JsonSerializerContext;

/// <summary>
/// The tabs' two calls, for Teams conversations only (<see cref="Channels.Msteams"/>). <c>POST /dashboard/tab/grant</c>:
/// with a valid SSO token (<see cref="TabTokenValidator"/>) whose user (<c>oid</c>) is in the conversation's roster, 200
/// and a short grant to that conversation's dashboard; 401 for a missing or bad token or when no app id is configured,
/// 400 for a body that is not JSON or names no conversation, 404 for a conversation the bot knows no address for, 403
/// for a user who is not a member or from another tenant, 503 when the roster cannot be read (a Connector error, or
/// longer than <see cref="RosterTimeout"/>). <c>POST /dashboard/tab/tables</c>: 401 as above, else 200 and the
/// conversations the user is a member of, among the <see cref="DashboardTabOptions.MaxListedConversations"/> most
/// recently seen (one whose roster cannot be read is left out).
/// </summary>
public sealed partial class DashboardTabs(
    TabTokenValidator validator,
    DashboardTabDirectory directory,
    IPulseStore pulses,
    ConversationRoster roster,
    DashboardLinks links,
    IOptions<DashboardTabOptions> tabOptions,
    IOptions<BotFrameworkOptions> botOptions,
    IOptions<ConcertationOptions> options,
    TimeProvider time,
    ILogger<DashboardTabs> logger)
{
    /// <summary>How long one roster read may take before the conversation counts as unavailable (Teams waits for the tab).</summary>
    public static readonly TimeSpan RosterTimeout = TimeSpan.FromSeconds(5);

    public async Task<IResult> GrantAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await UserAsync(request, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return Results.Unauthorized();
        }

        DashboardTabGrantRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync(DashboardTabJsonContext.Default.DashboardTabGrantRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
        {
            body = null;
        }

        if (body?.ConversationId is not { Length: > 0 } conversationId)
        {
            return Results.BadRequest();
        }

        conversationId = ConversationKeys.Normalize(conversationId);
        var conversation = await directory.FindAsync(Channels.Msteams, conversationId, cancellationToken).ConfigureAwait(false)
            ?? await FromLatestPulseAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (conversation is null)
        {
            LogUnknownConversation(logger);
            return Results.NotFound();
        }

        switch (await MembershipAsync(user, conversation, cancellationToken).ConfigureAwait(false))
        {
            case Membership.Member:
                break;
            case Membership.Unavailable:
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            default:
                LogNotMember(logger);
                return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        LogGranted(logger);
        return Results.Json(new DashboardTabLink(LinkFor(request, conversation), null), DashboardTabJsonContext.Default.DashboardTabLink);
    }

    public async Task<IResult> TablesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await UserAsync(request, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return Results.Unauthorized();
        }

        var known = (await directory.ListAsync(Channels.Msteams, cancellationToken).ConfigureAwait(false))
            .Where(c => c.TenantId is null || string.Equals(c.TenantId, user.TenantId, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var bound = tabOptions.Value.MaxListedConversations;
        // One roster read per conversation, side by side (Teams limits roster reads per conversation, not across them).
        var checkedConversations = known.Take(bound).ToList();
        var memberships = await Task.WhenAll(checkedConversations.Select(c => MembershipAsync(user, c, cancellationToken))).ConfigureAwait(false);
        var found = checkedConversations
            .Where((_, i) => memberships[i] == Membership.Member)
            .Select(c => new DashboardTabLink(LinkFor(request, c), c.Label))
            .ToList();

        LogListed(logger, found.Count, Math.Min(bound, known.Count));
        return Results.Json(new DashboardTabList(found, known.Count > bound), DashboardTabJsonContext.Default.DashboardTabList);
    }

    /// <summary>The requirements the token must meet; null when no app id is configured (the tabs cannot work).</summary>
    private TabTokenRequirements? Requirements(HttpRequest request)
    {
        var tab = tabOptions.Value;
        var clientId = (tab.ClientId ?? botOptions.Value.MicrosoftAppId)?.Trim();
        if (string.IsNullOrEmpty(clientId))
        {
            return null;
        }

        var host = options.Value.PublicBaseUrl?.Host ?? request.Host.Host;
        return new TabTokenRequirements(clientId, tab.ApplicationIdUri?.Trim() ?? $"api://{host}/{clientId}", tab.TenantId, tab.Scope);
    }

    private async Task<TabUser?> UserAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (Requirements(request) is not { } requirements)
        {
            LogRejected(logger, "no app id is configured for the tabs (Dashboard:Tab:ClientId or MicrosoftAppId)");
            return null;
        }

        var result = await validator.ValidateAsync(request.Headers.Authorization.Count == 1 ? request.Headers.Authorization.ToString() : null, requirements, cancellationToken).ConfigureAwait(false);
        if (result.User is null)
        {
            LogRejected(logger, result.FailureReason ?? "unspecified");
        }

        return result.User;
    }

    private async Task<DashboardTabConversation?> FromLatestPulseAsync(string conversationId, CancellationToken cancellationToken)
    {
        var pulse = await pulses.GetLatestAsync(Channels.Msteams, conversationId, closedOnly: false, exceptPulseId: null, cancellationToken).ConfigureAwait(false);
        return pulse is null
            ? null
            : new DashboardTabConversation(pulse.ChannelId, pulse.ConversationId, pulse.ServiceUrl, pulse.TenantId, pulse.TeamId ?? pulse.ConversationId, pulse.Language, null, time.GetUtcNow());
    }

    private async Task<Membership> MembershipAsync(TabUser user, DashboardTabConversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.TenantId is { Length: > 0 } tenant && !string.Equals(tenant, user.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return Membership.NotMember;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RosterTimeout);
        try
        {
            var members = await roster.ReadAsync(conversation.ServiceUrl, conversation.ConversationId, timeout.Token).ConfigureAwait(false);
            return members.Any(m => string.Equals(m.AadObjectId, user.ObjectId, StringComparison.OrdinalIgnoreCase)) ? Membership.Member : Membership.NotMember;
        }
        catch (Exception exception) when (exception is ConnectorException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogRosterUnavailable(logger, exception);
            return Membership.Unavailable;
        }
    }

    private string LinkFor(HttpRequest request, DashboardTabConversation conversation)
    {
        var grant = links.TabGrantFor(conversation.ChannelId, conversation.ConversationId, conversation.RoadmapScopeId, conversation.Language, tabOptions.Value.GrantLifetime);
        var baseUri = PublicAddress.BaseUri(options.Value, new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/"));
        return DashboardLinks.Link(baseUri, links.CreateToken(grant)).AbsoluteUri;
    }

    private enum Membership
    {
        NotMember,
        Member,
        Unavailable,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard tab request rejected with 401: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard tab request rejected with 403: the user is not a member of the conversation")]
    private static partial void LogNotMember(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard tab opened for a conversation the bot has no address for")]
    private static partial void LogUnknownConversation(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The conversation's roster could not be read for a dashboard tab")]
    private static partial void LogRosterUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard tab grant made")]
    private static partial void LogGranted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard personal tab: {Found} of {Checked} conversations")]
    private static partial void LogListed(ILogger logger, int found, int @checked);
}
