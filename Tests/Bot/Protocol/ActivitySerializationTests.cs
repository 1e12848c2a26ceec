namespace ConcertationBot.Tests.Bot.Protocol;

public sealed class ActivitySerializationTests
{
    private const string TeamsMessage = """
        {
          "type": "message",
          "id": "1700000000000",
          "timestamp": "2026-11-22T14:03:00.123Z",
          "localTimestamp": "2026-11-22T09:03:00.123-05:00",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "channelId": "msteams",
          "from": { "id": "29:1abc", "name": "Nadia Benali", "aadObjectId": "6f1c2a52-4a54-4d0e-9f59-0d1b0a3b9e11", "futureField": 1 },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "t1", "id": "19:abc@thread.tacv2;messageid=17" },
          "recipient": { "id": "28:app", "name": "ConcertationBot" },
          "textFormat": "plain",
          "locale": "fr-CA",
          "text": "<at>ConcertationBot</at> aide",
          "entities": [
            { "type": "mention", "text": "<at>ConcertationBot</at>", "mentioned": { "id": "28:app", "name": "ConcertationBot" } },
            { "type": "clientInfo", "locale": "fr-CA", "country": "CA", "platform": "Android", "timezone": "America/Montreal" }
          ],
          "channelData": { "teamsChannelId": "19:abc@thread.tacv2", "tenant": { "id": "t1" }, "team": { "id": "19:team", "name": "Table Saint-Michel" } },
          "attachments": [ { "contentType": "text/html", "content": "<div>aide</div>" } ],
          "someNewTopLevelField": { "nested": [1, 2, 3] },
          "deliveryMode": "normal"
        }
        """;

    [Fact]
    public void Deserialize_TeamsMessage_ReadsKnownFields()
    {
        // Act
        var activity = JsonSerializer.Deserialize(TeamsMessage, ProtocolJsonContext.Default.Activity)!;

        // Assert
        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("msteams", activity.ChannelId);
        Assert.Equal("6f1c2a52-4a54-4d0e-9f59-0d1b0a3b9e11", activity.From!.AadObjectId);
        Assert.Equal(ConversationTypes.Channel, activity.Conversation!.ConversationType);
        Assert.True(activity.Conversation.IsGroup);
        Assert.Equal(2, activity.Entities!.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 14, 3, 0, 123, TimeSpan.Zero), activity.Timestamp);
    }

    [Fact]
    public void RoundTrip_UnknownFields_SurviveAtEveryLevel()
    {
        // Arrange
        var activity = JsonSerializer.Deserialize(TeamsMessage, ProtocolJsonContext.Default.Activity)!;

        // Act
        var json = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity))!;

        // Assert
        var original = JsonNode.Parse(TeamsMessage)!;
        Assert.True(JsonNode.DeepEquals(original["someNewTopLevelField"], json["someNewTopLevelField"]));
        Assert.Equal(1, (int?)json["from"]!["futureField"]);
        Assert.True(JsonNode.DeepEquals(original["channelData"], json["channelData"]));
        Assert.True(JsonNode.DeepEquals(original["entities"], json["entities"]));
        Assert.Equal("<div>aide</div>", (string?)json["attachments"]![0]!["content"]);
    }

    [Fact]
    public void Serialize_Reply_OmitsNullsAndUsesCamelCase()
    {
        // Arrange
        var inbound = JsonSerializer.Deserialize(TeamsMessage, ProtocolJsonContext.Default.Activity)!;

        // Act
        var json = JsonNode.Parse(JsonSerializer.Serialize(inbound.CreateReply("Bonjour"), ProtocolJsonContext.Default.Activity))!.AsObject();

        // Assert
        Assert.Equal("Bonjour", (string?)json["text"]);
        Assert.Equal("1700000000000", (string?)json["replyToId"]);
        Assert.Equal("28:app", (string?)json["from"]!["id"]);
        Assert.Equal("29:1abc", (string?)json["recipient"]!["id"]);
        Assert.False(json.ContainsKey("value"));
        Assert.False(json.ContainsKey("Text"));
    }
}
