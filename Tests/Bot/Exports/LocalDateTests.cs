using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ConcertationBot.Cards;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Tests.Bot.Connector;
using ConcertationBot.Tests.Bot.Pulses;
using ConcertationBot.Tests.Infrastructure;

namespace ConcertationBot.Tests.Bot.Exports;

/// <summary>
/// Dates people read (summary card, export card, compte-rendu, file names) are the round table's own dates, in the time
/// zone the pulse was opened in, not UTC (issue #22, item 8): an evening rencontre in Québec closes on 2026-09-14 at
/// 20:30 America/Toronto, which is 00:30 UTC on the 15th.
/// </summary>
public sealed class LocalDateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset OpenedAt = new(2026, 9, 14, 18, 0, 0, TimeSpan.FromHours(-4));
    private static readonly DateTimeOffset ClosedAt = new(2026, 9, 14, 20, 30, 0, TimeSpan.FromHours(-4));

    [Fact]
    public async Task EveningRencontreInQuebec_ClosedAt2030Toronto_SummaryExportAndFilesDatedThe14th()
    {
        // Arrange: the pulse opens at 18:00 and closes at 20:30 in Toronto (22:00 and 00:30 UTC, a day apart in UTC).
        var clock = new ManualTimeProvider(OpenedAt);
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia],
            services: services => services.AddSingleton<TimeProvider>(clock));
        var pulseId = await OpenInTorontoAsync(bed);
        await PulseFlows.AnswerAsync(bed, TestPerson.Amelie, pulseId, PulseFlows.Rating("4"));
        clock.Advance(ClosedAt - OpenedAt);
        Assert.Equal(new DateTime(2026, 9, 15, 0, 30, 0), clock.GetUtcNow().UtcDateTime);

        // Act
        var summary = await SendForCardAsync(bed, "pulse clore");
        var export = await SendForCardAsync(bed, "export");
        var (markdown, csv) = Links(export);
        using var md = await bed.Http.GetAsync(markdown);
        using var file = await bed.Http.GetAsync(csv);

        // Assert
        var summaryText = TestActivities.CardText(summary);
        Assert.Contains("Le 14 septembre 2026", summaryText, StringComparison.Ordinal);
        Assert.DoesNotContain("15 septembre", summaryText, StringComparison.Ordinal);
        var exportText = TestActivities.CardText(export);
        Assert.Contains("Le 14 septembre 2026", exportText, StringComparison.Ordinal);
        Assert.DoesNotContain("15 septembre 2026 au", exportText, StringComparison.Ordinal);
        var report = await md.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, md.StatusCode);
        Assert.Contains("le 14 septembre 2026.", report, StringComparison.Ordinal);
        Assert.Contains("Document généré le 14 septembre 2026.", report, StringComparison.Ordinal);
        Assert.DoesNotContain("15 septembre", report, StringComparison.Ordinal);
        Assert.Equal("compte-rendu-2026-09-14.md", FileName(md));
        Assert.Equal("compte-rendu-2026-09-14.csv", FileName(file));
    }

    private static async Task<string> OpenInTorontoAsync(ConversationTestBed bed)
    {
        var card = await SendForCardAsync(bed, "pulse démarrer");
        return (string?)ConversationTestBed.FindAction(card, CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId]
            ?? throw new InvalidOperationException("The pulse card has no Répondre action.");
    }

    /// <summary>Nadia's message from a Teams client set to America/Toronto; returns the card the bot posted.</summary>
    private static async Task<JsonObject> SendForCardAsync(ConversationTestBed bed, string text)
    {
        var message = bed.ChannelMessage(TestPerson.Nadia, text);
        foreach (var entity in message["entities"]!.AsArray())
        {
            if ((string?)entity?["type"] == "clientInfo")
            {
                entity!["timezone"] = "America/Toronto";
            }
        }

        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await bed.SentCardAsync(before);
    }

    private static (Uri Markdown, Uri Csv) Links(JsonObject card)
    {
        var urls = new List<Uri>();
        Collect(card);
        return (urls.Single(u => u.AbsolutePath.EndsWith(".md", StringComparison.Ordinal)), urls.Single(u => u.AbsolutePath.EndsWith(".csv", StringComparison.Ordinal)));

        void Collect(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if ((string?)obj["type"] == "Action.OpenUrl" && (string?)obj["url"] is { } url)
                    {
                        urls.Add(new Uri(new Uri("http://localhost"), new Uri(url).PathAndQuery));
                    }

                    foreach (var (_, value) in obj)
                    {
                        Collect(value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Collect(item);
                    }

                    break;
            }
        }
    }

    private static string? FileName(HttpResponseMessage response) =>
        response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
}
