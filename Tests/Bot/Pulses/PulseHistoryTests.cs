using ConcertationBot.Bot.Pulses;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>
/// A changes round's deepening as the pulse store keeps it (its categories round trip) and as the trend and
/// <c>vote leviers</c> look back (<see cref="PulseHistory"/>): never the ordinary pulse they compare with.
/// </summary>
public sealed class PulseHistoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 14, 0, 0, TimeSpan.Zero);
    private readonly string _prefix = AzuriteFixture.UniqueTableName("h");
    private readonly string _conversation = "19:history-" + Guid.NewGuid().ToString("N");

    private static PulseRecord Deepening(PulseRecord pulse) => pulse with
    {
        TemplateId = DeepeningTemplate.Id,
        DeepeningCategories = PulseRecordTemplate.CategoriesCode(["Logement", "Mobilité | Mobility"]),
        ProfilesHidden = true,
    };

    /// <summary>Opens and closes <paramref name="pulse"/> a day after it opened.</summary>
    private static async Task<PulseRecord> ClosedAsync(PulseStore store, PulseRecord pulse)
    {
        var opened = await store.TryOpenAsync(pulse, CancellationToken.None) ?? throw new InvalidOperationException("Not opened.");
        return await store.TryCloseAsync(opened, pulse.OpenedAt.AddDays(1), CancellationToken.None) ?? throw new InvalidOperationException("Not closed.");
    }

    [Fact]
    public async Task LatestClosedOrdinary_DeepeningAfterTwoPulses_TheOrdinaryOneBeforeItAndTheDeepeningKeepsItsCategories()
    {
        // Arrange: an ordinary pulse, another, then a deepening, all closed.
        var store = new PulseStore(new StorageHooks().Client(azurite.ConnectionString), _prefix);
        var first = await ClosedAsync(store, TestRecords.Pulse(_conversation, Start));
        var second = await ClosedAsync(store, TestRecords.Pulse(_conversation, Start.AddDays(10)));
        var deepening = await ClosedAsync(store, Deepening(TestRecords.Pulse(_conversation, Start.AddDays(20))));

        // Act
        var latest = await PulseHistory.LatestClosedOrdinaryAsync(store, "msteams", _conversation, exceptPulseId: null, openedBefore: null, CancellationToken.None);
        var beforeSecond = await PulseHistory.LatestClosedOrdinaryAsync(store, "msteams", _conversation, second.PulseId, second.OpenedAt, CancellationToken.None);
        var read = await store.GetAsync("msteams", _conversation, deepening.PulseId, CancellationToken.None);

        // Assert
        Assert.Equal(second.PulseId, latest?.PulseId);
        Assert.Equal(first.PulseId, beforeSecond?.PulseId);
        Assert.NotNull(read);
        Assert.True(read.IsDeepening);
        Assert.Equal(["Logement", "Mobilité | Mobility"], PulseRecordTemplate.Categories(read));
        Assert.Equal(["cat1", "cat2"], PulseRecordTemplate.Of(read).Steps.Select(s => s.Id));
        Assert.False(second.IsDeepening);
    }

    [Fact]
    public async Task LatestClosedOrdinary_OnlyADeepening_None()
    {
        // Arrange
        var store = new PulseStore(new StorageHooks().Client(azurite.ConnectionString), _prefix);
        await ClosedAsync(store, Deepening(TestRecords.Pulse(_conversation, Start)));

        // Act
        var latest = await PulseHistory.LatestClosedOrdinaryAsync(store, "msteams", _conversation, exceptPulseId: null, openedBefore: null, CancellationToken.None);

        // Assert
        Assert.Null(latest);
    }
}
