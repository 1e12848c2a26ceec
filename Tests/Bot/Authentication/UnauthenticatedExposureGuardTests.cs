using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;

namespace ConcertationBot.Tests.Bot.Authentication;

/// <summary>A real WebApplication on Kestrel, with the guard registered through AddBotAuthentication.</summary>
public sealed class UnauthenticatedExposureGuardTests
{
    [Fact]
    public async Task StartAsync_EmptyAppIdOnAllInterfaces_ThrowsWithExplanation()
    {
        await using var app = BuildApp("http://0.0.0.0:0", appId: "", allowUnauthenticated: false);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        await app.StopAsync();

        Assert.Contains("MicrosoftAppId is empty", exception.Message);
        Assert.Contains("0.0.0.0", exception.Message);
        Assert.Contains("Bot:AllowUnauthenticated=true", exception.Message);
        Assert.Contains("http://127.0.0.1", exception.Message);
    }

    [Fact]
    public async Task StartAsync_EmptyAppIdOnLoopback_Starts()
    {
        await using var app = BuildApp("http://127.0.0.1:0", appId: "", allowUnauthenticated: false);

        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        Assert.StartsWith("http://127.0.0.1:", Assert.Single(addresses));
        await app.StopAsync();
    }

    /// <summary>On all interfaces the bot starts when unauthenticated turns are allowed on purpose, or when it has an app id.</summary>
    [Theory]
    [InlineData("", true)]
    [InlineData("0b6f3c1e-6a53-4a7e-9c2b-5d1e2f3a4b5c", false)]
    public async Task StartAsync_OnAllInterfacesEmptyAppIdAllowedOrAppIdSet_Starts(string appId, bool allowUnauthenticated)
    {
        await using var app = BuildApp("http://0.0.0.0:0", appId, allowUnauthenticated);

        await app.StartAsync();

        Assert.NotEmpty(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses);
        await app.StopAsync();
    }

    [Fact]
    public async Task StartAsync_EmptyAppIdOnInProcessTestServer_Starts()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.Configure<BotFrameworkOptions>(options => options.MicrosoftAppId = "");
        builder.Services.AddBotAuthentication();
        await using var app = builder.Build();
        app.MapGet("/ping", () => "pong");

        await app.StartAsync();
        var body = await app.GetTestClient().GetStringAsync(new Uri("/ping", UriKind.Relative));

        Assert.Equal("pong", body);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("http://127.0.0.1:3978", true)]
    [InlineData("http://127.0.0.2:3978", true)]
    [InlineData("http://localhost:3978", true)]
    [InlineData("https://LOCALHOST:3978", true)]
    [InlineData("http://[::1]:3978", true)]
    [InlineData("http://0.0.0.0:3978", false)]
    [InlineData("http://[::]:3978", false)]
    [InlineData("http://*:3978", false)]
    [InlineData("http://+:3978", false)]
    [InlineData("http://10.1.2.3:3978", false)]
    [InlineData("http://bot.example.org:3978", false)]
    [InlineData("http://unix:/tmp/bot.sock", false)]
    public void IsLoopbackBinding_ServerAddress_ClassifiedStrictly(string address, bool expected)
    {
        Assert.Equal(expected, LoopbackAddress.IsLoopbackBinding(address));
    }

    private static WebApplication BuildApp(string url, string appId, bool allowUnauthenticated)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls(url);
        builder.Services.Configure<BotFrameworkOptions>(options => options.MicrosoftAppId = appId);
        builder.Services.Configure<BotHostOptions>(options => options.AllowUnauthenticated = allowUnauthenticated);
        builder.Services.AddBotAuthentication();
        return builder.Build();
    }
}
