using System.Text.Json;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Dialogs.Commands;

namespace ConcertationBot.Bot.Routing;

/// <summary>Handles a turn.</summary>
public delegate Task TurnHandler(TurnContext context, CancellationToken cancellationToken);

/// <summary>
/// Handles one verb's <c>Action.Execute</c>, its data already read into <typeparamref name="TData"/>; the card it
/// returns replaces the card the user clicked, or answers the automatic refresh.
/// </summary>
public delegate Task<AdaptiveCard> CardActionHandler<TData>(TurnContext context, CardAction<TData> action, CancellationToken cancellationToken)
    where TData : class, ICardActionData<TData>;

/// <summary>A card action after routing: its data, and whether Teams sent it as the card's automatic refresh.</summary>
public sealed record CardAction<TData>(TData Data, bool IsAutomaticRefresh)
    where TData : class, ICardActionData<TData>;

/// <summary>
/// The route table. A derived class registers every route in its constructor; dispatch is by activity type, then:
/// card actions by verb, messages by the longest matching command (accent- and case-insensitive), else the message fallback.
/// </summary>
public abstract class BotApplication
{
    private readonly List<(IReadOnlyList<string> Words, TurnHandler Handler)> _commands = [];
    private readonly Dictionary<string, Func<TurnContext, AdaptiveCardInvokeValue, CancellationToken, Task<AdaptiveCard>>> _cardActions = new(StringComparer.Ordinal);
    private TurnHandler? _message;
    private TurnHandler? _conversationUpdate;
    private TurnHandler? _installationUpdate;

    /// <summary>A command: the message's first words equal <paramref name="command"/>'s words ("pulse start").</summary>
    protected void OnCommand(string command, TurnHandler handler)
    {
        var words = CommandText.Words(command);
        if (words.Count == 0)
        {
            throw new ArgumentException("A command needs at least one word.", nameof(command));
        }

        _commands.Add((words, handler));
        _commands.Sort((a, b) => b.Words.Count.CompareTo(a.Words.Count));
    }

    /// <summary>Any message that matched no command.</summary>
    protected void OnMessage(TurnHandler handler) => _message = handler;

    /// <summary>
    /// An <c>adaptiveCard/action</c> invoke with this verb (one route per verb), its data read into
    /// <typeparamref name="TData"/>. Data that cannot be read at all is answered like an unknown verb.
    /// </summary>
    protected void OnCardAction<TData>(string verb, CardActionHandler<TData> handler)
        where TData : class, ICardActionData<TData>
    {
        ArgumentNullException.ThrowIfNull(handler);
        _cardActions.Add(verb, (context, invoke, cancellationToken) =>
        {
            TData data;
            try
            {
                data = invoke.Action?.Data is { ValueKind: JsonValueKind.Object } element
                    ? element.Deserialize(TData.JsonTypeInfo) ?? TData.Empty
                    : TData.Empty;
            }
            catch (JsonException)
            {
                return Task.FromResult(UnknownCardAction(context));
            }

            var isAutomaticRefresh = string.Equals(invoke.Trigger, "automatic", StringComparison.OrdinalIgnoreCase);
            return handler(context, new CardAction<TData>(data, isAutomaticRefresh), cancellationToken);
        });
    }

    /// <summary>The verbs that have a route.</summary>
    public IReadOnlyCollection<string> CardActionVerbs => _cardActions.Keys;

    protected void OnConversationUpdate(TurnHandler handler) => _conversationUpdate = handler;

    protected void OnInstallationUpdate(TurnHandler handler) => _installationUpdate = handler;

    /// <summary>The answer to a card action whose verb no route knows (a card from an older version).</summary>
    protected abstract AdaptiveCard UnknownCardAction(TurnContext context);

