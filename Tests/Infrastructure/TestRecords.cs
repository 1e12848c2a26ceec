namespace ConcertationBot.Tests.Infrastructure;

/// <summary>A minimal opened pulse for store tests (a channel conversation, the collective-impact template v1).</summary>
internal static class TestRecords
{
    public static PulseRecord Pulse(string conversationId, DateTimeOffset openedAt) => new()
    {
        PulseId = PulseRecord.NewId(),
        ChannelId = "msteams",
        ConversationId = conversationId,
        ServiceUrl = "https://smba.trafficmanager.net/amer/",
        TenantId = "tenant-1",
        ConversationType = ConversationTypes.Channel,
        TemplateId = "collective-impact",
        TemplateVersion = 1,
        Language = "fr",
        OpenedAt = openedAt,
        Deadline = openedAt.AddDays(7),
        OpenedByUserId = "29:nadia",
    };
}
