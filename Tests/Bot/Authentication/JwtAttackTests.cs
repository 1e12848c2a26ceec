using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using ConcertationBot.Tests.Bot.Authentication;

namespace ConcertationBot.Tests.Bot.Authentication;

/// <summary>
/// Forged and misused bearer tokens on <c>POST /api/messages</c> with authentication on, end to end over HTTP.
/// Each activity asks the bot to answer at the ATTACKER's serviceUrl (and each forged token vouches for it), so a
/// token wrongly accepted would show up as a request there: every attack must get 401 and leave that host untouched.
/// Wrong audience / issuer / expiry / signature at the authenticator level are in <see cref="ChannelTokenTests"/>;
/// this file covers the attacks of issue #8 and the header shapes a real client could send.
/// </summary>
public sealed class JwtAttackTests
{
    [Fact]
    public async Task ApiMessages_GenuineToken_Returns200AndRepliesAtTheVouchedServiceUrl()
    {
        // Arrange: the positive control: the same request with a genuine token does reach the connector.
        await using var bot = await AuthenticatedBot.StartAsync();
        var activity = bot.ChannelMessage(TestPerson.Bruno, "aide", bot.Attacker.ServiceUrl);

        // Act
        using var response = await bot.PostAsync(activity, Bearer(bot.ChannelToken(bot.Attacker.ServiceUrl)));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(bot.Attacker.Requests);
        Assert.Equal("Bearer " + AuthenticatedBot.OutboundToken, reply.Authorization);
    }

    [Fact]
    public async Task ApiMessages_HandSignedGenuineToken_Returns200()
    {
        // Arrange: the control for the hand-built tokens below: the same encoding, signed right, is accepted.
        await using var bot = await AuthenticatedBot.StartAsync();
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = bot.ChannelKey.KeyId };
        var activity = bot.ChannelMessage(TestPerson.Bruno, "aide", bot.Teams.ServiceUrl);

