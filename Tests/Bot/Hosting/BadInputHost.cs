using System.Net.Http.Headers;
using System.Net.Sockets;

namespace ConcertationBot.Tests.Bot.Hosting;

/// <summary>What <c>/api/messages</c> answered to one bad input.</summary>
internal sealed record BadInputAnswer(HttpStatusCode Status, string Body);

/// <summary>
/// The real bot host on loopback Kestrel (real HTTP, real Azurite, the capture connector as Teams), for throwing bad
/// input at <c>/api/messages</c>: raw bytes in, status and body out; plus a valid template conversation with an open
/// pulse and vote whose ids crafted card actions can name.
/// </summary>
internal sealed class BadInputHost : IAsyncDisposable
{
    /// <summary>The statuses a bad input may get (501 only for a well-formed invoke of an unknown name, see <see cref="AssertAllowed"/>).</summary>
    public static readonly HttpStatusCode[] Allowed =
        [HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.RequestEntityTooLarge];

    private static readonly string[] ExceptionMarkers = ["Exception", "   at ", "StackTrace", "stack trace", "System.", "ConcertationBot.Bot.", "Microsoft.AspNetCore"];

    private readonly CaptureConnector _connector;
    private readonly BotApplicationFactory _factory;

    private BadInputHost(CaptureConnector connector, BotApplicationFactory factory, HttpClient http)
    {
        _connector = connector;
        _factory = factory;
        Http = http;
        var unique = Guid.NewGuid().ToString("N")[..12];
        ConversationId = $"19:bad-{unique}@thread.tacv2";
        TeamId = $"19:team-bad-{unique}@thread.tacv2";
    }

    public HttpClient Http { get; }

    public Uri BaseAddress => Http.BaseAddress ?? throw new InvalidOperationException("The host has no address.");

    public string ServiceUrl => _connector.ServiceUrl;

    public string ConversationId { get; }

    public string TeamId { get; }

    /// <summary>The open pulse's id once <see cref="OpenPulseAsync"/> ran.</summary>
    public string PulseId { get; private set; } = "pulse-not-opened";

    /// <summary>The open vote's id once <see cref="OpenVoteAsync"/> ran.</summary>
    public string VoteId { get; private set; } = "vote-not-opened";

