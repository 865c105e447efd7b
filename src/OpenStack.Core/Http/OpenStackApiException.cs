using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OpenStack.Http;

namespace OpenStack;

/// <summary>
/// The base of every service's API exception (<c>MonascaApiException</c>, <c>WatcherApiException</c>): a call that
/// got an answer the client cannot return, an HTTP error or a 2xx body that is not what the contract says. It carries
/// the status, the request's method and path, the answer's headers and request id (scrubbed of the session's secrets),
/// the bounded body (scrubbed too), and the error parsed out of it in one vocabulary: <see cref="Title"/>,
/// <see cref="OpenStackException.ServerMessage"/>, <see cref="Details"/>, <see cref="ErrorCode"/>. Catch this type to
/// handle the errors of every service alike, or <see cref="OpenStackException"/> for every failure.
/// </summary>
/// <remarks>
/// Core parses the body once: empty, keystonemiddleware's <c>{"error": {"code", "title", "message"}}</c>, an HTML page
/// (its title and text), plain text; any other JSON object goes to the service's <see cref="ParseServiceError"/>.
/// The <see cref="Message"/> has one form for every service, python-openstackclient's with the request in front:
/// <c>Watcher GET /v1/goals/nope: Goal nope could not be found. (HTTP 404) (Request-ID: req-…)</c>.
/// </remarks>
public abstract class OpenStackApiException : OpenStackException
{
    private const int MaxMessageChars = 1000;
    private const int SnippetChars = 200;

