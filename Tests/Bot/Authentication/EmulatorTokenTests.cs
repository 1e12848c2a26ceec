using static ConcertationBot.Tests.Bot.Authentication.AuthenticatorHarness;

namespace ConcertationBot.Tests.Bot.Authentication;

/// <summary>Entra / emulator tokens: chosen by issuer, <c>ver</c> required, app id from <c>appid</c> (1.0) or <c>azp</c> (2.0).</summary>
public sealed class EmulatorTokenTests
{
    [Fact]
    public async Task AuthenticateAsync_EmulatorV1Token_Authenticated()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();

        var result = await authenticator.AuthenticateAsync(Bearer(harness.EmulatorV1TokenRequest()), MessageActivity(channelId: "emulator"), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Authenticated, result.Status);
        Assert.Equal(AppId, result.Identity?.FindFirst("appid")?.Value);
        Assert.Equal(0, harness.Channel.MetadataRequestCount);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorV2Token_Authenticated()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();

        var result = await authenticator.AuthenticateAsync(Bearer(harness.EmulatorV2TokenRequest()), MessageActivity(channelId: "emulator"), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Authenticated, result.Status);
        Assert.Equal(AppId, result.Identity?.FindFirst("azp")?.Value);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorV1WrongAppId_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();

        var result = await authenticator.AuthenticateAsync(Bearer(harness.EmulatorV1TokenRequest(appIdClaim: "someone-else")), MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("appid", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorV2WrongAzp_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();

        var result = await authenticator.AuthenticateAsync(Bearer(harness.EmulatorV2TokenRequest(azpClaim: "someone-else")), MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Contains("azp", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorV2CarryingOnlyAppid_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var request = harness.EmulatorV2TokenRequest() with { Claims = new Dictionary<string, object> { ["ver"] = "2.0", ["appid"] = AppId } };

        var result = await authenticator.AuthenticateAsync(Bearer(request), MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorTokenWithoutVer_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();
        var request = harness.EmulatorV1TokenRequest() with { Claims = new Dictionary<string, object> { ["appid"] = AppId } };

        var result = await authenticator.AuthenticateAsync(Bearer(request), MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
        Assert.Equal("missing ver claim", result.FailureReason);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorTokenWrongAudience_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();

        var result = await authenticator.AuthenticateAsync(Bearer(harness.EmulatorV1TokenRequest() with { Audience = "https://graph.microsoft.com" }), MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
    }

    [Fact]
    public async Task AuthenticateAsync_EmulatorIssuerSignedByChannelKey_Unauthorized()
    {
        await using var harness = await StartAsync();
        var authenticator = harness.CreateAuthenticator();

        var result = await authenticator.AuthenticateAsync(Bearer(harness.EmulatorV1TokenRequest() with { SigningKey = harness.ChannelKey }), MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Unauthorized, result.Status);
    }

    [Theory]
    [InlineData("https://sts.windows.net/{0}/", "1.0")]
    [InlineData("https://login.microsoftonline.com/{0}/v2.0", "2.0")]
    public async Task AuthenticateAsync_SingleTenantIssuer_AuthenticatedOnlyForSingleTenantApp(string issuerFormat, string version)
    {
        const string tenantId = "7c1e5f0a-0000-4000-8000-00000000abcd";
        await using var harness = await StartAsync();
        var singleTenant = harness.CreateAuthenticator(app => { app.MicrosoftAppType = BotAppType.SingleTenant; app.MicrosoftAppTenantId = tenantId; });
        var multiTenant = harness.CreateAuthenticator(app => app.MicrosoftAppTenantId = tenantId);
        var request = (version == "1.0" ? harness.EmulatorV1TokenRequest() : harness.EmulatorV2TokenRequest()) with { Issuer = string.Format(System.Globalization.CultureInfo.InvariantCulture, issuerFormat, tenantId) };

        var single = await singleTenant.AuthenticateAsync(Bearer(request), MessageActivity(), false, CancellationToken.None);
        var multi = await multiTenant.AuthenticateAsync(Bearer(request), MessageActivity(), false, CancellationToken.None);

        Assert.Equal(BotAuthenticationStatus.Authenticated, single.Status);
        Assert.Equal(BotAuthenticationStatus.Unauthorized, multi.Status);
    }
}
