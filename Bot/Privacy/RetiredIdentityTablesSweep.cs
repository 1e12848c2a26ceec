using Azure;
using Azure.Data.Tables;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Votes;

namespace ConcertationBot.Bot.Privacy;

/// <summary>
/// Once at start-up, deletes the tables in which earlier versions recorded who answered a pulse
/// (<c>PulseParticipation</c>: user id, Entra id, time) and who opened a ballot form (<c>VoteViewers</c>: user id, time).
/// Their rows could be joined with the answers and ballots by time; what they served is now derived from the roster and
/// the keyed hashes. Deleting a table removes every row at once; a table already gone is fine, so running it on every
/// start, on any number of instances at the same time, is safe.
/// </summary>
public sealed partial class RetiredIdentityTablesSweep(TableServiceClient service, TimeProvider time, ILogger<RetiredIdentityTablesSweep> logger) : BackgroundService
{
    /// <summary>The tables this sweep deletes.</summary>
    public static IReadOnlyList<string> Tables { get; } = [PulseStore.RetiredParticipationTable, VoteStore.RetiredViewersTable];

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage unreachable or refusing: the bot serves anyway (nothing writes these tables any more); try again later.
                LogSweepFailed(logger, (exception as RequestFailedException)?.Status ?? 0, exception);
                await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Deletes the retired tables; returns how many existed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var table in Tables)
        {
            try
            {
                var response = await service.DeleteTableAsync(table, cancellationToken).ConfigureAwait(false);
                if (response.Status is >= 200 and < 300)
                {
                    deleted++;
                    LogDeleted(logger, table);
                }
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Already gone (swept before, by this or another instance, or never created).
            }
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the retired table {Table}, which tied people to the times they answered or voted")]
    private static partial void LogDeleted(ILogger logger, string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retired identity tables could not be deleted ({Status}); trying again in a minute")]
    private static partial void LogSweepFailed(ILogger logger, int status, Exception exception);
}
