namespace ConcertationBot.Bot.Exports;

/// <summary>
/// A download written to the response as its pieces are made (<c>Results.Stream</c>'s content type and attachment
/// headers, chunked). A failure before the first byte is sent (storage down from the start) is
/// the request's own: the client gets a 500. A failure after it (storage failing part-way through the answers) cannot
/// change the status any more, so the connection is aborted: the browser reports a failed download instead of saving
/// half a document that looks whole.
/// </summary>
internal sealed partial class StreamedDownload(IAsyncEnumerable<byte[]> parts, string contentType, string fileName, string pulseId, ILogger logger) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return Results.Stream(body => WriteAsync(httpContext, body), contentType, fileName).ExecuteAsync(httpContext);
    }

    private async Task WriteAsync(HttpContext context, Stream body)
    {
        try
        {
            await foreach (var part in parts.ConfigureAwait(false))
            {
                await body.WriteAsync(part, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogCutOff(logger, exception, fileName, pulseId);
            context.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {FileName} of pulse {PulseId} failed after its first bytes were sent; the connection is aborted so the download fails visibly")]
    private static partial void LogCutOff(ILogger logger, Exception exception, string fileName, string pulseId);
}
