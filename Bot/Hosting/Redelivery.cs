using Azure;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using Microsoft.Extensions.Options;
using Activity = ConcertationBot.Bot.Protocol.Activity;

namespace ConcertationBot.Bot.Hosting;

/// <summary>What the claim before a turn came to: handle it (with or without a claim to complete), or replay a record.</summary>
public sealed record DeliveryTicket
{
    /// <summary>Handle the activity as if the feature were off: not recorded, or the claim could not be had.</summary>
    public static DeliveryTicket Unclaimed { get; } = new();

    /// <summary>The row this turn claimed (complete it after the turn, or give it up if the turn failed).</summary>
    public DeliveryKey? Key { get; init; }

    public ETag ETag { get; init; }

    /// <summary>The answer recorded for an earlier delivery of the same activity: answer with it, handle nothing.</summary>
    public DeliveryRecord? Replay { get; init; }

    /// <summary>For an invoke replay, the recorded answer with the sender put back.</summary>
    public InvokeResponse? ReplayedInvoke { get; init; }
}

/// <summary>
/// Answers an activity Teams delivers again (same channel, conversation, sender and activity id, within
/// <see cref="RedeliveryOptions.Window"/>) as the first time, so that an old click replayed after a newer one changes
/// nothing. Before the turn, a claim row is inserted if absent; a row already there holds the recorded answer (replayed),
/// or a concurrent copy's claim (waited for, up to <see cref="RedeliveryOptions.ClaimTimeout"/>), or a stale claim (taken
/// over). After the turn the answer is recorded; a failed turn gives its claim up. Storage trouble never fails a turn:
/// the activity is then handled as if the feature were off. Refresh invokes, expectReplies and conversation or
/// installation updates are never recorded.
/// </summary>
public sealed partial class Redelivery(
    IDeliveryStore store,
    IDeliveryKeys keys,
    IOptions<RedeliveryOptions> options,
    TimeProvider time,
    ILogger<Redelivery> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Whether a delivery of this activity is recorded: messages and invokes, except refreshes and expectReplies.</summary>
    public static bool IsRecorded(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.Id) || string.IsNullOrEmpty(activity.ChannelId) || string.IsNullOrEmpty(activity.Conversation?.Id) || string.IsNullOrEmpty(activity.From?.Id))
        {
            return false;
        }

        if (string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return activity.Type switch
        {
            ActivityTypes.Message => true,
            ActivityTypes.Invoke => !string.Equals(activity.Name, InvokeNames.AdaptiveCardAction, StringComparison.Ordinal)
                || !string.Equals(BotApplication.ReadInvokeValue(activity.Value)?.Trigger, "automatic", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>
    /// Claims the activity before its turn (within <see cref="RedeliveryOptions.ClaimTimeout"/> and <paramref name="cancellationToken"/>,
    /// the turn's budget); never throws for storage trouble or time running out: the ticket then says "handle it".
    /// </summary>
    public async Task<DeliveryTicket> BeginAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var settings = options.Value;
        if (!settings.Enabled || !IsRecorded(activity))
        {
            return DeliveryTicket.Unclaimed;
        }

        var key = DeliveryKey.FromHash(keys.Of(activity.ChannelId!, activity.Conversation!.Id!, activity.From!.Id!, activity.Id!));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ClaimTimeout);
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                if (await store.TryAddAsync(key, new DeliveryRecord(DeliveryState.Claimed, now), timeout.Token).ConfigureAwait(false) is { } etag)
                {
                    return new DeliveryTicket { Key = key, ETag = etag };
                }

                if (await store.GetAsync(key, timeout.Token).ConfigureAwait(false) is not { } stored)
                {
                    continue;
                }

                switch (stored.Record.State)
                {
                    case DeliveryState.Answered:
                        var replayed = activity.Type == ActivityTypes.Invoke ? ReplayedInvoke(stored.Record, activity) : null;
                        LogReplayed(logger, activity.Type);
                        return new DeliveryTicket { Replay = stored.Record, ReplayedInvoke = replayed };
                    case DeliveryState.Unrecorded:
                        return DeliveryTicket.Unclaimed;
                }

                if (now - stored.Record.At >= settings.Lease)
                {
                    // The turn that claimed it is gone (an instance stopped mid-turn): this copy handles it.
                    if (await store.TryReplaceAsync(key, new DeliveryRecord(DeliveryState.Claimed, now), stored.ETag, timeout.Token).ConfigureAwait(false) is { } taken)
                    {
                        LogTakenOver(logger);
                        return new DeliveryTicket { Key = key, ETag = taken };
                    }

                    continue;
                }

                // A concurrent copy is being handled: wait for its answer.
                await Task.Delay(PollInterval, time, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The claim's time ran out, or the turn's budget (the turn then runs out of time as it did before), or the
            // request was aborted (the turn sees it too): in every case, on as if the feature were off.
            LogClaimTimedOut(logger, settings.ClaimTimeout);
            return DeliveryTicket.Unclaimed;
        }
        catch (Exception exception)
        {
            // Storage unreachable or refusing, or a record that cannot be read back: never a failed turn because of this.
            LogClaimFailed(logger, exception);
            return DeliveryTicket.Unclaimed;
        }
    }

    /// <summary>
    /// Records the turn's answer on its claim (bounded by <see cref="RedeliveryOptions.AnswerTimeout"/>): an invoke's status
    /// and masked body (or the "handle again" marker when the body names other people or is too large), a message's 200.
    /// </summary>
    public async Task CompleteAsync(DeliveryTicket ticket, TurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        if (ticket.Key is not { } key)
        {
            return;
        }

        var record = AnswerOf(context, time.GetUtcNow());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.AnswerTimeout);
        try
        {
            if (await store.TryReplaceAsync(key, record, ticket.ETag, timeout.Token).ConfigureAwait(false) is null)
            {
                LogClaimLost(logger);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogAnswerNotRecorded(logger, exception);
        }
    }

    /// <summary>Gives up the claim of a turn that failed, so that Teams' retry of it is handled (bounded by <see cref="RedeliveryOptions.AnswerTimeout"/>).</summary>
    public async Task AbandonAsync(DeliveryTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Key is not { } key)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.AnswerTimeout);
        try
        {
            await store.DeleteAsync(key, ticket.ETag, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The claim expires after the lease; a retry before then waits for it, then is handled.
            LogAbandonFailed(logger, exception);
        }
    }

    /// <summary>The invoke answer to replay for <paramref name="activity"/> (the same sender as the recorded delivery).</summary>
    public static InvokeResponse ReplayedInvoke(DeliveryRecord record, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(activity);
        return new InvokeResponse
        {
            Status = record.Status,
            Body = record.Body is { } body ? DeliveryMasking.Unmask(body, activity.From) : null,
        };
    }

    private static DeliveryRecord AnswerOf(TurnContext context, DateTimeOffset now)
    {
        if (context.Activity.Type != ActivityTypes.Invoke)
        {
            return new DeliveryRecord(DeliveryState.Answered, now, StatusCodes.Status200OK);
        }

        var invoke = context.InvokeResponse ?? new InvokeResponse { Status = StatusCodes.Status501NotImplemented };
        if (invoke.Body is not { } body)
        {
            return new DeliveryRecord(DeliveryState.Answered, now, invoke.Status);
        }

        var masked = DeliveryMasking.Mask(body, context.Activity.From);
        return masked is null || masked.Length > DeliveryStore.MaxBodyLength
            ? new DeliveryRecord(DeliveryState.Unrecorded, now)
            : new DeliveryRecord(DeliveryState.Answered, now, invoke.Status, masked);
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Redelivered {ActivityType} activity answered from its record")]
    private static partial void LogReplayed(ILogger logger, string? activityType);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "A redelivered activity's claim had expired; this delivery handles it")]
    private static partial void LogTakenOver(ILogger logger);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "No delivery claim within {Timeout}; the activity is handled without one")]
    private static partial void LogClaimTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "The delivery claim failed; the activity is handled without one")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "The turn's answer could not be recorded; a redelivery after the lease is handled again")]
    private static partial void LogAnswerNotRecorded(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "The delivery claim was taken over before the answer was recorded")]
    private static partial void LogClaimLost(ILogger logger);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Warning, Message = "The claim of a failed turn could not be given up; it expires after the lease")]
    private static partial void LogAbandonFailed(ILogger logger, Exception exception);
}
