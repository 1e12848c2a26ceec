using System.Buffers;
using System.Diagnostics;
using Activity = ConcertationBot.Bot.Protocol.Activity;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConcertationBot.Bot.Authentication;
using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Telemetry;
using ConcertationBot.Cards.AdaptiveCards;
using ConcertationBot.Cards.Help;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Hosting;

/// <summary>
/// The HTTP side of a turn on <c>POST /api/messages</c>: size cap (413), parse (400), authenticate (401/403),
/// run the turn, then answer: an invoke's status and body, <c>{"activities":[…]}</c> for expectReplies, else 200.
/// Routed activities without a conversation, a sender or a serviceUrl are refused (400). One error handler: log, answer
/// with a try-again card (an outage) or an apology (a bug) in the user's language, never exception text and never 500.
/// </summary>
public sealed class BotAdapter(
    BotApplication application,
    IBotAuthenticator authenticator,
    IConnectorClientFactory connectors,
    Redelivery redelivery,
    IOptions<BotHostOptions> options,
    ILogger<BotAdapter> logger)
{
    /// <summary>Largest action data (in characters of JSON) echoed back in the try-again card's button.</summary>
    private const int MaxRetryDataLength = 16 * 1024;

    public async Task ProcessAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = await ReadBodyAsync(http.Request, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            BotLog.RejectedBody(logger, StatusCodes.Status413PayloadTooLarge, "body over the size limit");
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var activity = Parse(body.Value.Span, out var reason);
        if (activity is null)
        {
            BotLog.RejectedBody(logger, StatusCodes.Status400BadRequest, reason);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var auth = await authenticator.AuthenticateAsync(
            http.Request.Headers.Authorization.FirstOrDefault(), activity, LoopbackAddress.IsLoopbackConnection(http.Connection), cancellationToken).ConfigureAwait(false);
        if (auth.Status is BotAuthenticationStatus.Unauthorized or BotAuthenticationStatus.Forbidden)
        {
            var status = auth.Status == BotAuthenticationStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            BotLog.RejectedToken(logger, status, auth.FailureReason);
            http.Response.StatusCode = status;
            return;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ConversationId"] = activity.Conversation?.Id,
            ["ActivityId"] = activity.Id,
        });
        var context = new TurnContext(activity, auth.Identity ?? new(), connectors)
        {
            RequestBaseUri = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/"),
        };
        try
        {
            var failed = false;
            var threw = false;
            var outcome = TurnOutcomes.Ok;
            var isInvoke = activity.Type == ActivityTypes.Invoke;
            var started = Stopwatch.GetTimestamp();
            using var span = BotTelemetry.Source.StartActivity("turn", ActivityKind.Internal);
            DeliveryTicket ticket;
            using (var turnTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // The claim comes out of the turn's budget, so a slow storage never makes the answer later than before.
                turnTimeout.CancelAfter(isInvoke ? options.Value.InvokeTimeout : options.Value.MessageTimeout);
                ticket = await redelivery.BeginAsync(activity, turnTimeout.Token).ConfigureAwait(false);
                if (ticket.Replay is not null)
                {
                    await WriteReplayAsync(http.Response, context, ticket, cancellationToken).ConfigureAwait(false);
                    RecordTurn(span, context, TurnOutcomes.Replayed, Stopwatch.GetElapsedTime(started));
                    return;
                }

                try
                {
                    await application.OnTurnAsync(context, turnTimeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The request was aborted: nobody gets this answer, so Teams' retry must be handled.
                    await redelivery.AbandonAsync(ticket, CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    threw = true;
                    outcome = TransientFailures.IsTransient(exception) ? TurnOutcomes.Unavailable : TurnOutcomes.Error;
                    failed = !await OnTurnErrorAsync(context, exception, cancellationToken).ConfigureAwait(false);
                }
            }

            if (threw)
            {
                // Given up before the answer goes back, so that Teams' retry of it is handled.
                await redelivery.AbandonAsync(ticket, cancellationToken).ConfigureAwait(false);
                await WriteResponseAsync(http.Response, context, failed, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // The answer goes back first, then it is recorded on the claim (bounded by Bot:Redelivery:AnswerTimeout): a
                // redelivery arriving in between finds the claim and waits for the record (Bot:Redelivery:ClaimTimeout). Recording
                // first delayed every answer by a storage write, long enough for the live card's update to reach the channel
                // before the clicker's own card (seen in the Playground: the shared card never came back after a one-click vote).
                await WriteResponseAsync(http.Response, context, failed, cancellationToken).ConfigureAwait(false);
                await http.Response.CompleteAsync().ConfigureAwait(false);
                // Only now may the live card the turn changed be sent: its update waits for this (TurnContext.Answered).
                context.MarkAnswered();
                await redelivery.CompleteAsync(ticket, context, CancellationToken.None).ConfigureAwait(false);
            }

            RecordTurn(span, context, outcome, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            // Whatever happened, nothing the turn started waits any longer for its answer.
            context.MarkAnswered();
        }
    }

    /// <summary>A redelivery of an activity already handled: the recorded invoke answer, or 200 for a message; nothing handled, nothing sent.</summary>
    private async Task WriteReplayAsync(HttpResponse response, TurnContext context, DeliveryTicket ticket, CancellationToken cancellationToken)
    {
        context.Route = "redelivered";
        context.InvokeResponse = ticket.ReplayedInvoke;

        await WriteResponseAsync(response, context, failed: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What a turn came to, as telemetry tells it.</summary>
    private static class TurnOutcomes
    {
        public const string Ok = "ok";
        public const string Unavailable = "unavailable";
        public const string Error = "error";
        public const string Replayed = "replayed";
    }

    /// <summary>The turn's span tags and metrics: activity type, route, outcome, an invoke's status; nothing of the person.</summary>
    private static void RecordTurn(System.Diagnostics.Activity? span, TurnContext context, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { BotTelemetry.Tags.ActivityType, context.Activity.Type },
            { BotTelemetry.Tags.Route, context.Route },
            { BotTelemetry.Tags.Outcome, outcome },
        };
        BotTelemetry.Turns.Add(1, tags);
        BotTelemetry.TurnDuration.Record(elapsed.TotalSeconds, tags);
        if (span is null)
        {
            return;
        }

        span.DisplayName = "turn " + context.Route;
        foreach (var tag in tags)
        {
            span.SetTag(tag.Key, tag.Value);
        }

        if (context.InvokeResponse is { } invoke)
        {
            span.SetTag(BotTelemetry.Tags.InvokeStatus, invoke.Status);
        }

        if (outcome != TurnOutcomes.Ok)
        {
            span.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }

    /// <summary>
    /// Logs, then answers with a card: "try again" when storage or a Teams service is briefly unavailable (or the turn ran
    /// out of time), an apology otherwise. An invoke gets the card as its 200 answer (the clicked card is replaced, and the
    /// try-again card's button replays the action); a message gets it as a reply. False when even that reply failed.
    /// </summary>
    private async Task<bool> OnTurnErrorAsync(TurnContext context, Exception exception, CancellationToken cancellationToken)
    {
        var transient = TransientFailures.IsTransient(exception);
        if (transient)
        {
            BotLog.TurnUnavailable(logger, exception, context.Activity.Type);
        }
        else
        {
            BotLog.TurnFailed(logger, exception, context.Activity.Type);
        }

        if (context.Activity.Type == ActivityTypes.Invoke)
        {
            var card = transient ? NoticeCards.TryAgain(context.Language, RetryOf(context.Activity)) : NoticeCards.ApologyCard(context.Language);
            context.InvokeResponse = BotApplication.CardActionResult(card);
            return true;
        }

        try
        {
            await context.SendSharedCardAsync(language => transient ? NoticeCards.TryAgain(language) : NoticeCards.ApologyCard(language), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception sendFailure) when (!cancellationToken.IsCancellationRequested)
        {
            BotLog.ApologyFailed(logger, sendFailure);
            return false;
        }
    }

    /// <summary>
    /// The clicked <c>Action.Execute</c> again (its verb and data, which hold the inputs the user had typed), for the
    /// try-again card's button; null when the invoke carries no verb or when its data is too large to send back in a card.
    /// </summary>
    private static ExecuteAction? RetryOf(Activity activity)
    {
        if (BotApplication.ReadInvokeValue(activity.Value)?.Action is not { Verb: { Length: > 0 } verb } action)
        {
            return null;
        }

        if (action.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            return new ExecuteAction { Title = verb, Verb = verb };
        }

        return data.GetRawText().Length > MaxRetryDataLength
            ? null
            : new ExecuteAction { Title = verb, Verb = verb, Data = JsonObject.Create(data) };
    }

    private async Task WriteResponseAsync(HttpResponse response, TurnContext context, bool failed, CancellationToken cancellationToken)
    {
        if (context.Activity.Type == ActivityTypes.Invoke)
        {
            var invoke = context.InvokeResponse ?? new InvokeResponse { Status = StatusCodes.Status501NotImplemented };
            response.StatusCode = invoke.Status;
            if (invoke.Body is { } invokeBody)
            {
                await WriteJsonAsync(response, writer => invokeBody.WriteTo(writer), cancellationToken).ConfigureAwait(false);
            }
        }
        else if (failed)
        {
            // The turn failed and no reply could reach the conversation: the connector at serviceUrl is the problem.
            response.StatusCode = StatusCodes.Status502BadGateway;
        }
        else if (context.ExpectsReplies)
        {
            response.StatusCode = StatusCodes.Status200OK;
            var replies = new ExpectedReplies { Activities = context.BufferedReplies };
            await WriteJsonAsync(response, writer => JsonSerializer.Serialize(writer, replies, ProtocolJsonContext.Default.ExpectedReplies), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
        }

        BotLog.TurnHandled(logger, context.Activity.Type, response.StatusCode);
    }

    private static async Task WriteJsonAsync(HttpResponse response, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json; charset=utf-8";
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private static Activity? Parse(ReadOnlySpan<byte> body, out string reason)
    {
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            reason = "not an activity (malformed JSON or wrong field types)";
            return null;
        }

        reason = activity switch
        {
            null => "null body",
            _ when string.IsNullOrWhiteSpace(activity.Type) => "activity has no type",
            _ when !IsRouted(activity.Type) => string.Empty,
            _ when string.IsNullOrEmpty(activity.ChannelId) => "activity has no channelId",
            _ when string.IsNullOrEmpty(activity.Conversation?.Id) => "activity has no conversation.id",
            _ when string.IsNullOrEmpty(activity.From?.Id) => "activity has no from.id",
            _ when !IsServiceUrl(activity.ServiceUrl) => "activity has no absolute http(s) serviceUrl",
            _ when !IsId(activity.Conversation!.Id) || !IsId(activity.Id) || !IsId(activity.ReplyToId) => "activity has an id no channel sends (over 1 KiB or control characters)",
            _ when !HasValidStrings(body) => "activity has text that is not valid UTF-8 or UTF-16",
            _ => string.Empty,
        };
        return reason.Length == 0 ? activity : null;
    }

    /// <summary>An id the connector can put in a URL path: absent, or at most 1 KiB without control characters.</summary>
    private static bool IsId(string? id) => id is null || (id.Length <= 1024 && !id.Any(char.IsControl));

    /// <summary>
    /// Whether every string and property name decodes: raw JSON kept in the activity (card data, entities, channelData) is
    /// only decoded when read, so invalid UTF-8 or a lone surrogate escape would otherwise throw inside a handler.
    /// </summary>
    private static bool HasValidStrings(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException)
        {
            return false;
        }
    }

    /// <summary>The activity types the bot acts on, which therefore must say where they come from and where to answer.</summary>
    private static bool IsRouted(string? type) =>
        type is ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate;

    private static bool IsServiceUrl(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
