using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;

namespace OpenStack;

/// <summary>
/// Hides secrets in diagnostics: token headers as keystoneauth1 does (<see cref="Fingerprint"/>), and every secret of a
/// session (password, application-credential secret, every token issued or given, the request's <c>X-Auth-Token</c>)
/// wherever a server's text becomes a message, a log, an Activity tag or CLI output.
/// </summary>
/// <remarks>
/// The library's one redactor. A secret is replaced by <c>***</c> in every form a body can carry it: as is, JSON-escaped
/// (<c>\"</c>, <c>\/</c>, <c>\u0022</c>, nested once more), URL-encoded (either case, <c>+</c> for a space),
/// HTML-escaped (<c>&amp;quot;</c>, <c>&amp;#34;</c>) and base64 (standard or URL-safe, alone or inside a longer
/// base64 text, wrapped in lines of any length with CRLF or LF as MIME and PEM write it). Secrets shorter than four characters are not searched for (they would mask ordinary words).
/// </remarks>
public static class Redaction
{
    /// <summary>What a secret is replaced with.</summary>
    internal const string Mask = "***";

    /// <summary>The shortest secret that is searched for.</summary>
    private const int MinSecretLength = 4;

    /// <summary>The shortest base64 core (of a secret inside a longer base64 text) that is searched for.</summary>
    private const int MinBase64Core = 6;

    /// <summary>The secrets a request's session knows, attached to the request by the authentication handler.</summary>
    internal static readonly HttpRequestOptionsKey<SecretSet> SecretsKey = new("OpenStack.Secrets");

    /// <summary>Headers whose values are tokens (keystoneauth1 <c>session.py</c>).</summary>
    public static IReadOnlyList<string> SensitiveHeaders { get; } = ["X-Auth-Token", "X-Subject-Token", "X-Service-Token", "Authorization"];

