using System.Net.Sockets;

namespace ConcertationBot.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a real server (Azurite) that a test can cut and restore, to stage an outage
/// without losing the server's data: <see cref="Cut"/> stops listening (new connections are refused) and resets
/// every relayed connection; <see cref="Restore"/> listens again on the same port.
/// </summary>
internal sealed class TcpGate : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly object _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _accepting = new();

    private TcpGate(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Relays a free loopback port to <paramref name="target"/>.</summary>
    public static TcpGate Start(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var gate = new TcpGate(new IPEndPoint(IPAddress.Loopback, target.Port), port);
        gate.Restore();
        return gate;
    }

    /// <summary>Rewrites <c>TableEndpoint=…</c> of an Azurite connection string to go through this gate.</summary>
    public string Relay(string connectionString, Uri tableEndpoint) =>
        connectionString.Replace(tableEndpoint.GetLeftPart(UriPartial.Authority), $"http://127.0.0.1:{Port}", StringComparison.Ordinal);

    public void Cut()
    {
        lock (_gate)
        {
            _accepting.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }

            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            _accepting = new CancellationTokenSource();
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _ = AcceptAsync(_listener, _accepting.Token);
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(inbound, cancellationToken);
        }
    }

    private async Task RelayAsync(TcpClient inbound, CancellationToken cancellationToken)
    {
        var outbound = new TcpClient();
        lock (_gate)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(_target, cancellationToken);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, cancellationToken), b.CopyToAsync(a, cancellationToken));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // The gate was cut or a side closed: the relayed connection simply ends, as a dropped network would.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }

            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        _accepting.Dispose();
        return ValueTask.CompletedTask;
    }
}
