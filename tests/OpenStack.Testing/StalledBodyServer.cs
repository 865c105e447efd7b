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
    private readonly TaskCompletionSource _bodyStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _serve;

    /// <summary>Starts serving.</summary>
    /// <param name="bodyStart">The part of the body sent before stalling.</param>
    /// <param name="thenClose">Close the connection instead of stalling.</param>
    /// <param name="framing">The framing header: an announced length, or <c>Transfer-Encoding: chunked</c> (the body's
    /// start is then sent as one chunk).</param>
    public StalledBodyServer(string bodyStart, bool thenClose = false, string framing = "Content-Length: 100000")
    {
        _listener.Start();
        var body = framing.StartsWith("Transfer-Encoding", StringComparison.Ordinal) ? $"{bodyStart.Length:x}\r\n{bodyStart}\r\n" : bodyStart;
        var head = System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{framing}\r\n\r\n{body}");
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
                await socket.SendAsync(head, SocketFlags.None, _release.Token);
                HeadersSent = true;
                _bodyStarted.TrySetResult();
                if (thenClose)
                {
                    socket.Close();
                }
            }
        });
    }

    /// <summary>The server's base address, ending with a slash.</summary>
    public string BaseAddress => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    /// <summary>Whether the headers and the body's start were sent (to some request).</summary>
    public bool HeadersSent { get; private set; }

    /// <summary>Completes when the first answer's headers and body start were sent.</summary>
    public Task BodyStarted => _bodyStarted.Task;

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
