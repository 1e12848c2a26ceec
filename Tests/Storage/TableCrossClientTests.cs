using System.Diagnostics;
using System.Text.Json;
using ConcertationBot.Bot.Storage.Tables;
using ConcertationBot.Tests.Infrastructure;

namespace ConcertationBot.Tests.Storage;

/// <summary>Microsoft's <c>@azure/data-tables</c> (Node) and our client read each other's entities with types intact.</summary>
public sealed class TableCrossClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<string> RunCrossCheckAsync(string command, string table, string partitionKey)
    {
        var root = AzuriteFixture.FindRepositoryRoot();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(root, "Tests", "Node", "tables", "crosscheck.mjs"));
        info.ArgumentList.Add(command);
        info.ArgumentList.Add(table);
        info.ArgumentList.Add(partitionKey);
        info.Environment["STORAGE_CONNECTION_STRING"] = azurite.ConnectionString;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"crosscheck.mjs {command} exited {process.ExitCode}: {await error}");
        return await output;
    }

    [Fact]
    public async Task OfficialNodeClient_ReadsEntityWrittenByOurs_TypesIntact()
    {
        var table = AzuriteFixture.UniqueTableName("cross");
        var client = new TableServiceClient(azurite.ConnectionString).GetTableClient(table);
        await client.CreateAsync();
        await client.AddEntityAsync(new TableEntity("ours", "r1")
        {
            ["Text"] = "écrit en C# « l'été » 🌳",
            ["Flag"] = true,
            ["Count"] = -5,
            ["Big"] = long.MaxValue,
            ["Ratio"] = 0.1 + 0.2,
            ["When"] = new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5358979),
            ["Id"] = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
            ["Bytes"] = new byte[] { 0, 1, 254, 255 },
        });

        using var json = JsonDocument.Parse(await RunCrossCheckAsync("read", table, "ours"));

        var entity = Assert.Single(json.RootElement.EnumerateArray().ToArray());
        Assert.Equal("r1", entity.GetProperty("rowKey").GetString());
        AssertTyped(entity, "Text", "String", "écrit en C# « l'été » 🌳");
        AssertTyped(entity, "Flag", "Boolean", "true");
        AssertTyped(entity, "Count", "Int32", "-5");
        AssertTyped(entity, "Big", "Int64", "9223372036854775807");
        AssertTyped(entity, "Ratio", "Double", "0.30000000000000004");
        AssertTyped(entity, "When", "DateTime", "2025-03-14T13:09:26.5358979Z");
        AssertTyped(entity, "Id", "Guid", "6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        AssertTyped(entity, "Bytes", "Binary", Convert.ToBase64String(new byte[] { 0, 1, 254, 255 }));
    }

    [Fact]
    public async Task OurClient_ReadsEntityWrittenByOfficialNodeClient_TypesIntact()
    {
        var table = AzuriteFixture.UniqueTableName("cross");
        var client = new TableServiceClient(azurite.ConnectionString).GetTableClient(table);
        await client.CreateAsync();

        await RunCrossCheckAsync("write", table, "node");
        var entity = (await client.GetEntityAsync<TableEntity>("node", "from-node")).Value;

        Assert.Equal("écrit par @azure/data-tables « l'été »", entity["Text"]);
        Assert.Equal(false, entity["Flag"]);
        Assert.Equal(int.MaxValue, entity["Count"]);
        Assert.Equal(long.MinValue, entity["Big"]);
        Assert.Equal(1.5, entity["Ratio"]);
        Assert.Equal(4.0, entity["WholeDouble"]);
        Assert.Equal(new DateTimeOffset(2031, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999), entity["When"]);
        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), entity["Id"]);
        Assert.Equal(new byte[] { 255, 0, 128, 7 }, entity["Bytes"]);
    }

    private static void AssertTyped(JsonElement entity, string name, string type, string value)
    {
        var property = entity.GetProperty(name);
        Assert.Equal(type, property.GetProperty("type").GetString());
        Assert.Equal(value, property.GetProperty("value").GetString());
    }
}
