using System.Diagnostics;
using System.Net;
using System.Text;
using OpenStack.Testing;

namespace OpenStack.Monasca.Tests;

/// <summary>
/// The success read path: bodies arrive by ReadAsync (no thread of the pool waits in a socket read), and a body that
/// stalls after the headers ends at the deadline or the caller's cancellation, whatever its announced size.
/// </summary>
public class HotPathTests
{
    private const string Token = "tok-hot-path-1";

    private const string Head = """{"links": [], "elements": [{"id": "0", "name": "cpu.idle_perc", "dimensions": {"hostname": "h""";
    private const string Tail = """1"}}]}""";

    [Fact]
    public async Task Bodies_that_stall_midway_are_awaited_never_read_synchronously()
    {
        const int inFlight = 8;
        var streams = new List<RecordingStream>();
        var handler = new StreamHandler(() =>
        {
            var stream = new RecordingStream(Encoding.UTF8.GetBytes(Head), Encoding.UTF8.GetBytes(Tail));
            lock (streams)
            {
                streams.Add(stream);
            }
            return stream;
        });
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://monasca.invalid/") };
        var client = new MonascaClient(http);

        // On the pool, as a server's requests run (a synchronous read there blocks a pool thread, not the test's).
        var calls = Enumerable.Range(0, inFlight).Select(_ => Task.Run(() => client.Metrics.ListAsync())).ToList();
        try
        {
            // Every call reaches the stall (an awaiting ReadAsync, or a thread blocked in Read on the old shape).
            var deadline = Stopwatch.StartNew();
            while (Stalled(streams) < inFlight && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }
            Assert.Equal(inFlight, Stalled(streams));
            RecordingStream[] all;
            lock (streams)
            {
                all = streams.ToArray();
            }
            Assert.All(all, s => Assert.Equal(0, s.SyncReads));
            Assert.All(all, s => Assert.True(s.AsyncReads > 0));
        }
        finally
        {
            lock (streams)
            {
                streams.ForEach(s => s.Release());
            }
        }

        var pages = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(pages, p => Assert.Equal("h1", Assert.Single(p.Elements).Dimensions!["hostname"]));
    }

    [Theory]
    [InlineData("Content-Length: 200")] // small: under the transport's drain size, which once drained it for 2 s
    [InlineData("Content-Length: 33554432")] // large: 32 MB announced, under the 64 MB limit
    [InlineData("Transfer-Encoding: chunked")]
    public async Task A_body_stalled_after_the_headers_ends_at_the_timeout(string framing)
    {
        await using var server = new StalledBodyServer(Head, framing: framing);
        var timeout = TimeSpan.FromMilliseconds(500);
        using var client = MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = Token, Endpoint = server.BaseAddress + "v2.0", Timeout = timeout });

        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<TaskCanceledException>(() => client.Metrics.ListAsync());
        watch.Stop();

        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.True(server.HeadersSent, "the server sent the headers and part of the body");
        Assert.True(watch.Elapsed < timeout * 5, $"ended after {watch.Elapsed.TotalMilliseconds:F0} ms, timeout {timeout.TotalMilliseconds} ms");
    }

    [Theory]
    [InlineData("Content-Length: 200")]
    [InlineData("Content-Length: 33554432")]
    [InlineData("Transfer-Encoding: chunked")]
    public async Task A_cancellation_during_a_stalled_body_ends_the_call_at_once(string framing)
    {
        await using var server = new StalledBodyServer(Head, framing: framing);
        using var client = MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = Token, Endpoint = server.BaseAddress + "v2.0", Timeout = TimeSpan.FromSeconds(60) });
        using var cts = new CancellationTokenSource();

        var call = client.Metrics.ListAsync(cancellationToken: cts.Token);
        await server.BodyStarted.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(100); // the client is now waiting for the rest of the body
        var watch = Stopwatch.StartNew();
        await cts.CancelAsync();
        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        watch.Stop();

        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"returned {watch.Elapsed.TotalMilliseconds:F0} ms after the cancellation");
    }

    private static int Stalled(List<RecordingStream> streams)
    {
        lock (streams)
        {
            return streams.Count(s => s.IsStalled);
        }
    }

    /// <summary>Answers 200 with a body from <paramref name="body"/>, without a length (as a chunked answer).</summary>
    private sealed class StreamHandler(Func<Stream> body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(body());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>
    /// A body that gives its head, then stalls until released, then gives its tail; it records which reads were
    /// called (a synchronous Read blocks its thread at the stall, as a socket read does).
    /// </summary>
    private sealed class RecordingStream(byte[] head, byte[] tail) : Stream
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;
        private int _syncReads;
        private int _asyncReads;
        private volatile bool _stalled;

        public int SyncReads => Volatile.Read(ref _syncReads);

        public int AsyncReads => Volatile.Read(ref _asyncReads);

        public bool IsStalled => _stalled;

        public void Release() => _released.TrySetResult();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            Interlocked.Increment(ref _syncReads);
            if (_position == head.Length)
            {
                _stalled = true;
                _released.Task.Wait(TimeSpan.FromSeconds(10));
            }
            return Copy(buffer);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _asyncReads);
            if (_position == head.Length)
            {
                _stalled = true;
                await _released.Task.WaitAsync(cancellationToken);
            }
            return Copy(buffer.Span);
        }

        private int Copy(Span<byte> buffer)
        {
            ReadOnlySpan<byte> rest = _position < head.Length ? head.AsSpan(_position) : tail.AsSpan(Math.Min(_position - head.Length, tail.Length));
            var n = Math.Min(rest.Length, buffer.Length);
            rest[..n].CopyTo(buffer);
            _position += n;
            return n;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
