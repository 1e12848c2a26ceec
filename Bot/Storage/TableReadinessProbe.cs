using Azure;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Storage;

/// <summary>Asks the Table endpoint for one table name; ready only if it answers successfully in time.</summary>
public sealed partial class TableReadinessProbe(TableServiceClient client, IOptions<StorageOptions> options, ILogger<TableReadinessProbe> logger)
{
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ReadinessTimeout);
        try
        {
            await foreach (var unused in client.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages().ConfigureAwait(false))
            {
                break;
            }

            return true;
        }
        catch (RequestFailedException ex)
        {
            LogNotReady(logger, ex.Status, ex.ErrorCode);
            return false;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.OfType<RequestFailedException>().LastOrDefault() is { } last)
        {
            // Every retry failed (connection refused, say): Azure.Core reports the tries together.
            LogNotReady(logger, last.Status, last.ErrorCode);
            return false;
        }
        catch (AuthenticationFailedException ex)
        {
            LogNoToken(logger, ex.GetType().Name);
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(logger, options.Value.ReadinessTimeout);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table storage not ready: status {Status}, error code {ErrorCode}")]
    private static partial void LogNotReady(ILogger logger, int status, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table storage not ready: no token ({ExceptionType})")]
    private static partial void LogNoToken(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Table storage not ready: no answer within {Timeout}")]
    private static partial void LogTimeout(ILogger logger, TimeSpan timeout);
}
