using System.Buffers;
using System.Text;

namespace OpenStack;

/// <summary>
/// A success body pulled from the network with <see cref="Stream.ReadAsync(Memory{byte}, CancellationToken)"/> into
/// pooled segments (each under the large object heap's threshold), then handed to Json.NET as text decoded straight from
/// those segments: no thread ever waits in a socket read, the caller's token and the deadline end a stalled body at
/// once, and no copy of the body is made (no <see cref="string"/>, no contiguous array).
/// </summary>
/// <remarks>
/// The size limit (<see cref="OpenStackClientOptions.MaxResponseBytes"/>) is applied by the stream it reads from, so
/// what is held never passes it. Dispose returns the segments to the pool.
/// </remarks>
internal sealed class PooledBody : IDisposable
{
    /// <summary>The largest segment: 64 KB, under the 85,000 bytes from which arrays go to the large object heap.</summary>
    internal const int MaxSegmentBytes = 64 * 1024;

    /// <summary>The first segment of a body whose length is not announced.</summary>
    private const int FirstUnannouncedBytes = 8 * 1024;

    private byte[]? _first;
    private List<byte[]>? _more;
    private int _lastLength;

    private PooledBody()
    {
    }

    /// <summary>How many bytes the body holds.</summary>
    public long Length { get; private set; }

    /// <summary>Whether the body went on past the most bytes the read was allowed to keep.</summary>
    public bool Truncated { get; private set; }

    /// <summary>
    /// Reads the body of <paramref name="content"/> asynchronously: all of it, or at most <paramref name="maxBytes"/>
    /// (an error body: <see cref="Truncated"/> then says whether more followed).
    /// </summary>
    public static async ValueTask<PooledBody> ReadAsync(HttpContent content, CancellationToken cancellationToken, int maxBytes = int.MaxValue)
    {
        var body = new PooledBody();
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // One more byte than announced, so that the read that sees the end needs no new segment.
                var size = content.Headers.ContentLength is { } n and >= 0 ? (int)Math.Min(n + 1, MaxSegmentBytes) : FirstUnannouncedBytes;
                var segment = body._first = ArrayPool<byte>.Shared.Rent(Math.Max(1, Math.Min(size, maxBytes)));
                var used = 0;
                while (true)
                {
                    var room = (int)Math.Min(segment.Length - used, maxBytes - body.Length - used);
                    if (room == 0 && body.Length + used >= maxBytes)
                    {
                        // The most that may be kept: is there more?
                        var one = new byte[1];
                        body.Truncated = await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) > 0;
                        break;
                    }
                    if (used == segment.Length)
                    {
                        body.Length += used;
                        segment = ArrayPool<byte>.Shared.Rent(Math.Min(MaxSegmentBytes, segment.Length * 2));
                        (body._more ??= []).Add(segment);
                        used = 0;
                        room = (int)Math.Min(segment.Length, maxBytes - body.Length);
                    }
                    var read = await stream.ReadAsync(segment.AsMemory(used, room), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }
                    used += read;
                }
                body._lastLength = used;
                body.Length += used;
            }
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private int SegmentCount => _first is null ? 0 : 1 + (_more?.Count ?? 0);

    private ReadOnlySpan<byte> Segment(int index)
    {
        var array = index == 0 ? _first! : _more![index - 1];
        return array.AsSpan(0, index == SegmentCount - 1 ? _lastLength : array.Length);
    }

    /// <summary>The first bytes of the body as text (for the message of a body that cannot be read).</summary>
    public string Prefix(Encoding encoding, int maxBytes)
    {
        if (_first is null)
        {
            return string.Empty;
        }
        var first = Segment(0);
        return encoding.GetString(first[..Math.Min(first.Length, maxBytes)]);
    }

    /// <summary>The body as one string in <paramref name="encoding"/>, byte order mark and all (an error body's text).</summary>
    public string ToText(Encoding encoding)
    {
        if (SegmentCount <= 1)
        {
            return SegmentCount == 0 ? string.Empty : encoding.GetString(Segment(0));
        }
        var decoder = encoding.GetDecoder();
        var text = new StringBuilder((int)Math.Min(Length, int.MaxValue / 2));
        Span<char> chars = stackalloc char[1024];
        for (var i = 0; i < SegmentCount; i++)
        {
            var bytes = Segment(i);
            var last = i == SegmentCount - 1;
            while (true)
            {
                decoder.Convert(bytes, chars, last, out var used, out var made, out var completed);
                text.Append(chars[..made]);
                bytes = bytes[used..];
                if (completed)
                {
                    break;
                }
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// The body as text in <paramref name="encoding"/>, decoded from the segments as the reader asks (a byte order mark
    /// names the encoding instead, as <see cref="StreamReader"/> does).
    /// </summary>
    public TextReader OpenText(Encoding encoding) => new Reader(this, encoding);

    /// <summary>Returns the segments to the pool.</summary>
    public void Dispose()
    {
        if (_first is { } first)
        {
            _first = null;
            ArrayPool<byte>.Shared.Return(first);
        }
        if (_more is { } more)
        {
            _more = null;
            foreach (var segment in more)
            {
                ArrayPool<byte>.Shared.Return(segment);
            }
        }
    }

    private sealed class Reader : TextReader
    {
        private readonly PooledBody _body;
        private readonly Decoder _decoder;
        private readonly int _segments;
        private int _segment;
        private int _offset;
        private bool _flushed;

        public Reader(PooledBody body, Encoding encoding)
        {
            _body = body;
            _segments = body.SegmentCount;
            var start = _segments == 0 ? default : body.Segment(0);
            if (start is [0xEF, 0xBB, 0xBF, ..])
            {
                encoding = Encoding.UTF8;
                _offset = 3;
            }
            else if (start is [0xFE, 0xFF, ..])
            {
                encoding = Encoding.BigEndianUnicode;
                _offset = 2;
            }
            else if (start is [0xFF, 0xFE, ..])
            {
                encoding = Encoding.Unicode;
                _offset = 2;
            }
            _decoder = encoding.GetDecoder();
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }
            while (_segment < _segments)
            {
                var bytes = _body.Segment(_segment)[_offset..];
                _decoder.Convert(bytes, buffer, flush: false, out var used, out var chars, out _);
                _offset += used;
                if (used == bytes.Length)
                {
                    _segment++;
                    _offset = 0;
                }
                if (chars > 0)
                {
                    return chars;
                }
            }
            if (_flushed)
            {
                return 0;
            }
            _flushed = true;
            _decoder.Convert(ReadOnlySpan<byte>.Empty, buffer, flush: true, out _, out var last, out _);
            return last;
        }

        public override int Read()
        {
            Span<char> one = stackalloc char[2];
            return Read(one[..1]) == 1 ? one[0] : -1;
        }
    }
}
