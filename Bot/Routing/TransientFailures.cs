using System.Net.Sockets;
using Azure;
using ConcertationBot.Bot.Connector;

namespace ConcertationBot.Bot.Routing;

/// <summary>
/// Tells a passing outage (storage or a Teams service unreachable, slow or overloaded) from a bug: the first deserves
/// "try again in a moment", the second an apology. Azure.Core wraps a request that failed on every retry in an
/// <see cref="AggregateException"/>, so the inner exceptions are looked at too.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        RequestFailedException failed => IsTransientStatus(failed.Status) || failed.InnerException is { } inner && IsTransient(inner),
        ConnectorException failed => IsTransientStatus(failed.Status),
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),
        HttpRequestException or TimeoutException or SocketException or IOException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    private static bool IsTransientStatus(int status) => status is 0 or 408 or 429 or >= 500;
}
