using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ConcertationBot.Bot.Kernel;

/// <summary>
/// Signed, expiring bearer tokens for links the bot serves itself (the compte-rendu downloads, the dashboard):
/// <c>base64url(json).base64url(hmac)</c>, signed with <see cref="IRespondentKeys.Sign"/>. A <paramref name="purpose"/>
/// other than empty is signed with the payload, so a token made for one kind of link is never accepted by another
/// even where the two grants' JSON would read alike; the empty purpose is the export links' (signed before purposes
/// existed, and still verified as they were).
/// </summary>
public static class SignedTokens
{
    public static string Create<T>(IRespondentKeys keys, T grant, JsonTypeInfo<T> type, string purpose)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(grant);
        var payload = JsonSerializer.SerializeToUtf8Bytes(grant, type);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(keys.Sign(Signed(purpose, payload)));
    }

    /// <summary>
    /// The grant when <paramref name="token"/> is genuine, made for <paramref name="purpose"/> and not expired
    /// (<paramref name="expiresAt"/> later than <paramref name="now"/>); null when tampered, forged, expired or malformed.
    /// </summary>
    public static T? Verify<T>(IRespondentKeys keys, string? token, JsonTypeInfo<T> type, string purpose, DateTimeOffset now, Func<T, DateTimeOffset> expiresAt)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(expiresAt);
        var parts = (token ?? string.Empty).Split('.');
        if (parts.Length != 2 || !Base64Url.IsValid(parts[0]) || !Base64Url.IsValid(parts[1]))
        {
            return null;
        }

        var payload = Base64Url.DecodeFromChars(parts[0]);
        if (!keys.Verify(Signed(purpose, payload), Base64Url.DecodeFromChars(parts[1])))
        {
            return null;
        }

        try
        {
            var grant = JsonSerializer.Deserialize(payload, type);
            return grant is not null && expiresAt(grant) > now ? grant : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Signed(string purpose, byte[] payload) =>
        string.IsNullOrEmpty(purpose) ? payload : [.. Encoding.UTF8.GetBytes(purpose + "\n"), .. payload];
}
