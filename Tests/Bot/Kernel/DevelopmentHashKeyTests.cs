using Microsoft.AspNetCore.Mvc.Testing;

namespace ConcertationBot.Tests.Bot.Kernel;

[CollectionDefinition(nameof(CurrentDirectoryCollection), DisableParallelization = true)]
public sealed class CurrentDirectoryCollection;

/// <summary>These tests change the process's current directory, so they run alone.</summary>
[Collection(nameof(CurrentDirectoryCollection))]
public sealed class DevelopmentHashKeyTests : IDisposable
{
    private readonly string _previous = Directory.GetCurrentDirectory();
    private readonly string _directory = Directory.CreateTempSubdirectory("concertation-hashkey-").FullName;

    public DevelopmentHashKeyTests()
    {
        // WebApplicationFactory finds the app's content root through this manifest, looked up in the current directory.
        const string manifest = "MvcTestingAppManifest.json";
        File.Copy(Path.Combine(AppContext.BaseDirectory, manifest), Path.Combine(_directory, manifest));
        Directory.SetCurrentDirectory(_directory);
    }

    public void Dispose()
    {
        Directory.SetCurrentDirectory(_previous);
        Directory.Delete(_directory, recursive: true);
    }

    private static WebApplicationFactory<Program> DevelopmentHost() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Concertation:HashKey", string.Empty);
        });

    private static string StartAndReadKey()
    {
        using var host = DevelopmentHost();
        using var client = host.CreateClient();
        return host.Services.GetRequiredService<IOptions<ConcertationOptions>>().Value.HashKey!;
    }

    [Fact]
    public void Start_DevelopmentWithoutHashKey_GeneratesA32ByteKeyInDataFolder()
    {
        var key = StartAndReadKey();

        var path = Path.Combine(_directory, ".data", "hashkey");
        Assert.True(File.Exists(path));
        Assert.Equal(key, File.ReadAllText(path));
        Assert.Equal(32, Convert.FromBase64String(key).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Start_DevelopmentTwice_ReusesTheKeptKey()
    {
        var first = StartAndReadKey();

        var second = StartAndReadKey();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Start_DevelopmentWithKeyConfigured_UsesItAndWritesNothing()
    {
        var configured = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Concertation:HashKey", configured);
        });
        using var client = host.CreateClient();

        var key = host.Services.GetRequiredService<IOptions<ConcertationOptions>>().Value.HashKey;

        Assert.Equal(configured, key);
        Assert.False(Directory.Exists(Path.Combine(_directory, ".data")));
    }

    [Fact]
    public async Task LoadOrCreate_ManyConcurrentFirstCallers_AllGetTheSameKey()
    {
        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => DevelopmentHashKey.LoadOrCreate(_directory))));

        Assert.Single(keys.Distinct());
        Assert.Equal(keys[0], File.ReadAllText(Path.Combine(_directory, ".data", "hashkey")));
        Assert.Single(Directory.GetFiles(Path.Combine(_directory, ".data")));
    }
}
