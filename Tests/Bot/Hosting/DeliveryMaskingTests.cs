using ConcertationBot.Bot.Hosting;

namespace ConcertationBot.Tests.Bot.Hosting;

/// <summary>What of an invoke answer the Deliveries table may keep: the sender masked and put back, nobody else.</summary>
public sealed class DeliveryMaskingTests
{
    private static readonly ChannelAccount Sender = new() { Id = "29:amelie", Name = "Amélie Tremblay", AadObjectId = "0a6e2c1d-7b1f-4a55-8d0e-2b7c9e3f4a10" };

    private static JsonElement Body(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Mask_SenderIdNameAndEntraIdInTheCard_NoneStoredAndAllPutBack()
    {
        // Arrange
        var body = Body("""{"statusCode":200,"value":{"refresh":{"userIds":["29:amelie"]},"body":[{"text":"Merci AMÉLIE TREMBLAY \uE000 (0a6e2c1d-7b1f-4a55-8d0e-2b7c9e3f4a10)"}]}}""");

        // Act
        var masked = DeliveryMasking.Mask(body, Sender);
        var restored = DeliveryMasking.Unmask(masked!, Sender);

        // Assert
        Assert.NotNull(masked);
        Assert.DoesNotContain("29:amelie", masked, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("0a6e2c1d", masked, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Tremblay", JsonNode.Parse(masked!)!["value"]!["body"]![0]!["text"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Merci Amélie Tremblay \uE000 (0a6e2c1d-7b1f-4a55-8d0e-2b7c9e3f4a10)", restored.GetProperty("value").GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Equal("29:amelie", restored.GetProperty("value").GetProperty("refresh").GetProperty("userIds")[0].GetString());
    }

    [Theory]
    [InlineData("""{"value":{"refresh":{"userIds":["29:amelie","29:bruno"]}}}""")]
    [InlineData("""{"value":{"refresh":{"userIds":["1b7f3d2e-8c20-4b66-9e1f-3c8d0f4a5b21"]}}}""")]
    [InlineData("""{"value":{"msteams":{"entities":[{"type":"mention","mentioned":{"id":"someone-else","name":"B"}}]}}}""")]
    [InlineData("""{"value":{"body":[{"text":"8:orgid:1b7f3d2e-8c20-4b66-9e1f-3c8d0f4a5b21"}]}}""")]
    public void Mask_BodyNamesSomeoneElse_ReturnsNull(string json)
    {
        // Act
        var masked = DeliveryMasking.Mask(Body(json), Sender);

        // Assert
        Assert.Null(masked);
    }

    [Fact]
    public void Mask_NoIdentityInTheBody_KeptAsItIs()
    {
        // Arrange
        var body = Body("""{"statusCode":200,"type":"application/vnd.microsoft.card.adaptive","value":{"body":[{"text":"12:29:00 Logement"}]}}""");

        // Act
        var masked = DeliveryMasking.Mask(body, Sender);

        // Assert
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body.GetRawText()), JsonNode.Parse(masked!)));
    }
}
