namespace ConcertationBot.Tests.Bot.Connector;

public sealed class ConnectorClientFactoryTests
{
    private static ServiceProvider BuildServices(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.ClearProviders());
        services.AddOptions<BotFrameworkOptions>().Bind(configuration).ValidateOnStart();
        services.AddBotConnector();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/teams", "https://smba.trafficmanager.net/teams/")]
    [InlineData("https://smba.trafficmanager.net/teams/", "https://smba.trafficmanager.net/teams/")]
    [InlineData("HTTPS://SMBA.trafficmanager.net/teams/?x=1#frag", "https://smba.trafficmanager.net/teams/")]
    [InlineData("http://localhost:56150/_connector", "http://localhost:56150/_connector/")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/gcc", "https://smba.infra.gcc.teams.microsoft.com/gcc/")]
    public void NormalizeServiceUrl_AbsoluteHttpUrl_KeepsPathBaseWithTrailingSlash(string serviceUrl, string expected)
    {
        Assert.Equal(expected, ConnectorClientFactory.NormalizeServiceUrl(serviceUrl).AbsoluteUri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/teams/")]
    [InlineData("smba.trafficmanager.net/teams")]
    [InlineData("ftp://smba.trafficmanager.net/teams/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:secret@smba.trafficmanager.net/teams/")]
    public void Create_NotAnAbsoluteHttpUrl_Throws(string serviceUrl)
    {
        using var services = BuildServices();
        var factory = services.GetRequiredService<IConnectorClientFactory>();

        Assert.Throws<ArgumentException>(() => factory.Create(serviceUrl));
    }

    [Fact]
    public void Create_SameServiceUrlSpelledDifferently_ReturnsOneCachedClient()
    {
        using var services = BuildServices();
        var factory = services.GetRequiredService<IConnectorClientFactory>();

        var first = factory.Create("https://smba.trafficmanager.net/teams");
        var second = factory.Create("https://SMBA.trafficmanager.net/teams/");
        var other = factory.Create("https://smba.trafficmanager.net/emea/");

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Equal(new Uri("https://smba.trafficmanager.net/teams/"), first.ServiceUrl);
        Assert.Equal(new Uri("https://smba.trafficmanager.net/emea/"), other.ServiceUrl);
    }

    [Fact]
    public async Task Create_FromDependencyInjectionWithoutAppId_SendsOverRealHttpWithoutToken()
    {
        await using var connector = await CaptureConnector.StartAsync();
        using var services = BuildServices();
        var client = services.GetRequiredService<IConnectorClientFactory>().Create(connector.ServiceUrl);

        var result = await client.SendToConversationAsync("a:1", new Activity { Type = ActivityTypes.Message, Text = "Salut" }, CancellationToken.None);

        Assert.Equal("1", result.Id);
        var request = Assert.Single(await connector.WaitForActivitiesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Null(request.Authorization);
        Assert.Equal("Salut", request.Activity?.Text);
    }

    [Fact]
    public void AddBotConnector_InvalidConnectorSettings_FailsValidation()
    {
        using var services = BuildServices(new() { ["Bot:Connector:MaxRetries"] = "-1" });

        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => services.GetRequiredService<IConnectorClientFactory>());
    }

    [Fact]
    public void AddBotConnector_ConnectorSettings_AreBoundFromBotConnectorSection()
    {
        using var services = BuildServices(new() { ["Bot:Connector:MaxRetries"] = "2", ["Bot:Connector:InitialDelay"] = "00:00:00.5" });

        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConnectorOptions>>().Value;

        Assert.Equal(2, options.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.InitialDelay);
    }
}
