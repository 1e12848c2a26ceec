using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace ConcertationBot.Tests.Infrastructure;

/// <summary>
/// The real bot host in-process, with configuration overrides. Create one per test. Unless the settings name a
/// <c>Storage:ConnectionString</c>, the host uses the run's shared Azurite. <paramref name="services"/> runs after the
/// host's own registrations (to swap a service, e.g. the outbound token provider, or add a logger provider).
/// </summary>
internal sealed class BotApplicationFactory(
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null,
    TimeProvider? time = null) : WebApplicationFactory<Program>
{
    /// <summary>The <c>Concertation:HashKey</c> the host gets unless the settings name another (32 bytes, base64).</summary>
    public const string TestHashKey = "Y29uY2VydGF0aW9uLXRlc3QtaGFzaC1rZXktMzItYnl0ZXMhIQ==";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("MicrosoftAppId", string.Empty);
        builder.UseSetting("Concertation:HashKey", TestHashKey);
        if (settings?.ContainsKey("Storage:ConnectionString") != true)
        {
            builder.UseSetting("Storage:ConnectionString", SharedAzurite.ConnectionString);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (time is not null)
        {
            builder.ConfigureTestServices(collection => collection.AddSingleton(time));
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
