using Microsoft.Extensions.Hosting;

namespace ConcertationBot.Tests.Bot.Kernel;

public sealed class ConcertationOptionsTests
{
    private static BotApplicationFactory Host(params (string Key, string? Value)[] settings) =>
        new(settings.ToDictionary(s => s.Key, s => s.Value));

    /// <summary>
    /// A host outside Development with the test hash key unless overridden, and only <c>AddConcertationKernel</c>. Failed starts
    /// are checked on this host: WebApplicationFactory sometimes reports a failed start as ObjectDisposedException.
    /// </summary>
    private static async Task<OptionsValidationException> StartFailureAsync(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("Concertation:HashKey", BotApplicationFactory.TestHashKey)]);
        configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Production",
            Configuration = configuration,
        });
        builder.Services.AddConcertationKernel();
        using var host = builder.Build();
        return await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Start_HashKeyMissingOutsideDevelopment_FailsNamingTheKeyAndHowToMakeOne(string hashKey)
    {
        var error = await StartFailureAsync(("Concertation:HashKey", hashKey));

        Assert.Contains("Concertation:HashKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HashKeyShorterThan32Bytes_FailsNamingTheKey()
    {
        var error = await StartFailureAsync(("Concertation:HashKey", Convert.ToBase64String(new byte[31])));

        Assert.Contains("Concertation:HashKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("31 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HashKeyNotBase64_FailsNamingTheKey()
    {
        var error = await StartFailureAsync(("Concertation:HashKey", "this is not base64, not at all!"));

        Assert.Contains("Concertation:HashKey is not valid base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MinimumGroupSizeZero_FailsNamingTheKey()
    {
        var error = await StartFailureAsync(("Concertation:MinimumGroupSize", "0"));

        Assert.Contains("Concertation:MinimumGroupSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownTimeZone_FailsNamingTheKey()
    {
        var error = await StartFailureAsync(("Concertation:TimeZone", "Mars/Olympus"));

        Assert.Contains("Concertation:TimeZone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RelativePublicBaseUrl_FailsNamingTheKey()
    {
        var error = await StartFailureAsync(("Concertation:PublicBaseUrl", "exports/here"));

        Assert.Contains("Concertation:PublicBaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_DefaultTestSettings_BindsDefaults()
    {
        using var host = Host();
        using var client = host.CreateClient();

        var options = host.Services.GetRequiredService<IOptions<ConcertationOptions>>().Value;

        Assert.Equal(BotApplicationFactory.TestHashKey, options.HashKey);
        Assert.Equal(3, options.MinimumGroupSize);
        Assert.Equal("America/Toronto", options.TimeZone);
        Assert.Empty(options.Coordinators);
        Assert.Null(options.PublicBaseUrl);
    }

    [Fact]
    public void Start_FullSettings_BindsEveryKey()
    {
        using var host = Host(
            ("Concertation:Coordinators:0", "AAAA-1"),
            ("Concertation:Coordinators:1", " bbbb-2 "),
            ("Concertation:MinimumGroupSize", "5"),
            ("Concertation:PublicBaseUrl", "https://bot.example.org/"));
        using var client = host.CreateClient();

        var options = host.Services.GetRequiredService<IOptions<ConcertationOptions>>().Value;

        Assert.Equal(["AAAA-1", "bbbb-2"], options.Coordinators);
        Assert.Equal(5, options.MinimumGroupSize);
        Assert.Equal(new Uri("https://bot.example.org/"), options.PublicBaseUrl);
    }

    [Fact]
    public void Start_CoordinatorsAsOneSeparatedValue_SplitsThem()
    {
        using var host = Host(("Concertation:Coordinators", "aaaa-1, bbbb-2;cccc-3;;"));
        using var client = host.CreateClient();

        var options = host.Services.GetRequiredService<IOptions<ConcertationOptions>>().Value;

        Assert.Equal(["aaaa-1", "bbbb-2", "cccc-3"], options.Coordinators);
    }
}
