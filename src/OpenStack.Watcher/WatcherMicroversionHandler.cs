using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;
using OpenStack.Http;

namespace OpenStack.Watcher;

/// <summary>
/// Puts <c>OpenStack-API-Version: infra-optim X.Y</c> on every request. By default X.Y is the highest microversion that
/// both this client (<see cref="WatcherApiVersion.ClientMaximum"/>) and the server support, learnt once, lazily, from the
/// server's root document (<c>GET /</c>, no token needed) and, failing that, from the
/// <c>OpenStack-API-Minimum/Maximum-Version</c> headers of a 406. A pinned version is sent as is; when the server refuses
/// it (406), the request fails with a <see cref="WatcherMicroversionException"/> naming the server's range.
/// Requests that carry a field the version does not know (an audit's <c>start_time</c>/<c>end_time</c> below 1.1,
/// <c>force</c> below 1.2, a template's <c>default_parameters</c> below 1.7) fail before they are sent.
/// </summary>
/// <remarks>Place it before the authentication handler (as an outer handler of <see cref="OpenStackHttpClient.Create"/>).</remarks>
public sealed class WatcherMicroversionHandler : DelegatingHandler
{
    /// <summary>The header name.</summary>
    public const string HeaderName = "OpenStack-API-Version";

    /// <summary>The service type that prefixes the version in the header.</summary>
    public const string ServiceType = "infra-optim";

    private readonly SemaphoreSlim _negotiation = new(1, 1);
    private volatile VersionBox? _negotiated;

    /// <summary>Negotiates the highest common microversion.</summary>
    public WatcherMicroversionHandler()
    {
    }

    /// <summary>Pins <paramref name="version"/>; <c>null</c> negotiates.</summary>
    public WatcherMicroversionHandler(WatcherApiVersion? version)
    {
        PinnedVersion = version;
        if (version is { Major: not 1 } v)
        {
            throw new ArgumentOutOfRangeException(nameof(version), v, "Watcher only has API version 1 (1.0, 1.1, ...).");
        }
    }

    /// <summary>
    /// Parses a version as python-watcherclient's <c>os_infra_optim_api_version</c>: <c>1.N</c> pins it;
    /// <c>null</c>, <c>latest</c>, <c>1.latest</c> or <c>1</c> negotiate.
    /// </summary>
    /// <exception cref="ArgumentException">Not a Watcher v1 version.</exception>
    public static WatcherMicroversionHandler FromSetting(string? version) => new(ParseSetting(version));

    /// <summary>The pinned version, or <c>null</c> when the version is negotiated.</summary>
    public WatcherApiVersion? PinnedVersion { get; }

    /// <summary>
    /// The service root the root document is read from (<c>GET {ServiceRoot}</c>). When <c>null</c>, it is the part of the
    /// first request's URL before <c>/v1</c>.
    /// </summary>
    public Uri? ServiceRoot { get; set; }

    /// <summary>The version requests are sent with: the pinned one, or the negotiated one (<c>null</c> before negotiation).</summary>
    public WatcherApiVersion? CurrentVersion => PinnedVersion ?? _negotiated?.Version;

    /// <summary>The server's lowest microversion, once known.</summary>
    public WatcherApiVersion? ServerMinimumVersion { get; private set; }

    /// <summary>The server's highest microversion, once known.</summary>
    public WatcherApiVersion? ServerMaximumVersion { get; private set; }

    /// <summary>
    /// The version requests are sent with, negotiating it first if needed (one <c>GET /</c>, shared by concurrent callers).
    /// </summary>
    public async Task<WatcherApiVersion> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        if (PinnedVersion is { } pinned)
        {
            return pinned;
        }
        if (_negotiated is { } done)
        {
            return done.Version;
        }
        var root = ServiceRoot ?? throw new InvalidOperationException("The service root is not known yet: set ServiceRoot or send a request first.");
        return await NegotiateAsync(root, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var version = PinnedVersion ?? _negotiated?.Version
            ?? await NegotiateAsync(ServiceRoot ?? RootOf(request.RequestUri), cancellationToken).ConfigureAwait(false);
        await CheckBodyAsync(request, version, cancellationToken).ConfigureAwait(false);
        SetHeader(request, version);

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        RememberRange(response);
        if ((int)response.StatusCode != 406 || ServerMinimumVersion is not { } min || ServerMaximumVersion is not { } max
            || (version >= min && version <= max))
        {
            // Not a version refusal (a 406 inside the range is a feature that needs a newer microversion: the caller's
            // exception says so).
            return response;
        }
        if (PinnedVersion is null && ClampTo(min, max) is { } clamped && clamped != version)
        {
            // The negotiated version was wrong (for example the server was downgraded): renegotiate once and resend.
            _negotiated = new VersionBox(clamped);
            response.Dispose();
            SetHeader(request, clamped);
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            RememberRange(response);
            if ((int)response.StatusCode != 406)
            {
                return response;
            }
            version = clamped;
        }
        throw await RefusalAsync(version, response, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _negotiation.Dispose();
        }
        base.Dispose(disposing);
    }