        // Act
        using var response = await bot.PostAsync(activity, "Bearer " + RsaSigned(header, Claims(bot, bot.Teams.ServiceUrl), bot.ChannelKey.Rsa));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(bot.Teams.Requests);
    }

    [Fact]
    public async Task ApiMessages_AlgNoneUnsignedToken_Returns401AndCallsNothing()
    {
        // Arrange
        await using var bot = await AuthenticatedBot.StartAsync();
        var claims = Claims(bot, bot.Attacker.ServiceUrl);
        string[] tokens =
        [
            Unsigned(new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = bot.ChannelKey.KeyId }, claims),
            Unsigned(new JsonObject { ["alg"] = "None", ["typ"] = "JWT", ["kid"] = bot.ChannelKey.KeyId }, claims),
            Unsigned(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = bot.ChannelKey.KeyId }, claims),
        ];

        // Act / Assert
        foreach (var token in tokens)
        {
            await AssertRejectedAsync(bot, "Bearer " + token);
        }
    }

    [Fact]
    public async Task ApiMessages_Hs256SignedWithThePublishedPublicKey_Returns401AndCallsNothing()
    {
        // Arrange: key confusion: the provider's PUBLIC key, in every form an attacker can download, as HMAC secret.
        await using var bot = await AuthenticatedBot.StartAsync();
        var claims = Claims(bot, bot.Attacker.ServiceUrl);
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = bot.ChannelKey.KeyId };
        var rsa = bot.ChannelKey.Rsa;
        byte[][] secrets =
        [
            Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()),
            rsa.ExportSubjectPublicKeyInfo(),
            rsa.ExportRSAPublicKey(),
            Encoding.UTF8.GetBytes(bot.ChannelKey.ToJwk().ToJsonString()),
            rsa.ExportParameters(includePrivateParameters: false).Modulus!,
        ];

        // Act / Assert
        foreach (var secret in secrets)
        {
            await AssertRejectedAsync(bot, "Bearer " + Hmac(header, claims, secret));
        }
    }

    [Fact]
    public async Task ApiMessages_UnknownKid_Returns401AndCallsNothing()
    {
        // Arrange: a well-formed RS256 token from a key the provider never published, under ids it does not know.
        await using var bot = await AuthenticatedBot.StartAsync();
        using var forger = LocalOpenIdProvider.CreateKey("forger-key", "msteams");
        string[] kids = ["forger-key", "../keys", "channel-key-1 ", ""];

        // Act / Assert
        foreach (var kid in kids)
        {
            await AssertRejectedAsync(bot, Bearer(bot.ChannelToken(bot.Attacker.ServiceUrl) with { SigningKey = forger, HeaderKeyId = kid }));
        }
    }

    [Fact]
    public async Task ApiMessages_KeyUrlOrKeyEmbeddedInHeader_Returns401AndNeverFetchesIt()
    {
        // Arrange: headers that name the attacker's own key (jku / x5u at the attacker's host, jwk inline).
        await using var bot = await AuthenticatedBot.StartAsync();
        using var forger = LocalOpenIdProvider.CreateKey("forger-key", "msteams");
        var claims = Claims(bot, bot.Attacker.ServiceUrl);
        var keysUrl = bot.Attacker.ServiceUrl + "keys";
        JsonObject[] headers =
        [
            new() { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = forger.KeyId, ["jku"] = keysUrl },
            new() { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = forger.KeyId, ["x5u"] = keysUrl },
            new() { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = forger.KeyId, ["jwk"] = forger.ToJwk() },
            new() { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = bot.ChannelKey.KeyId, ["jwk"] = forger.ToJwk() },
        ];

        // Act / Assert
        foreach (var header in headers)
        {
            await AssertRejectedAsync(bot, "Bearer " + RsaSigned(header, claims, forger.Rsa));
        }
    }

    [Theory]
    [InlineData("channel token for another bot")]
    [InlineData("channel token for several audiences, ours not among them")]
    [InlineData("emulator v1 token issued to another app")]
    [InlineData("emulator v2 token issued to another app")]
    public async Task ApiMessages_ValidTokenForAnotherAppId_Returns401AndCallsNothing(string attack)
    {
        // Arrange: correctly signed by a published key, but addressed to (or issued to) another application.
        await using var bot = await AuthenticatedBot.StartAsync();
        const string other = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
        var channel = bot.ChannelToken(bot.Attacker.ServiceUrl);
        var emulator = new LocalTokenRequest { SigningKey = bot.EmulatorKey, Audience = AuthenticatedBot.AppId, ServiceUrl = bot.Attacker.ServiceUrl };
        var token = attack switch
        {
            "channel token for another bot" => channel with { Audience = other },
            "channel token for several audiences, ours not among them" => channel with
            {
                Audience = null,
                Claims = new Dictionary<string, object> { ["aud"] = new[] { other, "api://" + other } },
            },
            "emulator v1 token issued to another app" => emulator with
            {
                Issuer = BotAuthenticator.EmulatorIssuers[0],
                Claims = new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = other },
            },
            "emulator v2 token issued to another app" => emulator with
            {
                Issuer = BotAuthenticator.EmulatorIssuers[3],
                Claims = new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = other },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(attack)),
        };

        // Act / Assert
        await AssertRejectedAsync(bot, Bearer(token));
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(-60)]
    [InlineData(-60 * 24 * 30)]
    public async Task ApiMessages_ReplayedExpiredToken_Returns401AndCallsNothing(int expiredMinutesAgo)
    {
        // Arrange: a genuine token captured earlier and replayed after its expiry plus the 5-minute clock skew.
        await using var bot = await AuthenticatedBot.StartAsync();
        var now = DateTime.UtcNow;
        var captured = bot.ChannelToken(bot.Attacker.ServiceUrl) with
        {
            NotBefore = now.AddMinutes(expiredMinutesAgo - 60),
            Expires = now.AddMinutes(expiredMinutesAgo),
        };

        // Act / Assert
        await AssertRejectedAsync(bot, Bearer(captured));
    }

    [Fact]
    public async Task ApiMessages_TokenWithoutExpiry_Returns401AndCallsNothing()
    {
        // Arrange: a token that would never expire if accepted.
        await using var bot = await AuthenticatedBot.StartAsync();
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = bot.ChannelKey.KeyId };
        var claims = Claims(bot, bot.Attacker.ServiceUrl);
        claims.Remove("exp");

        // Act / Assert
        await AssertRejectedAsync(bot, "Bearer " + RsaSigned(header, claims, bot.ChannelKey.Rsa));
    }

    [Theory]
    [InlineData("https://api.botframework.com/")]
    [InlineData("https://api.botframework.com.evil.example")]
    [InlineData("https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/")]
    [InlineData("")]
    public async Task ApiMessages_WrongIssuerOnAGenuineKey_Returns401AndCallsNothing(string issuer)
    {
        // Arrange
        await using var bot = await AuthenticatedBot.StartAsync();

        // Act / Assert
        await AssertRejectedAsync(bot, Bearer(bot.ChannelToken(bot.Attacker.ServiceUrl) with { Issuer = issuer }));
    }

    [Fact]
    public async Task ApiMessages_IssuerOfOneProviderSignedByTheOthersKey_Returns401AndCallsNothing()
    {
        // Arrange: the emulator key claiming the channel issuer (no serviceUrl binding needed then) and the reverse.
        await using var bot = await AuthenticatedBot.StartAsync();
        var emulatorKeyAsChannel = bot.ChannelToken(bot.Attacker.ServiceUrl) with { SigningKey = bot.EmulatorKey };
        var channelKeyAsEmulator = bot.ChannelToken(bot.Attacker.ServiceUrl) with
        {
            Issuer = BotAuthenticator.EmulatorIssuers[0],
            Claims = new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = AuthenticatedBot.AppId },
        };

        // Act / Assert
        await AssertRejectedAsync(bot, Bearer(emulatorKeyAsChannel));
        await AssertRejectedAsync(bot, Bearer(channelKeyAsEmulator));
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("Basic {0}")]
    [InlineData("Token {0}")]
    [InlineData("Bearer{0}")]
    [InlineData("Bearer {0} {0}")]
    [InlineData("Bearer {0}.extra")]
    [InlineData("Bearer \"{0}\"")]
    public async Task ApiMessages_GenuineTokenInTheWrongScheme_Returns401AndCallsNothing(string shape)
    {
        // Arrange: a genuine token, but not sent as "Bearer <token>".
        await using var bot = await AuthenticatedBot.StartAsync();
        var token = LocalOpenIdProvider.MintToken(bot.ChannelToken(bot.Attacker.ServiceUrl));

        // Act / Assert
        await AssertRejectedAsync(bot, string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, token));
    }

    [Fact]
    public async Task ApiMessages_TokenInQueryStringOrCookieInsteadOfHeader_Returns401AndCallsNothing()
    {
        // Arrange
        await using var bot = await AuthenticatedBot.StartAsync();
        var token = LocalOpenIdProvider.MintToken(bot.ChannelToken(bot.Attacker.ServiceUrl));
        var activity = bot.ChannelMessage(TestPerson.Bruno, "aide", bot.Attacker.ServiceUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages?access_token=" + token) { Content = TestActivities.Json(activity) };
        request.Headers.TryAddWithoutValidation("Cookie", "access_token=" + token);

        // Act
        using var response = await bot.Http.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Attacker.Requests);
    }

    private static async Task AssertRejectedAsync(AuthenticatedBot bot, string authorization)
    {
        var activity = bot.ChannelMessage(TestPerson.Bruno, "aide", bot.Attacker.ServiceUrl);
        using var response = await bot.PostAsync(activity, authorization);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode} for: {authorization[..Math.Min(authorization.Length, 80)]}");
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Attacker.Requests);
        Assert.Empty(bot.Teams.Requests);
    }

    private static string Bearer(LocalTokenRequest request) => "Bearer " + LocalOpenIdProvider.MintToken(request);

    /// <summary>The claims of a genuine channel token for this bot, valid for the next hour.</summary>
    private static JsonObject Claims(AuthenticatedBot bot, string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["iss"] = BotAuthenticator.ChannelIssuer,
            ["aud"] = AuthenticatedBot.AppId,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
    }

    private static string SigningInput(JsonObject header, JsonObject claims) =>
        Base64UrlEncoder.Encode(header.ToJsonString()) + "." + Base64UrlEncoder.Encode(claims.ToJsonString());

    private static string Unsigned(JsonObject header, JsonObject claims) => SigningInput(header, claims) + ".";

    private static string Hmac(JsonObject header, JsonObject claims, byte[] secret)
    {
        var input = SigningInput(header, claims);
        return input + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    private static string RsaSigned(JsonObject header, JsonObject claims, RSA key)
    {
        var input = SigningInput(header, claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }
}
