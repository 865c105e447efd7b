using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenStack.Diagnostics;

/// <summary>
/// Logs and traces the calls of one service client. For each call it starts one client span on the service package's
/// <see cref="ActivitySource"/>, named <c>&lt;service-type&gt; &lt;METHOD&gt; &lt;path template&gt;</c> (ids replaced by
/// <c>{id}</c>) and tagged with the service type, region, method, URL, status and request id; and it logs at Debug the
/// method, URL, status, duration and request id; at Trace the headers (token headers only as <c>{SHA256}&lt;hex&gt;</c>)
/// and the bodies, both scrubbed by <see cref="Redaction"/> of every secret the request carried or its session knows,
/// in every encoding, before they are cut to <see cref="MaxLoggedBodyLength"/>. When no listener samples the span and Debug is off, it adds nothing but one check per call.
/// </summary>
/// <remarks>
/// Place it outside the authentication handler (it reads the final URL and the token header after the response), and
/// outside any retry handler to get one span per call; <see cref="OpenStackHttpClient"/> and the <c>AddMonasca</c> /
/// <c>AddWatcher</c> registrations do so.
/// </remarks>
public sealed partial class OpenStackTelemetryHandler : DelegatingHandler
{
    /// <summary>The longest body logged at Trace, in characters.</summary>
    public const int MaxLoggedBodyLength = 16 * 1024;

    private static readonly string[] RequestIdHeaders = ["X-OpenStack-Request-Id", "X-Compute-Request-Id", "X-Request-Id"];

    private readonly ActivitySource _source;
    private readonly string _serviceType;
    private readonly string? _region;
    private readonly ILogger _logger;

