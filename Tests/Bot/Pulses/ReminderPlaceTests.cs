namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>Where a reminder says the pulse is (issue #20): the table, the channel, a Teams link to the pulse card.</summary>
public sealed class ReminderPlaceTests
{
    private static PulseRecord Pulse(string conversationType, string? cardActivityId = "1700000000000") => new()
    {
        PulseId = "p1",
        ChannelId = "msteams",
        ConversationId = conversationType == "channel" ? "19:abc@thread.tacv2" : "19:chat@thread.v2",
        ServiceUrl = "https://smba.trafficmanager.net/amer/",
        TenantId = "tenant-1",
        ConversationType = conversationType,
        TemplateId = "collective-impact",
        TemplateVersion = 1,
        Language = "fr",
        OpenedAt = DateTimeOffset.UnixEpoch,
        Deadline = DateTimeOffset.UnixEpoch.AddDays(7),
        OpenedByUserId = "29:nadia",
        PlaceName = "Stored name",
        CardActivityId = cardActivityId,
    };

    [Fact]
    public void Of_ChannelCommand_TeamChannelAndMessageLink()
    {
        // Arrange
        var command = new Activity
        {
            Type = ActivityTypes.Message,
            ChannelData = JsonDocument.Parse("""{"team":{"id":"19:team","name":"Table Saint-Michel","aadGroupId":"g-1"},"channel":{"id":"19:abc@thread.tacv2","name":"Général & co"}}""").RootElement,
        };

        // Act
        var place = PulseRemindersPlace.Of(Pulse("channel"), command);

        // Assert
        Assert.Equal("Table Saint-Michel", place.TableName);
        Assert.Equal("Général & co", place.ChannelName);
        Assert.Equal(
            "https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/1700000000000?tenantId=tenant-1&groupId=g-1&parentMessageId=1700000000000&teamName=Table%20Saint-Michel&channelName=G%C3%A9n%C3%A9ral%20%26%20co",
            place.PulseLink!.AbsoluteUri);
    }

    [Fact]
    public void Of_GroupChatWithoutChannelData_StoredNameAndChatLink()
    {
        // Act
        var place = PulseRemindersPlace.Of(Pulse("groupChat"), new Activity { Type = ActivityTypes.Message });

        // Assert
        Assert.Equal("Stored name", place.TableName);
        Assert.Null(place.ChannelName);
        Assert.Equal(
            "https://teams.microsoft.com/l/message/19%3Achat%40thread.v2/1700000000000?context=%7B%22contextType%22%3A%22chat%22%7D",
            place.PulseLink!.AbsoluteUri);
    }

    [Theory]
    [InlineData("personal", "1700000000000")]
    [InlineData("channel", null)]
    public void Link_PersonalChatOrCardIdUnknown_None(string conversationType, string? cardActivityId)
    {
        // Act
        var link = PulseRemindersPlace.Link(Pulse(conversationType, cardActivityId), "g-1", "Table", "General");

        // Assert
        Assert.Null(link);
    }
}
