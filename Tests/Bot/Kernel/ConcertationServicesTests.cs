namespace ConcertationBot.Tests.Bot.Kernel;

public sealed class ConcertationServicesTests
{
    [Fact]
    public void AddConcertation_InTheHost_ResolvesEveryServiceAsSingleton()
    {
        using var host = new BotApplicationFactory();
        using var client = host.CreateClient();
        var services = host.Services;

        Assert.IsType<RespondentKeys>(services.GetRequiredService<IRespondentKeys>());
        Assert.IsType<PulseStore>(services.GetRequiredService<IPulseStore>());
        Assert.IsType<CoordinatorDirectory>(services.GetRequiredService<ICoordinatorDirectory>());
        Assert.IsType<ConversationSettingsStore>(services.GetRequiredService<IConversationSettingsStore>());
        Assert.Same(services.GetRequiredService<IPulseStore>(), services.GetRequiredService<IPulseStore>());
        Assert.Same(services.GetRequiredService<ICoordinatorDirectory>(), services.GetRequiredService<ICoordinatorDirectory>());
    }

    [Fact]
    public void RespondentKeys_InTheHost_UseTheConfiguredHashKey()
    {
        using var host = new BotApplicationFactory();
        using var client = host.CreateClient();
        var fromHost = host.Services.GetRequiredService<IRespondentKeys>();

        var expected = new RespondentKeys(Microsoft.Extensions.Options.Options.Create(new ConcertationOptions { HashKey = BotApplicationFactory.TestHashKey }));

        Assert.Equal(expected.ForPulse("p1", "aad-1"), fromHost.ForPulse("p1", "aad-1"));
    }
}
