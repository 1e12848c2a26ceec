using System.Net.Http.Headers;

namespace ConcertationBot.Tests.Bot.Hosting;

/// <summary>The status rules of inbound authentication, end to end over HTTP, with a real local OpenID provider.</summary>
public sealed class MessagesEndpointAuthTests
{
    private const string AppId = "0b6a1c1e-3c35-4f55-9d43-6f0a9c2b8e10";
    private const string ServiceUrl = "http://127.0.0.1:9/";

    private static BotApplicationFactory CreateFactory(LocalOpenIdProvider channel) => new(new Dictionary<string, string?>
    {
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "not-used-for-expect-replies",
        ["Bot:ChannelOpenIdMetadataUrl"] = channel.MetadataUrl,
        ["Bot:EmulatorOpenIdMetadataUrl"] = channel.MetadataUrl,
    });

    private static HttpRequestMessage Post(string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = TestActivities.Json(TestActivities.Message("aide", serviceUrl: ServiceUrl, deliveryMode: "expectReplies")),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }

    private static LocalTokenRequest ValidToken(LocalSigningKey key) => new()
    {
        SigningKey = key,
        Issuer = BotAuthenticator.ChannelIssuer,
        Audience = AppId,
        ServiceUrl = ServiceUrl,
    };

    [Fact]
    public async Task ApiMessages_ValidChannelToken_Returns200WithReply()
    {
        // Arrange
        await using var channel = await LocalOpenIdProvider.StartAsync(BotAuthenticator.ChannelIssuer);
        var key = channel.PublishKey(endorsements: "msteams");
        await using var factory = CreateFactory(channel);
        using var client = factory.CreateClient();

        // Act
        using var response = await client.SendAsync(Post(LocalOpenIdProvider.MintToken(ValidToken(key))));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestActivities.ReadJsonAsync(response);
        Assert.Single(body["activities"]!.AsArray());
    }

    [Theory]
    [InlineData("no token")]
    [InlineData("token for another bot")]
    [InlineData("serviceurl mismatch")]
    [InlineData("expired")]
    public async Task ApiMessages_TokenMissingOrWrong_Returns401WithEmptyBody(string defect)
    {
        // Arrange
        await using var channel = await LocalOpenIdProvider.StartAsync(BotAuthenticator.ChannelIssuer);
        var key = channel.PublishKey(endorsements: "msteams");
        await using var factory = CreateFactory(channel);
        using var client = factory.CreateClient();
        var now = DateTime.UtcNow;
        var token = defect switch
        {
            "no token" => null,
            "token for another bot" => ValidToken(key) with { Audience = "another-app" },
            "serviceurl mismatch" => ValidToken(key) with { ServiceUrl = "https://attacker.example/" },
            "expired" => ValidToken(key) with { NotBefore = now.AddHours(-2), Expires = now.AddHours(-1) },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        // Act
        using var response = await client.SendAsync(Post(token is null ? null : LocalOpenIdProvider.MintToken(token)));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApiMessages_KeyNotEndorsedForChannel_Returns403()
    {
        // Arrange
        await using var channel = await LocalOpenIdProvider.StartAsync(BotAuthenticator.ChannelIssuer);
        var key = channel.PublishKey(endorsements: "webchat");
        await using var factory = CreateFactory(channel);
        using var client = factory.CreateClient();

        // Act
        using var response = await client.SendAsync(Post(LocalOpenIdProvider.MintToken(ValidToken(key))));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
