using System.Diagnostics;
using Activity = System.Diagnostics.Activity;
using ConcertationBot.Bot.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ConcertationBot.Tests.Bot.Telemetry;

/// <summary>No other test runs beside these: the bot's meter and activity source are process-wide, so counts are exact.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}

/// <summary>
/// What an operator sees of real turns (HTTP <c>/api/messages</c>, Azurite, the capture connector), read from the
/// OpenTelemetry in-memory exporters attached after the bot's own telemetry set-up, as an exporter would be.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TurnTelemetryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Question = "Nos priorités pour 2027";
    private const string Command = "vote " + Question + " : Logement ; Mobilité ; Emploi des jeunes";

    private sealed record Exported(List<Activity> Spans, List<Metric> Metrics);

    private static async Task<(ConversationTestBed Bed, Exported Exported)> StartAsync(string connectionString)
    {
        var exported = new Exported([], []);
        var bed = await ConversationTestBed.StartAsync(connectionString, [TestPerson.Nadia], services: services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported.Spans));
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported.Metrics));
        });
        return (bed, exported);
    }

    /// <summary>
    /// A host with in-memory exporters where Nadia opens a vote and Amélie, Bruno and Chris cast one ballot each, the live
    /// card's updates sent; returns the vote id.
    /// </summary>
    private static async Task<(ConversationTestBed Bed, Exported Exported, string VoteId)> VoteAsync(string connectionString)
    {
        var (bed, exported) = await StartAsync(connectionString);
        var voteId = await VoteFlows.OpenAsync(bed, Command);
        foreach (var (person, option) in new[] { (TestPerson.Amelie, 0), (TestPerson.Bruno, 1), (TestPerson.Chris, 0) })
        {
            await VoteFlows.CastAsync(bed, person, VoteFlows.Single(voteId, option));
        }

        await VoteFlows.FlushAsync(bed, voteId);
        return (bed, exported, voteId);
    }

    private static void Flush(ConversationTestBed bed)
    {
        Assert.True(bed.Factory.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(bed.Factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
    }

    private static IEnumerable<MetricPoint> Points(Exported exported, string name)
    {
        foreach (var metric in exported.Metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                yield return point;
            }
        }
    }

    private static Dictionary<string, object?> TagsOf(in MetricPoint point)
    {
        var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }

    private static long Sum(Exported exported, string name, Func<Dictionary<string, object?>, bool>? where = null)
    {
        long sum = 0;
        foreach (var point in Points(exported, name))
        {
            if (where is null || where(TagsOf(point)))
            {
                sum += point.GetSumLong();
            }
        }

        return sum;
    }

    [Fact]
    public async Task Cast_BallotThroughHttp_TurnSpanWithRouteOutcomeAndStorageAndConnectorChildren()
    {
        // Arrange, Act
        var (bed, exported, _) = await VoteAsync(azurite.ConnectionString);
        await using var host = bed;
        Flush(bed);

        // Assert: each ballot is one turn span, routed by its verb, that ended well and answered the invoke with 200.
        var casts = exported.Spans.Where(s => s.Source.Name == BotTelemetry.Name && (string?)s.GetTagItem(BotTelemetry.Tags.Route) == "action:" + CardVerbs.VoteCast).ToList();
        Assert.Equal(3, casts.Count);
        Assert.All(casts, span =>
        {
            Assert.Equal("invoke", span.GetTagItem(BotTelemetry.Tags.ActivityType));
            Assert.Equal("ok", span.GetTagItem(BotTelemetry.Tags.Outcome));
            Assert.Equal(200, span.GetTagItem(BotTelemetry.Tags.InvokeStatus));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        });

        // The vote's opening turn called Table Storage and posted the card through the connector, both as HTTP spans of its trace.
        var open = Assert.Single(exported.Spans, s => s.Source.Name == BotTelemetry.Name && ((string?)s.GetTagItem(BotTelemetry.Tags.Route))?.StartsWith("command:vote", StringComparison.Ordinal) == true);
        var children = exported.Spans.Where(s => s.TraceId == open.TraceId && s.Kind == ActivityKind.Client).ToList();
        var storagePort = $":{azurite.TableEndpoint.Port}/";
        Assert.Contains(children, s => ((string?)s.GetTagItem("url.full"))?.Contains(storagePort, StringComparison.Ordinal) == true);
        Assert.Contains(children, s => ((string?)s.GetTagItem("url.full"))?.Contains("/v3/conversations/{id}/activities", StringComparison.Ordinal) == true);
        Assert.All(children, s => Assert.NotNull(s.GetTagItem("http.response.status_code")));
    }

    [Fact]
    public async Task Cast_ThreeBallots_MetricsCountTurnsBallotsAndLiveCardUpdates()
    {
        // Arrange, Act
        var (bed, exported, _) = await VoteAsync(azurite.ConnectionString);
        await using var host = bed;
        Flush(bed);

        // Assert
        Assert.Equal(3, Sum(exported, "concertation.ballots.stored"));
        Assert.Equal(3, Sum(exported, "concertation.turns", t => (string?)t[BotTelemetry.Tags.Route] == "action:" + CardVerbs.VoteCast && (string?)t[BotTelemetry.Tags.Outcome] == "ok"));
        Assert.Equal(1, Sum(exported, "concertation.turns", t => ((string?)t[BotTelemetry.Tags.Route])!.StartsWith("command:vote", StringComparison.Ordinal)));
        Assert.True(Sum(exported, "concertation.livecard.updates", t => (string?)t[BotTelemetry.Tags.Outcome] == "sent") >= 1);
        var durations = Points(exported, "concertation.turn.duration").Where(p => (string?)TagsOf(p)[BotTelemetry.Tags.ActivityType] == "invoke").ToList();
        Assert.Equal(3, durations.Sum(p => p.GetHistogramCount()));
        Assert.All(durations, p => Assert.True(p.GetHistogramSum() > 0));
    }

    [Fact]
    public async Task Export_WholeConversation_NoNameTypedTextOrRawIdInAnySpanOrMetric()
    {
        // Arrange
        var (bed, exported, voteId) = await VoteAsync(azurite.ConnectionString);
        await using var host = bed;
        using (var close = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote clore")))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }

        // Act: the vote card's final update (and its storage mark) done, so no span is still being added.
        await VoteFlows.FlushAsync(bed, voteId);
        Flush(bed);

        // Assert: everything exported, every span's name and tags, every metric's tags.
        var texts = new List<string>();
        foreach (var span in exported.Spans)
        {
            texts.Add(span.DisplayName);
            texts.AddRange(span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            texts.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}")));
        }

        foreach (var metric in exported.Metrics)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    texts.Add($"{tag.Key}={tag.Value}");
                }
            }
        }

        Assert.True(texts.Count > 50, $"only {texts.Count} exported texts: the check below would prove nothing");
        string[] secrets =
        [
            .. new[] { TestPerson.Nadia, TestPerson.Amelie, TestPerson.Bruno, TestPerson.Chris }.SelectMany(p => new[] { p.Name, p.Id, p.AadObjectId }),
            bed.ConversationId, bed.TeamId, Uri.EscapeDataString(bed.ConversationId), voteId, Question, "Logement", "Mobilit",
        ];
        Assert.All(texts, text => Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase)));
    }
}
