using System.Net;
using System.Text;

namespace OpenStack.Watcher;

/// <summary>
/// Guards the body of an answer before the generated code reads it: an unknown charset is read as UTF-8, and in an
/// error answer (or an HTML page) the <c>X-Auth-Token</c> the request carried is replaced with <c>***</c> wherever the
/// body echoes it (debug pages, proxies and tracebacks print request headers), and at most <see cref="MaxChars"/>
/// characters are kept.
/// </summary>
internal static class WatcherErrorBody
{
    /// <summary>The most characters of an error body that are kept (the rest is dropped and marked).</summary>
    public const int MaxChars = 1024 * 1024;

    /// <summary>
    /// Replaces the content of a non-2xx <paramref name="response"/>, or of a 2xx HTML page (never a Watcher answer),
    /// with a guarded one; JSON 2xx answers are untouched.
    /// </summary>
    public static void Guard(HttpResponseMessage response)
    {
        if (response.Content?.Headers.ContentType is { CharSet: { } charset } contentType && !IsKnownCharset(charset))
        {
            // Read as UTF-8 (JSON's encoding) instead of failing with InvalidOperationException outside WatcherApiException.
            contentType.CharSet = null;
        }
        if (response.Content is null || response.Content is GuardedContent
            || (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) != true))
        {
            return;
        }
        var tokens = response.RequestMessage is { } request && request.Headers.TryGetValues("X-Auth-Token", out var values)
            ? values.Where(t => t.Length >= 8).ToArray()
            : [];
        response.Content = new GuardedContent(response.Content, tokens);
    }

    private static bool IsKnownCharset(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private sealed class GuardedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly string[] _secrets;

        public GuardedContent(HttpContent inner, string[] secrets)
        {
            _inner = inner;
            _secrets = secrets;
            foreach (var (name, value) in inner.Headers)
            {
                if (!string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    Headers.TryAddWithoutValidation(name, value);
                }
            }
            if (Headers.ContentType is { } type)
            {
                type.CharSet = "utf-8"; // written below as UTF-8, whatever the server used
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var text = await ReadBoundedAsync(cancellationToken).ConfigureAwait(false);
            foreach (var secret in _secrets)
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        }

        private async Task<string> ReadBoundedAsync(CancellationToken cancellationToken)
        {
            Encoding encoding;
            try
            {
                encoding = _inner.Headers.ContentType?.CharSet is { } charset ? Encoding.GetEncoding(charset.Trim('"')) : Encoding.UTF8;
            }
            catch (ArgumentException)
            {
                encoding = Encoding.UTF8;
            }
            using var stream = await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream, encoding);
            var buffer = new char[MaxChars];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }
            var text = new string(buffer, 0, total);
            return total == buffer.Length && reader.Peek() >= 0 ? text + " [... truncated]" : text;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
