using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Cards;

namespace ConcertationBot.Load;

/// <summary>What a participation run measured.</summary>
public sealed record ParticipationResult(Latencies Status, Latencies Derivation, bool Pass);

/// <summary>
/// The cost of knowing who answered now that it is derived, never stored (issue #21): a team of N members (the
/// connector serves the roster in pages of at most 200, as Teams does), a pulse that half of them answered with full
/// sentences, then (1) <c>pulse état</c> sent again and again by the coordinator over HTTP — the bot reads the roster
/// page by page and counts the answer rows — and (2) the derivation <c>pulse rappel</c> does before it sends anything,
/// timed in this process against the same Azurite: the pulse's answer keys (a keys-only query), one HMAC per member,
/// one set lookup each. PASS when every <c>pulse état</c> reply shows the right "n of N" and the derivation finds
/// exactly the members who answered.
/// </summary>
internal static class ParticipationScenario
{
    public const int ShortMembers = 60;
    public const int Repetitions = 30;
    public const int ShortRepetitions = 10;

    /// <summary>About 480 characters, as a partner writing full sentences.</summary>
    private static readonly string Sentence = string.Concat(Enumerable.Repeat(
        "Les réunions tombent pendant les heures d'école et les parents n'y viennent pas ; il faudrait varier les horaires. ", 4));

    public static async Task<ParticipationResult> RunAsync(LoadSettings settings, BotUnderLoad setup, string storageConnectionString, TextWriter output, CancellationToken cancellationToken)
    {
        var connector = setup.Connector;
        var channel = setup.Channel;
        var members = 1 + setup.Voters.Count;
        var repetitions = settings.Short ? ShortRepetitions : Repetitions;
        var failed = new ParticipationResult(Latencies.Of([], TimeSpan.Zero), Latencies.Of([], TimeSpan.Zero), false);

        var (open, posted) = await setup.OpenPulseAsync("pulse démarrer", cancellationToken).ConfigureAwait(false);
        if (open.Status is < 200 or >= 300 || posted is null
            || AnswerCards.FindAction(AnswerCards.Parse(posted.Body), CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId] is not JsonValue idValue
            || idValue.GetValue<string>() is not { Length: > 0 } pulseId)
        {
            output.WriteLine("participation: no pulse card with a 'Répondre' action reached the connector");
            output.WriteLine("verdict: FAIL");
            return failed;
        }

        // Every second member answers, written as the bot writes an answer (keyed hash, full sentences).
        var store = new PulseStore(new TableServiceClient(storageConnectionString));
        var keys = new RespondentKeys(Options.Create(new ConcertationOptions { HashKey = setup.HashKey }));
        var answered = setup.Voters.Where((_, index) => index % 2 == 0).ToList();
        var fields = new Dictionary<string, object>(StringComparer.Ordinal) { ["RoleClarity"] = 4, ["Continuum"] = "coordination" };
        foreach (var condition in new[] { "AgendaPartage", "Mesures", "Activites", "Communication", "Soutien" })
        {
            fields["Frein_" + condition] = Sentence;
            fields["Levier_" + condition] = Sentence;
        }

        await Parallel.ForEachAsync(
            answered,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (member, token) => await store.SaveAnswerAsync(pulseId, keys.ForPulse(pulseId, PersonOf(member)), fields, DateTimeOffset.UtcNow, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"participation: pulse {pulseId}; {members} members (roster pages of at most {BotUnderLoad.RosterPageSize}), {answered.Count} answers of {Sentence.Length * 10} characters"));

        // (1) pulse état over HTTP, one at a time: the roster is read afresh each time, the answer rows counted.
        var expected = new[] { answered.Count.ToString(CultureInfo.InvariantCulture), members.ToString(CultureInfo.InvariantCulture) };
        var statusSamples = new List<TimeSpan>();
        var wrongReplies = 0;
        var pagesBefore = connector.Requests.Count(r => r.Operation == ConnectorOperation.GetPagedMembers);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < repetitions; i++)
        {
            var sentAt = connector.Now;
            var answer = await channel.SendAsync(channel.Message(setup.Coordinator, "pulse état"), cancellationToken).ConfigureAwait(false);
            statusSamples.Add(answer.Latency);
            var reply = await connector.WaitForAsync(r => r.ReceivedAt >= sentAt && r.IsPost && r.Succeeded, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            var texts = reply is null ? [] : CardTexts.Of(AnswerCards.Parse(reply.Body));
            if (answer.Status is < 200 or >= 300 || !texts.Any(t => expected.All(n => CardTexts.ContainsNumber(t, n))))
            {
                wrongReplies++;
            }
        }

        clock.Stop();
        var status = Latencies.Of(statusSamples, clock.Elapsed);
        var pages = connector.Requests.Count(r => r.Operation == ConnectorOperation.GetPagedMembers) - pagesBefore;
        output.WriteLine("participation: pulse état " + status.Describe("commands"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"participation: roster page requests {pages} ({(double)pages / repetitions:0.0} per command); replies without \"{expected[0]} … {expected[1]}\": {wrongReplies}"));

        // (2) The derivation pulse rappel does: the answer keys, one HMAC per member, one lookup each.
        var roster = new[] { setup.Coordinator }.Concat(setup.Voters).ToList();
        var answeredIds = answered.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var derivationSamples = new List<TimeSpan>();
        var wrongDerivations = 0;
        clock.Restart();
        for (var i = 0; i < repetitions; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var answerKeys = await store.ReadRespondentKeysAsync(pulseId, cancellationToken).ConfigureAwait(false);
            var found = roster.Where(m => answerKeys.Contains(keys.ForPulse(pulseId, PersonOf(m)))).Select(m => m.Id).ToList();
            derivationSamples.Add(Stopwatch.GetElapsedTime(started));
            if (found.Count != answeredIds.Count || !found.All(answeredIds.Contains))
            {
                wrongDerivations++;
            }
        }

        clock.Stop();
        var derivation = Latencies.Of(derivationSamples, clock.Elapsed);
        output.WriteLine("participation: keys + HMAC per member " + derivation.Describe("derivations"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"participation: derivations that did not find exactly the {answeredIds.Count} who answered: {wrongDerivations}"));
        output.WriteLine(setup.DescribeMemory());

        var pass = wrongReplies == 0 && wrongDerivations == 0 && pages >= repetitions;
        output.WriteLine("verdict: " + (pass ? "PASS" : "FAIL"));
        return new ParticipationResult(status, derivation, pass);
    }

    private static string PersonOf(TeamsUser user) => PersonId.Of(new ChannelAccount { Id = user.Id, AadObjectId = user.AadObjectId });
}
