using ConcertationBot.Bot.Telemetry;

namespace ConcertationBot.Tests.Bot.Telemetry;

public sealed class TelemetryRedactionTests
{
    /// <summary>A URL as an exporter would get it, and what must be left of it.</summary>
    public static TheoryData<string, string> Urls => new()
    {
        { "https://smba.trafficmanager.net/amer/v3/conversations/19:abc123@thread.tacv2;messageid=1717/activities/1717171717171", "https://smba.trafficmanager.net/amer/v3/conversations/{id}/activities/{id}" },
        { "http://127.0.0.1:10002/devstoreaccount1/PulseAnswers(PartitionKey='p-1a2b3c',RowKey='9f8e7d6c5b4a39281706f5e4d3c2b1a0')?$select=Points", "http://127.0.0.1:10002/devstoreaccount1/PulseAnswers(…)" },
        { "https://concertation.azurewebsites.net/exports/eyJ2IjoxLCJjIjoiMTk6YWJj/compte-rendu.md?download=1", "https://concertation.azurewebsites.net/exports/{id}/{id}" },
        { "/api/messages", "/api/messages" },
        { "/exports/compte-rendu.csv?grant=c2VjcmV0", "/exports/{id}" },
        { "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", "https://login.microsoftonline.com/{id}/oauth2/{id}/token" },
    };

    [Theory]
    [MemberData(nameof(Urls))]
    public void Redact_UrlWithIdsKeysOrGrants_KeepsOnlyWordsAndTableNames(string url, string expected)
    {
        // Act
        var redacted = TelemetryRedaction.Redact(url);

        // Assert
        Assert.Equal(expected, redacted);
    }

    [Fact]
    public void OnEnd_SpanWithUrlTagsAndPathInItsName_RedactsTagsNameAndDropsQuery()
    {
        // Arrange
        using var span = new System.Diagnostics.Activity("http");
        span.DisplayName = "GET /exports/c2VjcmV0LWdyYW50/compte-rendu.md";
        span.SetTag("url.full", "https://smba.trafficmanager.net/amer/v3/conversations/19:nadia-and-bot/activities");
        span.SetTag("url.path", "/exports/c2VjcmV0LWdyYW50/compte-rendu.md");
        span.SetTag("url.query", "grant=c2VjcmV0");
        span.SetTag("http.response.status_code", 429);

        // Act
        new TelemetryRedaction().OnEnd(span);

        // Assert
        Assert.Equal("GET /exports/{id}/{id}", span.DisplayName);
        Assert.Equal("https://smba.trafficmanager.net/amer/v3/conversations/{id}/activities", span.GetTagItem("url.full"));
        Assert.Equal("/exports/{id}/{id}", span.GetTagItem("url.path"));
        Assert.Null(span.GetTagItem("url.query"));
        Assert.Equal(429, span.GetTagItem("http.response.status_code"));
    }
}
