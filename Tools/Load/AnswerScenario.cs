using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Cards;
using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Templates;

namespace ConcertationBot.Load;

/// <summary>What an answers run measured and whether the stored answers are right.</summary>
public sealed record AnswerResult(Latencies Invokes, Latencies Submits, bool Pass)
{
    /// <summary>The step clicks ("Suivant", <c>pulse.next</c>).</summary>
    public Latencies? Steps { get; init; }
}

/// <summary>One invoke a respondent sent: who, the verb, and the answer.</summary>
internal sealed record AnswerInvoke(int Respondent, string Verb, BotAnswer Answer);

/// <summary>One respondent's walk: the answers the bot last acknowledged (null when none was), and what went off script.</summary>
internal sealed record RespondentOutcome(int Respondent, ImmutableDictionary<string, StepAnswer>? Acknowledged, IReadOnlyList<string> Problems);

/// <summary>
/// The coordinator opens the default pulse in the channel; N respondents walk it over <c>adaptiveCard/action</c>
/// invokes at the given concurrency ("Répondre", each step answered or skipped, the review, "Envoyer"), clicking the
/// actions of the cards the bot answers with. A share delivers the final submit twice (half of them at the same time),
/// a share edits one step after sending and sends again. Then storage is checked against each respondent's last
/// acknowledged answers, and the live pulse card's updates against Teams' pace.
/// </summary>
internal static partial class AnswerScenario
{
    public const int ShortRespondents = 40;
    public const double DuplicateShare = 0.2;
    public const double EditShare = 0.2;

    private const int MaxSteps = 30;

