using Microsoft.IdentityModel.Tokens;
using static ConcertationBot.Tests.Bot.Authentication.AuthenticatorHarness;

namespace ConcertationBot.Tests.Bot.Authentication;

/// <summary>Bot Framework channel tokens, validated against a real local OpenID provider over loopback HTTP.</summary>
public sealed class ChannelTokenTests
{
    [Fact]
    public async Task AuthenticateAsync_ValidChannelToken_Authenticated()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();

        var result = await authenticator.AuthenticateAsync(Bearer(harness.ChannelTokenRequest()), MessageActivity(), isLoopbackRequest: false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Authenticated, result.Status);
        Assert.NotNull(result.Identity);
        Assert.True(result.Identity.IsAuthenticated);
        Assert.Equal(BotAuthenticator.ChannelIssuer, result.Identity.FindFirst("iss")?.Value);
        Assert.Equal(ServiceUrl, result.Identity.FindFirst("serviceurl")?.Value);
    }

    [Fact]
    public async Task AuthenticateAsync_WrongAudience_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var token = Bearer(harness.ChannelTokenRequest() with { Audience = "another-bot-app-id" });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("audience", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_WrongIssuer_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var token = Bearer(harness.ChannelTokenRequest() with { Issuer = "https://api.botframework.com.evil.example" });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("issuer", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredBeyondClockSkew_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var now = DateTime.UtcNow;
        var token = Bearer(harness.ChannelTokenRequest() with { NotBefore = now.AddHours(-1), Expires = now.AddMinutes(-6) });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("expired", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredWithinClockSkew_Authenticated()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var now = DateTime.UtcNow;
        var token = Bearer(harness.ChannelTokenRequest() with { NotBefore = now.AddHours(-1), Expires = now.AddMinutes(-4) });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Authenticated, result.Status);
    }

    [Fact]
    public async Task AuthenticateAsync_NotYetValidBeyondClockSkew_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var now = DateTime.UtcNow;
        var token = Bearer(harness.ChannelTokenRequest() with { NotBefore = now.AddMinutes(7), Expires = now.AddHours(1) });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("not yet valid", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_SignedByUnpublishedKeyWithListedKid_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        using var forger = LocalOpenIdProvider.CreateKey("forger", ChannelId);
        var token = Bearer(harness.ChannelTokenRequest() with { SigningKey = forger, HeaderKeyId = harness.ChannelKey.KeyId });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("signature", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_AlgorithmOutsideRs256To512_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var token = Bearer(harness.ChannelTokenRequest() with { Algorithm = SecurityAlgorithms.RsaSsaPssSha256 });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("algorithm", result.FailureReason);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task AuthenticateAsync_Rs384OrRs512_Authenticated(string algorithm)
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var token = Bearer(harness.ChannelTokenRequest() with { Algorithm = algorithm });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Authenticated, result.Status);
    }

    [Fact]
    public async Task AuthenticateAsync_KeyNotEndorsedForChannel_Forbidden()
    {
        await using var harness = await StartAsync();
        var skypeOnly = harness.Channel.PublishKey("skype-key", "skype");
        var authenticator = harness.CreateAuthenticator();
        var token = Bearer(harness.ChannelTokenRequest() with { SigningKey = skypeOnly });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(channelId: ChannelId), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Forbidden, result.Status);
        Assert.Null(result.Identity);
    }

    [Fact]
    public async Task AuthenticateAsync_ChannelKeyWithoutEndorsements_Forbidden()
    {
        await using var harness = await StartAsync();
        var bare = harness.Channel.PublishKey("bare-key", endorsements: null);
        var authenticator = harness.CreateAuthenticator();
        var token = Bearer(harness.ChannelTokenRequest() with { SigningKey = bare });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Forbidden, result.Status);
    }

    [Fact]
    public async Task AuthenticateAsync_UnendorsedKeyAndEmptyChannelId_Authenticated()
    {
        await using var harness = await StartAsync();
        var skypeOnly = harness.Channel.PublishKey("skype-key", "skype");
        var authenticator = harness.CreateAuthenticator();
        var token = Bearer(harness.ChannelTokenRequest() with { SigningKey = skypeOnly });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(channelId: ""), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Authenticated, result.Status);
    }

    [Fact]
    public async Task AuthenticateAsync_ServiceUrlMismatch_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var token = Bearer(harness.ChannelTokenRequest());

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(serviceUrl: "https://attacker.example/"), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Equal("serviceurl claim mismatch", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_ServiceUrlDiffersOnlyInCase_Authenticated()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var token = Bearer(harness.ChannelTokenRequest());

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(serviceUrl: ServiceUrl.ToUpperInvariant()), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Authenticated, result.Status);
    }

    [Fact]
    public async Task AuthenticateAsync_MissingServiceUrlClaim_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var token = Bearer(harness.ChannelTokenRequest() with { ServiceUrl = null });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Equal("missing serviceurl claim", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_KeyRotatedAfterFirstFetch_RefetchesOnUnknownKidAndAuthenticates()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var first = await authenticator.AuthenticateAsync(Bearer(harness.ChannelTokenRequest()), MessageActivity(), false, CancellationToken.None);
        harness.Channel.Unpublish(harness.ChannelKey);
        var rotated = harness.Channel.PublishKey("channel-key-2", ChannelId);

        var second = await authenticator.AuthenticateAsync(Bearer(harness.ChannelTokenRequest() with { SigningKey = rotated }), MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Authenticated, first.Status);
        Assert.Equal(BotAuthenticationStatus.Authenticated, second.Status);
        Assert.Equal(2, harness.Channel.KeysRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_RepeatedUnknownKids_RefetchesAtMostOncePerInterval()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        using var stranger = LocalOpenIdProvider.CreateKey("stranger", ChannelId);

        var results = new List<BotAuthenticationResult>();
        for (var i = 0; i < 3; i++)
        {
            var token = Bearer(harness.ChannelTokenRequest() with { SigningKey = stranger, HeaderKeyId = $"unknown-{i}" });
            results.Add(await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None));
        }

        Assert.All(results, r => Assert.Equal(BotAuthenticationStatus.Unauthorized, r.Status));
        Assert.Equal(2, harness.Channel.KeysRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_KeysOlderThanRefreshInterval_AreRefetched()
    {
        await using var harness = await StartAsync();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var authenticator = harness.CreateAuthenticator(timeProvider: clock);
        var token = Bearer(harness.ChannelTokenRequest());
        await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);
        await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);
        var fetchesBeforeExpiry = harness.Channel.MetadataRequestCount;

        clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));
        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Authenticated, result.Status);
        Assert.Equal(1, fetchesBeforeExpiry);
        Assert.Equal(2, harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_PublishedKeyUnderAnotherKid_Unauthorized()
    {
        await using var harness = await StartAsync();
        harness.Channel.PublishKey("channel-key-other", ChannelId);
        var authenticator = harness.CreateAuthenticator();
        var token = Bearer(harness.ChannelTokenRequest() with { HeaderKeyId = "channel-key-other" });

        var result = await authenticator.AuthenticateAsync(token, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
    }
}
