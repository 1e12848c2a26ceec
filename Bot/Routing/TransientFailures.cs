using System.Net.Sockets;
using Azure;
using ConcertationBot.Bot.Connector;

namespace ConcertationBot.Bot.Routing;

/// <summary>
/// Tells a passing outage (storage or a Teams service unreachable, slow or overloaded) from a bug: the first deserves
/// "try again in a moment", the second an apology. Azure.Core wraps a request that failed on every retry in an
/// <see cref="AggregateException"/>, so the inner exceptions are looked at too (a network timeout, then the turn's
/// budget cutting the next try short, is still an outage).
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        RequestFailedException failed => IsTransientStatus(failed.Status) || failed.InnerException is { } inner && IsTransient(inner),
        ConnectorException failed => IsTransientStatus(failed.Status),
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),
        HttpRequestException or TimeoutException or SocketException or IOException => true,

        // A request cut short by a timeout or by the turn's time budget (the caller's own cancellation is told apart
        // where the request's token is known).
        OperationCanceledException => true,
        _ => false,
    };

    private static bool IsTransientStatus(int status) => status is 0 or 408 or 429 or >= 500;
}
