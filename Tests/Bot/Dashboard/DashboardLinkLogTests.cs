using ConcertationBot.Tests.Bot.Exports;

namespace ConcertationBot.Tests.Bot.Dashboard;

/// <summary>A dashboard link is a bearer link for 24 h, like an export link: opening it never writes its grant to a log.</summary>
public sealed class DashboardLinkLogTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DashboardLink_Opened_GrantNeverLogged(bool everyCategoryAtTrace)
    {
        // Arrange: the shipped settings, or an operator who turns every category, ASP.NET Core's included, up to Trace.
        var logs = new ExportLinkLogTests.CapturingLoggerProvider();
        var settings = everyCategoryAtTrace
            ? new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            }
            : null;
        await using var bed = await ConversationTestBed.StartAsync(
            SharedAzurite.ConnectionString, [TestPerson.Nadia], settings, services: services => services.AddSingleton<ILoggerProvider>(logs));
        var (_, link) = await DashboardFlows.LinkAsync(bed, TestPerson.Amelie);
        var token = DashboardFlows.TokenOf(link);

        // Act
        using var response = await bed.Http.GetAsync(link);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = logs.Lines;
        Assert.Contains(lines, line => line.Contains("Dashboard served", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(token.Split('.')[1], StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(token.Split('.')[0], StringComparison.Ordinal));
    }
}