    internal static WatcherApiVersion? ParseSetting(string? version)
    {
        if (version is null)
        {
            return null;
        }
        var text = version.Trim();
        if (text.Length == 0 || text.Equals("latest", StringComparison.OrdinalIgnoreCase)
            || text.Equals("1.latest", StringComparison.OrdinalIgnoreCase) || text == "1")
        {
            return null;
        }
        if (WatcherApiVersion.TryParse(text, out var parsed) && parsed.Major == 1)
        {
            return parsed;
        }
        throw new ArgumentException(
            $"Unsupported Watcher API version '{version}': supported are 1 (negotiated), 1.latest (negotiated) and 1.0 to 1.N (pinned; this client knows up to {WatcherApiVersion.ClientMaximum}).",
            nameof(version));
    }

    /// <summary>Parses <c>infra-optim 1.4</c> (or a bare <c>1.4</c>).</summary>
    internal static WatcherApiVersion? ParseVersionHeader(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var text = value.Trim();
        if (text.StartsWith(ServiceType, StringComparison.OrdinalIgnoreCase))
        {
            text = text[ServiceType.Length..].Trim();
        }
        return WatcherApiVersion.TryParse(text, out var v) ? v : null;
    }

    private static void SetHeader(HttpRequestMessage request, WatcherApiVersion version)
    {
        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, $"{ServiceType} {version}");
    }

    private static WatcherApiVersion? ClampTo(WatcherApiVersion min, WatcherApiVersion max)
    {
        var best = max < WatcherApiVersion.ClientMaximum ? max : WatcherApiVersion.ClientMaximum;
        return best >= min ? best : null;
    }

    private void RememberRange(HttpResponseMessage response)
    {
        if (WatcherApiVersion.TryParse(Header(response, "OpenStack-API-Minimum-Version"), out var min))
        {
            ServerMinimumVersion = min;
        }
        if (WatcherApiVersion.TryParse(Header(response, "OpenStack-API-Maximum-Version"), out var max))
        {
            ServerMaximumVersion = max;
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private async Task<WatcherApiVersion> NegotiateAsync(Uri root, CancellationToken cancellationToken)
    {
        await _negotiation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_negotiated is { } done)
            {
                return done.Version;
            }
            var (min, max, transient) = await DiscoverAsync(root, cancellationToken).ConfigureAwait(false);
            if (transient)
            {
                // The server could not be asked (connection refused, 5xx): this call goes with the client's maximum (a 406
                // corrects it) and spends its own retry budget; the next call asks again. Nothing is cached.
                return WatcherApiVersion.ClientMaximum;
            }
            WatcherApiVersion version;
            if (min is { } lo && max is { } hi)
            {
                ServerMinimumVersion = lo;
                ServerMaximumVersion = hi;
                version = ClampTo(lo, hi) ?? throw new WatcherMicroversionException(
                    WatcherApiVersion.ClientMaximum, lo, hi, 0, null, new Dictionary<string, IEnumerable<string>>());
            }
            else
            {
                // No usable root document (for example a proxy that only forwards /v1): start from the client's maximum
                // and let a 406's range headers correct it.
                version = WatcherApiVersion.ClientMaximum;
            }
            _negotiated = new VersionBox(version);
            return version;
        }
        finally
        {
            _negotiation.Release();
        }
    }

    /// <summary>
    /// The server's range from its root document, sent once (never retried: the call it serves has the retry budget).
    /// <c>Transient</c> when the server could not answer (connection failure, 5xx, 429): not to be remembered.
    /// </summary>
    private async Task<(WatcherApiVersion? Min, WatcherApiVersion? Max, bool Transient)> DiscoverAsync(Uri root, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, root);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        RetryPolicy.SendOnce(request);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return (null, null, true);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return (null, null, (int)response.StatusCode >= 500 || (int)response.StatusCode == 429);
            }
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var doc = JObject.Parse(body);
                var v1 = (doc["versions"] as JArray)?.OfType<JObject>()
                    .FirstOrDefault(v => string.Equals((string?)v["id"], "v1", StringComparison.OrdinalIgnoreCase))
                    ?? doc["default_version"] as JObject;
                if (v1 is not null
                    && WatcherApiVersion.TryParse((string?)v1["min_version"], out var min)
                    && WatcherApiVersion.TryParse((string?)v1["max_version"], out var max))
                {
                    return (min, max, false);
                }
            }
            catch (Exception e) when (e is Newtonsoft.Json.JsonException or ArgumentException or InvalidOperationException or FormatException)
            {
                // Not a root document, or one with fields of the wrong JSON type (a list where the id should be):
                // negotiate as if there were none.
            }
            return (null, null, false);
        }
    }

    private static Uri RootOf(Uri? requestUri)
    {
        if (requestUri is null || !requestUri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("The request has no absolute URL: give the HttpClient a BaseAddress (the Watcher service root).");
        }
        var path = requestUri.AbsolutePath;
        var index = path.IndexOf("/v1/", StringComparison.Ordinal);
        if (index < 0 && path.EndsWith("/v1", StringComparison.Ordinal))
        {
            index = path.Length - 3;
        }
        var rootPath = index < 0 ? path : path[..(index + 1)];
        if (index < 0)
        {
            rootPath = path.EndsWith('/') ? path : path[..(path.LastIndexOf('/') + 1)];
        }
        return new UriBuilder(requestUri) { Path = rootPath, Query = "" }.Uri;
    }

    private static readonly (string Method, string PathSuffix, string Field, WatcherApiVersion Since)[] GatedFields =
    [
        ("POST", "v1/audits", "start_time", new(1, 1)),
        ("POST", "v1/audits", "end_time", new(1, 1)),
        ("POST", "v1/audits", "force", new(1, 2)),
        ("POST", "v1/audit_templates", "default_parameters", new(1, 7)),
    ];

    private static async Task CheckBodyAsync(HttpRequestMessage request, WatcherApiVersion version, CancellationToken cancellationToken)
    {
        if (request.Content is null || version >= new WatcherApiVersion(1, 7) || request.RequestUri is null)
        {
            return;
        }
        var path = (request.RequestUri.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString).TrimEnd('/');
        var method = request.Method.Method;
        if (method == "PATCH" && path.Contains("v1/audit_templates/", StringComparison.Ordinal) && version < new WatcherApiVersion(1, 7))
        {
            var patch = await ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
            if (patch is JArray ops && ops.OfType<JObject>().Any(op => ((string?)op["path"])?.StartsWith("/default_parameters", StringComparison.Ordinal) == true))
            {
                throw Refuse("audit template", "default_parameters", new WatcherApiVersion(1, 7), version);
            }
            return;
        }
        JObject? body = null;
        foreach (var (gatedMethod, suffix, field, since) in GatedFields)
        {
            if (method != gatedMethod || !path.EndsWith(suffix, StringComparison.Ordinal) || version >= since)
            {
                continue;
            }
            body ??= await ReadJsonAsync(request, cancellationToken).ConfigureAwait(false) as JObject;
            if (body?[field] is { } value && value.Type != JTokenType.Null)
            {
                throw Refuse(suffix.EndsWith("templates", StringComparison.Ordinal) ? "audit template" : "audit", field, since, version);
            }
        }
    }

    private static InvalidOperationException Refuse(string resource, string field, WatcherApiVersion since, WatcherApiVersion version) =>
        new($"The {resource} field '{field}' needs microversion {since} or later, but this request would be sent with {version}. " +
            $"Pin {since} or later (if the server supports it), or leave '{field}' unset.");

    private static async Task<JToken?> ReadJsonAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var text = await request.Content!.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JToken.Parse(text);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    private async Task<WatcherMicroversionException> RefusalAsync(WatcherApiVersion version, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var body = await OpenStackClientBase.ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
            var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, values) in response.Headers)
            {
                headers[key] = values;
            }
            foreach (var (key, values) in response.Content.Headers)
            {
                headers[key] = values;
            }
            return new WatcherMicroversionException(version, ServerMinimumVersion, ServerMaximumVersion, (int)response.StatusCode, body, headers);
        }
    }

    private sealed record VersionBox(WatcherApiVersion Version);
}
