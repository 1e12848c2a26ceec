using ConcertationBot.Bot.Application;

namespace ConcertationBot.Tests.Bot.Application;

/// <summary>
/// One welcome per installation across instances (issue #22 item 10): Teams announces an installation twice, and the
/// two announcements may land on two instances that share one Azurite.
/// </summary>
public sealed class GreetingLedgerTests
{
    [Fact]
    public async Task ApiMessages_InstallOnOneHostBotAddedOnAnother_GreetsOnce()
    {
        // Arrange: two hosts on the run's shared Azurite; a conversation no other test uses.
        await using var hosts = new TwoHosts();
        var conversationId = NewChannelId();
        var install = Installed(conversationId);
        var added = Channel(TestActivities.Base("conversationUpdate", "fr-CA", "channel", deliveryMode: "expectReplies"), conversationId);
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TestActivities.BotId });

        // Act
        using var onFirst = await hosts.First.PostAsync("/api/messages", TestActivities.Json(install));
        using var onSecond = await hosts.Second.PostAsync("/api/messages", TestActivities.Json(added));

        // Assert: this fails with the in-memory ledger of before (each host greets once).
        var welcome = Assert.Single((await TestActivities.ReadJsonAsync(onFirst))["activities"]!.AsArray())!;
        Assert.Equal("Bienvenue dans ConcertationBot", (string?)welcome["attachments"]![0]!["content"]!["body"]![0]!["text"]);
        Assert.Empty((await TestActivities.ReadJsonAsync(onSecond))["activities"]!.AsArray());
    }

    [Fact]
    public async Task ApiMessages_SameInstallDeliveredToTwoHostsAtOnce_GreetsOnce()
    {
        // Arrange
        await using var hosts = new TwoHosts();
        var install = Installed(NewChannelId());

        // Act: a redelivery racing the first delivery on another instance.
        var responses = await Task.WhenAll(
            hosts.First.PostAsync("/api/messages", TestActivities.Json(install)),
            hosts.Second.PostAsync("/api/messages", TestActivities.Json(install)));

        // Assert
        var welcomes = 0;
        foreach (var response in responses)
        {
            using (response)
            {
                welcomes += (await TestActivities.ReadJsonAsync(response))["activities"]!.AsArray().Count;
            }
        }

        Assert.Equal(1, welcomes);
    }

    [Fact]
    public async Task TryClaimAsync_GreetedLongerAgoThanTheWindow_GreetsAgain()
    {
        // Arrange: the bot removed and added again an hour later.
        var clock = new OffsetClock();
        await using var factory = new BotApplicationFactory(time: clock);
        var ledger = factory.Services.GetRequiredService<GreetingLedger>();
        var conversationId = NewChannelId();

        // Act
        var firstClaim = await ledger.TryClaimAsync("msteams", conversationId, CancellationToken.None);
        var again = await ledger.TryClaimAsync("msteams", conversationId, CancellationToken.None);
        clock.Advance(GreetingLedger.Window + TimeSpan.FromMinutes(1));
        var readvanced = clock.GetUtcNow();
        var later = await ledger.TryClaimAsync("msteams", conversationId, CancellationToken.None);

        // Assert
        Assert.True(firstClaim);
        Assert.False(again);
        Assert.True(later);
        var stored = await factory.Services.GetRequiredService<IBotStateStore>()
            .ReadAsync(GreetingLedger.KeyFor("msteams", conversationId), GreetingJsonContext.Default.GreetingRecord, CancellationToken.None);
        Assert.True(stored!.Value.GreetedAt >= readvanced, "the second greeting did not move the record forward");
    }

    private static string NewChannelId() => $"19:{Guid.NewGuid():N}@thread.tacv2";

    /// <summary>The bot's installation in <paramref name="conversationId"/> as Teams announces it, the replies expected in the answer.</summary>
    private static JsonObject Installed(string conversationId)
    {
        var install = Channel(TestActivities.Base("installationUpdate", "fr-CA", "channel", deliveryMode: "expectReplies"), conversationId);
        install["action"] = "add";
        return install;
    }

    private static JsonObject Channel(JsonObject activity, string conversationId)
    {
        activity["conversation"]!["id"] = conversationId;
        return activity;
    }

    /// <summary>Two hosts on the run's shared Azurite, each with its HTTP client.</summary>
    private sealed class TwoHosts : IAsyncDisposable
    {
        private readonly BotApplicationFactory _first = new();
        private readonly BotApplicationFactory _second = new();

        public TwoHosts()
        {
            First = _first.CreateClient();
            Second = _second.CreateClient();
        }

        public HttpClient First { get; }

        public HttpClient Second { get; }

        public async ValueTask DisposeAsync()
        {
            Second.Dispose();
            First.Dispose();
            await _second.DisposeAsync();
            await _first.DisposeAsync();
        }
    }
}
