using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConcertationBot.Cards;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Dialogs.Templates;
using ConcertationBot.Tests.Support;

namespace ConcertationBot.Load;

/// <summary>
/// A big table (issue #23): a team of N + 1 members (the connector serves the roster in pages of at most 200, as Teams
/// does), N respondents who each walk the whole pulse over HTTP and write 500 characters in every text field (5 freins,
/// 5 leviers, the change: 11 texts), then <c>pulse état</c>, <c>pulse clore</c> (time until the summary card reaches
/// the connector, and its size) and the two export downloads (time and size). PASS when every invoke is answered with
/// a card and every walk ends on the thank-you card, every <c>pulse état</c> says "N … N + 1", the summary card arrives,
/// under 80 KB (UTF-16), saying "N réponses", the compte-rendu holds every text of every answer (Markdown and CSV), and
/// the bot's peak RSS stayed at most <see cref="MaxPeakRssMb"/>. Part-way through the walks (when
/// <see cref="RemindedMembers"/> members have not answered yet), <c>pulse rappel</c> reminds those members and is timed.
/// </summary>
internal static class BigTableScenario
{
    public const int TextLength = 500;
    private const int StatusRepetitions = 5;
    private const int MaxCardUtf16Bytes = 80 * 1024;
    private const int MaxReplays = 5;
    private static int s_replays;

    /// <summary>How long the close may take to post its summary: a close the command's turn cannot finish is posted by the sweep, whose next try comes a minute later.</summary>
    private static readonly TimeSpan SummaryWait = TimeSpan.FromSeconds(150);
    /// <summary>The pause after the summary before the export's memory window opens (the close's work settles).</summary>
    private static readonly TimeSpan ExportSettle = TimeSpan.FromSeconds(2);

    /// <summary>The setting (an environment variable) that changes <see cref="MaxPeakRssMb"/>.</summary>
    public const string MaxPeakRssSetting = "LOAD_BIGTABLE_MAX_RSS_MB";

    /// <summary>Issue #23's bound on the bot's peak RSS (the larger of VmRSS sampled every 100 ms and the kernel's VmHWM).</summary>
    public const int DefaultMaxPeakRssMb = 200;

    /// <summary>How many members have not answered when <c>pulse rappel</c> is sent (the coordinator among them); half the table with --short.</summary>
    public const int RemindedMembers = 300;

    /// <summary>How long the reminders may take: the bot paces conversation creation under Teams' 60 per 30 s.</summary>
    private static readonly TimeSpan ReminderWait = TimeSpan.FromMinutes(6);

    /// <summary>The bot's peak RSS the verdict allows, in MB: <see cref="DefaultMaxPeakRssMb"/> unless <see cref="MaxPeakRssSetting"/> says otherwise.</summary>
    public static int MaxPeakRssMb =>
        int.TryParse(Environment.GetEnvironmentVariable(MaxPeakRssSetting), NumberStyles.None, CultureInfo.InvariantCulture, out var mb) && mb > 0 ? mb : DefaultMaxPeakRssMb;

    private static readonly string[] Conditions = ["agenda", "mesures", "activites", "communication", "soutien"];

