using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ConcertationBot.Bot.Exports;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Tests.Bot.Pulses;
using ConcertationBot.Tests.Infrastructure;

namespace ConcertationBot.Tests.Bot.Exports;

/// <summary>
/// Export links are bearer links for 24 h: whoever reads the grant can download the compte-rendu. A real request to a
/// link, through the real host and its shipped <c>appsettings.json</c>, must leave neither the grant nor its signature
/// in any log line or log scope (issue #22, item 7).
/// </summary>
public sealed partial class ExportLinkLogTests
{
    [Fact]
    public async Task ExportLink_DownloadedWithTheShippedLogSettings_GrantNeverLogged()
    {
        // Arrange
        var logs = new CapturingLoggerProvider();
        await using var bed = await StartAsync(logs, settings: null);
        var links = await ExportLinksAsync(bed);

        // Act
        foreach (var link in links)
        {
            using var response = await bed.Http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Assert
        AssertNeverLogged(logs, links);
    }

    [Fact]
    public async Task ExportLink_DownloadedWithEveryCategoryAtTrace_GrantNeverLogged()
    {
        // Arrange: an operator who turns every category, ASP.NET Core's included, up to Trace.
        var logs = new CapturingLoggerProvider();
        await using var bed = await StartAsync(logs, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        });
        var links = await ExportLinksAsync(bed);

        // Act
        foreach (var link in links)
        {
            using var response = await bed.Http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Assert
        Assert.Contains(logs.Lines, line => line.Contains("/exports/", StringComparison.Ordinal));
        AssertNeverLogged(logs, links);
    }

    [Fact]
    public async Task ExportLink_PathFormPostedBeforeTheChange_StillServedAndNotLoggedWithTheShippedSettings()
    {
        // Arrange: links posted in channels before the grant moved to the query string keep working for their 24 h.
        var logs = new CapturingLoggerProvider();
        await using var bed = await StartAsync(logs, settings: null);
        var token = GrantOf((await ExportLinksAsync(bed))[0]);
        var legacy = new Uri($"/exports/{token}/{ExportLinks.MarkdownFile}", UriKind.Relative);

        // Act
        using var response = await bed.Http.GetAsync(legacy);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("# Compte-rendu", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertNeverLogged(logs, [legacy]);
    }

    private static Task<ConversationTestBed> StartAsync(CapturingLoggerProvider logs, IReadOnlyDictionary<string, string?>? settings) =>
        ConversationTestBed.StartAsync(
            SharedAzurite.ConnectionString, [TestPerson.Nadia], settings,
            services: services => services.AddSingleton<ILoggerProvider>(logs));

    /// <summary>Opens a pulse, has Amélie answer, closes it, asks for the export and returns its two links (relative).</summary>
    private static async Task<Uri[]> ExportLinksAsync(ConversationTestBed bed)
    {
        var card = await ExportFlows.AnsweredPulseExportCardAsync(bed, "Peu de temps");
        Uri[] links = [.. LinkPattern().Matches(card).Select(m => new Uri(new Uri(m.Value).PathAndQuery, UriKind.Relative)).Distinct()];
        Assert.Equal(2, links.Length);
        return links;
    }

    /// <summary>The grant of a link: the <c>grant</c> query parameter, or the path segment of a link of the old form.</summary>
    private static string GrantOf(Uri link)
    {
        var absolute = new Uri(new Uri("http://localhost"), link);
        var query = absolute.Query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .FirstOrDefault(pair => pair[0] == ExportLinks.GrantParameter);
        return query is { Length: 2 } ? Uri.UnescapeDataString(query[1]) : absolute.Segments[2].TrimEnd('/');
    }

    private static void AssertNeverLogged(CapturingLoggerProvider logs, IEnumerable<Uri> links)
    {
        var lines = logs.Lines;
        Assert.NotEmpty(lines);
        foreach (var link in links)
        {
            var grant = GrantOf(link);
            var signature = grant.Split('.')[^1];
            Assert.True(signature.Length >= 20, "No signature in " + link);
            Assert.DoesNotContain(lines, line => line.Contains(signature, StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains(grant, StringComparison.Ordinal));
        }
    }

    [GeneratedRegex("https?://[^\"\\s]+/exports/[^\"\\s]+")]
    private static partial Regex LinkPattern();

    /// <summary>Every log line of every category and level the host writes, with its exception and the values of its scopes (the dashboard's log test uses it too).</summary>
    internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Capture(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new System.Text.StringBuilder($"{logLevel} {category}: {formatter(state, exception)} {exception}");
                AppendValues(line, state);
                provider._scopes.ForEachScope((scope, text) =>
                {
                    text.Append(" | scope ").Append(scope);
                    AppendValues(text, scope);
                }, line);
                provider._lines.Enqueue(line.ToString());
            }

            private static void AppendValues(System.Text.StringBuilder line, object? state)
            {
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        line.Append(' ').Append(key).Append('=').Append(value);
                    }
                }
            }
        }
    }
}
