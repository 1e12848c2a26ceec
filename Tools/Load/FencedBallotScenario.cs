using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ConcertationBot.Bot.Votes;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Votes;

namespace ConcertationBot.Load;

/// <summary>
/// The bot's own storage floor for a ballot: <c>VoteStore.SaveBallotAsync</c> (the ballot and the fence touch in one
/// entity-group transaction) called directly, N times at the given concurrency, with no bot in between. Set beside the
/// raw upsert and the bot invoke, it tells how much of the invoke's cost is the fenced write and how much the bot.
/// </summary>
internal static class FencedBallotScenario
{
    public static async Task<UpsertResult> RunAsync(LoadSettings settings, string storageConnectionString, TextWriter output, CancellationToken cancellationToken)
    {
        var store = new VoteStore(new TableServiceClient(storageConnectionString), TimeProvider.System);
        var unique = Guid.NewGuid().ToString("N")[..12];
        var vote = await store.TryOpenAsync(
            new VoteRecord
            {
                VoteId = VoteRecord.NewId(),
                ChannelId = "msteams",
                ConversationId = $"19:fenced-{unique}@thread.tacv2",
                ServiceUrl = "http://127.0.0.1/",
                ConversationType = "channel",
                Language = "fr",
                Question = "Nos priorités",
                Options = ["Logement", "Mobilité", "Emploi des jeunes", "Culture"],
                Rules = new VoteRules(VoteMode.Points, 3, HiddenResults: false),
                OpenedAt = DateTimeOffset.UtcNow,
                OpenedByUserId = "29:load",
            },
            cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("The fenced-ballot vote could not be opened.");
        var random = new Random(settings.Seed);
        var voterKeys = Enumerable.Range(0, settings.Count).Select(_ => UpsertResult.RandomKey(random)).ToArray();
        var latencies = new ConcurrentBag<TimeSpan>();
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            voterKeys,
            new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (voterKey, token) =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (await store.SaveBallotAsync(vote.VoteId, voterKey, "1,0,2,0", DateTimeOffset.UtcNow, token).ConfigureAwait(false))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started));
                    }
                    else
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (RequestFailedException)
                {
                    Interlocked.Increment(ref failures);
                }
            }).ConfigureAwait(false);
        clock.Stop();

        return new UpsertResult(Latencies.Of(latencies, clock.Elapsed), failures)
            .Report("fenced", $"{settings.Count} SaveBallotAsync (ballot + fence in one transaction), concurrency {settings.Concurrency}", "ballots", output);
    }
}
