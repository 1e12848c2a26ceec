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

    /// <summary>
    /// A local channel OpenID provider publishing one key with these endorsements, the bot trusting it, and one
    /// <c>/api/messages</c> post with the token <paramref name="token"/> mints from that key (none when it returns null).
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(string endorsements, Func<LocalSigningKey, LocalTokenRequest?> token)
    {
        await using var channel = await LocalOpenIdProvider.StartAsync(BotAuthenticator.ChannelIssuer);
        var key = channel.PublishKey(endorsements: endorsements);
        await using var factory = CreateFactory(channel);
        using var client = factory.CreateClient();
        using var response = await client.SendAsync(Post(token(key) is { } request ? LocalOpenIdProvider.MintToken(request) : null));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApiMessages_ValidChannelToken_Returns200WithReply()
    {
        // Act
        var (status, body) = await PostAsync("msteams", ValidToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        var json = JsonNode.Parse(body) ?? throw new InvalidOperationException("empty JSON body");
        Assert.Single(json["activities"]!.AsArray());
    }

    [Theory]
    [InlineData("no token")]
    [InlineData("token for another bot")]
    [InlineData("serviceurl mismatch")]
    [InlineData("expired")]
    public async Task ApiMessages_TokenMissingOrWrong_Returns401WithEmptyBody(string defect)
    {
        // Arrange
        var now = DateTime.UtcNow;
        LocalTokenRequest? Token(LocalSigningKey key) => defect switch
        {
            "no token" => null,
            "token for another bot" => ValidToken(key) with { Audience = "another-app" },
            "serviceurl mismatch" => ValidToken(key) with { ServiceUrl = "https://attacker.example/" },
            "expired" => ValidToken(key) with { NotBefore = now.AddHours(-2), Expires = now.AddHours(-1) },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        // Act
        var (status, body) = await PostAsync("msteams", Token);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(body);
    }

    [Fact]
    public async Task ApiMessages_KeyNotEndorsedForChannel_Returns403()
    {
        // Act
        var (status, _) = await PostAsync("webchat", ValidToken);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }
}
