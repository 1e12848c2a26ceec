using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Dialogs.Export;
using ConcertationBot.Dialogs.Pulse;
using ConcertationBot.Dialogs.Summaries;
using ConcertationBot.Dialogs.Templates;
using ConcertationBot.Tests.Bot.Pulses;
using ConcertationBot.Tests.Infrastructure;

namespace ConcertationBot.Tests.Bot.Exports;

/// <summary>
/// The downloads are written as the answer rows are read (issue #23, "exports streamed"): over HTTP, on Azurite, with
/// more answers than two Table pages, the documents are those written from every answer in memory, hold every answer,
/// start before the last rows are read, and a storage failure part-way leaves a failed download, not half a document.
/// </summary>
public sealed class StreamedExportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Respondents = 250;
    private const int TextLength = 300;
    private static readonly TimeSpan GateWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Download_MoreAnswersThanTwoPages_DocumentsOfEveryAnswerInMemoryEveryAnswerOnce()
    {
        // Arrange
        var hooks = new StorageHooks();
        await using var bed = await StartAsync(hooks);
        var (pulse, links) = await ClosedBigPulseAsync(bed);
        var store = bed.Factory.Services.GetRequiredService<IPulseStore>();
        var rows = new List<PulseAnswerRow>();
        await foreach (var row in store.ReadAnswersAsync(pulse.PulseId, CancellationToken.None))
        {
            rows.Add(row);
        }

        var language = PulseCardRefresher.LanguageOf(pulse).Language;
        var closer = bed.Factory.Services.GetRequiredService<PulseCloser>();
        var stored = await closer.ReadSummaryAsync(pulse, wholeTexts: false, CancellationToken.None);
        var whole = await closer.ReadSummaryAsync(pulse, wholeTexts: true, CancellationToken.None);
        var expectedMarkdown = CompteRendu.Markdown(new CompteRenduInput
        {
            Summary = LocalTime.In(whole, pulse.TimeZone),
            Template = PulseTemplates.Default,
            Language = language,
            Title = pulse.PlaceName ?? ExportWords.DefaultTitle.For(language),
            GeneratedAt = DateTimeOffset.UnixEpoch,
        });
        var expectedCsv = CompteRendu.Csv(PulseTemplates.Default, [.. rows.Select(r => r.Fields)], language, PulseSummaries.DefaultMinimumGroupSize);

        // Act
        var markdown = await bed.Http.GetStringAsync(links.Markdown);
        var csv = await bed.Http.GetByteArrayAsync(links.Csv);

        // Assert: the same documents as written from every answer at once (but the time it was made), every text once.
        Assert.True(PulseSummaries.IsBounded(stored), "the stored summary of a big table leaves texts out");
        Assert.Equal(Respondents, rows.Count);
        Assert.Equal(WithoutGeneratedLine(expectedMarkdown), WithoutGeneratedLine(markdown));
        Assert.Equal(expectedCsv, csv);
        var csvText = Encoding.UTF8.GetString(csv);
        Assert.Equal(Respondents + 1, csvText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        for (var i = 0; i < Respondents; i++)
        {
            foreach (var field in (string[])["agenda frein", "agenda levier", "soutien frein", "change"])
            {
                var text = Text(i, field);
                Assert.Equal(1, Occurrences(markdown, text));
                Assert.Equal(1, Occurrences(csvText, text));
            }
        }
    }

    [Fact]
    public async Task DownloadCsv_MoreAnswersThanTwoPages_FirstRowsSentBeforeTheLastPageIsRead()
    {
        // Arrange: the query for the last page of answers waits until the client has received the first rows.
        var hooks = new StorageHooks();
        await using var bed = await StartAsync(hooks);
        var (_, links) = await ClosedBigPulseAsync(bed);
        var firstRows = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lastPageAfterFirstRows = false;
        var pages = 0;
        hooks.BeforeNext(
            (request, _) => IsCsvPage(request) && Interlocked.Increment(ref pages) == 3,
            async () =>
            {
                await firstRows.Task.WaitAsync(GateWait);
                lastPageAfterFirstRows = true;
            });

        // Act
        using var response = await bed.Http.GetAsync(links.Csv, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = await ReadLinesAsync(body, CompteRendu.CsvGroupSize + 1);
        firstRows.SetResult();
        using var rest = new StreamReader(body, Encoding.UTF8);
        var all = received + await rest.ReadToEndAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(lastPageAfterFirstRows, "the last page of answers was read before the client had the first rows");
        Assert.Equal(3, pages);
        Assert.Equal(Respondents + 1, all.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task DownloadMarkdown_BigTable_EachListReadOnItsOwnAfterTheFirstPartIsSent()
    {
        // Arrange: the read of the agenda's leviers waits until the client has received the beginning of the document.
        var hooks = new StorageHooks();
        await using var bed = await StartAsync(hooks);
        var (_, links) = await ClosedBigPulseAsync(bed);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var leviersAfterStart = false;
        hooks.BeforeNext(
            (request, _) => IsAnswerPage(request) && Select(request.RequestUri!.PathAndQuery).Contains("agenda_levier", StringComparison.Ordinal),
            async () =>
            {
                await started.Task.WaitAsync(GateWait);
                leviersAfterStart = true;
            });
        var seenBefore = hooks.Seen.Count;

        // Act
        using var response = await bed.Http.GetAsync(links.Markdown, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var first = new byte[CompteRendu.PartLength];
        await body.ReadExactlyAsync(first);
        started.SetResult();
        using var rest = new StreamReader(body, Encoding.UTF8);
        var markdown = Encoding.UTF8.GetString(first) + await rest.ReadToEndAsync();

        // Assert: the leviers were read after the first part was sent, and every answer query read one list's columns.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(leviersAfterStart, "the leviers were read before anything was sent");
        var queries = hooks.Seen.Skip(seenBefore).Where(s => s.StartsWith("GET ", StringComparison.Ordinal) && s.Contains(PulseStore.AnswersTable, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(queries);
        Assert.All(queries, q => Assert.InRange(Select(q).Split(',').Except(["PartitionKey", "RowKey"]).Count(), 1, 2));
        Assert.Contains(Text(Respondents - 1, "agenda levier"), markdown, StringComparison.Ordinal);
        Assert.EndsWith("\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadCsv_StorageFailsAfterTheFirstRowsWereSent_DownloadFailsInsteadOfEndingHalfWritten()
    {
        // Arrange: every try of the third page of answers fails (the client tries 4 times).
        var hooks = new StorageHooks();
        await using var bed = await StartAsync(hooks);
        var (_, links) = await ClosedBigPulseAsync(bed);
        var pages = 0;
        hooks.FailNext((request, _) => IsCsvPage(request) && Interlocked.Increment(ref pages) >= 3, times: 4);

        // Act
        using var response = await bed.Http.GetAsync(links.Csv, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body, Encoding.UTF8);
        var failure = await Record.ExceptionAsync(() => reader.ReadToEndAsync());

        // Assert: the headers said 200, then the body broke off; it never ends as if complete.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.IsAssignableFrom<IOException>(failure);
        Assert.Equal(4, hooks.Failed);
    }

    [Fact]
    public async Task DownloadCsv_StorageFailsBeforeAnythingWasSent_RequestFailsWithoutStartingADocument()
    {
        // Arrange: every try of the first page of answers fails.
        var hooks = new StorageHooks();
        await using var bed = await StartAsync(hooks);
        var (_, links) = await ClosedBigPulseAsync(bed);
        hooks.FailNext((request, _) => IsCsvPage(request), times: 4);

        // Act
        var failure = await Record.ExceptionAsync(() => bed.Http.GetAsync(links.Csv));

        // Assert: nothing was sent, so the storage failure is the request's own (the test server hands the application's
        // exception to the client, where Kestrel answers 500), never a 200 with an empty or partial document.
        Assert.IsType<RequestFailedException>(failure);
        Assert.Equal(4, hooks.Failed);
    }

    private Task<ConversationTestBed> StartAsync(StorageHooks hooks) =>
        ConversationTestBed.StartAsync(azurite.ConnectionString, [TestPerson.Nadia], services: s => s.AddSingleton(hooks.Client(azurite.ConnectionString)));

    /// <summary>
    /// A pulse of <see cref="Respondents"/> answers (rating, the agenda's frein and levier, a frein of soutien, a change),
    /// stored under keys shaped like the real keyed hashes, closed, with its two export links.
    /// </summary>
    private static async Task<(PulseRecord Pulse, (Uri Markdown, Uri Csv) Links)> ClosedBigPulseAsync(ConversationTestBed bed)
    {
        var pulseId = await PulseFlows.OpenAsync(bed);
        var store = bed.Factory.Services.GetRequiredService<IPulseStore>();
        var opened = await store.GetAsync("msteams", bed.ConversationId, pulseId, CancellationToken.None);
        await Parallel.ForEachAsync(Enumerable.Range(0, Respondents), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            var fields = PulseAnswerFields.ToFields(PulseTemplates.Default, new Dictionary<string, StepAnswer>
            {
                ["roleClarity"] = new() { Rating = 1 + (i % 5) },
                ["agenda"] = new() { Frein = Text(i, "agenda frein"), Levier = Text(i, "agenda levier") },
                ["soutien"] = new() { Frein = Text(i, "soutien frein") },
                ["change"] = new() { Text = Text(i, "change"), Direction = i % 2 == 0 ? "positive" : "negative" },
            });
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("respondent " + i.ToString(CultureInfo.InvariantCulture))));
            Assert.True(await store.SaveAnswerAsync(opened!, key, fields, 1, opened!.OpenedAt, token));
        });
        using (var close = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "pulse clore")))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }

        var pulse = await store.GetAsync("msteams", bed.ConversationId, pulseId, CancellationToken.None);
        Assert.NotNull(pulse?.ClosedAt);
        return (pulse!, await ExportLinksAsync(bed));
    }

    private static async Task<(Uri Markdown, Uri Csv)> ExportLinksAsync(ConversationTestBed bed)
    {
        var before = bed.Posts.Count;
        using (var response = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "export")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var json = (await bed.SentCardAsync(before)).ToJsonString();
        var urls = System.Text.RegularExpressions.Regex.Matches(json, "\"url\":\"([^\"]+)\"").Select(m => new Uri(new Uri(m.Groups[1].Value).PathAndQuery, UriKind.Relative)).ToList();
        return (urls.Single(u => u.OriginalString.Contains(".md", StringComparison.Ordinal)), urls.Single(u => u.OriginalString.Contains(".csv", StringComparison.Ordinal)));
    }

    private static bool IsAnswerPage(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get && request.RequestUri?.AbsolutePath.Contains(PulseStore.AnswersTable, StringComparison.Ordinal) == true;

    /// <summary>The answer query of a CSV download: it reads the rating with the texts.</summary>
    private static bool IsCsvPage(HttpRequestMessage request) =>
        IsAnswerPage(request) && Select(request.RequestUri!.PathAndQuery).Contains("roleClarity", StringComparison.Ordinal);

    /// <summary>The <c>$select</c> of a query (its path and query), empty when it reads every column.</summary>
    private static string Select(string pathAndQuery)
    {
        var query = Uri.UnescapeDataString(pathAndQuery);
        var at = query.IndexOf("$select=", StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var end = query.IndexOf('&', at);
        return query[(at + "$select=".Length)..(end < 0 ? query.Length : end)];
    }

    /// <summary>Reads until <paramref name="lines"/> CRLF-ended lines have come (the rest stays in the stream).</summary>
    private static async Task<string> ReadLinesAsync(Stream body, int lines)
    {
        var bytes = new List<byte>();
        var buffer = new byte[1];
        var seen = 0;
        while (seen < lines && await body.ReadAsync(buffer) == 1)
        {
            bytes.Add(buffer[0]);
            if (buffer[0] == '\n')
            {
                seen++;
            }
        }

        Assert.Equal(lines, seen);
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static string WithoutGeneratedLine(string markdown) =>
        string.Join('\n', markdown.Split('\n').Where(l => !l.StartsWith("Document généré le ", StringComparison.Ordinal) && !l.StartsWith("Generated on ", StringComparison.Ordinal)));

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>A text of <see cref="TextLength"/> characters naming its respondent and field, so each one can be found once.</summary>
    private static string Text(int index, string field)
    {
        var text = new StringBuilder("R").Append(index.ToString("D3", CultureInfo.InvariantCulture)).Append(' ').Append(field).Append(" : ");
        while (text.Length < TextLength)
        {
            text.Append("une salle prêtée le soir, ouverte à tous ");
        }

        return text.ToString(0, TextLength).TrimEnd();
    }
}
