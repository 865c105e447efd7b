using System.Net;
using Newtonsoft.Json;

namespace OpenStack.Testing;

/// <summary>How a leak case authenticates.</summary>
public enum LeakAuth
{
    /// <summary>Password (<see cref="LeakSecrets.Password"/>).</summary>
    Password,

    /// <summary>Application credential (<see cref="LeakSecrets.ApplicationCredentialSecret"/>).</summary>
    ApplicationCredential,

    /// <summary>A token exchanged at Keystone for a scoped one (<see cref="LeakSecrets.GivenToken"/>).</summary>
    Token,

    /// <summary>A pre-issued token with an endpoint: no Keystone is called.</summary>
    PreIssuedToken,
}

/// <summary>What goes wrong in a leak case: Keystone (or a proxy in front of it) quotes the request, or the service echoes the token.</summary>
public enum LeakFault
{
    /// <summary>Keystone answers 500 in plain text quoting the request body in every encoding.</summary>
    Keystone500QuotingTheRequest,

    /// <summary>Keystone answers 400 with an <c>error.message</c> quoting the request body.</summary>
    Keystone400QuotingTheRequest,

    /// <summary>A proxy answers 200 with an HTML page quoting the request body.</summary>
    Keystone200HtmlQuotingTheRequest,

    /// <summary>The service's proxy answers 502 with an HTML page echoing the token.</summary>
    ServiceErrorPageEchoingTheToken,

    /// <summary>The service answers 400 with its own JSON error echoing the token.</summary>
    ServiceJsonErrorEchoingTheToken,

    /// <summary>The service answers 200 with JSON of the wrong shape echoing the token.</summary>
    Service2xxMalformedEchoingTheToken,

    /// <summary>The service answers 200 with an HTML page echoing the token.</summary>
    Service2xxHtmlEchoingTheToken,

    /// <summary>The service answers 200 with a valid, empty list and an extra field echoing the token (the call succeeds).</summary>
    Service2xxValidEchoingTheToken,

    /// <summary>
    /// The service (or a debugging proxy) answers 500 with an error body that says nothing of the token, and echoes the
    /// token in response headers only: raw, base64 and URL-encoded (every other service answer echoes them too).
    /// </summary>
    Service500EchoingTheTokenInHeaders,
}

/// <summary>The leak matrices' cases and the fake Keystone and service answers that play each fault.</summary>
public static class LeakMatrix
{
    /// <summary>
    /// The theory rows (auth, fault, target, flag): every authentication × fault × target × both values of a flag (for
    /// example "through dependency injection", "with --debug"), except the Keystone faults for a pre-issued token, which
    /// calls no Keystone.
    /// </summary>
    public static IEnumerable<object[]> Cases<T>(params T[] targets) where T : notnull
    {
        foreach (var auth in Enum.GetValues<LeakAuth>())
        {
            foreach (var fault in Enum.GetValues<LeakFault>())
            {
                if (auth == LeakAuth.PreIssuedToken && IsKeystoneFault(fault))
                {
                    continue;
                }
                foreach (var target in targets)
                {
                    yield return [auth, fault, target, false];
                    yield return [auth, fault, target, true];
                }
            }
        }
    }

    /// <summary>Whether the fault is Keystone's (or its proxy's).</summary>
    public static bool IsKeystoneFault(LeakFault fault) => fault.ToString().StartsWith("Keystone", StringComparison.Ordinal);

    /// <summary>Every form of <paramref name="text"/> (a request body, a token), as an echoing server or proxy writes them.</summary>
    public static string Echo(string text) => string.Join(" | ", LeakSecrets.Forms(text)) + " | html " + WebUtility.HtmlEncode(text);

