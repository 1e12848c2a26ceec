using Azure;
using ConcertationBot.Bot.Storage.Tables;
using ConcertationBot.Tests.Infrastructure;

namespace ConcertationBot.Tests.Storage;

public sealed class TableClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var client = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName());
        await client.CreateAsync();
        return client;
    }

    private static TableEntity TypedEntity(string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["Text"] = "Concertation « quartier » l'été 🌳",
        ["Flag"] = true,
        ["Count"] = int.MinValue,
        ["Big"] = long.MaxValue,
        ["BigNegative"] = -9_007_199_254_740_993L,
        ["Ratio"] = 0.1 + 0.2,
        ["Whole"] = 2.0,
        ["NotANumber"] = double.NaN,
        ["When"] = new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5358979),
        ["Id"] = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
        ["Bytes"] = new byte[] { 0, 1, 2, 254, 255 },
        ["Empty"] = string.Empty,
    };

    [Fact]
    public async Task CreateIfNotExistsAsync_TableExists_DoesNotThrow()
    {
        var client = await NewTableAsync();

        var response = await client.CreateIfNotExistsAsync();

        Assert.Equal(409, response.GetRawResponse().Status);
        Assert.Equal(client.Name, response.Value.Name);
    }

    [Fact]
    public async Task CreateAsync_TableExists_Throws409TableAlreadyExists()
    {
        var client = await NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.CreateAsync());

        Assert.Equal(409, error.Status);
        Assert.Equal("TableAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task ServiceQueryAsync_AfterCreateAndDelete_ListsOnlyLiveTables()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var kept = AzuriteFixture.UniqueTableName("keep");
        var dropped = AzuriteFixture.UniqueTableName("drop");
        await service.CreateTableIfNotExistsAsync(kept);
        await service.CreateTableIfNotExistsAsync(dropped);

        await service.DeleteTableAsync(dropped);
        var names = new List<string>();
        await foreach (var table in service.QueryAsync())
        {
            names.Add(table.Name);
        }

        Assert.Contains(kept, names);
        Assert.DoesNotContain(dropped, names);
    }

    [Fact]
    public async Task GetEntityAsync_EveryType_RoundTripsExactly()
    {
        var client = await NewTableAsync();
        var written = TypedEntity("pk", "rk");

        await client.AddEntityAsync(written);
        var read = (await client.GetEntityAsync<TableEntity>("pk", "rk")).Value;

        Assert.Equal("Concertation « quartier » l'été 🌳", read.GetString("Text"));
        Assert.Equal(string.Empty, read.GetString("Empty"));
        Assert.True(read.GetBoolean("Flag"));
        Assert.Equal(int.MinValue, read.GetInt32("Count"));
        Assert.IsType<long>(read["Big"]);
        Assert.Equal(long.MaxValue, read.GetInt64("Big"));
        Assert.Equal(-9_007_199_254_740_993L, read.GetInt64("BigNegative"));
        Assert.IsType<double>(read["Ratio"]);
        Assert.Equal(0.1 + 0.2, read.GetDouble("Ratio"));
        Assert.IsType<double>(read["Whole"]);
        Assert.Equal(2.0, read.GetDouble("Whole"));
        Assert.True(double.IsNaN(read.GetDouble("NotANumber")!.Value));
        Assert.Equal(((DateTimeOffset)written["When"]).UtcTicks, read.GetDateTimeOffset("When")!.Value.UtcTicks);
        Assert.Equal(Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), read.GetGuid("Id"));
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, read.GetBinary("Bytes"));
        Assert.NotEqual(default, read.ETag);
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task GetEntityAsync_TypedPoco_RoundTripsExactly()
    {
        var client = await NewTableAsync();
        var written = new SampleEntity
        {
            PartitionKey = "p",
            RowKey = "r",
            Name = "Table ronde",
            Active = true,
            Votes = 42,
            Total = 1L << 40,
            Score = 3.25,
            At = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567),
            Key = Guid.NewGuid(),
            Payload = [9, 8, 7],
            Optional = null,
        };

        await client.AddEntityAsync(written);
        var read = (await client.GetEntityAsync<SampleEntity>("p", "r")).Value;

        Assert.Equal(written.Name, read.Name);
        Assert.True(read.Active);
        Assert.Equal(42, read.Votes);
        Assert.Equal(1L << 40, read.Total);
        Assert.Equal(3.25, read.Score);
        Assert.Equal(written.At, read.At);
        Assert.Equal(written.Key, read.Key);
        Assert.Equal(written.Payload, read.Payload);
        Assert.Null(read.Optional);
        Assert.NotEqual(default, read.ETag);
    }

    [Fact]
    public async Task GetEntityAsync_KeysWithQuotesSpacesAndAccents_Found()
    {
        var client = await NewTableAsync();
        var entity = new TableEntity("l'équipe du « quartier »", "O''Neil & co + 100% = ok") { ["V"] = 1 };

        await client.AddEntityAsync(entity);
        var read = await client.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey);

        Assert.Equal(entity.PartitionKey, read.Value.PartitionKey);
        Assert.Equal(entity.RowKey, read.Value.RowKey);
    }

    [Fact]
    public async Task GetEntityAsync_SelectOneProperty_ReturnsOnlyIt()
    {
        var client = await NewTableAsync();
        await client.AddEntityAsync(TypedEntity("pk", "rk"));

        var read = (await client.GetEntityAsync<TableEntity>("pk", "rk", ["Flag"])).Value;

        Assert.True(read.GetBoolean("Flag"));
        Assert.False(read.ContainsKey("Text"));
    }

    [Fact]
    public async Task GetEntityAsync_Missing_Throws404()
    {
        var client = await NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetEntityAsync<TableEntity>("pk", "none"));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_MissingThenPresent_ReportsHasValue()
    {
        var client = await NewTableAsync();

        var missing = await client.GetEntityIfExistsAsync<TableEntity>("pk", "rk");
        await client.AddEntityAsync(new TableEntity("pk", "rk") { ["V"] = 7 });
        var present = await client.GetEntityIfExistsAsync<TableEntity>("pk", "rk");

        Assert.False(missing.HasValue);
        Assert.Equal(404, missing.GetRawResponse().Status);
        Assert.True(present.HasValue);
        Assert.Equal(7, present.Value!.GetInt32("V"));
    }

    [Fact]
    public async Task AddEntityAsync_Duplicate_Throws409EntityAlreadyExists()
    {
        var client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("pk", "rk"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.AddEntityAsync(new TableEntity("pk", "rk")));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task UpdateEntityAsync_StaleETag_Throws412AndKeepsStoredValue()
    {
        var client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("pk", "rk") { ["V"] = 1 });
        var first = (await client.GetEntityAsync<TableEntity>("pk", "rk")).Value;
        var second = (await client.GetEntityAsync<TableEntity>("pk", "rk")).Value;
        second["V"] = 2;
        await client.UpdateEntityAsync(second, second.ETag);

        first["V"] = 3;
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.UpdateEntityAsync(first, first.ETag, TableUpdateMode.Replace));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal(2, (await client.GetEntityAsync<TableEntity>("pk", "rk")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task UpdateEntityAsync_MergeVersusReplace_KeepsOrDropsOtherProperties()
    {
        var client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("pk", "m") { ["A"] = 1, ["B"] = 1 });
        await client.AddEntityAsync(new TableEntity("pk", "r") { ["A"] = 1, ["B"] = 1 });

        var merged = await client.UpdateEntityAsync(new TableEntity("pk", "m") { ["A"] = 2 }, ETag.All, TableUpdateMode.Merge);
        await client.UpdateEntityAsync(new TableEntity("pk", "r") { ["A"] = 2 }, ETag.All, TableUpdateMode.Replace);
        var m = (await client.GetEntityAsync<TableEntity>("pk", "m")).Value;
        var r = (await client.GetEntityAsync<TableEntity>("pk", "r")).Value;

        Assert.Equal(204, merged.Status);
        Assert.Equal(m.ETag, merged.Headers.ETag);
        Assert.Equal(2, m.GetInt32("A"));
        Assert.Equal(1, m.GetInt32("B"));
        Assert.Equal(2, r.GetInt32("A"));
        Assert.False(r.ContainsKey("B"));
    }

    [Fact]
    public async Task UpdateEntityAsync_Missing_Throws404()
    {
        var client = await NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.UpdateEntityAsync(new TableEntity("pk", "rk"), ETag.All));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task UpsertEntityAsync_NewThenExisting_InsertsThenMergesOrReplaces()
    {
        var client = await NewTableAsync();

        await client.UpsertEntityAsync(new TableEntity("pk", "rk") { ["A"] = 1, ["B"] = "b" });
        await client.UpsertEntityAsync(new TableEntity("pk", "rk") { ["A"] = 2 }, TableUpdateMode.Merge);
        var afterMerge = (await client.GetEntityAsync<TableEntity>("pk", "rk")).Value;
        await client.UpsertEntityAsync(new TableEntity("pk", "rk") { ["A"] = 3 }, TableUpdateMode.Replace);
        var afterReplace = (await client.GetEntityAsync<TableEntity>("pk", "rk")).Value;

        Assert.Equal(2, afterMerge.GetInt32("A"));
        Assert.Equal("b", afterMerge.GetString("B"));
        Assert.Equal(3, afterReplace.GetInt32("A"));
        Assert.False(afterReplace.ContainsKey("B"));
    }

    [Fact]
    public async Task DeleteEntityAsync_StaleETag_Throws412ThenCurrentETagDeletes()
    {
        var client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("pk", "rk") { ["V"] = 1 });
        var stale = (await client.GetEntityAsync<TableEntity>("pk", "rk")).Value;
        await client.UpsertEntityAsync(new TableEntity("pk", "rk") { ["V"] = 2 });
        var current = (await client.GetEntityAsync<TableEntity>("pk", "rk")).Value;

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.DeleteEntityAsync("pk", "rk", stale.ETag));
        var deleted = await client.DeleteEntityAsync("pk", "rk", current.ETag);

        Assert.Equal(412, error.Status);
        Assert.Equal(204, deleted.Status);
        Assert.False((await client.GetEntityIfExistsAsync<TableEntity>("pk", "rk")).HasValue);
    }

    [Fact]
    public async Task DeleteEntityAsync_Missing_Returns404WithoutThrowing()
    {
        var client = await NewTableAsync();

        var response = await client.DeleteEntityAsync("pk", "none");

        Assert.Equal(404, response.Status);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("a\u0000b")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u009Fb")]
    public async Task AddEntityAsync_ForbiddenCharacterInKey_RejectedBeforeAnyRequest(string key)
    {
        var client = new TableServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"), new AzureNamedKeyCredential(AzuriteFixture.AccountName, AzuriteFixture.AccountKey))
            .GetTableClient("unreachable");

        var onRow = await Assert.ThrowsAsync<ArgumentException>(() => client.AddEntityAsync(new TableEntity("pk", key)));
        var onPartition = await Assert.ThrowsAsync<ArgumentException>(() => client.GetEntityAsync<TableEntity>(key, "rk"));

        Assert.Contains("RowKey contains the forbidden character", onRow.Message, StringComparison.Ordinal);
        Assert.Contains("PartitionKey contains the forbidden character", onPartition.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
        _ = azurite;
    }

    [Fact]
    public async Task UpsertEntityAsync_KeyOver1KiB_RejectedBeforeAnyRequest()
    {
        var client = new TableServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"), new AzureNamedKeyCredential(AzuriteFixture.AccountName, AzuriteFixture.AccountKey))
            .GetTableClient("unreachable");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.UpsertEntityAsync(new TableEntity(new string('k', 1025), "rk")));

        Assert.Contains("PartitionKey is 1025 characters long; the limit is 1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEntityAsync_Key512Characters_Accepted()
    {
        var client = await NewTableAsync();
        var key = new string('k', 512);

        await client.AddEntityAsync(new TableEntity(key, key));

        Assert.True((await client.GetEntityIfExistsAsync<TableEntity>(key, key)).HasValue);
    }

    [Fact]
    public void CreateQueryFilter_ValuesOfEveryType_QuotedAndTyped()
    {
        var when = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var id = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");

        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {"O'Neil' or 1 eq 1 or ''"} and Big eq {5L} and N eq {3} and D lt {1.5} and B eq {true} and T ge {when} and G eq {id} and X eq {new byte[] { 1, 255 }}");

        Assert.Equal(
            "PartitionKey eq 'O''Neil'' or 1 eq 1 or ''''' and Big eq 5L and N eq 3 and D lt 1.5 and B eq true and T ge datetime'2025-01-02T03:04:05.0000000Z' and G eq guid'6f9619ff-8b86-d011-b42d-00cf4fc964ff' and X eq X'01ff'",
            filter);
    }
}

public sealed class SampleEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Name { get; set; }

    public bool Active { get; set; }

    public int Votes { get; set; }

    public long Total { get; set; }

    public double Score { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid Key { get; set; }

    public byte[]? Payload { get; set; }

    public string? Optional { get; set; }
}
