using System.Buffers;
using System.Text.Json;
using ConcertationBot.Bot.Authentication;
using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Cards.Help;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Hosting;

/// <summary>
/// The HTTP side of a turn on <c>POST /api/messages</c>: size cap (413), parse (400), authenticate (401/403),
/// run the turn, then answer: an invoke's status and body, <c>{"activities":[…]}</c> for expectReplies, else 200.
/// One error handler: log, apologise in the user's language, never show exception text.
/// </summary>
public sealed class BotAdapter(
    BotApplication application,
    IBotAuthenticator authenticator,
    IConnectorClientFactory connectors,
    IOptions<BotHostOptions> options,
    ILogger<BotAdapter> logger)
{
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
        var failed = false;
        try
        {
            await application.OnTurnAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            failed = !await OnTurnErrorAsync(context, exception, cancellationToken).ConfigureAwait(false);
        }

        await WriteResponseAsync(http.Response, context, failed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Logs, then apologises (a card error for invokes, a message otherwise). False when even the apology failed.</summary>
    private async Task<bool> OnTurnErrorAsync(TurnContext context, Exception exception, CancellationToken cancellationToken)
    {
        BotLog.TurnFailed(logger, exception, context.Activity.Type);
        var apology = NoticeCards.Apology.For(context.Language);
        if (context.Activity.Type == ActivityTypes.Invoke)
        {
            context.InvokeResponse = BotApplication.CardActionError(StatusCodes.Status500InternalServerError, "InternalError", apology);
            return true;
        }

        try
        {
            await context.SendTextAsync(apology, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception sendFailure) when (!cancellationToken.IsCancellationRequested)
        {
            BotLog.ApologyFailed(logger, sendFailure);
            return false;
        }
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
            response.StatusCode = StatusCodes.Status500InternalServerError;
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
        try
        {
            var activity = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.Activity);
            reason = activity is null ? "null body" : "activity has no type";
            return string.IsNullOrWhiteSpace(activity?.Type) ? null : activity;
        }
        catch (JsonException)
        {
            reason = "not an activity (malformed JSON or wrong field types)";
            return null;
        }
    }

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
