using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Cards;

namespace ConcertationBot.Load;

/// <summary>What a votes run measured and whether the stored ballots are right.</summary>
public sealed record VoteResult(Latencies Casts, bool Pass);

/// <summary>One <c>vote.cast</c> invoke: who, which round (1 first vote, 2 re-vote), the ballot, the answer.</summary>
internal sealed record Cast(int Voter, int Round, SimulatedBallot Ballot, BotAnswer Answer)
{
    /// <summary>200 with an Adaptive Card invoke response: the bot took the ballot.</summary>
    public bool Acknowledged => Answer.Status == 200 && IsCardResponse(Answer.Body);

    public static bool IsCardResponse(string body)
    {
        try
        {
            var json = JsonNode.Parse(body);
            return (int?)json?["statusCode"] == 200 && (string?)json?["type"] == "application/vnd.microsoft.card.adaptive";
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>
/// The coordinator opens a vote in the channel; N voters cast random valid ballots at the given concurrency, a share of
/// them vote again with another ballot; the coordinator closes. Then the ballot partition is checked against each
/// voter's last acknowledged ballot, and the final card's scores against the sums.
/// </summary>
internal static partial class VoteScenario
{
    private const string FenceRowKey = "~fence";

    public static async Task<VoteResult> RunAsync(LoadSettings settings, BotUnderLoad setup, string storageConnectionString, TextWriter output, CancellationToken cancellationToken)
    {
        var rules = BallotRules.For(settings.Mode);
        var connector = setup.Connector;
        var channel = setup.Channel;

        var openedAt = connector.Now;
        var open = await channel.SendAsync(channel.Message(setup.Coordinator, rules.OpenCommand), cancellationToken).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"votes: '{rules.OpenCommand}' answered {open.Status} in {open.Latency.TotalMilliseconds:0.0} ms"));
        // The vote card, or soon after whatever else the bot posted (the help card when it does not know the command).
        var firstPost = await connector.WaitForAsync(r => r.ReceivedAt >= openedAt && r.IsPost && r.Succeeded, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var card = firstPost is null
            ? null
            : await connector.WaitForAsync(r => r.ReceivedAt >= openedAt && r.IsPost && r.Succeeded && FindVoteId(r.Body) is not null, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            output.WriteLine("votes: no card with a voteId reached the connector (is the vote feature in this build?)");
            foreach (var request in connector.Requests.Where(r => r.ReceivedAt >= openedAt).Take(5))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"votes: the bot sent {request.Method} {request.Path} -> {request.ResponseStatus}: {Shorten(string.Join(" | ", TextsOf(request.Body)))}"));
            }

            output.WriteLine("verdict: FAIL");
            return new VoteResult(Latencies.Of([], TimeSpan.Zero), false);
        }

        var voteId = FindVoteId(card.Body)!;
        var cardActivityId = card.AssignedId ?? "vote-card";
        output.WriteLine($"votes: vote {voteId} on card {cardActivityId}");

