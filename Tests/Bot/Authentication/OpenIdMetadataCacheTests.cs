using static ConcertationBot.Tests.Bot.Authentication.AuthenticatorHarness;

namespace ConcertationBot.Tests.Bot.Authentication;

/// <summary>Behaviour of the key cache when the identity provider is down.</summary>
public sealed class OpenIdMetadataCacheTests
{
    [Fact]
    public async Task AuthenticateAsync_MetadataUnavailableFromStart_Unauthorized()
    {
        await using var harness = await StartAsync();
        harness.Channel.Unavailable = true;
        var authenticator = harness.CreateAuthenticator();

        var result = await authenticator.AuthenticateAsync(Bearer(harness.ChannelTokenRequest()), MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("metadata", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_RefreshFailsAfterExpiry_KeepsPreviousKeys()
    {
        await using var harness = await StartAsync();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var authenticator = harness.CreateAuthenticator(timeProvider: clock);
        var token = Bearer(harness.ChannelTokenRequest());
        var before = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);
        harness.Channel.Unavailable = true;
        clock.Advance(TimeSpan.FromHours(13));

        var during = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);
        var attemptsAfterFailure = harness.Channel.MetadataRequestCount;
        var again = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Authenticated, before.Status);
        Assert.Equal(BotAuthenticationStatus.Authenticated, during.Status);
        Assert.Equal(BotAuthenticationStatus.Authenticated, again.Status);
        Assert.True(attemptsAfterFailure >= 2, "the expired keys should have triggered a refresh attempt");
        Assert.Equal(attemptsAfterFailure, harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKidOnColdCache_FetchesOnce()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var token = Bearer(harness.ChannelTokenRequest() with { HeaderKeyId = "never-published" });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Equal(1, harness.Channel.KeysRequestCount);
    }
}