    /// <summary>Creates the handler (without an inner handler).</summary>
    /// <param name="activitySource">The service package's source, for example <c>OpenStack.Watcher</c>.</param>
    /// <param name="serviceType">The catalog service type, for example <c>infra-optim</c>.</param>
    /// <param name="regionName">The region the endpoint is chosen for, if one is configured.</param>
    /// <param name="logger">Where to log; null logs nothing.</param>
    public OpenStackTelemetryHandler(ActivitySource activitySource, string serviceType, string? regionName = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(activitySource);
        ArgumentException.ThrowIfNullOrEmpty(serviceType);
        _source = activitySource;
        _serviceType = serviceType;
        _region = string.IsNullOrEmpty(regionName) ? null : regionName;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_source.HasListeners() && !_logger.IsEnabled(LogLevel.Debug))
        {
            return base.SendAsync(request, cancellationToken);
        }
        return SendObservedAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendObservedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.Method;
        using var activity = _source.HasListeners()
            ? _source.StartActivity($"{_serviceType} {method.Method} {PathTemplate(request.RequestUri)}", ActivityKind.Client)
            : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(OpenStackDiagnostics.Tags.ServiceType, _serviceType);
            if (_region is not null)
            {
                activity.SetTag(OpenStackDiagnostics.Tags.Region, _region);
            }
            activity.SetTag(OpenStackDiagnostics.Tags.HttpMethod, method.Method);
        }
        var trace = _logger.IsEnabled(LogLevel.Trace);
        string? requestBody = null;
        if (trace && request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            requestBody = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var failedAfter = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var error = Redaction.Scrub(e.Message, request);
            if (activity is not null)
            {
                SetUrlTags(activity, request.RequestUri);
                activity.SetTag(OpenStackDiagnostics.Tags.ErrorType, e.GetType().FullName);
                activity.SetStatus(ActivityStatusCode.Error, error);
            }
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var failedUrl = Display(request.RequestUri);
                var errorType = e.GetType().Name;
                LogFailed(_logger, method, failedUrl, failedAfter, errorType, error);
            }
            throw;
        }
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var status = (int)response.StatusCode;
        var requestId = RequestId(response);
        // A resilience handler between this one and the socket may have sent a copy: report what was sent.
        var sent = response.RequestMessage ?? request;
        var url = Display(sent.RequestUri ?? request.RequestUri);
        if (activity is not null)
        {
            SetUrlTags(activity, sent.RequestUri ?? request.RequestUri);
            activity.SetTag(OpenStackDiagnostics.Tags.HttpStatusCode, status);
            if (requestId is not null)
            {
                activity.SetTag(OpenStackDiagnostics.Tags.RequestId, requestId);
            }
            if (status >= 400)
            {
                activity.SetTag(OpenStackDiagnostics.Tags.ErrorType, status.ToString(CultureInfo.InvariantCulture));
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
        LogResponse(_logger, method, url, status, elapsed, requestId);
        if (trace)
        {
            // Headers and bodies are logged only once scrubbed of every secret the request carried or its session knows.
            var requestHeaders = Redaction.Scrub(Headers(sent.Headers, sent.Content?.Headers), sent);
            var loggedRequestBody = ScrubbedTruncated(requestBody ?? "", sent);
            LogRequestDetail(_logger, method, url, requestHeaders, loggedRequestBody);
            string responseBody = "";
            if (response.Content is { } content)
            {
                await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                responseBody = ScrubbedTruncated(await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), sent);
            }
            var responseHeaders = Redaction.Scrub(Headers(response.Headers, response.Content?.Headers), sent);
            LogResponseDetail(_logger, method, url, status, responseHeaders, responseBody);
        }
        return response;
    }

    private static void SetUrlTags(Activity activity, Uri? uri)
    {
        if (uri is not { IsAbsoluteUri: true } || !activity.IsAllDataRequested)
        {
            return;
        }
        activity.SetTag(OpenStackDiagnostics.Tags.Url, Display(uri));
        activity.SetTag(OpenStackDiagnostics.Tags.ServerAddress, uri.Host);
        activity.SetTag(OpenStackDiagnostics.Tags.ServerPort, uri.Port);
    }

    /// <summary>The URL without user info (a URL never carries a token here, but a user may have put credentials in one).</summary>
    private static string Display(Uri? uri)
    {
        if (uri is null)
        {
            return "";
        }
        if (!uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri.ToString();
        }
        return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString();
    }

    private static string? RequestId(HttpResponseMessage response)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault();
            }
        }
        return null;
    }

    /// <summary>
    /// A low-cardinality span name: the path with segments that look like ids (UUIDs, numbers, long hex or
    /// mixed-digit names) replaced by <c>{id}</c>, without the query; relative to a catalog placeholder or the root.
    /// </summary>
    internal static string PathTemplate(Uri? uri)
    {
        if (uri is null)
        {
            return "";
        }
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', 2)[0];
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder();
        foreach (var segment in segments)
        {
            if (sb.Length > 0)
            {
                sb.Append('/');
            }
            sb.Append(LooksLikeId(segment) ? "{id}" : segment);
        }
        return sb.ToString();
    }

    private static bool LooksLikeId(string segment)
    {
        if (Guid.TryParse(segment, out _))
        {
            return true;
        }
        if (segment.Length > 0 && segment.All(char.IsAsciiDigit))
        {
            return true;
        }
        if (segment.Length >= 16 && segment.All(char.IsAsciiHexDigit))
        {
            return true;
        }
        // Version segments (v1, v2.0) stay; other names with digits mixed in (audit-3f2a...) are ids.
        var isVersion = segment.Length > 1 && segment[0] == 'v' && segment[1..].All(c => char.IsAsciiDigit(c) || c == '.');
        return !isVersion && segment.Length >= 8 && segment.Any(char.IsAsciiDigit) && segment.Count(char.IsAsciiDigit) * 4 >= segment.Length;
    }

    private static string Headers(HttpHeaders headers, HttpHeaders? contentHeaders)
    {
        var sb = new StringBuilder();
        foreach (var (name, values) in contentHeaders is null ? headers : headers.Concat(contentHeaders))
        {
            var value = string.Join(", ", values);
            if (Redaction.SensitiveHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                value = Redaction.Fingerprint(value);
            }
            if (sb.Length > 0)
            {
                sb.Append("; ");
            }
            sb.Append(name).Append(": ").Append(value);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The body scrubbed of the request's secrets, then cut to <see cref="MaxLoggedBodyLength"/> (scrubbed first, so that
    /// the cut never leaves half a secret; only a bounded prefix is scrubbed).
    /// </summary>
    private static string ScrubbedTruncated(string body, HttpRequestMessage request)
    {
        var prefix = body.Length <= MaxLoggedBodyLength + 4096 ? body : body[..(MaxLoggedBodyLength + 4096)];
        var scrubbed = Redaction.Scrub(prefix, request);
        return scrubbed.Length <= MaxLoggedBodyLength && prefix.Length == body.Length
            ? scrubbed
            : scrubbed[..Math.Min(scrubbed.Length, MaxLoggedBodyLength)] + $"... ({body.Length} characters)";
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "{Method} {Url} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms, request id {RequestId}")]
    private static partial void LogResponse(ILogger logger, HttpMethod method, string url, int statusCode, double elapsedMilliseconds, string? requestId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "{Method} {Url} failed after {ElapsedMilliseconds:0.0} ms: {ErrorType}: {Error}")]
    private static partial void LogFailed(ILogger logger, HttpMethod method, string url, double elapsedMilliseconds, string errorType, string error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Trace, Message = "{Method} {Url} request headers: {Headers}; body: {Body}")]
    private static partial void LogRequestDetail(ILogger logger, HttpMethod method, string url, string headers, string body);

    [LoggerMessage(EventId = 103, Level = LogLevel.Trace, Message = "{Method} {Url} response {StatusCode} headers: {Headers}; body: {Body}")]
    private static partial void LogResponseDetail(ILogger logger, HttpMethod method, string url, int statusCode, string headers, string body);
}
