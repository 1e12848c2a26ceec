using System.Text;
using Azure;
using ConcertationBot.Bot.Storage.Tables;
using ConcertationBot.Tests.Infrastructure;

namespace ConcertationBot.Tests.Storage;

public sealed class TableQueryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var client = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName());
        await client.CreateAsync();
        return client;
    }

    private static async Task FillAsync(TableClient client, string partitionKey, int count)
    {
        for (var start = 0; start < count; start += 100)
        {
            var actions = Enumerable.Range(start, Math.Min(100, count - start))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partitionKey, i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = i, ["Big"] = (long)i << 33 }))
                .ToList();
            await client.SubmitTransactionAsync(actions);
        }
    }

    [Fact]
    public async Task QueryAsync_MoreThan1000Entities_PagesThroughAllWithoutDuplicates()
    {
        var client = await NewTableAsync();
        await FillAsync(client, "p", 1050);

        var pages = new List<Page<TableEntity>>();
        await foreach (var page in client.QueryAsync<TableEntity>().AsPages())
        {
            pages.Add(page);
        }

        var rowKeys = pages.SelectMany(p => p.Values).Select(e => e.RowKey).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Equal(1000, pages[0].Values.Count);
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.Null(pages[1].ContinuationToken);
        Assert.Equal(1050, rowKeys.Count);
        Assert.Equal(1050, rowKeys.Distinct().Count());
    }

    [Fact]
    public async Task QueryAsync_MaxPerPage_IsPageSizeNotLimit()
    {
        var client = await NewTableAsync();
        await FillAsync(client, "p", 25);

        var sizes = new List<int>();
        await foreach (var page in client.QueryAsync<TableEntity>(maxPerPage: 10).AsPages())
        {
            sizes.Add(page.Values.Count);
        }

        Assert.Equal([10, 10, 5], sizes);
    }

    [Fact]
    public async Task QueryAsync_ContinuationWithoutNextRowKey_ResumesAtThatPartition()
    {
        var client = await NewTableAsync();
        await FillAsync(client, "a", 3);
        await FillAsync(client, "b", 3);
        var azuriteToken = Convert.ToBase64String(Encoding.UTF8.GetBytes("b"));

        var keys = new List<string>();
        await foreach (var page in client.QueryAsync<TableEntity>().AsPages(continuationToken: azuriteToken))
        {
            keys.AddRange(page.Values.Select(e => e.PartitionKey));
        }

        Assert.Equal(["b", "b", "b"], keys);
    }

    [Fact]
    public async Task QueryAsync_FilterAndSelect_ReturnsMatchingEntitiesWithSelectedProperties()
    {
        var client = await NewTableAsync();
        await FillAsync(client, "p", 30);
        await FillAsync(client, "q", 5);

        var results = new List<TableEntity>();
        await foreach (var entity in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"p"} and N ge {20}"), select: ["N"]))
        {
            results.Add(entity);
        }

        Assert.Equal(Enumerable.Range(20, 10), results.Select(e => e.GetInt32("N")!.Value));
        Assert.All(results, e => Assert.False(e.ContainsKey("Big")));
    }

    [Fact]
    public async Task QueryAsync_Int64AndGuidAndDateFilters_MatchTypedValues()
    {
        var client = await NewTableAsync();
        var id = Guid.NewGuid();
        var when = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        await client.AddEntityAsync(new TableEntity("p", "1") { ["Big"] = 5_000_000_000L, ["Id"] = id, ["When"] = when });
        await client.AddEntityAsync(new TableEntity("p", "2") { ["Big"] = 1L, ["Id"] = Guid.NewGuid(), ["When"] = when.AddDays(-1) });

        var byLong = await ToListAsync(client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Big gt {4_000_000_000L}")));
        var byGuid = await ToListAsync(client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Id eq {id}")));
        var byDate = await ToListAsync(client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"When ge {when}")));

        Assert.Equal(["1"], byLong.Select(e => e.RowKey));
        Assert.Equal(["1"], byGuid.Select(e => e.RowKey));
        Assert.Equal(["1"], byDate.Select(e => e.RowKey));
    }

    [Fact]
    public async Task QueryAsync_FilterValueWithQuotes_IsLiteralNotInjection()
    {
        var client = await NewTableAsync();
        await client.AddEntityAsync(new TableEntity("p", "O'Neil"));
        await client.AddEntityAsync(new TableEntity("p", "other"));

        var exact = await ToListAsync(client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"O'Neil"}")));
        var injected = await ToListAsync(client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"x' or RowKey ne 'x"}")));

        Assert.Equal(["O'Neil"], exact.Select(e => e.RowKey));
        Assert.Empty(injected);
    }

    [Fact]
    public async Task QueryAsync_TypedPoco_MapsProperties()
    {
        var client = await NewTableAsync();
        await client.AddEntityAsync(new SampleEntity { PartitionKey = "p", RowKey = "r", Name = "n", Votes = 3, Total = 9L });

        var read = Assert.Single(await ToListAsync(client.QueryAsync<SampleEntity>()));

        Assert.Equal("n", read.Name);
        Assert.Equal(3, read.Votes);
        Assert.Equal(9L, read.Total);
        Assert.NotEqual(default, read.ETag);
    }

    private static async Task<List<T>> ToListAsync<T>(AsyncPageable<T> pageable)
        where T : notnull
    {
        var list = new List<T>();
        await foreach (var item in pageable)
        {
            list.Add(item);
        }

        return list;
    }
}
