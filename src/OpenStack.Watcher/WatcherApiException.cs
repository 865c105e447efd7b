using System.Net;
using Newtonsoft.Json.Linq;

namespace OpenStack.Watcher;

/// <summary>
/// An error answer from Watcher (or from keystonemiddleware in front of it). Besides the raw <see cref="OpenStackApiException.Response"/>
/// and <see cref="OpenStackApiException.Headers"/>, it exposes the parsed error: Watcher's double-encoded
/// <c>{"error_message": "{\"faultcode\": ..., \"faultstring\": ..., \"debuginfo\": ...}"}</c>, keystonemiddleware's
/// <c>{"error": {"code", "title", "message"}}</c>, or the text of an HTML/plain body; its <see cref="Message"/> says
/// what the server said.
/// </summary>
public class WatcherApiException : OpenStackApiException
{
    private ParsedError? _parsed;

    /// <summary>Creates the exception (the generated clients' constructor shape).</summary>
    /// <param name="message">What the generated code says went wrong.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="response">The (bounded) body.</param>
    /// <param name="headers">The answer's headers.</param>
    /// <param name="innerException">The cause.</param>
    public WatcherApiException(string message, int statusCode, string? response,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers, Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
    }

    private ParsedError Parsed => _parsed ??= ParsedError.From(Response);

    /// <summary>
    /// What the server said: WSME's <c>faultstring</c>, keystonemiddleware's <c>message</c>, or the text of an HTML or
    /// plain body (tags stripped); <c>null</c> when the body says nothing.
    /// </summary>
    public override string? ServerMessage => Parsed.FaultString;

    /// <summary>WSME's <c>faultcode</c>: <c>Client</c> for 4xx, <c>Server</c> for 5xx; keystonemiddleware's <c>title</c>.</summary>
    public override string? ErrorCode => Parsed.FaultCode;

    /// <summary>Watcher's bodies have no separate title (WSME sends <see cref="ErrorCode"/> and a message): always <see langword="null"/>.</summary>
    public override string? Title => null;

    /// <summary>WSME's <c>debuginfo</c> (a server traceback when the server runs with debug), else <c>null</c>.</summary>
    public override string? Details => Parsed.DebugInfo;

    /// <summary>The microversion the server used (<c>OpenStack-API-Version</c> response header), if it said.</summary>
    public WatcherApiVersion? ServerVersion => WatcherMicroversionHandler.ParseVersionHeader(Header("OpenStack-API-Version"));

    /// <summary>The server's lowest microversion (<c>OpenStack-API-Minimum-Version</c> response header), if it said.</summary>
    public WatcherApiVersion? ServerMinimumVersion =>
        WatcherApiVersion.TryParse(Header("OpenStack-API-Minimum-Version"), out var v) ? v : null;

    /// <summary>The server's highest microversion (<c>OpenStack-API-Maximum-Version</c> response header), if it said.</summary>
    public WatcherApiVersion? ServerMaximumVersion =>
        WatcherApiVersion.TryParse(Header("OpenStack-API-Maximum-Version"), out var v) ? v : null;

    /// <summary>
    /// <c>Watcher answered 404 Not Found: Goal nope could not be found (Request-ID: req-...)</c>; a 406 also names the
    /// server's microversion range.
    /// </summary>
    public override string Message
    {
        get
        {
            var status = Enum.IsDefined(typeof(HttpStatusCode), StatusCode)
                ? $"{StatusCode} {ReasonPhrase((HttpStatusCode)StatusCode)}"
                : StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (SuccessBodySummary(status) is { } unreadable)
            {
                return unreadable;
            }
            var said = ServerMessage ?? (string.IsNullOrWhiteSpace(Response) ? "the response body was empty." : FirstLine(base.Message));
            var text = $"Watcher answered {status}: {said}";
            if (StatusCode == 406 && ServerMinimumVersion is { } min && ServerMaximumVersion is { } max)
            {
                text += $" (the server supports microversions {min} to {max}"
                    + (ServerVersion is { } used ? $"; this request used {used})" : ")");
            }
            if (RequestId is { } id)
            {
                text += $" (Request-ID: {id})";
            }
            return text;
        }
    }