    /// <summary>Runs before any route (for example to settle the turn's language); does nothing by default.</summary>
    protected virtual Task OnBeforeRouteAsync(TurnContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task OnTurnAsync(TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await OnBeforeRouteAsync(context, cancellationToken).ConfigureAwait(false);
        if (context.Activity.Type is ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate)
        {
            context.Route = context.Activity.Type;
        }

        var route = context.Activity.Type switch
        {
            ActivityTypes.Message => OnMessageActivityAsync(context, cancellationToken),
            ActivityTypes.Invoke => OnInvokeActivityAsync(context, cancellationToken),
            ActivityTypes.ConversationUpdate => _conversationUpdate?.Invoke(context, cancellationToken) ?? Task.CompletedTask,
            ActivityTypes.InstallationUpdate => _installationUpdate?.Invoke(context, cancellationToken) ?? Task.CompletedTask,
            _ => Task.CompletedTask,
        };
        await route.ConfigureAwait(false);
    }

    private Task OnMessageActivityAsync(TurnContext context, CancellationToken cancellationToken)
    {
        foreach (var (words, handler) in _commands)
        {
            if (StartsWith(context.Words, words))
            {
                context.CommandArguments = [.. context.Words.Skip(words.Count)];
                context.Route = "command:" + string.Join(' ', words);
                return handler(context, cancellationToken);
            }
        }

        context.Route = "message";
        return _message?.Invoke(context, cancellationToken) ?? Task.CompletedTask;
    }

    private async Task OnInvokeActivityAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (!string.Equals(context.Activity.Name, InvokeNames.AdaptiveCardAction, StringComparison.Ordinal))
        {
            context.Route = "invoke";
            context.InvokeResponse = new InvokeResponse { Status = 501 };
            return;
        }

        var invoke = ReadInvokeValue(context.Activity.Value);
        if (invoke?.Action?.Verb is not { Length: > 0 } verb)
        {
            context.Route = "action:none";
            context.InvokeResponse = CardActionError(400, "BadRequest", "The invoke has no action verb.");
            return;
        }

        // A verb no route knows is a card's word, not the bot's: it is not repeated in telemetry.
        var known = _cardActions.TryGetValue(verb, out var handler);
        context.Route = known ? "action:" + verb : "action:unknown";
        var card = known
            ? await handler!(context, invoke, cancellationToken).ConfigureAwait(false)
            : UnknownCardAction(context);
        context.InvokeResponse = CardActionResult(card);
    }

    /// <summary>The invoke answer that replaces the clicked card: <c>{statusCode:200, type:card, value:card}</c>.</summary>
    public static InvokeResponse CardActionResult(AdaptiveCard card) => new()
    {
        Status = 200,
        Body = JsonSerializer.SerializeToElement(
            new AdaptiveCardInvokeResponse { StatusCode = 200, Type = ContentTypes.AdaptiveCard, Value = AdaptiveCardSerializer.ToElement(card) },
            ProtocolJsonContext.Default.AdaptiveCardInvokeResponse),
    };

    /// <summary>An error answer to a card action: HTTP <paramref name="status"/> with <c>{statusCode, type:error, value:{code,message}}</c>.</summary>
    public static InvokeResponse CardActionError(int status, string code, string message) => new()
    {
        Status = status,
        Body = JsonSerializer.SerializeToElement(
            new AdaptiveCardInvokeResponse
            {
                StatusCode = status,
                Type = ContentTypes.Error,
                Value = JsonSerializer.SerializeToElement(new InvokeError { Code = code, Message = message }, ProtocolJsonContext.Default.InvokeError),
            },
            ProtocolJsonContext.Default.AdaptiveCardInvokeResponse),
    };

    /// <summary>The invoke's <c>{action, trigger}</c>, or null when the value is not shaped like one.</summary>
    internal static AdaptiveCardInvokeValue? ReadInvokeValue(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        try
        {
            return element.Deserialize(ProtocolJsonContext.Default.AdaptiveCardInvokeValue);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool StartsWith(IReadOnlyList<string> words, IReadOnlyList<string> prefix)
    {
        if (words.Count < prefix.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            if (!string.Equals(words[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
