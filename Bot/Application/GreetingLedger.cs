using System.Collections.Concurrent;

namespace ConcertationBot.Bot.Application;

/// <summary>
/// Teams announces one installation with both an <c>installationUpdate</c> and a <c>conversationUpdate</c>;
/// this remembers recent greetings so a conversation is welcomed once, not twice.
/// </summary>
public sealed class GreetingLedger(TimeProvider timeProvider)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _greeted = new(StringComparer.Ordinal);

    /// <summary>True the first time a conversation is claimed within the window.</summary>
    public bool TryClaim(string conversationId)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (id, at) in _greeted)
        {
            if (now - at > Window)
            {
                _greeted.TryRemove(id, out _);
            }
        }

        return _greeted.TryAdd(conversationId, now);
    }
}
