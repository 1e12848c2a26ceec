using System.Security.Cryptography;
using ConcertationBot.Bot.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConcertationBot.Tests.Bot.Storage;

/// <summary>The <c>Deliveries</c> table on Azurite: records round-trip, writes are conditional, the sweep bounds it.</summary>
public sealed class DeliveryStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static DeliveryKey NewKey() => DeliveryKey.FromHash(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    private DeliveryStore NewStore() => new(new TableServiceClient(azurite.ConnectionString));

    [Fact]
    public async Task TryReplaceAsync_AnsweredWithALongBody_ReadBackAsWritten()
    {
        // Arrange
        var store = NewStore();
        var key = NewKey();
        var claimedAt = new DateTimeOffset(2026, 12, 6, 1, 2, 3, TimeSpan.Zero);
        var etag = await store.TryAddAsync(key, new DeliveryRecord(DeliveryState.Claimed, claimedAt), CancellationToken.None);
        var body = "{\"text\":\"" + new string('é', 70_000) + "\"}";
        var answered = new DeliveryRecord(DeliveryState.Answered, claimedAt.AddSeconds(1), 200, body);

        // Act
        var replaced = await store.TryReplaceAsync(key, answered, etag!.Value, CancellationToken.None);
        var read = await store.GetAsync(key, CancellationToken.None);

        // Assert
        Assert.NotNull(replaced);
        Assert.Equal(answered, read?.Record);
        Assert.Equal(replaced, read?.ETag);
        Assert.Equal(key.RowKey[..2], key.PartitionKey);
    }

    [Fact]
    public async Task TryAddAsync_RowExists_ReturnsNullAndKeepsTheFirst()
    {
        // Arrange
        var store = NewStore();
        var key = NewKey();
        var first = new DeliveryRecord(DeliveryState.Answered, DateTimeOffset.UtcNow, 200);
        await store.TryAddAsync(key, first, CancellationToken.None);

        // Act
        var second = await store.TryAddAsync(key, new DeliveryRecord(DeliveryState.Claimed, DateTimeOffset.UtcNow), CancellationToken.None);

        // Assert
        Assert.Null(second);
        Assert.Equal(DeliveryState.Answered, (await store.GetAsync(key, CancellationToken.None))?.Record.State);
    }

    [Fact]
    public async Task TryReplaceAsync_StaleETag_ReturnsNullAndChangesNothing()
    {
        // Arrange
        var store = NewStore();
        var key = NewKey();
        var stale = await store.TryAddAsync(key, new DeliveryRecord(DeliveryState.Claimed, DateTimeOffset.UtcNow), CancellationToken.None);
        await store.TryReplaceAsync(key, new DeliveryRecord(DeliveryState.Claimed, DateTimeOffset.UtcNow), stale!.Value, CancellationToken.None);

        // Act
        var replaced = await store.TryReplaceAsync(key, new DeliveryRecord(DeliveryState.Answered, DateTimeOffset.UtcNow, 200), stale.Value, CancellationToken.None);

        // Assert
        Assert.Null(replaced);
        Assert.Equal(DeliveryState.Claimed, (await store.GetAsync(key, CancellationToken.None))?.Record.State);
    }

    [Fact]
    public async Task SweepOnceAsync_RowsOlderThanTheWindow_DeletedRecentOnesKept()
    {
        // Arrange
        var store = NewStore();
        var clock = new OffsetClock();
        var now = clock.GetUtcNow();
        var expired = NewKey();
        var recent = NewKey();
        await store.TryAddAsync(expired, new DeliveryRecord(DeliveryState.Answered, now - TimeSpan.FromHours(25), 200), CancellationToken.None);
        await store.TryAddAsync(recent, new DeliveryRecord(DeliveryState.Answered, now - TimeSpan.FromHours(23), 200), CancellationToken.None);
        var sweep = new DeliverySweep(store, Options.Create(new RedeliveryOptions()), clock, NullLogger<DeliverySweep>.Instance);

        // Act
        var deleted = await sweep.SweepOnceAsync(CancellationToken.None);

        // Assert
        Assert.True(deleted >= 1);
        Assert.Null(await store.GetAsync(expired, CancellationToken.None));
        Assert.NotNull(await store.GetAsync(recent, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_RowTakenOverSinceTheClaim_KeepsIt()
    {
        // Arrange
        var store = NewStore();
        var key = NewKey();
        var mine = await store.TryAddAsync(key, new DeliveryRecord(DeliveryState.Claimed, DateTimeOffset.UtcNow), CancellationToken.None);
        await store.TryReplaceAsync(key, new DeliveryRecord(DeliveryState.Answered, DateTimeOffset.UtcNow, 200), mine!.Value, CancellationToken.None);

        // Act
        await store.DeleteAsync(key, mine.Value, CancellationToken.None);

        // Assert
        Assert.NotNull(await store.GetAsync(key, CancellationToken.None));
    }
}
