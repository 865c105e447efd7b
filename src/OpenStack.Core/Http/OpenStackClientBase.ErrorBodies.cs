using System.Text;

namespace OpenStack.Http;

public abstract partial class OpenStackClientBase
{
    /// <summary>An error body or HTML page read into memory, at most a bounded number of bytes, kept as text.</summary>
    private sealed class BoundedContent : ByteArrayContent
    {
        private BoundedContent(string text, HttpContent original)
            : base(Encoding.UTF8.GetBytes(text))
        {
            Text = text;
            foreach (var (name, value) in original.Headers)
            {
                if (!string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    Headers.TryAddWithoutValidation(name, value);
                }
            }
            if (Headers.ContentType is { } type)
            {
                type.CharSet = "utf-8"; // held as UTF-8, whatever the server used
            }
        }

        public string Text { get; }

        public static async Task<BoundedContent> ReadAsync(HttpContent content, int maxBytes, HttpRequestMessage? request, CancellationToken cancellationToken)
        {
            using var original = content;
            // The one reader of bodies: bytes by ReadAsync into pooled segments, at most maxBytes of them.
            using var body = await PooledBody.ReadAsync(content, cancellationToken, maxBytes).ConfigureAwait(false);
            var text = Redaction.Scrub(body.ToText(EncodingOf(content)), request);
            return new BoundedContent(body.Truncated ? text + " [... truncated]" : text, content);
        }

    }

    /// <summary>
    /// An answer's headers as every exception exposes them: built when first read, each value scrubbed of the request's
    /// secrets (a proxy or a debug server may echo the token in a header); it also names the request.
    /// </summary>
    internal sealed class LazyHeaders(HttpResponseMessage response) : IReadOnlyDictionary<string, IEnumerable<string>>
    {
        private Dictionary<string, IEnumerable<string>>? _headers;

        /// <summary>The request the answer is to.</summary>
        public HttpRequestMessage? Request { get; } = response.RequestMessage;

        private Dictionary<string, IEnumerable<string>> Headers => _headers ??= Build();

        private Dictionary<string, IEnumerable<string>> Build()
        {
            var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
            // A proxy may echo the token in a header too: values are scrubbed as bodies are.
            var request = Request;
            foreach (var (name, values) in response.Headers)
            {
                headers[name] = Scrubbed(values, request);
            }
            if (response.Content is { } content)
            {
                foreach (var (name, values) in content.Headers)
                {
                    headers[name] = Scrubbed(values, request);
                }
            }
            return headers;
        }

        private static IEnumerable<string> Scrubbed(IEnumerable<string> values, HttpRequestMessage? request)
        {
            if (request is null)
            {
                return values;
            }
            var list = values.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                list[i] = Redaction.Scrub(list[i], request);
            }
            return list;
        }

        public IEnumerable<string> this[string key] => Headers[key];

        public IEnumerable<string> Keys => Headers.Keys;

        public IEnumerable<IEnumerable<string>> Values => Headers.Values;

        public int Count => Headers.Count;

        public bool ContainsKey(string key) => Headers.ContainsKey(key);

        public IEnumerator<KeyValuePair<string, IEnumerable<string>>> GetEnumerator() => Headers.GetEnumerator();

        public bool TryGetValue(string key, out IEnumerable<string> value) => Headers.TryGetValue(key, out value!);

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
