using static ConcertationBot.Tests.Bot.Authentication.AuthenticatorHarness;

namespace ConcertationBot.Tests.Bot.Authentication;

/// <summary>Header shape and the empty-MicrosoftAppId (local tools) rules.</summary>
public sealed class AuthorizationHeaderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b")]
    [InlineData("Bearer one two")]
    public async Task AuthenticateAsync_MalformedHeader_Unauthorized(string header)
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();

        var result = await authenticator.AuthenticateAsync(header, MessageActivity(), isLoopbackRequest: true, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Equal(0, harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_LowercaseBearerScheme_Authenticated()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var header = "bearer " + Infrastructure.LocalOpenIdProvider.MintToken(harness.ChannelTokenRequest());

        var result = await authenticator.AuthenticateAsync(header, MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Authenticated, result.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AuthenticateAsync_AppIdSetAndNoHeader_Unauthorized(bool isLoopback)
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator(configureHost: host => host.AllowUnauthenticated = true);

        var result = await authenticator.AuthenticateAsync(null, MessageActivity(), isLoopback, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task AuthenticateAsync_EmptyAppIdNoHeaderOnLoopback_Anonymous()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator(app => app.MicrosoftAppId = "");

        var result = await authenticator.AuthenticateAsync(null, MessageActivity(), isLoopbackRequest: true, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Anonymous, result.Status);
        Assert.NotNull(result.Identity);
        Assert.False(result.Identity.IsAuthenticated);
    }

    [Fact]
    public async Task AuthenticateAsync_EmptyAppIdNoHeaderFromNetwork_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator(app => app.MicrosoftAppId = null);

        var result = await authenticator.AuthenticateAsync(null, MessageActivity(), isLoopbackRequest: false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("AllowUnauthenticated", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_EmptyAppIdNoHeaderFromNetworkWithAllowUnauthenticated_Anonymous()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator(app => app.MicrosoftAppId = "", host => host.AllowUnauthenticated = true);

        var result = await authenticator.AuthenticateAsync(null, MessageActivity(), isLoopbackRequest: false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Anonymous, result.Status);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task AuthenticateAsync_EmptyAppIdWithHeader_StillValidatedAndUnauthorized(bool isLoopback, bool allowUnauthenticated)
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator(app => app.MicrosoftAppId = "", host => host.AllowUnauthenticated = allowUnauthenticated);

        var result = await authenticator.AuthenticateAsync(Bearer(harness.ChannelTokenRequest()), MessageActivity(), isLoopback, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
    }
}
