using Azure;

namespace ConcertationBot.Tests.Bot.Storage;

/// <summary>
/// What the stores rely on in Azure.Data.Tables, against Azurite: the failing action's index (the ballot write tells
/// "no fence" from "ballot changed" by it), a delete of nothing not throwing (closes delete the fence unconditionally),
/// table creation on first use being idempotent, and ETag conditions failing with 412.
/// </summary>
public sealed class OfficialTableClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName("sdk"));
        await table.CreateAsync();
        return table;
    }

    [Fact]
    public async Task SubmitTransactionAsync_ThirdActionConflicts_ReportsIndex2And409AndWritesNothing()
    {
        // Arrange
        var sut = await NewTableAsync();
        await sut.AddEntityAsync(new TableEntity("p", "taken") { ["V"] = "original" });

        // Act
        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => sut.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "first")),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "second")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "taken") { ["V"] = "overwritten" }),
        ]));

        // Assert
        Assert.Equal(2, error.FailedTransactionActionIndex);
        Assert.Equal(409, error.Status);
        Assert.False((await sut.GetEntityIfExistsAsync<TableEntity>("p", "first")).HasValue);
        Assert.False((await sut.GetEntityIfExistsAsync<TableEntity>("p", "second")).HasValue);
        Assert.Equal("original", (await sut.GetEntityAsync<TableEntity>("p", "taken")).Value.GetString("V"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_MergeOfMissingSecondEntity_ReportsIndex1And404()
    {
        // Arrange: the shape of a ballot write after the close removed the fence.
        var sut = await NewTableAsync();

        // Act
        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => sut.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("vote", "voter") { ["Points"] = "0:1" }),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("vote", "~fence"), ETag.All),
        ]));

        // Assert
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.Equal(404, error.Status);
        Assert.False((await sut.GetEntityIfExistsAsync<TableEntity>("vote", "voter")).HasValue);
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_Fails412AtItsIndex()
    {
        // Arrange
        var sut = await NewTableAsync();
        await sut.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var stale = (await sut.GetEntityAsync<TableEntity>("p", "r")).Value.ETag;
        await sut.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, ETag.All, TableUpdateMode.Replace);

        // Act
        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => sut.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "r") { ["V"] = 3 }, stale),
        ]));

        // Assert
        Assert.Equal(0, error.FailedTransactionActionIndex);
        Assert.Equal(412, error.Status);
        Assert.Equal(2, (await sut.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task UpdateEntityAsync_StaleETag_Throws412AndKeepsStoredValue()
    {
        // Arrange
        var sut = await NewTableAsync();
        await sut.AddEntityAsync(new TableEntity("p", "r") { ["V"] = "first" });
        var stale = (await sut.GetEntityAsync<TableEntity>("p", "r")).Value.ETag;
        await sut.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = "second" }, stale, TableUpdateMode.Replace);

        // Act
        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            sut.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = "third" }, stale, TableUpdateMode.Replace));

        // Assert
        Assert.Equal(412, error.Status);
        Assert.Equal("second", (await sut.GetEntityAsync<TableEntity>("p", "r")).Value.GetString("V"));
    }

    [Fact]
    public async Task DeleteEntityAsync_MissingEntity_Returns404WithoutThrowing()
    {
        // Arrange
        var sut = await NewTableAsync();

        // Act
        var response = await sut.DeleteEntityAsync("p", "missing", ETag.All);

        // Assert
        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_CalledTwice_DoesNotThrowAndTableWorks()
    {
        // Arrange
        var sut = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName("sdk"));
        await sut.CreateIfNotExistsAsync();

        // Act
        await sut.CreateIfNotExistsAsync();
        await sut.AddEntityAsync(new TableEntity("p", "r"));

        // Assert
        Assert.True((await sut.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }
}
