namespace ConcertationBot.Tests.Bot.Kernel;

public sealed class RespondentKeysTests
{
    private static readonly string SecretA = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly string SecretB = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    private static RespondentKeys Keys(string secret) => new(Options.Create(new ConcertationOptions { HashKey = secret }));

    [Fact]
    public void ForPulse_SameInputs_SameLowercaseHexKeyOf64Characters()
    {
        var keys = Keys(SecretA);

        var first = keys.ForPulse("pulse-1", "aad-nadia");
        var second = Keys(SecretA).ForPulse("pulse-1", "aad-nadia");

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void ForPulse_KnownSecret_IsHmacSha256OfTheDomainSeparatedMessage()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Convert.FromBase64String(SecretA), Encoding.UTF8.GetBytes("pulse\npulse-1\naad-nadia")));

        Assert.Equal(expected, Keys(SecretA).ForPulse("pulse-1", "aad-nadia"));
    }

    [Fact]
    public void ForProfile_KnownSecret_HmacUnderItsOwnPurposeUnlikeThePulseAndVoteKeysOfTheSameIds()
    {
        var keys = Keys(SecretA);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Convert.FromBase64String(SecretA), Encoding.UTF8.GetBytes("profile\nteam|msteams|19:t\naad-nadia")));

        var key = keys.ForProfile("team|msteams|19:t", "aad-nadia");

        Assert.Equal(expected, key);
        Assert.NotEqual(keys.ForPulse("team|msteams|19:t", "aad-nadia"), key);
        Assert.NotEqual(keys.ForVote("team|msteams|19:t", "aad-nadia"), key);
        Assert.NotEqual(keys.ForProfile("team|msteams|19:other", "aad-nadia"), key);
    }

    [Fact]
    public void ForPulse_OtherPulse_OtherKey()
    {
        var keys = Keys(SecretA);

        Assert.NotEqual(keys.ForPulse("pulse-1", "aad-nadia"), keys.ForPulse("pulse-2", "aad-nadia"));
    }

    [Fact]
    public void ForPulse_OtherPerson_OtherKey()
    {
        var keys = Keys(SecretA);

        Assert.NotEqual(keys.ForPulse("pulse-1", "aad-nadia"), keys.ForPulse("pulse-1", "aad-marc"));
    }

    [Fact]
    public void ForPulse_OtherSecret_OtherKey()
    {
        Assert.NotEqual(Keys(SecretA).ForPulse("pulse-1", "aad-nadia"), Keys(SecretB).ForPulse("pulse-1", "aad-nadia"));
    }

    [Fact]
    public void ForVote_SameIdsAsAPulse_OtherKey()
    {
        var keys = Keys(SecretA);

        var vote = keys.ForVote("id-1", "aad-nadia");

        Assert.Matches("^[0-9a-f]{64}$", vote);
        Assert.NotEqual(keys.ForPulse("id-1", "aad-nadia"), vote);
    }

    [Fact]
    public void ForPulse_PulseIdContainingTheSeparator_Throws()
    {
        var keys = Keys(SecretA);

        Assert.Throws<ArgumentException>(() => keys.ForPulse("a\nb", "c"));
        Assert.Throws<ArgumentException>(() => keys.ForVote("a\nb", "c"));
    }

    [Fact]
    public void Verify_SignatureOfSameData_True()
    {
        var keys = Keys(SecretA);
        var data = Encoding.UTF8.GetBytes("export|pulse-1|2025-06-01T12:00:00Z");

        var signature = keys.Sign(data);

        Assert.Equal(32, signature.Length);
        Assert.True(keys.Verify(data, signature));
    }

    [Fact]
    public void Verify_TamperedDataOrSignatureOrOtherSecret_False()
    {
        var keys = Keys(SecretA);
        var data = Encoding.UTF8.GetBytes("export|pulse-1");
        var signature = keys.Sign(data);
        var flipped = (byte[])signature.Clone();
        flipped[0] ^= 1;

        Assert.False(keys.Verify(Encoding.UTF8.GetBytes("export|pulse-2"), signature));
        Assert.False(keys.Verify(data, flipped));
        Assert.False(keys.Verify(data, signature.AsSpan(0, 16)));
        Assert.False(Keys(SecretB).Verify(data, signature));
    }

    [Fact]
    public void Sign_PulseKeyMessage_DiffersFromThePulseKey()
    {
        var keys = Keys(SecretA);

        var signature = Convert.ToHexStringLower(keys.Sign(Encoding.UTF8.GetBytes("pulse\npulse-1\naad-nadia")));

        Assert.NotEqual(keys.ForPulse("pulse-1", "aad-nadia"), signature);
    }

    [Fact]
    public void Constructor_ShortSecret_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Keys(Convert.ToBase64String(new byte[16])));
    }

    [Fact]
    public void PersonIdOf_WithEntraObjectId_UsesIt()
    {
        Assert.Equal("aad-nadia", PersonId.Of(new ChannelAccount { Id = "29:nadia", AadObjectId = "aad-nadia" }));
    }

    [Fact]
    public void PersonIdOf_WithoutEntraObjectId_UsesUserId()
    {
        Assert.Equal("29:nadia", PersonId.Of(new ChannelAccount { Id = "29:nadia", AadObjectId = "" }));
    }

    [Fact]
    public void PersonIdOf_NoIdAtAll_Throws()
    {
        Assert.Throws<ArgumentException>(() => PersonId.Of(new ChannelAccount { Name = "Nadia" }));
    }
}
