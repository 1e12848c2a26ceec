using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Kernel;

/// <summary>
/// Keyed hashes that stand for a person in stored answers and ballots, and signatures for links. Keys differ per pulse
/// and per vote, so one person's answers cannot be linked across pulses, and none can be computed without the secret.
/// </summary>
public interface IRespondentKeys
{
    /// <summary>The respondent key of <paramref name="personId"/> in one pulse: 64 lowercase hex characters.</summary>
    string ForPulse(string pulseId, string personId);

    /// <summary>The voter key of <paramref name="personId"/> in one vote: 64 lowercase hex characters.</summary>
    string ForVote(string voteId, string personId);

    /// <summary>
    /// The profile key of <paramref name="personId"/> in one profile scope (a team, or a conversation outside any team):
    /// 64 lowercase hex characters. Its own purpose string, so it never equals, and cannot be matched with, a
    /// respondent or voter key; stable within the scope (a profile is changed and deleted under it).
    /// </summary>
    string ForProfile(string scopeId, string personId);

    /// <summary>An HMAC-SHA256 signature (32 bytes) of <paramref name="data"/>, for signed links.</summary>
    byte[] Sign(ReadOnlySpan<byte> data);

    /// <summary>Whether <paramref name="signature"/> is <see cref="Sign"/> of <paramref name="data"/>, compared in fixed time.</summary>
    bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}

/// <summary>HMAC-SHA256 with <c>Concertation:HashKey</c> over domain-separated messages.</summary>
public sealed class RespondentKeys : IRespondentKeys
{
    private static readonly byte[] SignaturePrefix = Encoding.UTF8.GetBytes("signed-link\n");

    private readonly byte[] _key;

    public RespondentKeys(IOptions<ConcertationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = options.Value.DecodeHashKey();
        if (_key.Length < ConcertationOptions.MinimumHashKeyBytes)
        {
            throw new InvalidOperationException($"Concertation:HashKey must decode to at least {ConcertationOptions.MinimumHashKeyBytes} bytes.");
        }
    }

    public string ForPulse(string pulseId, string personId) => Keyed("pulse", pulseId, personId);

    public string ForVote(string voteId, string personId) => Keyed("vote", voteId, personId);

    public string ForProfile(string scopeId, string personId) => Keyed("profile", scopeId, personId);

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var message = new byte[SignaturePrefix.Length + data.Length];
        SignaturePrefix.CopyTo(message, 0);
        data.CopyTo(message.AsSpan(SignaturePrefix.Length));
        return HMACSHA256.HashData(_key, message);
    }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        CryptographicOperations.FixedTimeEquals(Sign(data), signature);

    private string Keyed(string domain, string scopeId, string personId)
    {
        ArgumentException.ThrowIfNullOrEmpty(scopeId);
        ArgumentException.ThrowIfNullOrEmpty(personId);
        if (scopeId.Contains('\n', StringComparison.Ordinal))
        {
            // The scope id is followed by a line feed, so it must not hold one: the message then splits one way only.
            throw new ArgumentException("A pulse, vote or profile scope id must not contain a line feed.", nameof(scopeId));
        }

        var message = Encoding.UTF8.GetBytes(domain + "\n" + scopeId + "\n" + personId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, message));
    }
}

/// <summary>The stable id of a person: the Entra object id when the channel gives one, else the channel's user id.</summary>
public static class PersonId
{
    public static string Of(ChannelAccount from)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (!string.IsNullOrWhiteSpace(from.AadObjectId))
        {
            return from.AadObjectId;
        }

        return !string.IsNullOrWhiteSpace(from.Id)
            ? from.Id
            : throw new ArgumentException("The account has neither an Entra object id nor a user id.", nameof(from));
    }

    /// <summary>The same id for a roster member, so the bot can compute the key a member's answer is stored under.</summary>
    public static string Of(TeamsChannelAccount member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return Of(new ChannelAccount { Id = member.Id, AadObjectId = member.AadObjectId });
    }
}
