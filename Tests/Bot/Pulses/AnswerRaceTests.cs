using Azure;

namespace ConcertationBot.Tests.Bot.Pulses;

/// <summary>
/// Races around one person's pulse answer (issue #22 item 9), provoked on real Azurite: <see cref="StorageHooks"/> runs
/// the other writer at the exact moment this one's write is about to leave, after it has read what it is replacing.
/// </summary>
public sealed class AnswerRaceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Channel = "msteams";
    private const string RespondentKey = "respondent-key-a";
    private static readonly DateTimeOffset Opened = new(2026, 11, 2, 9, 30, 0, TimeSpan.FromHours(-5));

    private readonly string _prefix = AzuriteFixture.UniqueTableName("a");
    private readonly string _conversation = $"19:{Guid.NewGuid():N}@thread.tacv2";

    [Fact]
    public async Task SaveAnswer_NewerRevisionLandsBetweenReadAndWrite_TheOlderWriteDoesNotOverwriteIt()
    {
        // Arrange: the person's answers are stored (revision 1); two submits race: revision 2 reads them and, just
        // before its conditional write leaves, revision 3 is stored by another request.
        var (hooks, racing, other, pulse) = await OpenForARaceAsync();
        Assert.True(await other.SaveAnswerAsync(pulse, RespondentKey, Answer("premier"), 1, Opened, CancellationToken.None));
        BeforeTheWriteOf(hooks, "ancien", () => other.SaveAnswerAsync(pulse, RespondentKey, Answer("plus récent"), 3, Opened, CancellationToken.None));

        // Act
        var saved = await racing.SaveAnswerAsync(pulse, RespondentKey, Answer("ancien"), 2, Opened, CancellationToken.None);

        // Assert
        Assert.True(saved);
        var rows = await ToListAsync(other.ReadAnswersAsync(pulse.PulseId, CancellationToken.None));
        Assert.Equal("plus récent", Assert.Single(rows).Fields["Frein"]);
    }

    [Fact]
    public async Task SaveAnswer_PulseClosedBetweenReadAndWrite_RefusedAndNeverCounted()
    {
        // Arrange: the answer's request read the pulse open; the close lands just before its write leaves.
        var (hooks, answering, other, pulse) = await OpenForARaceAsync();
        BeforeTheWriteOf(hooks, "tardif", () => other.TryCloseAsync(pulse, Opened.AddDays(1), CancellationToken.None));

        // Act
        var saved = await answering.SaveAnswerAsync(pulse, RespondentKey, Answer("tardif"), 1, Opened, CancellationToken.None);

        // Assert
        Assert.False(saved);
        Assert.False((await other.GetAsync(Channel, _conversation, pulse.PulseId, CancellationToken.None))!.IsOpen);
        Assert.Equal(0, await other.CountAnswersAsync(pulse.PulseId, CancellationToken.None));
        Assert.Empty(await ToListAsync(other.ReadAnswersAsync(pulse.PulseId, CancellationToken.None)));
    }

    [Fact]
    public async Task SaveAnswer_AfterTheClose_RefusedAndTheFenceIsNoAnswer()
    {
        // Arrange
        var store = NewStore();
        var pulse = (await store.TryOpenAsync(NewPulse(), CancellationToken.None))!;
        Assert.True(await store.SaveAnswerAsync(pulse, "respondent-key-b", Answer("à temps"), 1, Opened, CancellationToken.None));
        Assert.NotNull(await store.TryCloseAsync(pulse, Opened.AddDays(1), CancellationToken.None));

        // Act
        var saved = await store.SaveAnswerAsync(pulse, RespondentKey, Answer("après"), 1, Opened, CancellationToken.None);

        // Assert
        Assert.False(saved);
        Assert.Equal(1, await store.CountAnswersAsync(pulse.PulseId, CancellationToken.None));
        Assert.Equal(["respondent-key-b"], await store.ReadRespondentKeysAsync(pulse.PulseId, CancellationToken.None));
    }

    [Fact]
    public async Task SaveAnswer_PulseOpenedBeforeAnswerFences_StillStored()
    {
        // Arrange: a pulse row as earlier versions wrote it (no AnswerFence flag, no fence row).
        var store = NewStore();
        var opened = (await store.TryOpenAsync(NewPulse(), CancellationToken.None))!;
        var pulses = new TableServiceClient(azurite.ConnectionString).GetTableClient(_prefix + PulseStore.PulsesTable);
        var row = (await pulses.GetEntityAsync<TableEntity>(ConversationKeys.Partition(Channel, _conversation), opened.PulseId)).Value;
        row.Remove(nameof(PulseRecord.AnswerFence));
        await pulses.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
        await new TableServiceClient(azurite.ConnectionString).GetTableClient(_prefix + PulseStore.AnswersTable).DeleteEntityAsync(opened.PulseId, PulseStore.FenceRowKey);
        var earlier = (await store.GetAsync(Channel, _conversation, opened.PulseId, CancellationToken.None))!;

        // Act
        var saved = await store.SaveAnswerAsync(earlier, RespondentKey, Answer("ancien pulse"), 1, Opened, CancellationToken.None);

        // Assert
        Assert.False(earlier.AnswerFence);
        Assert.True(saved);
        Assert.Equal(1, await store.CountAnswersAsync(earlier.PulseId, CancellationToken.None));
    }

    private PulseStore NewStore() => new(new TableServiceClient(azurite.ConnectionString), _prefix);

    /// <summary>
    /// A pulse opened through <c>Other</c>, and <c>Racing</c>: a store on the same tables whose requests go through
    /// <c>Hooks</c>.
    /// </summary>
    private async Task<(StorageHooks Hooks, PulseStore Racing, PulseStore Other, PulseRecord Pulse)> OpenForARaceAsync()
    {
        var hooks = new StorageHooks();
        var other = NewStore();
        var pulse = (await other.TryOpenAsync(NewPulse(), CancellationToken.None))!;
        return (hooks, new PulseStore(hooks.Client(azurite.ConnectionString), _prefix), other, pulse);
    }

    /// <summary>
    /// Runs <paramref name="otherWriter"/> at the moment the next write (not a read) whose body holds
    /// <paramref name="marker"/> is about to leave.
    /// </summary>
    private static void BeforeTheWriteOf(StorageHooks hooks, string marker, Func<Task> otherWriter) => hooks.BeforeNext(
        (request, body) => request.Method != HttpMethod.Get && body.Contains(marker, StringComparison.Ordinal), otherWriter);

    private static Dictionary<string, object> Answer(string frein) => new() { ["RoleClarity"] = 3, ["Frein"] = frein };

    private PulseRecord NewPulse() => TestRecords.Pulse(_conversation, Opened);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