        var random = new Random(settings.Seed);
        var first = setup.Voters.Select(_ => rules.Random(random)).ToArray();
        var revoters = Enumerable.Range(0, setup.Voters.Count).OrderBy(_ => random.Next()).Take((int)Math.Round(settings.Revote * setup.Voters.Count)).Order().ToArray();
        var second = revoters.Select(v => (Voter: v, Ballot: rules.Other(random, first[v]))).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"votes: mode {settings.Mode.ToString().ToLowerInvariant()}, {setup.Voters.Count} voters, {revoters.Length} re-votes, concurrency {settings.Concurrency}, seed {settings.Seed}"));

        var casts = new ConcurrentBag<Cast>();
        var castStart = connector.Now;
        var clock = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, setup.Voters.Count), options, async (v, token) =>
            casts.Add(await CastAsync(channel, setup.Voters[v], v, 1, first[v], voteId, cardActivityId, settings.Mode, token).ConfigureAwait(false)))
            .ConfigureAwait(false);
        await Parallel.ForEachAsync(second, options, async (re, token) =>
            casts.Add(await CastAsync(channel, setup.Voters[re.Voter], re.Voter, 2, re.Ballot, voteId, cardActivityId, settings.Mode, token).ConfigureAwait(false)))
            .ConfigureAwait(false);
        clock.Stop();
        var latencies = Latencies.Of(casts.Select(c => c.Answer.Latency).ToList(), clock.Elapsed);

        var closeAt = connector.Now;
        var close = await channel.SendAsync(channel.Message(setup.Coordinator, "vote clore"), cancellationToken).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"votes: 'vote clore' answered {close.Status} in {close.Latency.TotalMilliseconds:0.0} ms"));
        await connector.WaitForAsync(r => r.ReceivedAt >= closeAt && r.IsWrite && r.Succeeded, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        await connector.WaitForQuietAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);

        // Ground truth: each voter's last acknowledged ballot.
        var truth = new Dictionary<int, SimulatedBallot>();
        foreach (var cast in casts.Where(c => c.Acknowledged).OrderBy(c => c.Round))
        {
            truth[cast.Voter] = cast.Ballot;
        }

        var statusCounts = casts.GroupBy(c => c.Answer.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}");
        var notCards = casts.Count(c => c.Answer.Status == 200 && !c.Acknowledged);
        output.WriteLine("votes: casts " + latencies.Describe("votes"));
        output.WriteLine("votes: status " + string.Join(", ", statusCounts) + (notCards > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({notCards} 200s without a card)") : string.Empty));
        foreach (var failed in casts.Where(c => c.Answer.Status != 200).Take(3))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"votes: e.g. {failed.Answer.Status}: {Shorten(failed.Answer.Body)}"));
        }

        var requests = connector.Requests;
        var window = closeAt - castStart;
        var puts = requests.Count(r => r.Operation == ConnectorOperation.UpdateActivity && r.ReceivedAt >= castStart && r.ReceivedAt < closeAt);
        var bound = (int)Math.Floor(window.TotalSeconds) + 1;
        var coalesced = puts <= bound;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"connector: {puts} PUTs in {window.TotalSeconds:0.0} s of voting (bound elapsed + 1 = {bound}: {(coalesced ? "ok" : "EXCEEDED")}); 429s {requests.Count(r => r.ResponseStatus == 429)}; requests {requests.Count}"));
        output.WriteLine(setup.DescribeMemory());

        var storageOk = await CheckStorageAsync(settings, setup, storageConnectionString, voteId, truth, output, cancellationToken).ConfigureAwait(false);
        var finalCardOk = CheckFinalCard(rules, requests.Where(r => r.ReceivedAt >= closeAt && r.IsWrite && r.Succeeded).ToList(), truth.Values, output);

        var allOk = casts.All(c => c.Answer.Status == 200);
        var pass = storageOk && finalCardOk && coalesced && allOk && open.Status is >= 200 and < 300 && close.Status is >= 200 and < 300;
        output.WriteLine("verdict: " + (pass ? "PASS" : "FAIL")
            + (pass ? string.Empty : $" (storage {(storageOk ? "ok" : "wrong")}, final card {(finalCardOk ? "ok" : "wrong")}, coalescing {(coalesced ? "ok" : "exceeded")}, all 200 {(allOk ? "yes" : "no")})"));
        return new VoteResult(latencies, pass);
    }

    private static async Task<Cast> CastAsync(TeamsChannel channel, TeamsUser voter, int index, int round, SimulatedBallot ballot, string voteId, string cardActivityId, BallotMode mode, CancellationToken cancellationToken)
    {
        var opened = TimeSpan.Zero;
        if (mode == BallotMode.Form)
        {
            // The whole ballot as it was cast before one-click voting: the card's ballot button answers with the form
            // (one invoke), then the form is sent. Its time counts in the ballot's; a form that did not open is the
            // ballot's answer (not acknowledged, so it never enters the ground truth; a non-200 fails the run).
            var form = await channel.SendAsync(channel.CardAction(voter, CardVerbs.VoteOpen, new JsonObject { [CardDataFields.VoteId] = voteId }, cardActivityId), cancellationToken).ConfigureAwait(false);
            if (form.Status != 200 || !Cast.IsCardResponse(form.Body))
            {
                return new Cast(index, round, ballot, form);
            }

            opened = form.Latency;
        }

        var verb = mode == BallotMode.Click ? CardVerbs.VoteChoose : CardVerbs.VoteCast;
        var activity = channel.CardAction(voter, verb, ballot.Data(voteId, mode), cardActivityId);
        var answer = await channel.SendAsync(activity, cancellationToken).ConfigureAwait(false);
        return new Cast(index, round, ballot, answer with { Latency = answer.Latency + opened });
    }

    /// <summary>One entity per voter in the vote's partition, each holding that voter's last acknowledged ballot.</summary>
    private static async Task<bool> CheckStorageAsync(LoadSettings settings, BotUnderLoad setup, string storageConnectionString, string voteId, Dictionary<int, SimulatedBallot> truth, TextWriter output, CancellationToken cancellationToken)
    {
        var keys = new RespondentKeys(Options.Create(new ConcertationOptions { HashKey = setup.HashKey }));
        var expected = truth.ToDictionary(
            t => keys.ForVote(voteId, PersonId.Of(new Bot.Protocol.ChannelAccount { Id = setup.Voters[t.Key].Id, AadObjectId = setup.Voters[t.Key].AadObjectId })),
            t => t.Value.Encoded,
            StringComparer.Ordinal);
        var stored = new Dictionary<string, string?>(StringComparer.Ordinal);
        var table = new TableClient(storageConnectionString, settings.BallotsTable);
        var duplicates = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {voteId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == FenceRowKey)
            {
                continue;
            }

            if (!stored.TryAdd(entity.RowKey, entity.GetString("Points")))
            {
                duplicates++;
            }
        }

        var missing = expected.Keys.Count(k => !stored.ContainsKey(k));
        var extra = stored.Keys.Count(k => !expected.ContainsKey(k));
        var wrong = expected.Count(e => stored.TryGetValue(e.Key, out var points) && points != e.Value);
        var ok = missing == 0 && extra == 0 && wrong == 0 && duplicates == 0 && expected.Count == setup.Voters.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage: {stored.Count} ballots in {settings.BallotsTable}/{voteId} for {setup.Voters.Count} voters ({expected.Count} acknowledged): missing {missing}, extra {extra}, wrong points {wrong} -> {(ok ? "ok" : "WRONG")}"));
        return ok;
    }

    /// <summary>
    /// Reads the scores off the last card the close sent and compares them with the sums of the acknowledged ballots
    /// (the ground truth): true only when a final card reached the connector and every option's score equals its sum.
    /// </summary>
    private static bool CheckFinalCard(BallotRules rules, IReadOnlyList<CapturedRequest> afterClose, IEnumerable<SimulatedBallot> ballots, TextWriter output)
    {
        var sums = new int[rules.Options.Count];
        foreach (var ballot in ballots)
        {
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] += ballot.Points[i];
            }
        }

        var expected = string.Join(", ", rules.Options.Select((o, i) => $"{o} {sums[i].ToString(CultureInfo.InvariantCulture)}"));
        // The posted vote card turns into the results (an update), then "vote clore" posts a short notice; the results are
        // posted as a card of their own only when the vote card could not be updated.
        static bool HasCard(CapturedRequest r) => r.Body.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal);
        var final = afterClose.LastOrDefault(r => r.Operation == ConnectorOperation.UpdateActivity && HasCard(r)) ?? afterClose.LastOrDefault(HasCard);
        if (final is null)
        {
            output.WriteLine($"final card: none reached the connector after the close; expected {expected} -> WRONG");
            return false;
        }

        var texts = CardTexts.Of(JsonNode.Parse(final.Body));
        var read = rules.Options.Select(option => ScoreNear(texts, option)).ToArray();
        var matches = read.Select((score, i) => score == sums[i]).All(m => m);
        output.WriteLine($"final card ({final.Method} {final.Operation}): read {string.Join(", ", rules.Options.Select((o, i) => $"{o} {read[i]?.ToString(CultureInfo.InvariantCulture) ?? "?"}"))}; expected {expected} -> {(matches ? "ok" : "WRONG")}");
        return matches;
    }

    /// <summary>The first whole number after <paramref name="option"/> in the text holding it or the two texts after it.</summary>
    private static int? ScoreNear(IReadOnlyList<string> texts, string option)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            var at = texts[i].IndexOf(option, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }

            var candidates = new[] { texts[i][(at + option.Length)..] }.Concat(texts.Skip(i + 1).Take(2));
            foreach (var candidate in candidates)
            {
                var number = WholeNumber().Match(candidate);
                if (number.Success)
                {
                    return int.Parse(number.Value, NumberStyles.None, CultureInfo.InvariantCulture);
                }
            }

            return null;
        }

        return null;
    }

    private static List<string> TextsOf(string body)
    {
        try
        {
            return CardTexts.Of(JsonNode.Parse(body.Length == 0 ? "{}" : body));
        }
        catch (JsonException)
        {
            return [body];
        }
    }

    /// <summary>The <c>voteId</c> of the first <c>Action.Execute</c> data in a connector request body, or null.</summary>
    internal static string? FindVoteId(string body)
    {
        if (!body.Contains(CardDataFields.VoteId, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Find(JsonNode.Parse(body));
        }
        catch (JsonException)
        {
            return null;
        }

        static string? Find(JsonNode? node) => node switch
        {
            JsonObject obj when obj[CardDataFields.VoteId] is JsonValue value && value.TryGetValue<string>(out var id) && id.Length > 0 => id,
            JsonObject obj => obj.Select(p => Find(p.Value)).FirstOrDefault(found => found is not null),
            JsonArray array => array.Select(Find).FirstOrDefault(found => found is not null),
            _ => null,
        };
    }

    private static string Shorten(string body)
    {
        var flat = new StringBuilder(body.Length).Append(body).Replace('\n', ' ').Replace('\r', ' ').ToString();
        return flat.Length <= 200 ? flat : flat[..200] + "…";
    }

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex WholeNumber();
}