    /// <summary><c>{SHA256}&lt;hex&gt;</c> of <paramref name="secret"/>: correlatable, not replayable.</summary>
    public static string Fingerprint(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "{SHA256}" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>
    /// <paramref name="text"/> with every form (raw, JSON-escaped, URL-encoded, HTML-escaped, base64) of each secret
    /// replaced by <c>***</c>.
    /// </summary>
    /// <param name="text">A server's text, a message, a log line.</param>
    /// <param name="secrets">The secrets; null, empty and very short ones are ignored.</param>
    public static string Scrub(string text, IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        if (text.Length < MinSecretLength)
        {
            return text;
        }
        List<string>? list = null;
        foreach (var s in secrets)
        {
            if (s is { Length: >= MinSecretLength } && (list is null || !list.Contains(s)))
            {
                (list ??= []).Add(s);
            }
        }
        return list is null ? text : ScrubAll(text, list);
    }

    /// <summary>
    /// <paramref name="text"/> without the secrets of <paramref name="request"/>: its <c>X-Auth-Token</c> and the
    /// secrets of the session that authenticated it.
    /// </summary>
    internal static string Scrub(string text, HttpRequestMessage? request) =>
        request is null || text.Length < MinSecretLength ? text : Scrub(text, SecretsOf(request));

    /// <summary>
    /// The serializer's error, or a copy without its stack whose message is scrubbed when it quotes a secret (Json.NET
    /// quotes the value it could not convert, decoded: an echoed JSON-escaped token comes back raw).
    /// </summary>
    internal static JsonException Scrub(JsonException error, HttpRequestMessage? request)
    {
        var message = Scrub(error.Message, request);
        return message == error.Message ? error : new JsonSerializationException(message);
    }

    /// <summary>Every secret a request carries or its session knows.</summary>
    internal static IEnumerable<string> SecretsOf(HttpRequestMessage request)
    {
        if (request.Headers.TryGetValues("X-Auth-Token", out var tokens))
        {
            foreach (var token in tokens)
            {
                yield return token;
            }
        }
        if (request.Options.TryGetValue(SecretsKey, out var set))
        {
            foreach (var secret in set.Items)
            {
                yield return secret;
            }
        }
    }

    private static string ScrubAll(string text, List<string> secrets)
    {
        List<(int Start, int End)>? ranges = null;
        // The text as is, then decoded views of it: a match in a view masks the original characters it came from.
        var views = Views(text).ToList();
        foreach (var view in views)
        {
            foreach (var secret in secrets)
            {
                for (var at = view.Text.IndexOf(secret, StringComparison.Ordinal); at >= 0; at = view.Text.IndexOf(secret, at + 1, StringComparison.Ordinal))
                {
                    (ranges ??= []).Add((view.Origin(at), view.Origin(at + secret.Length)));
                }
            }
        }
        // Base64 in every view, and in each view without its line breaks: base64 wrapped at 64 (PEM) or 76 (MIME)
        // characters with CRLF or LF, raw or inside a JSON string.
        var count = views.Count;
        for (var v = 0; v < count; v++)
        {
            if (views[v].Text.AsSpan().IndexOfAny('\r', '\n') >= 0 && Decode(views[v], DropLineBreak) is { } unwrapped)
            {
                views.Add(unwrapped);
            }
        }
        foreach (var view in views)
        {
            foreach (var secret in secrets)
            {
                foreach (var core in Base64Cores(secret))
                {
                    for (var at = view.Text.IndexOf(core, StringComparison.Ordinal); at >= 0; at = view.Text.IndexOf(core, at + 1, StringComparison.Ordinal))
                    {
                        (ranges ??= []).Add((view.Origin(at), view.Origin(at + core.Length)));
                    }
                }
            }
        }
        if (ranges is null)
        {
            return text;
        }
        ranges.Sort();
        var sb = new StringBuilder(text.Length);
        var next = 0;
        var i = 0;
        while (i < ranges.Count)
        {
            var (start, end) = ranges[i++];
            while (i < ranges.Count && ranges[i].Start <= end)
            {
                end = Math.Max(end, ranges[i++].End);
            }
            if (start > next)
            {
                sb.Append(text, next, start - next);
            }
            sb.Append(Mask);
            next = Math.Max(next, end);
        }
        if (next < text.Length)
        {
            sb.Append(text, next, text.Length - next);
        }
        return sb.ToString();
    }

    /// <summary>A decoded view of a text and, for each of its characters, where it began in the original.</summary>
    private sealed class View(string text, int[]? origins, View? parent)
    {
        public string Text { get; } = text;

        /// <summary>The index in the original text of the view's character <paramref name="i"/> (or of its end).</summary>
        public int Origin(int i)
        {
            var own = origins is null ? i : origins[i];
            return parent is null ? own : parent.Origin(own);
        }
    }

    private static readonly (Unescape Decode, string Triggers)[] Decoders =
        [(JsonUnescape, "\\"), (UrlUnescape, "%+"), (HtmlUnescape, "&")];

    /// <summary>
    /// The text as is, and each decoding (JSON, URL, HTML) of it, and each decoding of those: a request body quoted as a
    /// JSON string inside an error body, or URL-encoded JSON, is seen decoded.
    /// </summary>
    private static IEnumerable<View> Views(string text)
    {
        var raw = new View(text, null, null);
        yield return raw;
        foreach (var first in Decoders)
        {
            if (raw.Text.AsSpan().IndexOfAny(first.Triggers) < 0 || Decode(raw, first.Decode) is not { } once)
            {
                continue;
            }
            yield return once;
            foreach (var second in Decoders)
            {
                if (once.Text.AsSpan().IndexOfAny(second.Triggers) >= 0 && Decode(once, second.Decode) is { } twice)
                {
                    yield return twice;
                    // JSON inside JSON inside JSON (a service that double-encodes its error, quoting an escaped echo).
                    var deeper = twice;
                    for (var level = 3; level <= MaxJsonLevels && first.Triggers == "\\" && second.Triggers == "\\"
                        && deeper.Text.Contains('\\', StringComparison.Ordinal) && Decode(deeper, JsonUnescape) is { } next; level++)
                    {
                        yield return deeper = next;
                    }
                }
            }
        }
    }

    /// <summary>How many nested JSON string encodings are undone.</summary>
    private const int MaxJsonLevels = 4;

    /// <summary>Decodes one unit at <c>i</c>: the characters it stands for and how many it takes; false to copy one as is.</summary>
    private delegate bool Unescape(string s, int i, StringBuilder into, out int consumed);

    private static View? Decode(View from, Unescape unescape)
    {
        var s = from.Text;
        var sb = new StringBuilder(s.Length);
        var origins = new List<int>(s.Length + 1);
        var changed = false;
        for (var i = 0; i < s.Length;)
        {
            var before = sb.Length;
            if (unescape(s, i, sb, out var consumed))
            {
                for (var k = before; k < sb.Length; k++)
                {
                    origins.Add(i);
                }
                i += consumed;
                changed = true;
            }
            else
            {
                sb.Append(s[i]);
                origins.Add(i);
                i++;
            }
        }
        origins.Add(s.Length);
        return changed ? new View(sb.ToString(), [.. origins], from) : null;
    }

    /// <summary>Drops a line break (CR or LF): base64 wrapped in lines is seen as one run.</summary>
    private static bool DropLineBreak(string s, int i, StringBuilder into, out int consumed)
    {
        consumed = s[i] is '\r' or '\n' ? 1 : 0;
        return consumed == 1;
    }

    private static bool JsonUnescape(string s, int i, StringBuilder into, out int consumed)
    {
        consumed = 0;
        if (s[i] != '\\' || i + 1 >= s.Length)
        {
            return false;
        }
        var c = s[i + 1];
        char? simple = c switch
        {
            '"' => '"', '\\' => '\\', '/' => '/', 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', '\'' => '\'',
            _ => null,
        };
        if (simple is { } value)
        {
            into.Append(value);
            consumed = 2;
            return true;
        }
        if ((c == 'u' || c == 'U') && i + 5 < s.Length && ushort.TryParse(s.AsSpan(i + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
        {
            into.Append((char)code);
            consumed = 6;
            return true;
        }
        return false;
    }

    private static bool UrlUnescape(string s, int i, StringBuilder into, out int consumed)
    {
        consumed = 0;
        if (s[i] == '+')
        {
            into.Append(' ');
            consumed = 1;
            return true;
        }
        if (s[i] != '%')
        {
            return false;
        }
        // A run of %XX bytes, decoded as UTF-8 together (a character may take several).
        Span<byte> bytes = stackalloc byte[4];
        var n = 0;
        var j = i;
        while (n < 4 && j + 2 < s.Length && s[j] == '%'
            && byte.TryParse(s.AsSpan(j + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var b))
        {
            if (n > 0 && (b & 0xC0) != 0x80)
            {
                break; // the next character begins
            }
            bytes[n++] = b;
            j += 3;
            var need = (bytes[0] & 0x80) == 0 ? 1 : (bytes[0] & 0xE0) == 0xC0 ? 2 : (bytes[0] & 0xF0) == 0xE0 ? 3 : 4;
            if (n == need)
            {
                break;
            }
        }
        if (n == 0)
        {
            return false;
        }
        into.Append(Encoding.UTF8.GetString(bytes[..n]));
        consumed = j - i;
        return true;
    }

    private static bool HtmlUnescape(string s, int i, StringBuilder into, out int consumed)
    {
        consumed = 0;
        if (s[i] != '&')
        {
            return false;
        }
        var end = s.IndexOf(';', i + 1);
        if (end < 0 || end - i > 10)
        {
            return false;
        }
        var entity = s[i..(end + 1)];
        var decoded = System.Net.WebUtility.HtmlDecode(entity);
        if (decoded == entity)
        {
            return false;
        }
        into.Append(decoded);
        consumed = entity.Length;
        return true;
    }

    private static readonly ConcurrentDictionary<string, string[]> CoreCache = new(StringComparer.Ordinal);

    /// <summary>
    /// The parts of the base64 (standard and URL-safe) of a secret that do not depend on what precedes or follows it, for
    /// each of the three alignments it can have inside a longer base64 text.
    /// </summary>
    private static string[] Base64Cores(string secret)
    {
        if (CoreCache.TryGetValue(secret, out var cached))
        {
            return cached;
        }
        var cores = new List<string>(12);
        // The secret as is, and as a JSON string holds it (a base64 of a whole request body).
        var json = JsonConvert.ToString(secret)[1..^1];
        foreach (var form in json == secret ? [secret] : new[] { secret, json })
        {
            AddCores(Encoding.UTF8.GetBytes(form), cores);
        }
        var result = cores.Distinct(StringComparer.Ordinal).ToArray();
        if (CoreCache.Count < 1024)
        {
            CoreCache.TryAdd(secret, result);
        }
        return result;
    }

    private static void AddCores(byte[] bytes, List<string> cores)
    {
        for (var k = 0; k < 3; k++)
        {
            var padded = new byte[k + bytes.Length];
            bytes.CopyTo(padded, k);
            var b64 = Convert.ToBase64String(padded).TrimEnd('=');
            var skip = k switch { 0 => 0, 1 => 2, _ => 3 };
            var total = padded.Length;
            var end = total / 3 * 4 + (total % 3) switch { 1 => 1, 2 => 2, _ => 0 };
            if (end - skip < MinBase64Core)
            {
                continue;
            }
            var core = b64[skip..end];
            cores.Add(core);
            var urlSafe = core.Replace('+', '-').Replace('/', '_');
            if (urlSafe != core)
            {
                cores.Add(urlSafe);
            }
        }
    }
}

/// <summary>
/// The secrets one session knows: its credential's (permanently) and the most recent tokens it issued or was given.
/// Thread-safe; bounded so that a long-lived session does not scrub an ever-growing list.
/// </summary>
internal sealed class SecretSet
{
    private const int MaxTokens = 16;
    private readonly string[] _fixed;
    private readonly object _lock = new();
    private readonly LinkedList<string> _tokens = new();
    private volatile string[] _snapshot;

    public SecretSet(IEnumerable<string?> fixedSecrets)
    {
        _fixed = fixedSecrets.OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        _snapshot = _fixed;
    }

    /// <summary>The secrets, newest tokens last.</summary>
    public IReadOnlyList<string> Items => _snapshot;

    /// <summary>Remembers a token (issued by Keystone or given by the caller).</summary>
    public void Add(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return;
        }
        lock (_lock)
        {
            if (_tokens.Contains(token) || _fixed.Contains(token, StringComparer.Ordinal))
            {
                return;
            }
            _tokens.AddLast(token);
            if (_tokens.Count > MaxTokens)
            {
                _tokens.RemoveFirst();
            }
            _snapshot = [.. _fixed, .. _tokens];
        }
    }
}
