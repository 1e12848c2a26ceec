using Azure;
using ConcertationBot.Bot.Storage.Tables;
using ConcertationBot.Tests.Infrastructure;

namespace ConcertationBot.Tests.Storage;

public sealed class TableTransactionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var client = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName());
        await client.CreateAsync();
        return client;
    }

    [Fact]
    public async Task SubmitTransactionAsync_EveryActionType_AppliesAll()
    {
        var client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("p", "merge") { ["A"] = 1, ["B"] = 1 });
        await client.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = 1, ["B"] = 1 });
        await client.AddEntityAsync(new TableEntity("p", "delete"));
        await client.AddEntityAsync(new TableEntity("p", "upsertMerge") { ["B"] = 1 });
        var merge = (await client.GetEntityAsync<TableEntity>("p", "merge")).Value;

        var response = await client.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "add") { ["A"] = 1L }),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["A"] = 2 }, merge.ETag),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["A"] = 2 }, ETag.All),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsertMerge") { ["A"] = 2 }),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsertReplace") { ["A"] = 2 }),
        ]);

        Assert.Equal(202, response.GetRawResponse().Status);
        Assert.Equal(6, response.Value.Count);
        Assert.All(response.Value, r => Assert.InRange(r.Status, 200, 299));
        Assert.Equal(1L, (await client.GetEntityAsync<TableEntity>("p", "add")).Value.GetInt64("A"));
        var merged = (await client.GetEntityAsync<TableEntity>("p", "merge")).Value;
        Assert.Equal(2, merged.GetInt32("A"));
        Assert.Equal(1, merged.GetInt32("B"));
        Assert.False((await client.GetEntityAsync<TableEntity>("p", "replace")).Value.ContainsKey("B"));
        Assert.False((await client.GetEntityIfExistsAsync<TableEntity>("p", "delete")).HasValue);
        Assert.Equal(1, (await client.GetEntityAsync<TableEntity>("p", "upsertMerge")).Value.GetInt32("B"));
        Assert.Equal(2, (await client.GetEntityAsync<TableEntity>("p", "upsertReplace")).Value.GetInt32("A"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_ThirdOperationFails_NothingWrittenAndIndexReported()
    {
        var client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("p", "taken") { ["V"] = "original" });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => client.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "first")),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "second")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "taken") { ["V"] = "overwritten" }),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "fourth")),
        ]));

        Assert.Equal(2, error.FailedTransactionActionIndex);
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.False((await client.GetEntityIfExistsAsync<TableEntity>("p", "first")).HasValue);
        Assert.False((await client.GetEntityIfExistsAsync<TableEntity>("p", "second")).HasValue);
        Assert.False((await client.GetEntityIfExistsAsync<TableEntity>("p", "fourth")).HasValue);
        Assert.Equal("original", (await client.GetEntityAsync<TableEntity>("p", "taken")).Value.GetString("V"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_Fails412AndRollsBack()
    {
        var client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("p", "e") { ["V"] = 1 });
        var stale = (await client.GetEntityAsync<TableEntity>("p", "e")).Value;
        await client.UpsertEntityAsync(new TableEntity("p", "e") { ["V"] = 2 });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => client.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "new")),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "e") { ["V"] = 3 }, stale.ETag),
        ]));

        Assert.Equal(412, error.Status);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.False((await client.GetEntityIfExistsAsync<TableEntity>("p", "new")).HasValue);
        Assert.Equal(2, (await client.GetEntityAsync<TableEntity>("p", "e")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_Exactly100Operations_Succeeds()
    {
        var client = await NewTableAsync();

        var response = await client.SubmitTransactionAsync(Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        Assert.Equal(100, response.Value.Count);
    }

    [Fact]
    public async Task SubmitTransactionAsync_101Operations_RejectedBeforeAnyRequest()
    {
        var client = await NewTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitTransactionAsync(Enumerable.Range(0, 101)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString(System.Globalization.CultureInfo.InvariantCulture))))));

        Assert.Contains("at most 100 operations", error.Message, StringComparison.Ordinal);
        Assert.False((await client.GetEntityIfExistsAsync<TableEntity>("p", "0")).HasValue);
    }

    [Fact]
    public async Task SubmitTransactionAsync_TwoPartitions_RejectedBeforeAnyRequest()
    {
        var client = await NewTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "1")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("q", "2")),
        ]));

        Assert.Contains("one PartitionKey", error.Message, StringComparison.Ordinal);
        Assert.False((await client.GetEntityIfExistsAsync<TableEntity>("p", "1")).HasValue);
    }

    [Fact]
    public async Task SubmitTransactionAsync_DuplicateRowKey_RejectedBeforeAnyRequest()
    {
        var client = await NewTableAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "1")),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "1")),
        ]));

        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }
}
