using static ConcertationBot.Tests.Bot.Authentication.AuthenticatorHarness;

namespace ConcertationBot.Tests.Bot.Authentication;

/// <summary>Metadata must come over https, except from a loopback host.</summary>
public sealed class OpenIdMetadataUrlTests
{
    [Theory]
    [InlineData("https://login.botframework.com/v1/.well-known/openidconfiguration", true)]
    [InlineData("http://127.0.0.1:5000/.well-known/openid-configuration", true)]
    [InlineData("http://localhost:5000/.well-known/openid-configuration", true)]
    [InlineData("http://[::1]:5000/.well-known/openid-configuration", true)]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration", false)]
    [InlineData("http://10.0.0.5/.well-known/openid-configuration", false)]
    [InlineData("ftp://127.0.0.1/metadata", false)]
    [InlineData("/relative/metadata", false)]
    [InlineData("", false)]
    public void Validate_MetadataUrl_HttpsOrLoopbackHttpOnly(string url, bool expectedValid)
    {
        var validator = new OpenIdMetadataUrlValidator();

        var result = validator.Validate(null, new BotHostOptions { ChannelOpenIdMetadataUrl = url });

        Assert.Equal(expectedValid, result.Succeeded);
    }

    [Fact]
    public void Validate_DefaultOptions_Succeeds()
    {
        var result = new OpenIdMetadataUrlValidator().Validate(null, new BotHostOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_PlainHttpNonLoopbackMetadata_UnauthorizedWithoutFetching()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator(configureHost: host => host.ChannelOpenIdMetadataUrl = "http://login.botframework.invalid/v1/.well-known/openidconfiguration");

        var result = await authenticator.AuthenticateAsync(Bearer(harness.ChannelTokenRequest()), MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("metadata", result.FailureReason);
    }
}
