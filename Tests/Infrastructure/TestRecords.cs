namespace ConcertationBot.Tests.Infrastructure;

/// <summary>Minimal opened records for store tests, in a channel conversation.</summary>
internal static class TestRecords
{
    /// <summary>A pulse of the collective-impact template v1, due a week after <paramref name="openedAt"/>.</summary>
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

    /// <summary>A single-choice vote "Nos priorités ?" on Logement, Mobilité and Emploi, its results shown as they come.</summary>
    public static VoteRecord Vote(string conversationId, DateTimeOffset openedAt) => new()
    {
        VoteId = VoteRecord.NewId(),
        ChannelId = "msteams",
        ConversationId = conversationId,
        ServiceUrl = "https://smba.trafficmanager.net/amer/",
        TenantId = "tenant-1",
        ConversationType = ConversationTypes.Channel,
        Language = "fr",
        Question = "Nos priorités ?",
        Options = ["Logement", "Mobilité", "Emploi"],
        Rules = new VoteRules(VoteMode.Single, 1, HiddenResults: false),
        OpenedAt = openedAt,
        OpenedByUserId = "29:nadia",
    };
}
