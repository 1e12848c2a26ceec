using Microsoft.Extensions.Caching.Memory;

namespace ConcertationBot.Bot.Pulses;

/// <summary>
/// The pulse a card click names, kept a few seconds per instance while it is open (issue #15: a step click costs the
/// dialog state's read and write only). An open pulse's record does not change until its close: the close on this
/// instance forgets it at once, and a close on another instance is caught where it matters, by the answer fence (the
/// submit is refused and the closed card shown), as the vote path does with its ballot fence.
/// </summary>
public sealed class OpenPulseCache(IPulseStore pulses, IMemoryCache cache, TimeProvider time)
{
    /// <summary>How long a read of an open pulse is reused.</summary>
    internal static readonly TimeSpan Reuse = TimeSpan.FromSeconds(10);

    public async Task<PulseRecord?> GetAsync(string channelId, string conversationId, string pulseId, CancellationToken cancellationToken)
    {
        var key = Key(channelId, conversationId, pulseId);
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out Entry? cached) && cached is not null && now - cached.ReadAt < Reuse && now < cached.Pulse.Deadline)
        {
            return cached.Pulse;
        }

        var pulse = await pulses.GetAsync(channelId, conversationId, pulseId, cancellationToken).ConfigureAwait(false);
        if (pulse is { IsOpen: true, CardActivityId: { Length: > 0 } })
        {
            // One unit of the host's size-limited cache; gone from memory once it can no longer be reused.
            cache.Set(key, new Entry(pulse, now), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Reuse });
        }
        else
        {
            cache.Remove(key);
        }

        return pulse;
    }

    /// <summary>Forgets <paramref name="pulse"/> on this instance (its close).</summary>
    public void Forget(PulseRecord pulse)
    {
        ArgumentNullException.ThrowIfNull(pulse);
        cache.Remove(Key(pulse.ChannelId, pulse.ConversationId, pulse.PulseId));
    }

    private static (string, string, string, string) Key(string channelId, string conversationId, string pulseId) =>
        (nameof(OpenPulseCache), channelId, conversationId, pulseId);

    private sealed record Entry(PulseRecord Pulse, DateTimeOffset ReadAt);
}
