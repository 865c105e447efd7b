namespace OpenStack;

/// <summary>
/// Applies <see cref="OpenStackClientOptions.MaxResponseBytes"/> to an answer: a success announcing more is refused
/// before any of it is read; an HTTP/1.x body announced within the limit is framed by its length; any other body is
/// read through a counting stream that throws
/// <see cref="ResponseTooLargeException"/> at the limit, so that the rest is never read (streamed success bodies, buffered
/// ones and Trace logging alike).
/// </summary>
internal static class ResponseLimit
{
    /// <summary>The default limit: 64 MB.</summary>
    public const long DefaultMaxResponseBytes = 64L * 1024 * 1024;

    public static async Task ApplyAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        if (limit <= 0 || response.Content is not { } content)
        {
            return;
        }
        var request = response.RequestMessage;
        var announced = content.Headers.ContentLength;
        if (announced > limit && response.IsSuccessStatusCode)
        {
            throw new ResponseTooLargeException(limit, 0, announced, (int)response.StatusCode, request?.Method.Method, request?.RequestUri);
        }
        if (announced is { } length && length <= limit && response.Version.Major == 1 && content.Headers.ContentEncoding.Count == 0)
        {
            // HTTP/1.x frames the body by its Content-Length (and a decompressed body has none): it cannot pass the
            // limit, so it is read as it is, without a counting wrapper.
            return;
        }
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var limited = new StreamContent(new LimitedStream(stream, content, limit, response));
        foreach (var (name, values) in content.Headers)
        {
            limited.Headers.TryAddWithoutValidation(name, values);
        }
        response.Content = limited;
    }

    private sealed class LimitedStream(Stream inner, HttpContent original, long limit, HttpResponseMessage response) : ReadOnlyStream
    {
        private long _read;

        private int Count(int n)
        {
            _read += n;
            if (_read > limit)
            {
                var request = response.RequestMessage;
                throw new ResponseTooLargeException(limit, _read, original.Headers.ContentLength, (int)response.StatusCode, request?.Method.Method, request?.RequestUri);
            }
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Cap(count)));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer[..Cap(buffer.Length)]));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer[..Cap(buffer.Length)], cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>Never asks for more than one byte past the limit (enough to know it was passed).</summary>
        private int Cap(int count) => (int)Math.Max(1, Math.Min(count, limit + 1 - _read));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                original.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
