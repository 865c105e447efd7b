using System.Buffers;
using System.Text;

namespace OpenStack;

/// <summary>
/// A request body serialized once, as UTF-8, into an array rented from the pool and returned when the request is
/// disposed. It is a <see cref="ByteArrayContent"/>, so the handlers that must be able to resend a body (retry,
/// re-authentication) see bytes and never buffer it again.
/// </summary>
internal sealed class PooledJsonContent : ByteArrayContent
{
    private byte[]? _rented;

    private PooledJsonContent(byte[] rented, int length)
        : base(rented, 0, length)
    {
        _rented = rented;
    }

    /// <summary>Writes a body with <paramref name="write"/> and wraps the bytes.</summary>
    public static PooledJsonContent Create<TState>(TState state, Action<TextWriter, TState> write)
    {
        var writer = new Utf8Writer();
        try
        {
            write(writer, state);
            var (rented, length) = writer.Detach();
            return new PooledJsonContent(rented, length);
        }
        finally
        {
            writer.Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Interlocked.Exchange(ref _rented, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// A text writer that gathers the serializer's many small writes in a pooled character buffer and encodes them to
    /// UTF-8 in bulk (as <see cref="StreamWriter"/> does; an encoder call per property name or value costs more than
    /// the copy) into a pooled, growing byte array: no stream, no copy of the whole body.
    /// </summary>
    private sealed class Utf8Writer : TextWriter
    {
        private const int CharBufferSize = 4096;

        private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

        private readonly Encoder _encoder = Utf8.GetEncoder();
        private char[]? _chars = ArrayPool<char>.Shared.Rent(CharBufferSize);
        private int _charCount;
        private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(512);
        private int _length;

        public override Encoding Encoding => Utf8;

        public override void Write(char value)
        {
            if (_charCount == _chars!.Length)
            {
                Encode(flush: false);
            }
            _chars[_charCount++] = value;
        }

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(ReadOnlySpan<char> buffer)
        {
            var chars = _chars!;
            if (buffer.Length <= chars.Length - _charCount)
            {
                buffer.CopyTo(chars.AsSpan(_charCount));
                _charCount += buffer.Length;
                return;
            }
            Encode(flush: false);
            if (buffer.Length <= chars.Length)
            {
                buffer.CopyTo(chars);
                _charCount = buffer.Length;
                return;
            }
            // Longer than the buffer: encoded straight from the caller's span.
            EncodeSpan(buffer, flush: false);
        }

        private void Encode(bool flush)
        {
            EncodeSpan(_chars.AsSpan(0, _charCount), flush);
            _charCount = 0;
        }

        private void EncodeSpan(ReadOnlySpan<char> chars, bool flush)
        {
            Ensure(Utf8.GetMaxByteCount(chars.Length));
            _length += _encoder.GetBytes(chars, _buffer.AsSpan(_length), flush);
        }

        private void Ensure(int more)
        {
            var buffer = _buffer!;
            if (buffer.Length - _length >= more)
            {
                return;
            }
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, _length + more));
            buffer.AsSpan(0, _length).CopyTo(grown);
            _buffer = grown;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        public (byte[] Buffer, int Length) Detach()
        {
            Encode(flush: true);
            var buffer = _buffer!;
            _buffer = null;
            return (buffer, _length);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (_buffer is { } buffer)
                {
                    _buffer = null;
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                if (_chars is { } chars)
                {
                    _chars = null;
                    ArrayPool<char>.Shared.Return(chars);
                }
            }
            base.Dispose(disposing);
        }
    }
}