    /// <summary>Keystone's answer to a token request under <paramref name="fault"/> (a token for <paramref name="serviceRoot"/>'s services unless it is Keystone's fault); 404 to anything else.</summary>
    public static FakeResponse KeystoneAnswer(RecordedRequest request, LeakFault fault, Uri serviceRoot)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method != "POST" || !request.Path.EndsWith("/auth/tokens", StringComparison.Ordinal))
        {
            return new FakeResponse(404, "{}");
        }
        return fault switch
        {
            LeakFault.Keystone500QuotingTheRequest => new FakeResponse(500, "Internal error while handling " + Echo(request.Body), "text/plain"),
            LeakFault.Keystone400QuotingTheRequest => new FakeResponse(400, JsonConvert.SerializeObject(new
            {
                error = new { code = 400, title = "Bad Request", message = "Invalid input for field 'identity': " + Echo(request.Body) },
            })),
            LeakFault.Keystone200HtmlQuotingTheRequest => new FakeResponse(200, $"<html><body><h1>Proxy</h1><pre>{Echo(request.Body)}</pre></body></html>", "text/html"),
            _ => new FakeResponse(201, TokenBody(serviceRoot)) { Headers = { ["X-Subject-Token"] = LeakSecrets.IssuedToken } },
        };
    }

    /// <summary>Watcher's (<c>GET /v1/goals</c>) or Monasca's (<c>GET /v2.0/alarms</c>) answer under <paramref name="fault"/>, echoing the token it got.</summary>
    public static FakeResponse ServiceAnswer(RecordedRequest request, LeakFault fault, bool watcher)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = request.Header("X-Auth-Token") ?? "";
        var echo = Echo(token);
        var list = watcher ? "goals" : "elements";
        var answer = fault switch
        {
            LeakFault.ServiceErrorPageEchoingTheToken => new FakeResponse(502, $"<html><head><title>Bad gateway</title></head><body>{echo}</body></html>", "text/html"),
            LeakFault.ServiceJsonErrorEchoingTheToken => new FakeResponse(400, watcher
                ? JsonConvert.SerializeObject(new { error_message = JsonConvert.SerializeObject(new { faultcode = "Client", faultstring = echo, debuginfo = echo }) })
                : JsonConvert.SerializeObject(new { badRequest = new { code = 400, message = echo, details = echo } })),
            LeakFault.Service2xxMalformedEchoingTheToken => new FakeResponse(200, JsonConvert.SerializeObject(new Dictionary<string, object> { [list] = echo, ["links"] = echo })),
            LeakFault.Service2xxHtmlEchoingTheToken => new FakeResponse(200, $"<html><body>{echo}</body></html>", "text/html"),
            LeakFault.Service2xxValidEchoingTheToken => new FakeResponse(200, JsonConvert.SerializeObject(new Dictionary<string, object>
            {
                [list] = Array.Empty<object>(), ["links"] = Array.Empty<object>(), ["echo"] = echo,
            })),
            LeakFault.Service500EchoingTheTokenInHeaders => new FakeResponse(500, watcher
                ? JsonConvert.SerializeObject(new { error_message = JsonConvert.SerializeObject(new { faultcode = "Server", faultstring = "Internal error", debuginfo = (string?)null }) })
                : JsonConvert.SerializeObject(new { title = "Internal Server Error", description = "Internal error" })),
            _ => new FakeResponse(500, "{}"),
        };
        foreach (var (name, value) in EchoHeaders(token))
        {
            answer.Headers[name] = value;
        }
        return answer;
    }

    /// <summary>
    /// Response headers that echo <paramref name="token"/> as a debugging proxy might: raw, base64 (standard and
    /// URL-safe), URL-encoded, and inside a longer base64 text (a whole request line encoded).
    /// </summary>
    public static IReadOnlyDictionary<string, string> EchoHeaders(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(token));
        return new Dictionary<string, string>
        {
            ["X-Echo-Token"] = token,
            ["X-Echo-Token-Base64"] = base64,
            ["X-Echo-Token-Base64Url"] = base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            ["X-Echo-Token-Url"] = Uri.EscapeDataString(token),
            ["X-Echo-Request"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("GET /v1/goals HTTP/1.1\r\nX-Auth-Token: " + token)),
        };
    }

    private static string TokenBody(Uri serviceRoot) => JsonConvert.SerializeObject(new
    {
        token = new
        {
            methods = new[] { "password" },
            expires_at = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            user = new { id = "u1", name = "admin" },
            project = new { id = "p1", name = "admin" },
            catalog = new object[]
            {
                new { type = "infra-optim", name = "watcher", endpoints = new[] { new { @interface = "public", region_id = "RegionOne", url = serviceRoot + "v1" } } },
                new { type = "monitoring", name = "monasca", endpoints = new[] { new { @interface = "public", region_id = "RegionOne", url = serviceRoot + "v2.0" } } },
            },
        },
    });
}