    public static async Task<bool> RunAsync(LoadSettings settings, string repositoryRoot, string storageConnectionString, string logDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        await using var setup = await BotUnderLoad.StartAsync(settings, repositoryRoot, storageConnectionString, logDirectory, cancellationToken).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bot: pid {setup.Bot.ProcessId} at {setup.Bot.BaseAddress} (log {setup.Bot.LogPath}); connector {setup.Connector.ServiceUrl}"));
        return await RunAsync(settings, setup, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> RunAsync(LoadSettings settings, BotUnderLoad setup, TextWriter output, CancellationToken cancellationToken)
    {
        var template = PulseTemplates.Default;
        var connector = setup.Connector;
        var channel = setup.Channel;
        var respondents = setup.Voters.Count;
        var members = respondents + 1;

        // The pulse.
        var openedAt = connector.Now;
        await channel.SendAsync(channel.Message(setup.Coordinator, "pulse démarrer"), cancellationToken).ConfigureAwait(false);
        var posted = await connector.WaitForAsync(
            r => r.ReceivedAt >= openedAt && r.IsPost && r.Succeeded && AnswerCards.FindAction(Parse(r.Body), CardVerbs.PulseOpen) is not null,
            TimeSpan.FromSeconds(30),
            cancellationToken).ConfigureAwait(false);
        if (posted is null || AnswerCards.FindAction(Parse(posted.Body), CardVerbs.PulseOpen)?["data"] is not JsonObject openData)
        {
            output.WriteLine("bigtable: no pulse card with a 'Répondre' action reached the connector");
            output.WriteLine("verdict: FAIL");
            return false;
        }

        var cardActivityId = posted.AssignedId ?? "pulse-card";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bigtable: {members} members (roster pages of at most {BotUnderLoad.RosterPageSize}), {respondents} respondents writing {TextLength} characters in each of 11 text fields, concurrency {settings.Concurrency}"));

        // Every respondent walks the pulse and sends it.
        var invokes = new ConcurrentBag<(string Verb, BotAnswer Answer)>();
        var problems = new ConcurrentBag<string>();
        async Task WalkAllAsync(IEnumerable<int> indexes) => await Parallel.ForEachAsync(
            indexes,
            new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var problem = await WalkAsync(template, channel, setup.Voters[index], index, openData, cardActivityId, invokes, token).ConfigureAwait(false);
                if (problem is not null)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"respondent {index + 1}: {problem}"));
                }
            }).ConfigureAwait(false);

        // The first wave answers; pulse rappel reminds the members left (the coordinator among them); the others answer.
        var reminded = settings.Short ? Math.Min(RemindedMembers, members / 2) : Math.Min(RemindedMembers, members);
        var firstWave = members - reminded;
        var clock = Stopwatch.StartNew();
        await WalkAllAsync(Enumerable.Range(0, firstWave)).ConfigureAwait(false);
        clock.Stop();
        await connector.WaitForQuietAsync(TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var (remindOk, remindLine) = await RemindAsync(setup, reminded, cancellationToken).ConfigureAwait(false);
        output.WriteLine(remindLine);
        clock.Start();
        await WalkAllAsync(Enumerable.Range(firstWave, respondents - firstWave)).ConfigureAwait(false);
        clock.Stop();
        var all = Latencies.Of(invokes.Select(i => i.Answer.Latency).ToList(), clock.Elapsed);
        var submits = Latencies.Of(invokes.Where(i => i.Verb == CardVerbs.PulseSubmit).Select(i => i.Answer.Latency).ToList(), clock.Elapsed);
        var notOk = invokes.Count(i => i.Answer.Status != 200 || AnswerCards.CardOf(i.Answer) is null);
        var tryAgain = invokes.Count(i => FaultAnswers.RetryAction(i.Answer) is not null);
        output.WriteLine("bigtable: answer invokes " + all.Describe("invokes"));
        output.WriteLine("bigtable: submits " + submits.Describe("submits"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bigtable: invokes not answered 200 with a card {notOk}; try-again cards {tryAgain}, replayed through their 'Réessayer' {Volatile.Read(ref s_replays)}; walks off script {problems.Count}"));
        foreach (var problem in problems.Take(5))
        {
            output.WriteLine("bigtable: e.g. " + problem);
        }

        await connector.WaitForQuietAsync(TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);

        // pulse état, one at a time.
        var expected = new[] { respondents.ToString(CultureInfo.InvariantCulture), members.ToString(CultureInfo.InvariantCulture) };
        var statusSamples = new List<TimeSpan>();
        var wrongStatus = 0;
        clock.Restart();
        for (var i = 0; i < StatusRepetitions; i++)
        {
            var sentAt = connector.Now;
            var answer = await channel.SendAsync(channel.Message(setup.Coordinator, "pulse état"), cancellationToken).ConfigureAwait(false);
            statusSamples.Add(answer.Latency);
            var reply = await connector.WaitForAsync(r => r.ReceivedAt >= sentAt && r.IsPost && r.Succeeded, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            var texts = reply is null ? [] : CardTexts.Of(Parse(reply.Body));
            if (answer.Status is < 200 or >= 300 || !texts.Any(t => expected.All(n => CardTexts.ContainsNumber(t, n))))
            {
                wrongStatus++;
            }
        }

        clock.Stop();
        output.WriteLine("bigtable: pulse état " + Latencies.Of(statusSamples, clock.Elapsed).Describe("commands")
            + string.Create(CultureInfo.InvariantCulture, $"; replies without \"{expected[0]} … {expected[1]}\": {wrongStatus}"));
        var (beforeClose, _) = setup.Bot.Memory();

        // pulse clore: until the summary card reaches the connector.
        var closedAt = connector.Now;
        var close = await channel.SendAsync(channel.Message(setup.Coordinator, "pulse clore"), cancellationToken).ConfigureAwait(false);
        var summary = await connector.WaitForAsync(
            r => r.ReceivedAt >= closedAt && r.IsPost && r.Succeeded && CardTexts.Of(Parse(r.Body)).Any(t => t.Contains("Synthèse du pouls", StringComparison.Ordinal)),
            SummaryWait,
            cancellationToken).ConfigureAwait(false);
        var delayed = connector.Requests.FirstOrDefault(r => r.ReceivedAt >= closedAt && r.IsPost && r.Succeeded && CardTexts.Of(Parse(r.Body)).Any(t => t.Contains("retardée", StringComparison.Ordinal)));
        if (delayed is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bigtable: the close did not finish within the command's turn: 'Synthèse retardée' posted {(delayed.ReceivedAt - closedAt).TotalMilliseconds:0} ms after the command; the summary is left to the sweep"));
        }
        var summaryOk = false;
        if (summary is null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bigtable: pulse clore answered {close.Status} in {close.Latency.TotalMilliseconds:0} ms; NO summary card within {SummaryWait.TotalSeconds:0} s"));
        }
        else
        {
            var card = Parse(summary.Body)?["attachments"]?[0]?["content"];
            var cardBytes = (card?.ToJsonString().Length ?? int.MaxValue) * 2L;
            var says = CardTexts.Of(Parse(summary.Body)).Any(t => t.Contains(expected[0] + " réponses", StringComparison.Ordinal));
            summaryOk = cardBytes <= MaxCardUtf16Bytes && says;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bigtable: pulse clore answered {close.Status} in {close.Latency.TotalMilliseconds:0} ms; summary card posted {(summary.ReceivedAt - closedAt).TotalMilliseconds:0} ms after the command, {cardBytes / 1024.0:0.0} KB (UTF-16; limit 80), says \"{expected[0]} réponses\": {(says ? "yes" : "no")}"));
        }

        // The exports, with the bot's memory watched from just before (the close done, nothing else running).
        await Task.Delay(ExportSettle, cancellationToken).ConfigureAwait(false);
        var beforeExport = setup.Bot.BeginWindow();
        var (exportOk, exportLine) = await ExportAsync(setup, respondents, cancellationToken).ConfigureAwait(false);
        var duringExport = setup.Bot.EndWindow();
        output.WriteLine(exportLine);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bigtable: export memory after the close: bot RSS {beforeExport / 1024.0:0.0} MB just before 'export', peak {duringExport / 1024.0:0.0} MB during the command and both downloads: {(duringExport - beforeExport) / 1024.0:+0.0;-0.0;0.0} MB"));

        // Once more from an idle bot: the close above grew the heap, which the export can then reuse without showing in
        // RSS. A bot started afresh (SIGKILL, same port and storage) and left idle is the baseline issue #23 speaks of.
        var (peakBeforeRestart, highWaterBeforeRestart) = setup.Bot.Memory();
        await setup.Bot.KillAsync(cancellationToken).ConfigureAwait(false);
        await setup.Bot.RestartAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(ExportSettle, cancellationToken).ConfigureAwait(false);
        var idle = setup.Bot.BeginWindow();
        var idleParts = RssParts(setup.Bot.ProcessId);
        var phases = new List<(string Phase, long PeakKb)>();
        var (freshExportOk, freshExportLine) = await ExportAsync(setup, respondents, cancellationToken, phases).ConfigureAwait(false);
        var freshPeak = setup.Bot.EndWindow();
        exportOk &= freshExportOk;
        output.WriteLine(freshExportLine.Replace("bigtable: export", "bigtable: export from a fresh idle bot", StringComparison.Ordinal));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bigtable: export memory from idle: bot RSS {idle / 1024.0:0.0} MB idle after a restart, peak {freshPeak / 1024.0:0.0} MB during the command and both downloads: {(freshPeak - idle) / 1024.0:+0.0;-0.0;0.0} MB (issue #23's aim: at most 10 MB above idle; reported, not in the verdict)"));
        output.WriteLine(PhaseLine("Markdown first", idle, phases));
        output.WriteLine("bigtable: export memory from idle (Markdown first), kinds of RSS idle → after both downloads: " + idleParts + " → " + RssParts(setup.Bot.ProcessId));

        // And from idle again with the CSV first, so that each download's own rise from idle is seen.
        var (peakFirstRestart, highWaterFirstRestart) = setup.Bot.Memory();
        await setup.Bot.KillAsync(cancellationToken).ConfigureAwait(false);
        await setup.Bot.RestartAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(ExportSettle, cancellationToken).ConfigureAwait(false);
        var idleAgain = setup.Bot.BeginWindow();
        phases.Clear();
        var (csvFirstOk, _) = await ExportAsync(setup, respondents, cancellationToken, phases, csvFirst: true).ConfigureAwait(false);
        exportOk &= csvFirstOk;
        output.WriteLine(PhaseLine("CSV first", idleAgain, phases));

        // And once more from the same bot, idle again after serving one export: what a second export costs once the
        // code has run and the heap has grown for it, which is what grows (or not) with the table.
        await Task.Delay(ExportSettle, cancellationToken).ConfigureAwait(false);
        var warmIdle = setup.Bot.BeginWindow();
        phases.Clear();
        var (warmOk, _) = await ExportAsync(setup, respondents, cancellationToken, phases).ConfigureAwait(false);
        exportOk &= warmOk;
        var warmPeak = setup.Bot.EndWindow();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bigtable: export memory from a bot idle after one export: bot RSS {warmIdle / 1024.0:0.0} MB, peak {warmPeak / 1024.0:0.0} MB during the command and both downloads: {(warmPeak - warmIdle) / 1024.0:+0.0;-0.0;0.0} MB"));
        var (afterExport, highWaterAfterRestart) = setup.Bot.Memory();
        afterExport = Math.Max(afterExport, peakFirstRestart);
        highWaterAfterRestart = Math.Max(highWaterAfterRestart, highWaterFirstRestart);
        var highWater = Math.Max(highWaterBeforeRestart, highWaterAfterRestart);
        afterExport = Math.Max(afterExport, peakBeforeRestart);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bigtable: bot RSS peak before the close {beforeClose / 1024.0:0.0} MB, after the close and the exports {afterExport / 1024.0:0.0} MB (VmHWM {highWater / 1024.0:0.0} MB)"));
        output.WriteLine(setup.DescribeMemory());
        var peakMb = Math.Max(afterExport, highWater) / 1024.0;
        var memoryOk = peakMb <= MaxPeakRssMb;
        output.WriteLine(peakMb == 0
            ? "bigtable: the bot's RSS could not be read (no /proc): FAIL, the peak is part of the verdict"
            : string.Create(CultureInfo.InvariantCulture,
                $"bigtable: bot peak RSS {peakMb:0.0} MB, limit {MaxPeakRssMb} MB ({MaxPeakRssSetting}): {(memoryOk ? "met" : "EXCEEDED")}"));
        memoryOk &= peakMb > 0;

        var pass = notOk == 0 && problems.IsEmpty && wrongStatus == 0 && remindOk && summaryOk && exportOk && memoryOk;
        output.WriteLine("verdict: " + (pass ? "PASS" : "FAIL"));
        return pass;
    }

    /// <summary>The respondent's walk: "Répondre", every step answered, "Envoyer"; null when it ended on the thank-you card.</summary>
    internal static async Task<string?> WalkAsync(
        PulseTemplate template, TeamsChannel channel, TeamsUser user, int index, JsonObject openData, string cardActivityId, ConcurrentBag<(string, BotAnswer)> invokes, CancellationToken cancellationToken)
    {
        async Task<JsonObject?> SendAsync(string verb, JsonObject data)
        {
            var answer = await channel.SendAsync(channel.CardAction(user, verb, data, cardActivityId), cancellationToken).ConfigureAwait(false);
            invokes.Add((verb, answer));

            // A try-again card (storage too slow for the invoke's budget): click its "Réessayer", as a person would.
            for (var replay = 0; replay < MaxReplays && FaultAnswers.RetryAction(answer) is { } retry; replay++)
            {
                Interlocked.Increment(ref s_replays);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                answer = await channel.SendAsync(channel.CardAction(user, retry.Verb, retry.Data, cardActivityId), cancellationToken).ConfigureAwait(false);
                invokes.Add((retry.Verb, answer));
            }

            return AnswerCards.CardOf(answer);
        }

        var card = await SendAsync(CardVerbs.PulseOpen, openData.DeepClone().AsObject()).ConfigureAwait(false);
        if (AnswerCards.ProfileStepPass(card) is { } passProfile)
        {
            // Nobody in the load declared a profile: the pulse offers the profile step first, and they pass it.
            card = await SendAsync(CardVerbs.PulseOpen, AnswerCards.DataOf(card!, passProfile, null)).ConfigureAwait(false);
        }

        for (var walked = 0; card is not null && AnswerCards.FindAction(card, CardVerbs.PulseSubmit) is null; walked++)
        {
            var step = template.Steps.FirstOrDefault(s => s.Id == AnswerCards.StepOf(card));
            if (step is null || walked > template.Steps.Count || AnswerCards.FindAction(card, CardVerbs.PulseNext, step.Id) is not { } next)
            {
                return "expected a step or the review, got: " + string.Join(" | ", CardTexts.Of(card)).Left(200);
            }

            card = await SendAsync(CardVerbs.PulseNext, AnswerCards.DataOf(card, next, Inputs(step, index))).ConfigureAwait(false);
        }

        if (card is null || AnswerCards.FindAction(card, CardVerbs.PulseSubmit) is not { } submit)
        {
            return "never reached the review";
        }

        var thanks = await SendAsync(CardVerbs.PulseSubmit, AnswerCards.DataOf(card, submit, null)).ConfigureAwait(false);
        return AnswerCards.IsThankYou(thanks) ? null : "no thank-you card after Envoyer";
    }

    private static Dictionary<string, string> Inputs(PulseStep step, int index) => step switch
    {
        RatingStep => new() { [PulseInputIds.Rating] = (1 + (index % 5)).ToString(CultureInfo.InvariantCulture) },
        ChoiceStep choice => new() { [PulseInputIds.Choice] = choice.Options[index % choice.Options.Count].Id },
        ChangeStep => new() { [PulseInputIds.ChangeText] = Text(index, "change"), [PulseInputIds.Direction] = index % 2 == 0 ? PulseInputIds.Positive : "negative" },
        _ => new() { [PulseInputIds.Frein] = Text(index, step.Id + " frein"), [PulseInputIds.Levier] = Text(index, step.Id + " levier") },
    };

    /// <summary>A distinct 500-character text: "R0042 agenda frein : " and full sentences with accents and guillemets.</summary>
    internal static string Text(int index, string field)
    {
        var text = new StringBuilder(Marker(index)).Append(' ').Append(field).Append(" : ");
        const string Sentences = "les réunions tombent pendant les heures d'école et les parents n'y viennent pas, il faudrait « varier les horaires » et garder la salle du centre communautaire ouverte le soir ";
        while (text.Length < TextLength)
        {
            text.Append(Sentences);
        }

        return text.ToString(0, TextLength - 1) + ".";
    }

    private static string Marker(int index) => "R" + (index + 1).ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>pulse rappel</c> while <paramref name="expected"/> members have not answered: the time to its first reply, and
    /// until every member has had their 1:1 reminder and the progress card has become the report.
    /// </summary>
    private static async Task<(bool Ok, string Line)> RemindAsync(BotUnderLoad setup, int expected, CancellationToken cancellationToken)
    {
        var connector = setup.Connector;
        var sentAt = connector.Now;
        var answer = await setup.Channel.SendAsync(setup.Channel.Message(setup.Coordinator, "pulse rappel"), cancellationToken).ConfigureAwait(false);
        var firstReply = await connector.WaitForAsync(r => r.ReceivedAt >= sentAt && r.IsPost && r.Succeeded && !IsPersonal(r), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var deadline = DateTime.UtcNow + ReminderWait;
        List<CapturedRequest> reminders;
        int reminded;
        while ((reminded = (reminders = [.. connector.Requests.Where(r => r.ReceivedAt >= sentAt && r.IsPost && r.Succeeded && IsPersonal(r))])
            .Select(r => r.ConversationId).Distinct(StringComparer.Ordinal).Count()) < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        var lastReminder = reminders.Count == 0 ? sentAt : reminders.Max(r => r.ReceivedAt);
        var report = reminded < expected ? null : await connector.WaitForAsync(
            r => r.ReceivedAt >= lastReminder && r.Succeeded && r.IsWrite && !IsPersonal(r),
            TimeSpan.FromSeconds(30),
            cancellationToken).ConfigureAwait(false);
        var ok = answer.Status is >= 200 and < 300 && firstReply is not null && reminded == expected && report is not null;
        return (ok, string.Create(CultureInfo.InvariantCulture,
            $"bigtable: pulse rappel to {expected} members not answered: answered {answer.Status} in {answer.Latency.TotalMilliseconds:0} ms, first reply {(firstReply is null ? "none" : $"{(firstReply.ReceivedAt - sentAt).TotalMilliseconds:0} ms")}; {reminded} members reminded 1:1 ({reminders.Count} posts) in {(lastReminder - sentAt).TotalSeconds:0.0} s; report {(report is null ? "none" : $"{(report.ReceivedAt - sentAt).TotalSeconds:0.0} s")} after the command"));

        // The connector names the 1:1 conversations it creates "a:conversation-…".
        static bool IsPersonal(CapturedRequest request) => request.ConversationId?.StartsWith("a:", StringComparison.Ordinal) == true;
    }

    /// <summary><c>export</c>, then both downloads: their time and size, and whether every text of every answer is in each.</summary>
    /// <summary>
    /// The kinds of resident memory of process <paramref name="processId"/> (<c>/proc/…/status</c>): anonymous (GC heap and
    /// native), file-backed (mapped assemblies and data) and shared (the JIT's double-mapped code); empty without /proc.
    /// </summary>
    private static string RssParts(int processId)
    {
        var path = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        var parts = File.ReadLines(path)
            .Where(l => l.StartsWith("RssAnon:", StringComparison.Ordinal) || l.StartsWith("RssFile:", StringComparison.Ordinal) || l.StartsWith("RssShmem:", StringComparison.Ordinal))
            .Select(l => l.Split(':', 2))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p[0][3..]} {long.Parse(p[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0:0.0} MB"));
        return string.Join(", ", parts);
    }

    /// <summary>The bot's peak RSS after each phase of a download from idle, cumulative (a phase's own rise is the step from the one before).</summary>
    private static string PhaseLine(string order, long idleKb, List<(string Phase, long PeakKb)> phases) =>
        string.Create(CultureInfo.InvariantCulture, $"bigtable: export memory from idle ({order}), peak after each step above the idle {idleKb / 1024.0:0.0} MB: ")
        + string.Join(", ", phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {(p.PeakKb - idleKb) / 1024.0:+0.0;-0.0;0.0} MB")));

    private static async Task<(bool Ok, string Line)> ExportAsync(
        BotUnderLoad setup, int respondents, CancellationToken cancellationToken, List<(string Phase, long PeakKb)>? phases = null, bool csvFirst = false)
    {
        var connector = setup.Connector;
        var sentAt = connector.Now;
        await setup.Channel.SendAsync(setup.Channel.Message(setup.Coordinator, "export"), cancellationToken).ConfigureAwait(false);
        var reply = await connector.WaitForAsync(r => r.ReceivedAt >= sentAt && r.IsPost && r.Succeeded && r.Body.Contains("compte-rendu.csv", StringComparison.Ordinal), TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        var urls = reply is null ? [] : Regex.Matches(Parse(reply.Body)?.ToJsonString() ?? string.Empty, "https?://[^\"]+").Select(m => m.Value.Replace("\\u0026", "&", StringComparison.Ordinal)).ToList();
        var markdownUrl = urls.FirstOrDefault(u => new Uri(u).AbsolutePath.EndsWith(".md", StringComparison.Ordinal));
        var csvUrl = urls.FirstOrDefault(u => new Uri(u).AbsolutePath.EndsWith(".csv", StringComparison.Ordinal));
        if (markdownUrl is null || csvUrl is null)
        {
            return (false, "bigtable: export: no card with the two download links");
        }

        phases?.Add(("'export' command", setup.Bot.EndWindow()));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        var line = new StringBuilder("bigtable: export");
        var ok = true;
        (string Name, string Url)[] downloads = csvFirst ? [("CSV", csvUrl), ("Markdown", markdownUrl)] : [("Markdown", markdownUrl), ("CSV", csvUrl)];
        foreach (var (name, url) in downloads)
        {
            var started = Stopwatch.GetTimestamp();
            var bytes = await http.GetByteArrayAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var text = Encoding.UTF8.GetString(bytes);

            // Every text starts with its respondent's marker and field: count the distinct (marker, field) pairs found.
            var found = Regex.Matches(text, @"R\d{5} [a-z]+(?: frein| levier)? : les réunions").Select(m => m.Value).Distinct(StringComparer.Ordinal).Count();
            var lines = name == "CSV" ? text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length : 0;
            var complete = found == respondents * 11 && (name != "CSV" || lines == respondents + 1);
            ok &= complete;
            line.Append(string.Create(CultureInfo.InvariantCulture,
                $"; {name} {bytes.Length / 1024.0:0.0} KB in {elapsed.TotalMilliseconds:0} ms, texts found {found} of {respondents * 11}{(name == "CSV" ? $", lines {lines}" : string.Empty)}"));
            phases?.Add((name, setup.Bot.EndWindow()));
        }

        return (ok, line.ToString());
    }

    private static string Left(this string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body.Length == 0 ? "{}" : body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