    /// <summary>
    /// The message for the exceptions the generated code throws when a 2xx body is not the expected JSON: the status,
    /// the expected type, Json.NET's reason with its path, and the start of the body, on one line.
    /// </summary>
    private string? SuccessBodySummary(string status)
    {
        if (StatusCode is < 200 or > 299)
        {
            return null;
        }
        var raw = base.Message;
        var id = RequestId is { } rid ? $" (Request-ID: {rid})" : "";
        if (raw.StartsWith("Response was null", StringComparison.Ordinal))
        {
            return $"Watcher answered {status} without a body (empty or JSON null) where a JSON object was expected.{id}";
        }
        var body = Response ?? "";
        var html = Header("Content-Type")?.Contains("html", StringComparison.OrdinalIgnoreCase) == true || body.TrimStart().StartsWith('<');
        if (html && !raw.StartsWith("Could not deserialize the response body ", StringComparison.Ordinal))
        {
            // Thrown by the response hook before any deserialization: an HTML page where JSON was expected.
            return $"Could not deserialize Watcher's {status} answer as JSON: the body was an HTML page, probably from a proxy, "
                + $"a login portal or a wrong endpoint rather than Watcher. The body began: {Snippet(ParsedError.TextOf(body) ?? "")}{id}";
        }
        if (!raw.StartsWith("Could not deserialize the response body ", StringComparison.Ordinal))
        {
            return null;
        }
        var firstLine = FirstLine(raw).TrimEnd('.');
        var at = firstLine.IndexOf(" as ", StringComparison.Ordinal);
        var type = at < 0 ? "the expected type" : firstLine[(at + 4)..].Replace("OpenStack.Watcher.", "", StringComparison.Ordinal);
        var why = html
            ? "the body was an HTML page, probably from a proxy, a login portal or a wrong endpoint rather than Watcher"
            : InnerException is Newtonsoft.Json.JsonException inner ? JsonReason(inner.Message) : "the body is not the expected JSON";
        var snippet = Snippet(html ? ParsedError.TextOf(body) ?? "" : body);
        return $"Could not deserialize Watcher's {status} answer as {type}: {why.TrimEnd('.')}. The body began: {snippet}{id}";
    }

    /// <summary>Json.NET's message without its examples and advice to developers, on one bounded line.</summary>
    private static string JsonReason(string message)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(message, @"\s+", " "), @"\s*\(e\.g\. [^)]*\)", "");
        var fix = text.IndexOf(" To fix this error", StringComparison.Ordinal);
        if (fix >= 0)
        {
            var path = text.IndexOf(" Path '", fix, StringComparison.Ordinal);
            text = text[..fix] + (path >= 0 ? text[path..] : "");
        }
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length > 400 ? text[..400] + "..." : text;
    }

    private static string Snippet(string text)
    {
        text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length == 0 ? "(nothing)" : text.Length > 200 ? text[..200] + "..." : text;
    }


    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    private static string ReasonPhrase(HttpStatusCode code)
    {
        var name = code.ToString();
        var chars = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                chars.Append(' ');
            }
            chars.Append(name[i]);
        }
        return chars.ToString();
    }

    private sealed record ParsedError(string? FaultString, string? FaultCode, string? DebugInfo)
    {
        public static ParsedError From(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return new ParsedError(null, null, null);
            }
            var json = TryParse(body);
            if (json is JObject obj)
            {
                if (obj["error_message"] is { } inner)
                {
                    return FromErrorMessage(inner);
                }
                if (obj["error"] is JObject ks)
                {
                    return new ParsedError(Str(ks["message"]), Str(ks["title"]), null);
                }
                if (obj["faultstring"] is not null)
                {
                    return FromFault(obj);
                }
                // Some other JSON body: keep it as the text.
                return new ParsedError(Truncate(body.Trim()), null, null);
            }
            return new ParsedError(TextOf(body), null, null);
        }

        private static ParsedError FromErrorMessage(JToken inner)
        {
            if (inner.Type == JTokenType.Object)
            {
                return FromFault((JObject)inner);
            }
            var text = Str(inner);
            if (text is null)
            {
                return new ParsedError(null, null, null);
            }
            return TryParse(text) is JObject fault ? FromFault(fault) : new ParsedError(TextOf(text), null, null);
        }

        private static ParsedError FromFault(JObject fault) =>
            new(Str(fault["faultstring"]), Str(fault["faultcode"]), Str(fault["debuginfo"]));

        private static JToken? TryParse(string text)
        {
            var trimmed = text.TrimStart();
            if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
            {
                return null;
            }
            try
            {
                using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
                return JToken.ReadFrom(reader);
            }
            catch (Newtonsoft.Json.JsonException)
            {
                return null;
            }
        }

        private static string? Str(JToken? token) =>
            token is null || token.Type == JTokenType.Null ? null : token.Type == JTokenType.String ? (string?)token : token.ToString(Newtonsoft.Json.Formatting.None);

        /// <summary>The readable text of an HTML or plain body: tags dropped, the title's repetition in the h1 dropped, whitespace collapsed.</summary>
        internal static string? TextOf(string body)
        {
            var text = body;
            if (text.Contains('<', StringComparison.Ordinal))
            {
                text = System.Text.RegularExpressions.Regex.Replace(text, "<title>.*?</title>", " ", System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                text = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]*>", " ");
                text = WebUtility.HtmlDecode(text);
            }
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
            return text.Length == 0 ? null : Truncate(text);
        }

        private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000] + "...";
    }
}
