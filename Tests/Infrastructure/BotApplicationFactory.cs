using ConcertationBot.Bot.Connector;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConcertationBot.Tests.Infrastructure;

/// <summary>The real bot host in-process, with configuration overrides. Create one per test.</summary>
internal sealed class BotApplicationFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("MicrosoftAppId", string.Empty);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        // Until the connector lands, expectReplies turns must not need it.
        builder.ConfigureTestServices(services => services.TryAddSingleton<IConnectorClientFactory, NoConnectorFactory>());
    }

    private sealed class NoConnectorFactory : IConnectorClientFactory
    {
        public IConnectorClient Create(string serviceUrl) => throw new InvalidOperationException("no connector in this test");
    }
}
