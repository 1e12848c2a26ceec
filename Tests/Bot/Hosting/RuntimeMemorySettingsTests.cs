namespace ConcertationBot.Tests.Bot.Hosting;

/// <summary>
/// The bot's memory settings (issue #23: peak RSS ≤ 200 MB for a 1,000-answer table) are in the runtimeconfig.json
/// built with it, so every deployment (App Service runs <c>dotnet ConcertationBot.Bot.dll</c>) gets them, not only
/// the load tool. Measured in docs/performance.md, "A big table".
/// </summary>
public sealed class RuntimeMemorySettingsTests
{
    private static JsonNode ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ConcertationBot.Bot.runtimeconfig.json");
        Assert.True(File.Exists(path), $"the bot's runtimeconfig.json is not next to the tests: {path}");
        var properties = JsonNode.Parse(File.ReadAllText(path))?["runtimeOptions"]?["configProperties"];
        Assert.NotNull(properties);
        return properties;
    }

    [Fact]
    public void BotRuntimeConfig_UsesWorkstationGc()
    {
        Assert.False(ConfigProperties()["System.GC.Server"]?.GetValue<bool>() ?? false);
    }

    [Fact]
    public void BotRuntimeConfig_ConservesMemoryWithoutTieredPgo()
    {
        var properties = ConfigProperties();

        Assert.Equal("7", properties["System.GC.ConserveMemory"]?.ToString());
        Assert.False(properties["System.Runtime.TieredPGO"]?.GetValue<bool>() ?? true);
    }

    [Fact]
    public void BotRuntimeConfig_CapsTheGcHeapAt256Megabytes()
    {
        // Without a hard limit the GC sizes its first-generation budget from the L3 cache Linux reports (260 MiB on the
        // 2-vCPU Intel Xeon test machine), and the short big-table load peaked at 210 MB before the first collection.
        Assert.Equal("268435456", ConfigProperties()["System.GC.HeapHardLimit"]?.ToString());
    }
}
