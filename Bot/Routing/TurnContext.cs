using System.Security.Claims;
using System.Text.Json;
using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Localization;
using ConcertationBot.Dialogs.Commands;

namespace ConcertationBot.Bot.Routing;

/// <summary>
/// One inbound activity and what the bot answers to it. Replies go to the connector, or are buffered when the
/// sender asked for <c>deliveryMode: expectReplies</c>; an invoke's answer is set in <see cref="InvokeResponse"/>.
/// </summary>
public sealed class TurnContext
{
    private readonly IConnectorClientFactory _connectors;
    private readonly List<Activity> _bufferedReplies = [];
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IConnectorClient? _connector;

    public TurnContext(Activity activity, ClaimsIdentity identity, IConnectorClientFactory connectors)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Activity = activity;
        Identity = identity;
        _connectors = connectors;
        Language = Languages.FromLocale(activity.Locale ?? ClientInfo(activity, "locale"));
        TimeZone = activity.LocalTimezone ?? ClientInfo(activity, "timezone");
        Text = activity.Type == ActivityTypes.Message ? MentionText.RemoveRecipientMention(activity) : string.Empty;
        Words = CommandText.Words(Text);
    }

    public Activity Activity { get; }

    public ClaimsIdentity Identity { get; }

    /// <summary>
    /// The language to answer in: the activity's locale (French unless it is English), unless the conversation's
    /// language was fixed by a coordinator (set before routing).
    /// </summary>
    public Language Language { get; internal set; }

    /// <summary>
    /// True when a coordinator made the conversation bilingual (<c>langue bilingue</c>): cards posted for everyone
    /// carry both languages (<see cref="SharedCard"/>), while <see cref="Language"/> stays the person's own, for what
    /// only they see.
    /// </summary>
    public bool IsBilingual { get; internal set; }

    /// <summary>How cards posted for everyone speak in this turn (what a pulse or vote opened now records: <see cref="SharedLanguage.Code"/>).</summary>
    public SharedLanguage Shared => new(Language, IsBilingual);

    /// <summary>The sender's IANA time zone when the client told it (<c>localTimezone</c> or clientInfo), else null.</summary>
    public string? TimeZone { get; }

    /// <summary>The bot's own address as this request reached it (for links the bot serves), when known.</summary>
    public Uri? RequestBaseUri { get; init; }

    /// <summary>The message text with the bot's @mention removed.</summary>
    public string Text { get; }

    /// <summary><see cref="Text"/> folded into words for command matching.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>
    /// The route that handled the turn, in the bot's words, never the person's: <c>command:pulse etat</c>,
    /// <c>action:vote.cast</c>, <c>action:unknown</c>, <c>message</c>, <c>conversationUpdate</c> (set by routing; for telemetry).
    /// </summary>
    public string Route { get; internal set; } = "none";

    /// <summary>The words after the matched command (set by routing).</summary>
    public IReadOnlyList<string> CommandArguments { get; internal set; } = [];

    /// <summary>True in a channel or a group chat (the bot must be @mentioned there).</summary>
    public bool IsGroupConversation =>
        Activity.Conversation?.IsGroup == true
        || Activity.Conversation?.ConversationType is ConversationTypes.Channel or ConversationTypes.GroupChat;

    public bool ExpectsReplies => string.Equals(Activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);

    /// <summary>The answer of an invoke turn; null means nobody handled it.</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    public IReadOnlyList<Activity> BufferedReplies => _bufferedReplies;

    /// <summary>
    /// Completes once the HTTP answer of this turn has been sent (or the turn ended without one). Work the turn starts
    /// for others (a live card's update) waits for it, so the person who acted sees their own answer first.
    /// </summary>
    public Task Answered => _answered.Task;

    /// <summary>Called by the adapter once the answer is sent; idempotent.</summary>
    internal void MarkAnswered() => _answered.TrySetResult();

    /// <summary>Sends a reply into this conversation (or buffers it for expectReplies). Returns the new activity id when known.</summary>
    public async Task<string?> SendActivityAsync(Activity reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (ExpectsReplies)
        {
            _bufferedReplies.Add(reply);
            return null;
        }

        var connector = _connector ??= _connectors.Create(Activity.ServiceUrl
            ?? throw new InvalidOperationException("The activity has no serviceUrl to reply to."));
        var conversationId = Activity.Conversation?.Id
            ?? throw new InvalidOperationException("The activity has no conversation to reply to.");
        var response = reply.ReplyToId is { Length: > 0 } replyToId
            ? await connector.ReplyToActivityAsync(conversationId, replyToId, reply, cancellationToken).ConfigureAwait(false)
            : await connector.SendToConversationAsync(conversationId, reply, cancellationToken).ConfigureAwait(false);
        return response.Id;
    }

    /// <summary>Sends an Adaptive Card as a reply.</summary>
    public Task<string?> SendCardAsync(AdaptiveCard card, CancellationToken cancellationToken) =>
        SendActivityAsync(CardReply(card), cancellationToken);

    /// <summary>
    /// A card posted for everyone in the conversation: built in <see cref="Language"/>, or in French and English and
    /// merged (French first) when the conversation is bilingual.
    /// </summary>
    public AdaptiveCard SharedCard(Func<Language, AdaptiveCard> build) => Shared.Card(build);

    /// <summary><see cref="SharedCard"/> for builders that read storage.</summary>
    public Task<AdaptiveCard> SharedCardAsync(Func<Language, CancellationToken, Task<AdaptiveCard>> build, CancellationToken cancellationToken) =>
        Shared.CardAsync(build, cancellationToken);

    /// <summary>Sends <see cref="SharedCard"/> as a reply.</summary>
    public Task<string?> SendSharedCardAsync(Func<Language, AdaptiveCard> build, CancellationToken cancellationToken) =>
        SendCardAsync(SharedCard(build), cancellationToken);

    /// <summary>Sends plain text as a reply.</summary>
    public Task<string?> SendTextAsync(string text, CancellationToken cancellationToken) =>
        SendActivityAsync(Activity.CreateReply(text), cancellationToken);

    /// <summary>A reply activity carrying one Adaptive Card.</summary>
    public Activity CardReply(AdaptiveCard card) => Activity.CreateReply() with
    {
        Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = AdaptiveCardSerializer.ToElement(card) }],
    };

    private static string? ClientInfo(Activity activity, string property)
    {
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity is not null
                && string.Equals(entity.Type, "clientInfo", StringComparison.OrdinalIgnoreCase)
                && entity.AdditionalProperties?.TryGetValue(property, out var value) == true
                && MentionText.StringOf(value) is { } text)
            {
                return text;
            }
        }

        return null;
    }
}