    /// <summary>Starts the bot on Kestrel (port 0) with Nadia as coordinator; <paramref name="settings"/> override configuration.</summary>
    public static async Task<BadInputHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var connector = await CaptureConnector.StartAsync();
        var all = new Dictionary<string, string?> { ["Concertation:Coordinators:0"] = TestPerson.Nadia.AadObjectId };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new BotApplicationFactory(all);
        // Listen rather than UseKestrel(0): the port overload rewrites the server addresses, which throws when the
        // deferred host has already started the server (seen when test classes run in parallel).
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var http = factory.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(60);
        return new BadInputHost(connector, factory, http);
    }

    /// <summary>A well-formed activity of <paramref name="type"/> from <paramref name="person"/> in the host's channel, as Teams sends it.</summary>
    public JsonObject Activity(string type, TestPerson? person = null)
    {
        var activity = TestActivities.FromPerson(type, person ?? TestPerson.Nadia, ServiceUrl, ConversationId, "channel", TeamId, ConversationId);
        activity["localTimestamp"] = DateTimeOffset.UtcNow.ToString("O");
        return activity;
    }

    /// <summary>A channel message that @mentions the bot.</summary>
    public JsonObject Message(string text, TestPerson? person = null) => TestActivities.MentioningBot(Activity("message", person), text);

    /// <summary>An <c>adaptiveCard/action</c> invoke with <paramref name="verb"/> and <paramref name="data"/> (any JSON).</summary>
    public JsonObject CardAction(string verb, JsonNode? data, TestPerson? person = null) =>
        TestActivities.ClickOf(Activity("invoke", person), verb, data);

    /// <summary>Opens a pulse in the host's channel (as Nadia) and remembers its id.</summary>
    public async Task OpenPulseAsync()
    {
        var card = await PostCommandForCardAsync("pulse démarrer");
        PulseId = (string?)ConversationTestBed.FindAction(card, CardVerbs.PulseOpen)?["data"]?[CardDataFields.PulseId]
            ?? throw new InvalidOperationException("The pulse card has no Répondre action: " + card.ToJsonString());
    }

    /// <summary>Opens a three-option single-choice vote in the host's channel (as Nadia) and remembers its id.</summary>
    public async Task OpenVoteAsync()
    {
        var card = await PostCommandForCardAsync("vote Nos priorités pour 2027 : Logement ; Mobilité ; Emploi des jeunes");
        VoteId = (string?)ConversationTestBed.FindAction(card, CardVerbs.VoteOpen)?["data"]?[CardDataFields.VoteId]
            ?? throw new InvalidOperationException("The vote card has no Voter action: " + card.ToJsonString());
    }

    public Task<BadInputAnswer> PostAsync(JsonNode activity) =>
        SendAsync(Encoding.UTF8.GetBytes(activity.ToJsonString()));

    /// <summary>POSTs <paramref name="body"/> as is (Content-Length set) with the given content headers.</summary>
    public async Task<BadInputAnswer> SendAsync(byte[] body, string? contentType = "application/json; charset=utf-8", string? contentEncoding = null)
    {
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        return await SendAsync(content);
    }

    public async Task<BadInputAnswer> SendAsync(HttpContent content)
    {
        using var response = await Http.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        return new BadInputAnswer(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Raw HTTP/1.1 over a socket: writes <paramref name="head"/> (request line and headers), then the body parts one
    /// by one while the server still reads, and returns the status line the server answered. The server may answer
    /// before the whole body went out (that is the point): writing stops at the first failed write.
    /// </summary>
    public async Task<(int Status, long BytesWritten)> SendRawAsync(string head, IEnumerable<ReadOnlyMemory<byte>> bodyParts)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await socket.ConnectAsync(IPAddress.Loopback, BaseAddress.Port, timeout.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
        var reading = ReadStatusAsync(stream, timeout.Token);
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var stop = reading.ContinueWith(_ => stopWriting.Cancel(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        long written = 0;
        foreach (var part in bodyParts)
        {
            if (stopWriting.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await stream.WriteAsync(part, stopWriting.Token);
                written += part.Length;
            }
            catch (Exception exception) when (exception is IOException || (exception is OperationCanceledException && !timeout.IsCancellationRequested))
            {
                break;
            }
        }

        var status = await reading;
        await stop;
        return (status, written);
    }

    /// <summary>Asserts the host still answers a valid <c>aide</c> with the French help card (the process is up and well).</summary>
    public async Task AssertAliveAsync()
    {
        var aide = TestActivities.Message("aide", deliveryMode: "expectReplies");
        aide["serviceUrl"] = ServiceUrl;
        var answer = await PostAsync(aide);
        Assert.True(answer.Status == HttpStatusCode.OK, $"After the bad input, a valid 'aide' got {(int)answer.Status}: {answer.Body}");
        var card = JsonNode.Parse(answer.Body)!["activities"]![0]!["attachments"]![0]!["content"]!;
        Assert.Equal("Aide de ConcertationBot", (string?)card["body"]![0]!["text"]);
    }

    /// <summary>
    /// Asserts a bad input got an allowed status (never 5xx; 501 only when <paramref name="allowNotImplemented"/>, for a
    /// well-formed invoke whose name the bot does not handle) and that the body shows no exception text.
    /// </summary>
    public static void AssertAllowed(BadInputAnswer answer, string input, bool allowNotImplemented = false)
    {
        var allowed = allowNotImplemented ? [.. Allowed, HttpStatusCode.NotImplemented] : Allowed;
        Assert.True(
            allowed.Contains(answer.Status),
            $"{(int)answer.Status} for input: {Describe(input)}\nbody: {Describe(answer.Body)}");
        foreach (var marker in ExceptionMarkers)
        {
            Assert.False(
                answer.Body.Contains(marker, StringComparison.Ordinal),
                $"The answer shows '{marker}' for input: {Describe(input)}\nbody: {Describe(answer.Body)}");
        }

        if (answer.Body.Length > 0 && answer.Status == HttpStatusCode.OK)
        {
            using var parsed = JsonDocument.Parse(answer.Body);
            Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
        }
    }

    /// <summary>The input for a failure message, cut to a readable length.</summary>
    public static string Describe(string text) =>
        text.Length <= 2000 ? text : $"{text[..1000]} …[{text.Length - 2000} chars]… {text[^1000..]}";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task<JsonObject> PostCommandForCardAsync(string command)
    {
        var before = Posts().Count;
        var answer = await PostAsync(Message(command));
        Assert.True(answer.Status == HttpStatusCode.OK, $"'{command}' got {(int)answer.Status}: {answer.Body}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Posts().Count <= before)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{command}' posted no card.");
            }

            await Task.Delay(20);
        }

        var attachment = Posts()[before].Activity!.Attachments![0];
        return JsonNode.Parse(JsonSerializer.Serialize(attachment.Content))!.AsObject();
    }

    private List<CapturedRequest> Posts() =>
        [.. _connector.AcceptedActivities.Where(r => r.Operation is ConnectorOperation.SendToConversation or ConnectorOperation.ReplyToActivity)];

    private static async Task<int> ReadStatusAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The server closed the connection without an answer: " + received);
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var statusLine = received.ToString()[..received.ToString().IndexOf("\r\n", StringComparison.Ordinal)];
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
