using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OpenStack.Monasca;

/// <summary>
/// An error answer from Monasca (or from something in front of it). Carries the HTTP status, the request
/// id, and the error parsed from whichever body shape arrived: the Python server's
/// <c>{"title", "description"}</c>, keystonemiddleware's <c>{"error": {"code", "title", "message"}}</c>,
/// the Java server's <c>{"&lt;fault&gt;": {"code", "message", "details"}}</c>, an HTML page or plain text.
/// Its <see cref="Message"/> says what the server said.
/// </summary>
public class MonascaApiException : OpenStackApiException
{
    private const int MaxBodyChars = 64 * 1024;
    private string? _summary;
    private ParsedError? _parsed;

    /// <summary>Creates the exception (the generated clients' constructor shape).</summary>
    /// <param name="message">What the generated code says went wrong.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="response">The (bounded) body.</param>
    /// <param name="headers">The answer's headers.</param>
    /// <param name="innerException">The cause.</param>
    public MonascaApiException(string message, int statusCode, string? response,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers, Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
    }

    /// <summary>The error title (Python server <c>title</c>, Keystone <c>error.title</c>, Java <c>message</c>, HTML <c>&lt;title&gt;</c>).</summary>
    public override string? Title => Parsed.Title;

    /// <summary>What the server said (Python server <c>description</c>, Keystone <c>error.message</c>, Java <c>details</c>, or raw text).</summary>
    public override string? ServerMessage => Parsed.Description;

    /// <summary>Monasca's error bodies carry one message (<see cref="ServerMessage"/>): always <see langword="null"/>.</summary>
    public override string? Details => null;

    /// <summary>A numeric code in the body, when the body has one (Keystone and the Java server).</summary>
    public override string? ErrorCode => Parsed.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Java server's fault name (<c>unprocessable_entity</c>, ...), when that shape arrived.</summary>
    public string? Fault => Parsed.Fault;

    /// <summary>The HTTP method of the failed request, when known.</summary>
    public string? RequestMethod { get; private set; }

    /// <summary>The path of the failed request (without the query), when known.</summary>
    public string? RequestPath { get; private set; }

    /// <summary>
    /// Whether this is an authorization denial: 403, or (as the Python server sends it) 401 with title
    /// <c>Forbidden</c>. A plain 401 means a missing, bad or expired token instead.
    /// </summary>
    public override bool IsForbidden =>
        StatusCode == 403 || (StatusCode == 401 && string.Equals(Title, "Forbidden", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether this is a missing, bad or expired token (401 that is not a policy denial).</summary>
    public override bool IsUnauthorized => StatusCode == 401 && !IsForbidden;

    /// <inheritdoc />
    public override string Message => _summary ??= SuccessBodySummary() ?? base.Message;

    private ParsedError Parsed => _parsed ??= ParsedError.From(Response, Header("Content-Type"));

    /// <summary>Builds the exception for a non-2xx response, reading its body synchronously (bounded).</summary>
    internal static MonascaApiException FromResponse(HttpResponseMessage response)
    {
        var body = ReadBody(response); // bounded, and the token scrubbed, by Core before this hook
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in response.Headers)
        {
            headers[k] = v;
        }
        if (response.Content is not null)
        {
            foreach (var (k, v) in response.Content.Headers)
            {
                headers[k] = v;
            }
        }
        var status = (int)response.StatusCode;
        var ex = new MonascaApiException(ReasonPhrase(response), status, body, headers, null)
        {
            RequestMethod = response.RequestMessage?.Method.Method,
            RequestPath = response.RequestMessage?.RequestUri is { } uri
                ? (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0])
                : null,
        };
        ex._summary = response.IsSuccessStatusCode ? ex.SummarizeHtmlSuccess(ReasonPhrase(response)) : ex.Summarize(ReasonPhrase(response));
        return ex;
    }

