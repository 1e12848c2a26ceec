using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ConcertationBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Kernel;

/// <summary>
/// The <c>Deliveries</c> row key: HMAC-SHA256 with <c>Concertation:HashKey</c> over <c>"delivery"</c> and the channel,
/// conversation, sender and activity ids, each prefixed with its length so the message splits one way only. Without
/// the key nobody can tell whose activity a row was, nor compute the row of a known activity.
/// </summary>
public sealed class DeliveryKeys : IDeliveryKeys
{
    private readonly byte[] _key;

    public DeliveryKeys(IOptions<ConcertationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = options.Value.DecodeHashKey();
        if (_key.Length < ConcertationOptions.MinimumHashKeyBytes)
        {
            throw new InvalidOperationException($"Concertation:HashKey must decode to at least {ConcertationOptions.MinimumHashKeyBytes} bytes.");
        }
    }

    public string Of(string channelId, string conversationId, string senderId, string activityId)
    {
        var message = new StringBuilder("delivery");
        foreach (var part in new[] { channelId, conversationId, senderId, activityId })
        {
            ArgumentException.ThrowIfNullOrEmpty(part);
            message.Append('\n').Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(message.ToString())));
    }
}