    private static readonly IReadOnlyDictionary<string, IEnumerable<string>> NoHeaders =
        new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);

    private static readonly Regex HtmlTitle = new("<title[^>]*>(.*?)</title>|<h1[^>]*>(.*?)</h1>",
        RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private readonly string _given;
    private ApiError? _error;
    private BodyKind _kind;
    private string? _message;

    /// <summary>Creates the exception (the generated clients' constructor shape).</summary>
    /// <param name="message">What went wrong, as the generated code says it; <see cref="Exception.Message"/> says it better.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="response">The answer's body (bounded, scrubbed), or the beginning of an unreadable success body.</param>
    /// <param name="headers">The answer's headers (the client's scrubbed view of them, which also names the request).</param>
    /// <param name="innerException">The cause, for example the serializer's error.</param>
    protected OpenStackApiException(string message, int statusCode, string? response,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers, Exception? innerException)
        : base(message, innerException)
    {
        _given = message ?? string.Empty;
        StatusCode = statusCode;
        Response = response;
        Headers = headers ?? NoHeaders;
        if (headers is OpenStackClientBase.LazyHeaders view && view.Request is { } request)
        {
            RequestMethod = request.Method.Method;
            RequestPath = PathOf(request.RequestUri);
        }
    }

    /// <summary>The HTTP status of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>The HTTP status of the answer (<see cref="StatusCode"/>).</summary>
    public override int? HttpStatus => StatusCode;

    /// <summary>The answer's body as received (bounded; every form of the session's secrets replaced by <c>***</c>).</summary>
    public string? Response { get; }

    /// <summary>The answer's headers (every form of the session's secrets in their values replaced by <c>***</c>).</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    /// <summary>The HTTP method of the failed request, when known.</summary>
    public string? RequestMethod { get; protected set; }

    /// <summary>The path of the failed request (without the query), when known.</summary>
    public string? RequestPath { get; protected set; }

    /// <summary>The request id the service gave the call (<c>x-openstack-request-id</c> and its older names), if any.</summary>
    public override string? RequestId => Header("x-openstack-request-id") ?? Header("x-compute-request-id") ?? Header("x-request-id");

    /// <summary>The short title of the error, when the body has one (an HTML page's title, keystonemiddleware's <c>title</c>).</summary>
    public virtual string? Title => Error.Title;

    /// <summary>What the server said: the primary message of the error body, or the text of a plain or HTML body.</summary>
    public override string? ServerMessage => Error.Message;

    /// <summary>More detail than <see cref="OpenStackException.ServerMessage"/>, when the body has it (a traceback, a fault's details).</summary>
    public virtual string? Details => Error.Details;

    /// <summary>The service's own error code, when the body has one (a numeric code, a fault code), as text.</summary>
    public virtual string? ErrorCode => Error.Code;

    /// <summary>Whether the token was missing, invalid or expired (401; a service's policy denial sent as 401 is <see cref="IsForbidden"/>).</summary>
    public virtual bool IsUnauthorized => StatusCode == 401;

    /// <summary>Whether the caller is not allowed to do this (403).</summary>
    public virtual bool IsForbidden => StatusCode == 403;

    /// <summary>Whether the resource does not exist (404).</summary>
    public bool IsNotFound => StatusCode == 404;

    /// <summary>Whether the request conflicts with the resource's state (409).</summary>
    public bool IsConflict => StatusCode == 409;

    /// <summary>
    /// <c>{Service} {METHOD} {path}: {what the server said} (HTTP {status}) (Request-ID: {id})</c>; for a 2xx body that
    /// cannot be read, the serializer's reason and the beginning of the body instead of the server's words.
    /// </summary>
    public override string Message => _message ??= Compose();

    /// <summary>The service's name in messages (<c>Watcher</c>, <c>Monasca</c>).</summary>
    protected abstract string ServiceName { get; }

    /// <summary>The error Core parsed from the body (see <see cref="ParseServiceError"/>).</summary>
    protected ApiError Error
    {
        get
        {
            if (_error is null)
            {
                (_kind, _error) = Parse(Response, Header("Content-Type"));
            }
            return _error;
        }
    }

    /// <summary>
    /// Reads the service's own error body shape (a JSON object that is not keystonemiddleware's); <see langword="null"/>
    /// when the object is not one of them (Core then keeps the object's text as the message).
    /// </summary>
    /// <param name="body">The error body.</param>
    protected virtual ApiError? ParseServiceError(JObject body) => null;

    /// <summary>
    /// What went wrong, without the status, request id and request (which <see cref="Message"/> adds): the server's
    /// message, or a description of an empty, HTML or unreadable body.
    /// </summary>
    protected virtual string Describe()
    {
        if (StatusCode is >= 200 and <= 299)
        {
            return DescribeUnreadable();
        }
        var error = Error;
        var reason = ReasonPhrase(StatusCode);
        switch (_kind)
        {
            case BodyKind.Empty:
                return $"{reason}: the answer's body was empty";
            case BodyKind.Html:
                return $"{reason}: the answer was an HTML page{(error.Title is null ? "" : $" (\"{error.Title}\")")}, probably from a proxy or a load "
                    + $"balancer rather than {ServiceName}" + (error.Message is { } text ? ": " + Snippet(text) : "");
            default:
                if (error.Message is { } said)
                {
                    return error.Title is { } title && !string.Equals(title, reason, StringComparison.OrdinalIgnoreCase) && !said.Contains(title, StringComparison.Ordinal)
                        ? $"{title}: {said}"
                        : said;
                }
                return error.Title ?? reason;
        }
    }

    /// <summary>The first value of an answer header (case-insensitive), or <see langword="null"/>.</summary>
    protected string? Header(string name)
    {
        if (Headers.TryGetValue(name, out var direct))
        {
            return direct.FirstOrDefault();
        }
        foreach (var (key, values) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return values.FirstOrDefault();
            }
        }
        return null;
    }

    /// <summary>The text of a JSON value: a string as is, anything else as compact JSON, <see langword="null"/> for null.</summary>
    protected static string? Text(JToken? token) =>
        token is null || token.Type == JTokenType.Null ? null : token.Type == JTokenType.String ? (string?)token : token.ToString(Formatting.None);

    /// <summary>Parses <paramref name="text"/> as JSON (dates kept as text); <see langword="null"/> when it is not JSON.</summary>
    protected static JToken? TryParseJson(string? text)
    {
        var trimmed = text?.TrimStart();
        if (string.IsNullOrEmpty(trimmed) || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return null;
        }
        try
        {
            using var reader = new JsonTextReader(new StringReader(trimmed)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            return JToken.ReadFrom(reader);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string Compose()
    {
        var sb = new StringBuilder(ServiceName);
        if (RequestMethod is not null && RequestPath is not null)
        {
            sb.Append(' ').Append(RequestMethod).Append(' ').Append(RequestPath);
        }
        sb.Append(": ").Append(Describe());
        if (StatusCode > 0)
        {
            sb.Append(" (HTTP ").Append(StatusCode.ToString(CultureInfo.InvariantCulture)).Append(')');
        }
        if (RequestId is { } id)
        {
            sb.Append(" (Request-ID: ").Append(id).Append(')');
        }
        return sb.ToString();
    }

    private string DescribeUnreadable()
    {
        var given = _given;
        if (given.StartsWith("Response was null", StringComparison.Ordinal))
        {
            return "The answer had no body (empty or JSON null) where a JSON object was expected";
        }
        var body = Response ?? string.Empty;
        var html = Header("Content-Type")?.Contains("html", StringComparison.OrdinalIgnoreCase) == true || body.TrimStart().StartsWith('<');
        const string generated = "Could not deserialize the response body ";
        if (html && !given.StartsWith(generated, StringComparison.Ordinal))
        {
            // The response hook refused an HTML page before any deserialization.
            return $"Could not deserialize the answer as JSON: it was an HTML page, probably from a proxy, a login portal or a wrong endpoint "
                + $"rather than {ServiceName}. The body began: {Snippet(HtmlText(body) ?? "")}";
        }
        if (!given.StartsWith(generated, StringComparison.Ordinal))
        {
            return FirstLine(given).TrimEnd('.');
        }
        var firstLine = FirstLine(given).TrimEnd('.');
        var at = firstLine.IndexOf(" as ", StringComparison.Ordinal);
        var type = at < 0 ? "the expected type" : ShortTypeName(firstLine[(at + 4)..]);
        var why = html
            ? $"the body was an HTML page, probably from a proxy, a login portal or a wrong endpoint rather than {ServiceName}"
            : InnerException is JsonException inner ? JsonReason(inner.Message) : "the body is not the expected JSON";
        return $"Could not deserialize the answer as {type}: {why.TrimEnd('.')}. The body began: {Snippet(html ? HtmlText(body) ?? "" : body)}";
    }

    private static string ShortTypeName(string type)
    {
        // OpenStack.Watcher.GoalCollection -> GoalCollection (generic arguments shortened alike).
        return Regex.Replace(type, @"\b(?:[A-Za-z_][A-Za-z0-9_]*\.)+([A-Za-z_][A-Za-z0-9_`]*)", "$1");
    }

    private (BodyKind, ApiError) Parse(string? body, string? contentType)
    {
        var text = body?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return (BodyKind.Empty, ApiError.None);
        }
        if (TryParseJson(text) is JObject obj)
        {
            // keystonemiddleware (and Keystone): {"error": {"code", "title", "message", "details"?}}
            if (obj["error"] is JObject err)
            {
                return (BodyKind.Json, new ApiError(Text(err["title"]), Text(err["message"]), Text(err["details"]), Text(err["code"])));
            }
            return (BodyKind.Json, ParseServiceError(obj) ?? new ApiError(null, Truncate(obj.ToString(Formatting.None)), null, null));
        }
        if (text[0] == '<' || (contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            var m = HtmlTitle.Match(text);
            var title = m.Success ? Clean(m.Groups[1].Success && m.Groups[1].Value.Length > 0 ? m.Groups[1].Value : m.Groups[2].Value) : null;
            return (BodyKind.Html, new ApiError(string.IsNullOrEmpty(title) ? null : title, HtmlText(text), null, null));
        }
        return (BodyKind.Text, new ApiError(null, Truncate(Regex.Replace(text, @"\s+", " ")), null, null));
    }

    /// <summary>
    /// The readable text of an HTML or plain text (a page quoted in a service's JSON error, say): the title dropped (it
    /// is the <see cref="Title"/>), tags dropped, entities decoded, whitespace collapsed, bounded.
    /// </summary>
    protected static string? ReadableText(string text) => HtmlText(text ?? string.Empty);

    private static string? HtmlText(string body)
    {
        var text = body;
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = Regex.Replace(text, "<title>.*?</title>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
            text = Regex.Replace(text, "<[^>]*>", " ");
            text = WebUtility.HtmlDecode(text);
        }
        text = Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length == 0 ? null : Truncate(text);
    }

    private static string Clean(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", "")).Trim();

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

    private static string Snippet(string text)
    {
        text = Regex.Replace(text, @"\s+", " ").Trim();
        return text.Length == 0 ? "(nothing)" : text.Length > SnippetChars ? text[..SnippetChars] + "..." : text;
    }

    private static string Truncate(string text) => text.Length <= MaxMessageChars ? text : text[..MaxMessageChars] + "...";

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    /// <summary>The path of a request's URL, without the query.</summary>
    internal static string? PathOf(Uri? uri) =>
        uri is null ? null : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];

    /// <summary><c>Not Found</c>, <c>Service Unavailable</c>: the standard reason phrase of a status.</summary>
    private static string ReasonPhrase(int status)
    {
        if (!Enum.IsDefined(typeof(HttpStatusCode), status))
        {
            return "HTTP " + status.ToString(CultureInfo.InvariantCulture);
        }
        var name = ((HttpStatusCode)status).ToString();
        var chars = new StringBuilder();
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

    private enum BodyKind
    {
        Empty,
        Json,
        Html,
        Text,
    }
}
