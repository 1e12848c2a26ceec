using ConcertationBot.Bot.Dashboard;

namespace ConcertationBot.Tests.Bot.Dashboard;

/// <summary>
/// <c>/privacy</c> and <c>/terms</c> (the Teams manifest's privacyUrl and termsOfUseUrl) through the real host: French
/// then English, the k and the retention the bot is configured with, the dashboard's strict headers, no script.
/// </summary>
public sealed class LegalPagesTests
{
    [Fact]
    public async Task Privacy_ConfiguredRetentionAndK_SaysThemInBothLanguages()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(
            SharedAzurite.ConnectionString,
            settings: new Dictionary<string, string?> { ["Concertation:RetentionDays"] = "400", ["Concertation:MinimumGroupSize"] = "5" });

        // Act
        using var response = await bed.Http.GetAsync(new Uri("/privacy", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DashboardEndpoints.ContentSecurityPolicy, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("<h1>Confidentialité — ConcertationBot</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<article lang=\"en\">\n<h1>Privacy — ConcertationBot</h1>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("Confidentialité", StringComparison.Ordinal) < html.IndexOf("Privacy —", StringComparison.Ordinal), "French comes first");
        Assert.Contains("plus de 400 jours", html, StringComparison.Ordinal);
        Assert.Contains("more than 400 days", html, StringComparison.Ordinal);
        Assert.Contains("à partir de 5 réponses", html, StringComparison.Ordinal);
        Assert.Contains("from 5 answers on", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terms_DefaultSettings_BothLanguagesAndALinkToThePrivacyPage()
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString);

        // Act
        using var response = await bed.Http.GetAsync(new Uri("/terms", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        using var stylesheet = await bed.Http.GetAsync(new Uri("/dashboard/assets/dashboard.css", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Conditions d&#39;utilisation — ConcertationBot</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Terms of use — ConcertationBot</h1>", html, StringComparison.Ordinal);
        Assert.Contains("à partir de 3 réponses", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<a href=\"privacy\">").Length - 1);
        Assert.Contains("href=\"dashboard/assets/dashboard.css\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
    }
}