    private string SummarizeHtmlSuccess(string reason)
    {
        var sb = new StringBuilder("Could not deserialize the answer to Monasca ");
        if (RequestMethod is not null && RequestPath is not null)
        {
            sb.Append(RequestMethod).Append(' ').Append(RequestPath).Append(' ');
        }
        sb.Append("(HTTP ").Append(StatusCode).Append(' ').Append(reason).Append("): JSON was expected but the body was an HTML page")
            .Append(Parsed.Title is null ? "" : $" (\"{Parsed.Title}\")")
            .Append(", probably from a proxy, a login portal or a wrong endpoint rather than Monasca.");
        if (RequestId is { } id)
        {
            sb.Append(" [request id ").Append(id).Append(']');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The message for the exceptions the generated code throws when a 2xx body is not the expected JSON: the status,
    /// the expected type and Json.NET's reason with its path, on one line (the generated message has neither reason
    /// nor body, since bodies are streamed).
    /// </summary>
    private string? SuccessBodySummary()
    {
        if (StatusCode is < 200 or > 299)
        {
            return null;
        }
        var raw = base.Message;
        var id = RequestId is { } rid ? $" [request id {rid}]" : "";
        if (raw.StartsWith("Response was null", StringComparison.Ordinal))
        {
            return $"Monasca answered HTTP {StatusCode} without a body (empty or JSON null) where a JSON object was expected.{id}";
        }
        const string prefix = "Could not deserialize the response body ";
        if (!raw.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var firstLine = raw.Split('\n')[0].TrimEnd('.');
        var at = firstLine.IndexOf(" as ", StringComparison.Ordinal);
        var type = at < 0 ? "the expected type" : firstLine[(at + 4)..].Replace("OpenStack.Monasca.", "", StringComparison.Ordinal);
        var contentType = Header("Content-Type");
        string why;
        if (contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true)
        {
            why = $"the body was an HTML page ({contentType}), probably from a proxy, a login portal or a wrong endpoint rather than Monasca.";
        }
        else if (InnerException is JsonException inner)
        {
            why = JsonReason(inner.Message);
        }
        else
        {
            why = "the body is not the expected JSON.";
        }
        return $"Could not deserialize Monasca's HTTP {StatusCode} answer as {type}: {why}{id}";
    }

    /// <summary>Json.NET's message without its examples and advice to developers, on one bounded line.</summary>
    private static string JsonReason(string message)
    {
        var text = Regex.Replace(Regex.Replace(message, @"\s+", " "), @"\s*\(e\.g\. [^)]*\)", "");
        var fix = text.IndexOf(" To fix this error", StringComparison.Ordinal);
        if (fix >= 0)
        {
            var path = text.IndexOf(" Path '", fix, StringComparison.Ordinal);
            text = text[..fix] + (path >= 0 ? text[path..] : "");
        }
        text = Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length > 400 ? text[..400] + "..." : text;
    }

    private string Summarize(string reason)
    {
        var p = Parsed;
        var sb = new StringBuilder("Monasca ");
        if (RequestMethod is not null && RequestPath is not null)
        {
            sb.Append(RequestMethod).Append(' ').Append(RequestPath).Append(' ');
        }
        sb.Append("failed with HTTP ").Append(StatusCode);
        if (reason.Length > 0)
        {
            sb.Append(' ').Append(reason);
        }
        if (IsForbidden && StatusCode == 401)
        {
            sb.Append(" (a policy denial, not a token problem)");
        }
        sb.Append(": ");
        switch (p.Kind)
        {
            case BodyKind.Empty:
                sb.Append("the response body was empty.");
                break;
            case BodyKind.Html:
                sb.Append("the body was an HTML page, probably from a proxy or load balancer rather than Monasca");
                sb.Append(p.Title is null ? "." : $" (\"{p.Title}\").");
                break;
            case BodyKind.Text:
                sb.Append(p.Description);
                break;
            default:
                if (p.Title is not null && p.Description is not null)
                {
                    sb.Append(p.Title).Append(": ").Append(p.Description);
                }
                else
                {
                    sb.Append(p.Title ?? p.Description ?? "(no error details in the body)");
                }
                break;
        }
        if (RequestId is { } id)
        {
            sb.Append(" [request id ").Append(id).Append(']');
        }
        return sb.ToString();
    }

    private static string ReasonPhrase(HttpResponseMessage response) =>
        response.ReasonPhrase is { Length: > 0 } r ? r : ((HttpStatusCode)(int)response.StatusCode).ToString();

    private static string ReadBody(HttpResponseMessage response)
    {
        if (response.Content is null)
        {
            return string.Empty;
        }
        try
        {
            using var stream = response.Content.ReadAsStream();
            var charset = response.Content.Headers.ContentType?.CharSet;
            Encoding encoding;
            try
            {
                encoding = charset is null ? Encoding.UTF8 : Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                encoding = Encoding.UTF8;
            }
            using var reader = new StreamReader(stream, encoding);
            var buffer = new char[MaxBodyChars];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = reader.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }
            return new string(buffer, 0, total);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or NotSupportedException or InvalidOperationException)
        {
            return string.Empty;
        }
    }

    private enum BodyKind
    {
        Empty,
        Json,
        Html,
        Text,
    }

    private sealed record ParsedError(BodyKind Kind, string? Title, string? Description, int? Code, string? Fault)
    {
        private static readonly Regex HtmlTitle = new("<title[^>]*>(.*?)</title>|<h1[^>]*>(.*?)</h1>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);

        public static ParsedError From(string? body, string? contentType)
        {
            var text = body?.Trim() ?? string.Empty;
            if (text.Length == 0)
            {
                return new(BodyKind.Empty, null, null, null, null);
            }
            if (text[0] == '{')
            {
                try
                {
                    if (JToken.Parse(text) is JObject obj)
                    {
                        return FromJson(obj);
                    }
                }
                catch (JsonException)
                {
                    // not JSON after all: fall through to text
                }
            }
            if (text[0] == '<' || (contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false))
            {
                var m = HtmlTitle.Match(text);
                var title = m.Success ? Clean(m.Groups[1].Success && m.Groups[1].Value.Length > 0 ? m.Groups[1].Value : m.Groups[2].Value) : null;
                return new(BodyKind.Html, title, null, null, null);
            }
            return new(BodyKind.Text, null, text.Length > 500 ? text[..500] + "..." : text, null, null);
        }

        private static ParsedError FromJson(JObject obj)
        {
            // Python server (Falcon): {"title": ..., "description": ...}
            if (obj["title"] is JValue || obj["description"] is JValue)
            {
                return new(BodyKind.Json, Str(obj["title"]), Str(obj["description"]), Int(obj["code"]), null);
            }
            // keystonemiddleware / Keystone: {"error": {"code", "title", "message", "details"?}}
            if (obj["error"] is JObject err)
            {
                var message = Str(err["message"]);
                var details = Str(err["details"]);
                return new(BodyKind.Json, Str(err["title"]) ?? message, Str(err["title"]) is null ? details : message ?? details, Int(err["code"]), null);
            }
            if (obj["error_message"] is JValue em)
            {
                return new(BodyKind.Json, null, Str(em), null, null);
            }
            // Java server: {"<fault>": {"code", "message", "details", "internal_code"}}
            if (obj.Count == 1 && obj.First is JProperty { Value: JObject fault } prop)
            {
                var details = Str(fault["details"]);
                return new(BodyKind.Json, Str(fault["message"]) ?? prop.Name, string.IsNullOrEmpty(details) ? null : details, Int(fault["code"]), prop.Name);
            }
            return new(BodyKind.Json, null, obj.ToString(Formatting.None), null, null);
        }

        private static string? Str(JToken? token) =>
            token is null || token.Type == JTokenType.Null ? null : token.Type == JTokenType.String ? (string?)token : token.ToString(Formatting.None);

        private static int? Int(JToken? token) =>
            token is { Type: JTokenType.Integer } ? (int)token : token is { Type: JTokenType.String } && int.TryParse((string?)token, out var i) ? i : null;

        private static string Clean(string html) =>
            WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", "")).Trim();
    }
}
