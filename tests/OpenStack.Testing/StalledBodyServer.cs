using System.Net;
using System.Net.Sockets;

namespace OpenStack.Testing;

/// <summary>
/// A raw socket server on 127.0.0.1 that answers every request with headers and the start of a
/// body, then stalls until disposed (or closes the connection): what <see cref="FakeServer"/>
/// cannot do, for tests of timeouts and connections cut mid-body.
/// </summary>
public sealed class StalledBodyServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _release = new();
    private readonly List<Socket> _sockets = new(); // kept open (and referenced) until disposed
    private readonly Task _serve;

    /// <summary>Starts serving.</summary>
    /// <param name="bodyStart">The part of the body sent before stalling.</param>
    /// <param name="thenClose">Close the connection instead of stalling.</param>
    public StalledBodyServer(string bodyStart, bool thenClose = false)
    {
        _listener.Start();
        _serve = Task.Run(async () =>
        {
            while (!_release.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_release.Token);
                lock (_sockets)
                {
                    _sockets.Add(socket);
                }
                var buffer = new byte[16384];
                await socket.ReceiveAsync(buffer, SocketFlags.None, _release.Token);
                var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n" + bodyStart;
                await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(head), SocketFlags.None, _release.Token);
                if (thenClose)
                {
                    socket.Close();
                }
            }
        });
    }

    /// <summary>The server's base address, ending with a slash.</summary>
    public string BaseAddress => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    /// <summary>A loopback port nothing listens on (for connection-refused tests).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _release.CancelAsync();
        await _serve.ContinueWith(_ => { }, TaskScheduler.Default);
        _listener.Stop();
        lock (_sockets)
        {
            _sockets.ForEach(s => s.Dispose());
        }
        _release.Dispose();
    }
}
