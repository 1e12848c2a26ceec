using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using static ConcertationBot.Tests.Bot.LiveCards.LiveCardTestSupport;

namespace ConcertationBot.Tests.Bot.LiveCards;

/// <summary><c>AddLiveCards</c> inside the real bot host (real connector factory, real HTTP to the capture connector).</summary>
public sealed class LiveCardsRegistrationTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AddLiveCards_InTheBotHost_OneUpdaterThatIsAHostedServiceAndUpdatesThroughTheRealConnector()
    {
        await using var connector = await CaptureConnector.StartAsync();
        connector.EnforceTeamsRateLimits = true;
        await using var factory = WithLiveCards(new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["LiveCards:MinInterval"] = "00:00:02",
            ["OutboundPacing:GlobalPerSecond"] = "30",
        }));
        var services = factory.Services;
        var updater = services.GetRequiredService<ILiveCardUpdater>();
        var target = new LiveCardTarget(connector.ServiceUrl, "19:general@thread.tacv2", "17");

        updater.Schedule(target, _ => Task.FromResult(CountCard(4)));
        await updater.FlushAsync(target, CancellationToken.None).WaitAsync(HangGuard);

        Assert.Same(updater, Assert.Single(services.GetServices<IHostedService>().OfType<LiveCardUpdater>()));
        Assert.IsType<ConversationRateLimiter>(services.GetRequiredService<IOutboundPacer>());
        Assert.Equal(TimeSpan.FromSeconds(2), services.GetRequiredService<IOptions<LiveCardOptions>>().Value.MinInterval);
        Assert.Equal(30, services.GetRequiredService<IOptions<OutboundPacingOptions>>().Value.GlobalPerSecond);
        var put = Assert.Single(Puts(connector, target));
        Assert.Equal(200, put.ResponseStatus);
        Assert.Equal("count = 4", CardText(put));
    }

    [Theory]
    [InlineData("LiveCards:MinInterval", "00:00:00")]
    [InlineData("LiveCards:MaxBackoff", "00:00:00.100")]
    [InlineData("LiveCards:MaxTransientFailures", "-1")]
    [InlineData("LiveCards:TransientRetryLimit", "00:00:00")]
    [InlineData("OutboundPacing:GlobalPerSecond", "-1")]
    [InlineData("OutboundPacing:SafetyMargin", "00:00:05")]
    public async Task AddLiveCards_InvalidSetting_HostRefusesToStart(string key, string value)
    {
        // A minimal host: WebApplicationFactory sometimes reports a failed start as ObjectDisposedException
        // (dotnet/aspnetcore#33494), which would hide the validation error this test is about.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]);
        builder.Services.AddSingleton<IConnectorClientFactory, NoConnector>();
        builder.Services.AddLiveCards();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key.Split(':')[0], failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The updater needs a connector factory to be built; a failed start never calls it.</summary>
    private sealed class NoConnector : IConnectorClientFactory
    {
        public IConnectorClient Create(string serviceUrl) => throw new InvalidOperationException("no connector in this test");
    }

    private static WebApplicationFactoryWithLiveCards WithLiveCards(BotApplicationFactory factory) => new(factory);

    /// <summary>The bot host plus <c>AddLiveCards</c>, registered twice to show the second call is harmless.</summary>
    private sealed class WebApplicationFactoryWithLiveCards(BotApplicationFactory inner) : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory =
            inner.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddLiveCards().AddLiveCards()));

        public IServiceProvider Services => _factory.Services;

        public async ValueTask DisposeAsync()
        {
            await _factory.DisposeAsync();
            await inner.DisposeAsync();
        }
    }
}
