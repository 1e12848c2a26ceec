using System.Text.Json.Serialization;
using Azure;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Dashboard;

/// <summary>
/// A conversation a tab may show: where to read its roster (<see cref="ServiceUrl"/>), its tenant, the feuille de route's
/// scope and language a grant needs, and a label for the personal tab (the team's and the conversation's names as
/// Teams gave them; never a person's).
/// </summary>
public sealed record DashboardTabConversation(
    string ChannelId,
    string ConversationId,
    string ServiceUrl,
    string? TenantId,
    string RoadmapScopeId,
    string Language,
    string? Label,
    DateTimeOffset SeenAt);

/// <summary>The conversations of one channel (<c>msteams</c>), most recently seen first.</summary>
public sealed record DashboardTabDirectoryEntry(IReadOnlyList<DashboardTabConversation> Conversations);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DashboardTabDirectoryEntry))]
internal sealed partial class DashboardTabDirectoryJsonContext : JsonSerializerContext;

/// <summary>
/// Where the tabs find a conversation's serviceUrl (the bot keeps none per conversation otherwise): one bot-state entry
/// per channel listing the conversations where the bot was added or someone asked for <c>tableau de bord</c>, at most
/// <see cref="MaxKept"/> (the least recently seen drop out). A channel tab opened in a conversation that is not listed
/// falls back to the serviceUrl stored with the conversation's latest pulse.
/// </summary>
public sealed partial class DashboardTabDirectory(IBotStateStore state, ILogger<DashboardTabDirectory> logger)
{
    /// <summary>The most conversations kept per channel (a few hundred bytes each; the entry stays well under the state's size limit).</summary>
    public const int MaxKept = 400;

    private async Task RecordAsync(DashboardTabConversation conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        await state.UpdateAsync(
            KeyFor(conversation.ChannelId),
            current => new DashboardTabDirectoryEntry(
                [conversation, .. (current?.Conversations ?? []).Where(c => c.ConversationId != conversation.ConversationId).Take(MaxKept - 1)]),
            DashboardTabDirectoryJsonContext.Default.DashboardTabDirectoryEntry,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="RecordAsync"/>, logging instead of failing when storage cannot be written (the tab then falls back to the latest pulse).</summary>
    public async Task TryRecordAsync(DashboardTabConversation conversation, CancellationToken cancellationToken)
    {
        try
        {
            await RecordAsync(conversation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RequestFailedException or StateConflictException)
        {
            LogNotRecorded(logger, exception);
        }
    }

    /// <summary>The conversations of <paramref name="channelId"/>, most recently seen first.</summary>
    public async Task<IReadOnlyList<DashboardTabConversation>> ListAsync(string channelId, CancellationToken cancellationToken)
    {
        var entry = await state.ReadAsync(KeyFor(channelId), DashboardTabDirectoryJsonContext.Default.DashboardTabDirectoryEntry, cancellationToken).ConfigureAwait(false);
        return entry?.Value.Conversations ?? [];
    }

    public async Task<DashboardTabConversation?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        (await ListAsync(channelId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => c.ConversationId == ConversationKeys.Normalize(conversationId));

    /// <summary>The entry of the conversation <paramref name="activity"/> comes from.</summary>
    public static DashboardTabConversation From(Activity activity, string language, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var team = TeamsChannelData.Team(activity);
        var name = activity.Conversation?.Name;
        var label = (team?.Name, name) switch
        {
            ({ Length: > 0 } t, { Length: > 0 } c) => $"{t} › {c}",
            ({ Length: > 0 } t, _) => t,
            (_, { Length: > 0 } c) => c,
            _ => null,
        };
        return new DashboardTabConversation(
            activity.ChannelId!,
            ConversationKeys.Normalize(activity.Conversation!.Id!),
            activity.ServiceUrl!,
            activity.Conversation.TenantId,
            CoordinatorScope.From(activity).ScopeId,
            language,
            label,
            now);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The conversation could not be recorded for the Teams tabs")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception);

    private static BotStateKey KeyFor(string channelId) => new(BotStateKey.Compose("dashboard-tabs", channelId), "directory");
}
