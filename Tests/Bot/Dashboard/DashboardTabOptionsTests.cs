using ConcertationBot.Bot.Dashboard;
using Microsoft.Extensions.Hosting;

namespace ConcertationBot.Tests.Bot.Dashboard;

/// <summary>The tabs' settings are checked when the host starts: a value the tabs cannot work with stops the start, naming its key.</summary>
public sealed class DashboardTabOptionsTests
{
    [Theory]
    [InlineData("Dashboard:Tab:GrantLifetime", "00:00:00")]
    [InlineData("Dashboard:Tab:GrantLifetime", "-00:05:00")]
    [InlineData("Dashboard:Tab:MaxListedConversations", "0")]
    [InlineData("Dashboard:Tab:OpenIdMetadataUrl", "http://login.example.org/common/v2.0/.well-known/openid-configuration")]
    [InlineData("Dashboard:Tab:OpenIdMetadataUrl", "not a url")]
    public async Task AddDashboard_InvalidTabSetting_HostRefusesToStart(string key, string value)
    {
        // Arrange: a minimal host (WebApplicationFactory sometimes reports a failed start as ObjectDisposedException,
        // dotnet/aspnetcore#33494, which would hide the validation error this test is about).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]);
        builder.Services.AddDashboard();
        using var host = builder.Build();

        // Act
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        // Assert
        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDashboard_DefaultTabSettings_HostStarts()
    {
        // Arrange
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Services.AddDashboard();
        using var host = builder.Build();

        // Act
        await host.StartAsync();

        // Assert
        var tab = host.Services.GetRequiredService<IOptions<DashboardTabOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(30), tab.GrantLifetime);
        Assert.Equal(20, tab.MaxListedConversations);
        await host.StopAsync();
    }
}
