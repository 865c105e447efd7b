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

    /// <summary>A text writer that encodes UTF-8 straight into a pooled, growing array (no stream, no char buffer).</summary>
    private sealed class Utf8Writer : TextWriter
    {
        private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

        private readonly Encoder _encoder = Utf8.GetEncoder();
        private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(512);
        private int _length;
        private bool _pending; // the encoder holds the first half of a surrogate pair

        public override Encoding Encoding => Utf8;

        public override void Write(char value)
        {
            if (value < 0x80 && !_pending)
            {
                // JSON's punctuation, one character at a time: no encoder call.
                Ensure(1);
                _buffer![_length++] = (byte)value;
                return;
            }
            Write(new ReadOnlySpan<char>(in value));
        }

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(ReadOnlySpan<char> buffer)
        {
            if (buffer.IsEmpty)
            {
                return;
            }
            Ensure(Utf8.GetMaxByteCount(buffer.Length));
            _length += _encoder.GetBytes(buffer, _buffer.AsSpan(_length), flush: false);
            _pending = char.IsHighSurrogate(buffer[^1]);
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
            Ensure(8);
            _length += _encoder.GetBytes(ReadOnlySpan<char>.Empty, _buffer.AsSpan(_length), flush: true);
            var buffer = _buffer!;
            _buffer = null;
            return (buffer, _length);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _buffer is { } buffer)
            {
                _buffer = null;
                ArrayPool<byte>.Shared.Return(buffer);
            }
            base.Dispose(disposing);
        }
    }
}
