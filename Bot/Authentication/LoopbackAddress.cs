using System.Net;
using Microsoft.AspNetCore.Http;

namespace ConcertationBot.Bot.Authentication;

/// <summary>Decides whether a host name, URI or server binding only reaches the local machine.</summary>
internal static class LoopbackAddress
{
    /// <summary>True for <c>localhost</c>, <c>127.0.0.0/8</c> and <c>::1</c> (with or without brackets).</summary>
    public static bool IsLoopbackHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>
    /// True when a request came over a loopback connection. The in-process test server sets no remote address;
    /// Kestrel always does.
    /// </summary>
    public static bool IsLoopbackConnection(ConnectionInfo connection) =>
        connection.RemoteIpAddress is null || IPAddress.IsLoopback(connection.RemoteIpAddress);

    /// <summary>True when the URI is absolute and its host is loopback.</summary>
    public static bool IsLoopbackUri(Uri uri) => uri.IsAbsoluteUri && IsLoopbackHost(uri.Host);

    /// <summary>
    /// True when a server address such as <c>http://127.0.0.1:3978</c> only listens on loopback.
    /// Wildcards (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>), other hosts, Unix sockets and named pipes are not loopback:
    /// anything that could be reached through another interface or a proxy counts as exposed.
    /// </summary>
    public static bool IsLoopbackBinding(string address)
    {
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }

        return !binding.IsUnixPipe && !binding.IsNamedPipe && IsLoopbackHost(binding.Host);
    }
}