    private static readonly HashSet<string> BookkeepingFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "PartitionKey", "RowKey", "Timestamp", "UpdatedAt", "FirstSubmittedAt", "AnsweredOn", "Revision",
    };

    /// <summary>Starts the bot with the respondents as its roster (at most 40 with --short), runs, stops it.</summary>
    public static async Task<AnswerResult> RunAsync(LoadSettings settings, BotUnderLoad setup, string storageConnectionString, TextWriter output, CancellationToken cancellationToken)
    {
        var template = PulseTemplates.Default;
        var connector = setup.Connector;
        var channel = setup.Channel;
        const string openCommand = "pulse démarrer";

        var (open, posted) = await setup.OpenPulseAsync(openCommand, cancellationToken).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"answers: '{openCommand}' answered {open.Status} in {open.Latency.TotalMilliseconds:0.0} ms"));
        var openAction = posted is null ? null : AnswerCards.FindAction(AnswerCards.Parse(posted.Body), CardVerbs.PulseOpen);
        if (posted is null || openAction?["data"] is not JsonObject openData || (string?)openData[CardDataFields.PulseId] is not { Length: > 0 } pulseId)
        {
            output.WriteLine("answers: no pulse card with a 'Répondre' action reached the connector");
            output.WriteLine("verdict: FAIL");
            return new AnswerResult(Latencies.Of([], TimeSpan.Zero), Latencies.Of([], TimeSpan.Zero), false);
        }

        var cardActivityId = posted.AssignedId ?? "pulse-card";
        output.WriteLine($"answers: pulse {pulseId} on card {cardActivityId}");

        var plans = AnswerPlans.Make(template, setup.Voters.Count, DuplicateShare, EditShare, settings.Seed);
        var duplicates = plans.Count(p => p.DeliverTwice);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answers: {plans.Count} respondents, {duplicates} final submits delivered twice ({plans.Count(p => p.DeliverTwice && p.ConcurrentDuplicate)} at once), {plans.Count(p => p.EditStep is not null)} edit after sending, {plans.Sum(p => template.Steps.Count - p.Answers.Count)} steps skipped, concurrency {settings.Concurrency}, seed {settings.Seed}"));

        var invokes = new ConcurrentBag<AnswerInvoke>();
        var outcomes = new ConcurrentBag<RespondentOutcome>();
        var answeringStart = connector.Now;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            plans,
            new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (plan, token) => outcomes.Add(await RespondAsync(template, channel, setup.Voters[plan.Index], plan, openData, cardActivityId, invokes, token).ConfigureAwait(false)))
            .ConfigureAwait(false);
        clock.Stop();
        var answeringEnd = connector.Now;
        await connector.WaitForQuietAsync(TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);

        var all = Latencies.Of(invokes.Select(i => i.Answer.Latency).ToList(), clock.Elapsed);
        var submits = Latencies.Of(invokes.Where(i => i.Verb == CardVerbs.PulseSubmit).Select(i => i.Answer.Latency).ToList(), clock.Elapsed);
        var steps = Latencies.Of(invokes.Where(i => i.Verb == CardVerbs.PulseNext).Select(i => i.Answer.Latency).ToList(), clock.Elapsed);
        output.WriteLine("answers: all invokes " + all.Describe("invokes"));
        output.WriteLine("answers: submits " + submits.Describe("submits"));
        foreach (var verb in invokes.GroupBy(i => i.Verb).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var l = Latencies.Of(verb.Select(i => i.Answer.Latency).ToList(), clock.Elapsed);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"answers:   {verb.Key,-12} {l.Count,6} invokes; p50 {l.P50Ms:0.0} ms, p95 {l.P95Ms:0.0} ms, p99 {l.P99Ms:0.0} ms, max {l.MaxMs:0.0} ms"));
        }

        var notCards = invokes.Count(i => i.Answer.Status == 200 && AnswerCards.CardOf(i.Answer) is null);
        var notices = invokes.Count(i => AnswerCards.HasNotice(AnswerCards.CardOf(i.Answer)));
        output.WriteLine("answers: status " + string.Join(", ", invokes.GroupBy(i => i.Answer.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))
            + string.Create(CultureInfo.InvariantCulture, $"; 200s without a card {notCards}; try-again/apology cards {notices}"));
        foreach (var failed in invokes.Where(i => i.Answer.Status != 200).Take(3))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"answers: e.g. {failed.Verb} {failed.Answer.Status}: {Shorten(failed.Answer.Body)}"));
        }

        var problems = outcomes.SelectMany(o => o.Problems.Select(p => $"respondent {o.Respondent + 1}: {p}")).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"answers: walks off script {problems.Count}"));
        foreach (var problem in problems.Take(5))
        {
            output.WriteLine("answers: e.g. " + problem);
        }

        var (cardOk, cardLine) = CheckLiveCard(connector.Requests, cardActivityId, answeringStart, answeringEnd, setup.Voters.Count);
        output.WriteLine(cardLine);
        output.WriteLine(setup.DescribeMemory());

        var truth = outcomes.Where(o => o.Acknowledged is not null).ToDictionary(o => o.Respondent, o => o.Acknowledged!);
        var keys = new RespondentKeys(Options.Create(new ConcertationOptions { HashKey = setup.HashKey }));
        var answersOk = await CheckAnswersAsync(template, setup, storageConnectionString, pulseId, keys, truth, output, cancellationToken).ConfigureAwait(false);
        var participationOk = await CheckNoIdentityStoredAsync(setup, storageConnectionString, pulseId, output, cancellationToken).ConfigureAwait(false);

        var allOk = invokes.All(i => i.Answer.Status == 200) && notCards == 0 && notices == 0;
        var pass = allOk && problems.Count == 0 && answersOk && participationOk && cardOk && open.Status is >= 200 and < 300;
        output.WriteLine("verdict: " + (pass ? "PASS" : "FAIL") + (pass ? string.Empty : string.Create(CultureInfo.InvariantCulture,
            $" (all invokes 200 with a card {Yes(allOk)}, walks on script {Yes(problems.Count == 0)}, answers {Yes(answersOk)}, no identity stored {Yes(participationOk)}, live card {Yes(cardOk)})")));
        return new AnswerResult(all, submits, pass) { Steps = steps };
    }

    /// <summary>One respondent's walk through the pulse, following the cards the bot answers with.</summary>
    private static async Task<RespondentOutcome> RespondAsync(
        PulseTemplate template, TeamsChannel channel, TeamsUser user, RespondentPlan plan, JsonObject openData, string cardActivityId, ConcurrentBag<AnswerInvoke> invokes, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        ImmutableDictionary<string, StepAnswer>? acknowledged = null;

        async Task<JsonObject?> SendAsync(JsonObject activity, string verb)
        {
            var answer = await channel.SendAsync(activity, cancellationToken).ConfigureAwait(false);
            invokes.Add(new AnswerInvoke(plan.Index, verb, answer));
            return AnswerCards.CardOf(answer);
        }

        JsonObject? Activity(JsonObject? card, string verb, string? step, IReadOnlyDictionary<string, string>? typed)
        {
            if (card is null)
            {
                return null;
            }

            if (AnswerCards.FindAction(card, verb, step) is not { } action)
            {
                problems.Add($"no {verb}{(step is null ? string.Empty : " " + step)} on the card it got: {Shorten(string.Join(" | ", CardTexts.Of(card)))}");
                return null;
            }

            return channel.CardAction(user, verb, AnswerCards.DataOf(card, action, typed), cardActivityId);
        }

        async Task<JsonObject?> ClickAsync(JsonObject? card, string verb, string? step = null, IReadOnlyDictionary<string, string>? typed = null) =>
            Activity(card, verb, step, typed) is { } activity ? await SendAsync(activity, verb).ConfigureAwait(false) : null;

        // "Répondre" on the channel card, then every step: its inputs with "Suivant", or "Passer".
        var card = await SendAsync(channel.CardAction(user, CardVerbs.PulseOpen, openData.DeepClone().AsObject(), cardActivityId), CardVerbs.PulseOpen).ConfigureAwait(false);
        if (AnswerCards.ProfileStepPass(card) is { } passProfile)
        {
            // Nobody in the load declared a profile: the pulse offers the profile step first, and they pass it.
            card = await SendAsync(channel.CardAction(user, CardVerbs.PulseOpen, AnswerCards.DataOf(card!, passProfile, null), cardActivityId), CardVerbs.PulseOpen).ConfigureAwait(false);
        }

        for (var walked = 0; card is not null && AnswerCards.FindAction(card, CardVerbs.PulseSubmit) is null; walked++)
        {
            var stepId = AnswerCards.StepOf(card);
            var step = template.Steps.FirstOrDefault(s => s.Id == stepId);
            if (step is null || walked == MaxSteps)
            {
                problems.Add($"expected a step or the review, got: {Shorten(string.Join(" | ", CardTexts.Of(card)))}");
                return new RespondentOutcome(plan.Index, null, problems);
            }

            card = plan.Answers.TryGetValue(step.Id, out var answer)
                ? await ClickAsync(card, CardVerbs.PulseNext, step.Id, AnswerPlans.Inputs(step, answer)).ConfigureAwait(false)
                : await ClickAsync(card, CardVerbs.PulseSkip, step.Id).ConfigureAwait(false);
        }

        // "Envoyer", delivered once, or twice (the same activity, id included) at once or one after the other.
        var submit = Activity(card, CardVerbs.PulseSubmit, null, null);
        if (submit is null)
        {
            return new RespondentOutcome(plan.Index, null, Noted(problems, "never reached the review"));
        }

        JsonObject? thanks;
        if (plan.DeliverTwice && plan.ConcurrentDuplicate)
        {
            var both = await Task.WhenAll(SendAsync(submit, CardVerbs.PulseSubmit), SendAsync(submit.DeepClone().AsObject(), CardVerbs.PulseSubmit)).ConfigureAwait(false);
            thanks = both.FirstOrDefault(AnswerCards.IsThankYou);
            if (!both.All(AnswerCards.IsThankYou))
            {
                problems.Add("a copy of a doubly delivered submit did not get the thank-you card");
            }
        }
        else
        {
            thanks = await SendAsync(submit, CardVerbs.PulseSubmit).ConfigureAwait(false);
            if (plan.DeliverTwice && !AnswerCards.IsThankYou(await SendAsync(submit.DeepClone().AsObject(), CardVerbs.PulseSubmit).ConfigureAwait(false)))
            {
                problems.Add("the second delivery of the submit did not get the thank-you card");
            }
        }

        if (!AnswerCards.IsThankYou(thanks))
        {
            return new RespondentOutcome(plan.Index, null, Noted(problems, "the submit did not get the thank-you card"));
        }

        acknowledged = plan.Answers;
        if (plan.EditStep is not { } editStep)
        {
            return new RespondentOutcome(plan.Index, acknowledged, problems);
        }

        // "Modifier mes réponses", "Modifier" on one step, a new answer ("Enregistrer") or "Effacer cette réponse"
        // ("Retour" when nothing was saved there, as the card then offers nothing to erase), "Envoyer".
        var review = await ClickAsync(thanks, CardVerbs.PulseEdit).ConfigureAwait(false);
        var stepCard = await ClickAsync(review, CardVerbs.PulseEdit, editStep).ConfigureAwait(false);
        var editedStep = template.Steps.First(s => s.Id == editStep);
        review = plan.Edited is { } edited
            ? await ClickAsync(stepCard, CardVerbs.PulseNext, editStep, AnswerPlans.Inputs(editedStep, edited)).ConfigureAwait(false)
            : await ClickAsync(stepCard, plan.Answers.ContainsKey(editStep) ? CardVerbs.PulseClear : CardVerbs.PulseBack, editStep).ConfigureAwait(false);
        var thanksAgain = await ClickAsync(review, CardVerbs.PulseSubmit).ConfigureAwait(false);
        if (AnswerCards.IsThankYou(thanksAgain))
        {
            acknowledged = plan.AfterEdit;
        }
        else
        {
            problems.Add("the edit was not acknowledged with the thank-you card");
        }

        return new RespondentOutcome(plan.Index, acknowledged, problems);
    }

    /// <summary>PUTs of the pulse card from the first answer on: at most elapsed seconds + 1, and the last one shows every answer.</summary>
    private static (bool Ok, string Line) CheckLiveCard(IReadOnlyList<CapturedRequest> requests, string cardActivityId, DateTimeOffset from, DateTimeOffset answeringEnd, int respondents)
    {
        var puts = requests.Where(r => r.Operation == ConnectorOperation.UpdateActivity && r.ReceivedAt >= from && r.ActivityId == cardActivityId).ToList();
        var last = puts.LastOrDefault(r => r.Succeeded);
        var window = (last is null || last.ReceivedAt < answeringEnd ? answeringEnd : last.ReceivedAt) - from;
        var bound = (int)Math.Floor(window.TotalSeconds) + 1;
        var shown = last is null ? null : CardTexts.Of(AnswerCards.Parse(last.Body)).Select(t => AnswerCount().Match(t)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        var expected = respondents.ToString(CultureInfo.InvariantCulture);
        var paced = puts.Count <= bound;
        var final = shown == expected;
        var throttled = requests.Count(r => r.ResponseStatus == 429);
        return (paced && final, string.Create(CultureInfo.InvariantCulture,
            $"connector: {puts.Count} PUTs of the pulse card in {window.TotalSeconds:0.0} s (bound elapsed + 1 = {bound}: {(paced ? "ok" : "EXCEEDED")}); last shows {shown ?? "?"} answers, expected {expected} ({(final ? "ok" : "WRONG")}); 429s {throttled}; requests {requests.Count}"));
    }

    /// <summary>Exactly one answer entity per respondent, under the keyed hash of (pulse, person), equal to the last acknowledged answers.</summary>
    private static async Task<bool> CheckAnswersAsync(
        PulseTemplate template, BotUnderLoad setup, string storageConnectionString, string pulseId, RespondentKeys keys, Dictionary<int, ImmutableDictionary<string, StepAnswer>> truth, TextWriter output, CancellationToken cancellationToken)
    {
        var expected = truth.ToDictionary(
            t => keys.ForPulse(pulseId, PersonId.Of(new Bot.Protocol.ChannelAccount { Id = setup.Voters[t.Key].Id, AadObjectId = setup.Voters[t.Key].AadObjectId })),
            t => AnswerPlans.ExpectedFields(template, t.Value),
            StringComparer.Ordinal);
        var stored = new Dictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        var duplicates = 0;
        var table = new TableClient(storageConnectionString, PulseStore.AnswersTable);
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pulseId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == "~fence")
            {
                // The pulse's answer fence (no fields), not an answer.
                continue;
            }

            var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in entity)
            {
                if (!BookkeepingFields.Contains(name) && !name.StartsWith("odata.", StringComparison.Ordinal) && value is not null)
                {
                    fields[name] = Invariant(value);
                }
            }

            if (!stored.TryAdd(entity.RowKey, fields))
            {
                duplicates++;
            }
        }

        var missing = expected.Keys.Count(k => !stored.ContainsKey(k));
        var extra = stored.Keys.Count(k => !expected.ContainsKey(k));
        var wrong = expected.Where(e => stored.TryGetValue(e.Key, out var fields) && !fields.SequenceEqual(e.Value)).ToList();
        var ok = missing == 0 && extra == 0 && wrong.Count == 0 && duplicates == 0 && expected.Count == setup.Voters.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage: {stored.Count} answers in {PulseStore.AnswersTable}/{pulseId} for {setup.Voters.Count} respondents ({expected.Count} acknowledged, {expected.Values.Sum(f => f.Count)} fields): missing {missing}, extra {extra}, doubled {duplicates}, wrong fields {wrong.Count} -> {(ok ? "ok" : "WRONG")}"));
        foreach (var (key, fields) in wrong.Take(3))
        {
            output.WriteLine($"storage: e.g. {key[..Math.Min(12, key.Length)]}…: fields that differ from the last acknowledged answers: {Differing(stored[key], fields)}");
        }

        return ok;
    }

    /// <summary>
    /// Who answered is not stored: no row of any table names a respondent (user id or Entra id), and the pulse's answer
    /// rows hold no time finer than a day, so nothing in storage ties an answer to a person.
    /// </summary>
    private static async Task<bool> CheckNoIdentityStoredAsync(BotUnderLoad setup, string storageConnectionString, string pulseId, TextWriter output, CancellationToken cancellationToken)
    {
        var identities = setup.Voters.SelectMany(v => new[] { v.Id, v.AadObjectId }).Where(id => !string.IsNullOrEmpty(id)).ToList();
        var service = new TableServiceClient(storageConnectionString);
        int tables = 0, rows = 0, naming = 0, timed = 0;
        await foreach (var item in service.QueryAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            tables++;
            await foreach (var entity in service.GetTableClient(item.Name).QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows++;
                var text = string.Join('\n', entity.Select(p => Convert.ToString(p.Value, CultureInfo.InvariantCulture)).Append(entity.PartitionKey).Append(entity.RowKey));
                if (identities.Any(id => text.Contains(id, StringComparison.OrdinalIgnoreCase)))
                {
                    naming++;
                }

                if (item.Name == PulseStore.AnswersTable && entity.PartitionKey == pulseId
                    && entity.Where(p => p.Key != "Timestamp").Select(p => p.Value).OfType<DateTimeOffset>().Any(t => t.UtcDateTime.TimeOfDay != TimeSpan.Zero))
                {
                    timed++;
                }
            }
        }

        var ok = naming == 0 && timed == 0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage: {rows} rows in {tables} tables: {naming} name a respondent, {timed} answers hold a time finer than a day -> {(ok ? "ok" : "WRONG")}"));
        return ok;
    }

    private static string Invariant(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Differing(SortedDictionary<string, string> stored, SortedDictionary<string, string> expected) =>
        string.Join(", ", stored.Keys.Union(expected.Keys).Where(name =>
            !stored.TryGetValue(name, out var s) || !expected.TryGetValue(name, out var e) || s != e)
            .Select(name => name + (stored.ContainsKey(name) ? expected.ContainsKey(name) ? " (other value)" : " (not expected)" : " (missing)")));

    private static string Yes(bool ok) => ok ? "yes" : "NO";

    private static List<string> Noted(List<string> problems, string problem)
    {
        problems.Add(problem);
        return problems;
    }

    private static string Shorten(string text)
    {
        var flat = text.Replace('\n', ' ').Replace('\r', ' ');
        return flat.Length <= 160 ? flat : flat[..160] + "…";
    }

    [GeneratedRegex(@"^(\d+) réponses?$", RegexOptions.CultureInvariant)]
    private static partial Regex AnswerCount();
}
