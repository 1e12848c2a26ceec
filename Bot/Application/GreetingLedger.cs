using System.Text.Json.Serialization;
using Azure;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Application;

/// <summary>
/// Teams announces one installation with both an <c>installationUpdate</c> and a <c>conversationUpdate</c>, which
/// may land on two instances: a row per conversation in Table Storage, inserted once (an ETag-conditioned write),
/// makes the welcome go out once across every instance. A conversation greeted more than <see cref="Window"/> ago
/// (the bot removed and added again) is greeted again.
/// </summary>
public sealed partial class GreetingLedger(IBotStateStore store, TimeProvider timeProvider, ILogger<GreetingLedger> logger)
{
    /// <summary>How long a greeting counts: Teams sends its two announcements of one installation within seconds.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>
    /// True for exactly one caller per conversation within the window, on any instance. If storage cannot say (an
    /// outage), the welcome goes out: a second welcome is a smaller harm than none.
    /// </summary>
    public async Task<bool> TryClaimAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var key = KeyFor(channelId, conversationId);
        var now = timeProvider.GetUtcNow();
        try
        {
            if (await TryWriteAsync(key, now, default, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            var stored = await store.ReadAsync(key, GreetingJsonContext.Default.GreetingRecord, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                // Deleted between the two calls (a data deletion): one more insert decides.
                return await TryWriteAsync(key, now, default, cancellationToken).ConfigureAwait(false);
            }

            return now - stored.Value.GreetedAt > Window
                && await TryWriteAsync(key, now, stored.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception)
        {
            LogLedgerUnavailable(logger, exception, exception.Status);
            return true;
        }
    }

    internal static BotStateKey KeyFor(string channelId, string conversationId) =>
        new(BotStateKey.Compose("conversation", channelId, conversationId), "greeting");

    private async Task<bool> TryWriteAsync(BotStateKey key, DateTimeOffset now, ETag expected, CancellationToken cancellationToken)
    {
        try
        {
            await store.WriteAsync(key, new GreetingRecord(now), expected, GreetingJsonContext.Default.GreetingRecord, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StateConflictException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The greeting record could not be read or written (status {Status}); welcoming anyway")]
    private static partial void LogLedgerUnavailable(ILogger logger, Exception exception, int status);
}

/// <summary>When a conversation was last welcomed.</summary>
public sealed record GreetingRecord(DateTimeOffset GreetedAt);

[JsonSerializable(typeof(GreetingRecord))]
internal sealed partial class GreetingJsonContext : JsonSerializerContext;
