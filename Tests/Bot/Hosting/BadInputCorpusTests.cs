namespace ConcertationBot.Tests.Bot.Hosting;

/// <summary>
/// The bad-input corpus over real HTTP (loopback Kestrel, real Azurite): every malformed request gets 200, 400, 401
/// or 413 (501 only for a well-formed invoke of a name the bot does not handle), never a 5xx, never exception text;
/// and after each batch the same host still answers <c>aide</c> with the help card.
/// </summary>
public sealed class BadInputCorpusTests
{
    private const int TenMegabytes = 10 * 1024 * 1024;
    private const int Cap = 256 * 1024;

    public static TheoryData<string> BatchNames => [.. BadInputCorpus.Names];

    [Theory]
    [MemberData(nameof(BatchNames))]
    public async Task ApiMessages_BadInputBatch_AllowedStatusNoExceptionTextAndHostStaysUp(string batchName)
    {
        // Arrange
        await using var host = await BadInputHost.StartAsync();
        var batch = BadInputCorpus.Get(batchName);
        if (batch.NeedsPulse)
        {
            await host.OpenPulseAsync();
        }

        if (batch.NeedsVote)
        {
            await host.OpenVoteAsync();
        }

        var failures = new List<string>();
        var details = new List<string>();
        var count = 0;

        // Act
        foreach (var request in batch.Requests(host))
        {
            count++;
            var answer = await host.SendAsync(request.Body, request.ContentType, request.ContentEncoding);
            var input = Encoding.UTF8.GetString(request.Body);
            try
            {
                BadInputHost.AssertAllowed(answer, $"[{request.Label}] {input}", request.AllowNotImplemented);
                if (request.Expected is { } expected)
                {
                    Assert.True(answer.Status == expected, $"expected {(int)expected}, got {(int)answer.Status}; body: {BadInputHost.Describe(answer.Body)}");
                }
            }
            catch (Xunit.Sdk.XunitException failure)
            {
                failures.Add(request.Label);
                details.Add($"[{request.Label}] {failure.Message}");
            }
        }

        // Assert
        Assert.True(count > 0, "The batch sent nothing.");
        Assert.True(
            failures.Count == 0,
            $"{failures.Count} of {count} inputs failed: {string.Join(" | ", failures)}\n" + string.Join("\n---\n", details.Take(20)));
        await host.AssertAliveAsync();
    }

    [Fact]
    public async Task ApiMessages_TenMegabyteBodyWithContentLength_Returns413AndHostStaysUp()
    {
        // Arrange
        await using var host = await BadInputHost.StartAsync();
        var body = Encoding.UTF8.GetBytes(host.Message(new string('a', TenMegabytes)).ToJsonString());

        // Act
        var answer = await host.SendAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Empty(answer.Body);
        await host.AssertAliveAsync();
    }

    [Fact]
    public async Task ApiMessages_TenMegabyteChunkedBody_Returns413AndHostStaysUp()
    {
        // Arrange
        await using var host = await BadInputHost.StartAsync();
        using var content = new StreamContent(new FilledStream(TenMegabytes));
        content.Headers.ContentType = new("application/json");

        // Act
        var answer = await host.SendAsync(content);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        await host.AssertAliveAsync();
    }

    [Fact]
    public async Task ApiMessages_DeclaredTenMegabytesNoBodySent_Answers413WithoutWaitingForTheBody()
    {
        // Arrange
        await using var host = await BadInputHost.StartAsync();
        var head = $"POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {TenMegabytes}\r\n\r\n";

        // Act
        var (status, _) = await host.SendRawAsync(head, []);

        // Assert
        Assert.Equal(413, status);
        await host.AssertAliveAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ApiMessages_BodyStopsJustPastTheCap_Answers413WithoutReadingFurther(bool chunked)
    {
        // Arrange: the client sends the cap plus 64 KB of a declared 10 MB body, then nothing more; only a server
        // that stops reading at the cap can answer (one that buffers the whole body waits for the rest).
        await using var host = await BadInputHost.StartAsync();
        var framing = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {TenMegabytes}";
        var head = $"POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{framing}\r\n\r\n";
        var part = new byte[16 * 1024];
        Array.Fill(part, (byte)' ');
        var chunk = chunked
            ? [.. Encoding.ASCII.GetBytes($"{part.Length:x}\r\n"), .. part, .. "\r\n"u8.ToArray()]
            : part;
        var parts = Enumerable.Repeat<ReadOnlyMemory<byte>>(chunk, (Cap / part.Length) + 4);

        // Act
        var (status, written) = await host.SendRawAsync(head, parts);

        // Assert
        Assert.Equal(413, status);
        Assert.True(written < TenMegabytes, $"wrote {written} bytes");
        await host.AssertAliveAsync();
    }

    [Fact]
    public async Task ApiMessages_BodyExactlyAtCap_IsReadAndOneByteMoreIs413()
    {
        // Arrange
        await using var host = await BadInputHost.StartAsync();
        var atCap = Sized(host, Cap);
        var overCap = Sized(host, Cap + 1);

        // Act
        var at = await host.SendAsync(atCap);
        var over = await host.SendAsync(overCap);

        // Assert
        Assert.Equal(Cap, atCap.Length);
        Assert.Equal(Cap + 1, overCap.Length);
        Assert.Equal(HttpStatusCode.OK, at.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.Status);
        await host.AssertAliveAsync();

        static byte[] Sized(BadInputHost host, int size)
        {
            var message = host.Message("aide");
            var length = Encoding.UTF8.GetByteCount(message.ToJsonString());
            message["text"] = (string?)message["text"] + new string(' ', size - length);
            return Encoding.UTF8.GetBytes(message.ToJsonString());
        }
    }

    [Fact]
    public async Task ApiMessages_ConfiguredCap_IsTheLimit()
    {
        // Arrange
        await using var host = await BadInputHost.StartAsync(new Dictionary<string, string?> { ["Bot:MaxRequestBodyBytes"] = "8192" });
        var small = Encoding.UTF8.GetBytes(host.Message("aide " + new string('a', 4000)).ToJsonString());
        var large = Encoding.UTF8.GetBytes(host.Message("aide " + new string('a', 9000)).ToJsonString());

        // Act
        var under = await host.SendAsync(small);
        var over = await host.SendAsync(large);

        // Assert
        Assert.Equal(HttpStatusCode.OK, under.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.Status);
    }

    /// <summary>A read-only stream of <c>length</c> spaces without a known length (so HttpClient sends it chunked).</summary>
    private sealed class FilledStream(long length) : Stream
    {
        private long _remaining = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, _remaining);
            buffer[..n].Fill((byte)' ');
            _remaining -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
