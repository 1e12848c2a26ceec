using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Cards.Dashboard;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Summaries;

namespace ConcertationBot.Bot.Dashboard;

/// <summary>
/// <c>tableau de bord</c> / <c>dashboard</c> (anyone in the conversation): a card with a signed link, valid 24 h, to
/// this conversation's dashboard (and its team's feuille de route). The page shows aggregates only, so no role is asked.
/// The page speaks as the conversation's shared cards do: in the asker's language, or in both when it is bilingual
/// (the grant's language is then <c>"bi"</c>), and so does the card.
/// </summary>
public sealed partial class DashboardConversation(
    DashboardLinks links,
    DashboardTabDirectory tabDirectory,
    TimeProvider time,
    IOptions<ConcertationOptions> options,
    ILogger<DashboardConversation> logger)
{
    public async Task CommandAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var channelId = context.Activity.ChannelId!;
        var conversationId = ConversationKeys.Normalize(context.Activity.Conversation!.Id!);
        var grant = links.GrantFor(
            channelId,
            conversationId,
            CoordinatorScope.From(context.Activity).ScopeId,
            context.Shared.Code,
            context.TimeZone);
        var url = DashboardLinks.Link(PublicAddress.BaseUri(options.Value, context), links.CreateToken(grant));
        LogLinkMade(logger);
        await context.SendSharedCardAsync(
            language => DashboardCard.Build(language, url, DeadlineText.Format(grant.ExpiresAt, context.TimeZone, language)),
            cancellationToken).ConfigureAwait(false);
        // The Teams tabs find the conversation's serviceUrl (for its roster) here; the card is out whatever happens.
        await tabDirectory.TryRecordAsync(DashboardTabDirectory.From(context.Activity, grant.Language, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// When the bot is added to a conversation: lists it for the Teams tabs (its serviceUrl, for the roster), so the
    /// personal tab "Mes tables" shows a table before anyone typed <c>tableau de bord</c> there. Never fails the turn.
    /// </summary>
    public Task RecordInstalledAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Activity is { ChannelId: not null, ServiceUrl: not null, Conversation.Id: not null }
            ? tabDirectory.TryRecordAsync(DashboardTabDirectory.From(context.Activity, context.Shared.Code, time.GetUtcNow()), cancellationToken)
            : Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard link made")]
    private static partial void LogLinkMade(ILogger logger);
}
