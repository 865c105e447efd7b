using System.Globalization;
using Microsoft.Extensions.Logging;

namespace OpenStack;

/// <summary>
/// The settings every service client has (Monasca's <c>MonascaClientOptions</c>, Watcher's <c>WatcherClientOptions</c>):
/// endpoint selection, timeout, response limit, retries and logging. They hold no credentials: the credentials and scope
/// are the cloud's (<see cref="OpenStackClientOptions"/>, given to a <see cref="KeystoneSession"/>, a factory's credential
/// overload or <c>AddKeystone</c>). A value left <see langword="null"/> falls back to the cloud's; a value set here wins
/// over the cloud's, its per-service settings (<see cref="OpenStackClientOptions.ServiceOverrides"/>) included.
/// </summary>
public abstract class OpenStackServiceClientOptions
{
    /// <summary>Creates the settings of a client of <paramref name="service"/>.</summary>
    /// <param name="service">The service these settings are for (its catalog type picks the cloud's per-service settings).</param>
    protected OpenStackServiceClientOptions(OpenStackService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Service = service;
    }

    /// <summary>The service these settings are for.</summary>
    internal OpenStackService Service { get; }

    /// <summary>
    /// The service's endpoint (python's <c>endpoint</c>, <c>watcher_url</c>, <c>&lt;service_type&gt;_endpoint_override</c>);
    /// when set, the catalog is not consulted. <see langword="null"/>: the cloud's override, else the catalog's endpoint.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Interfaces to try, in order (<c>public</c>, <c>internal</c>, <c>admin</c>); <see langword="null"/> or empty: the cloud's.</summary>
    public IList<string>? Interfaces { get; set; }

    /// <summary>Region of the endpoint to pick from the catalog; <see langword="null"/>: the cloud's.</summary>
    public string? RegionName { get; set; }

    /// <summary>Service name to pick when a catalog holds several services of one type; <see langword="null"/>: the cloud's.</summary>
    public string? ServiceName { get; set; }

    /// <summary>The catalog service type to look up instead of the service's own; <see langword="null"/>: the cloud's, else the service's.</summary>
    public string? ServiceType { get; set; }

    /// <summary>Timeout of one call of this client; <see langword="null"/>: the cloud's <see cref="OpenStackClientOptions.Timeout"/>.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// The largest answer body this client reads, in bytes (0 turns the limit off); <see langword="null"/>: the cloud's
    /// <see cref="OpenStackClientOptions.MaxResponseBytes"/> (64 MB by default).
    /// </summary>
    public long? MaxResponseBytes { get; set; }

    /// <summary>
    /// Retries through Core's one <see cref="Http.RetryPolicy"/> (503, 429 and connection failures; idempotent methods only
    /// unless <see cref="RetryOptions.RetryNonIdempotentRequests"/>; <c>Retry-After</c> honoured). <see langword="null"/> or
    /// <see cref="RetryOptions.MaxRetries"/> 0 does not retry (for example when you add your own resilience handler).
    /// Each service sets its Python client's default.
    /// </summary>
    public RetryOptions? Retries { get; set; }

    /// <summary>Logger factory for this client's per-call logs; <see langword="null"/>: the cloud's (or the container's).</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// What is wrong with these settings, one message each (empty when they are valid): a negative retry count or pause, a
    /// timeout that is not positive, a negative response limit, an endpoint that is not an absolute http(s) URL. A service
    /// adds its own rules by overriding this method.
    /// </summary>
    public virtual IEnumerable<string> Validate()
    {
        if (Retries is { } r)
        {
            if (r.MaxRetries < 0)
            {
                yield return $"Retries.MaxRetries must not be negative (was {r.MaxRetries.ToString(CultureInfo.InvariantCulture)}).";
            }
            if (r.Interval < TimeSpan.Zero)
            {
                yield return $"Retries.Interval must not be negative (was {r.Interval}).";
            }
            if (r.MaxRetryAfter < TimeSpan.Zero)
            {
                yield return $"Retries.MaxRetryAfter must not be negative (was {r.MaxRetryAfter}).";
            }
        }
        if (Timeout is { } timeout && timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            yield return $"Timeout must be positive (was {timeout}).";
        }
        if (MaxResponseBytes < 0)
        {
            yield return $"MaxResponseBytes must not be negative (0 turns the limit off; was {MaxResponseBytes.Value.ToString(CultureInfo.InvariantCulture)}).";
        }
        if (Endpoint is { Length: > 0 } endpoint && !IsHttpUrl(endpoint))
        {
            yield return $"Endpoint '{endpoint}' is not an absolute http(s) URL.";
        }
    }

    /// <summary>Throws when <see cref="Validate"/> finds anything, naming every problem (what the factories and constructors do).</summary>
    /// <param name="parameterName">The parameter the settings came in, for <see cref="ArgumentException.ParamName"/>.</param>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public void ThrowIfInvalid(string? parameterName = null)
    {
        var errors = Validate().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"{GetType().Name}: {string.Join(" ", errors)}", parameterName);
        }
    }

    /// <summary>
    /// The connection settings of this client: a copy of <paramref name="cloud"/> with the cloud's per-service settings for
    /// this service resolved, then the values set here laid over them. Credentials, scope, TLS and session stay the cloud's.
    /// </summary>
    internal OpenStackClientOptions ApplyTo(OpenStackClientOptions cloud)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var o = cloud.Clone();
        o.ServiceType = ServiceType ?? o.ServiceType;
        o = o.ForClientOf(Service); // the cloud's per-service settings, resolved into the global ones
        o.ServiceOverrides.Clear(); // so that they are not applied again over this client's own choices
        o.Endpoint = Endpoint ?? o.Endpoint;
        o.RegionName = RegionName ?? o.RegionName;
        o.ServiceName = ServiceName ?? o.ServiceName;
        o.Timeout = Timeout ?? o.Timeout;
        o.MaxResponseBytes = MaxResponseBytes ?? o.MaxResponseBytes;
        o.LoggerFactory = LoggerFactory ?? o.LoggerFactory;
        if (Interfaces is { Count: > 0 } interfaces)
        {
            o.Interfaces = new List<string>(interfaces);
        }
        return o;
    }

    /// <summary>The settings as text for <see cref="object.ToString"/> of a derived type (they hold no secret).</summary>
    protected string DescribeSettings() =>
        $"Endpoint = {Endpoint ?? "(the cloud's)"}, Region = {RegionName ?? "(the cloud's)"}, " +
        $"Interfaces = {(Interfaces is { Count: > 0 } i ? $"[{string.Join(", ", i)}]" : "(the cloud's)")}, " +
        (ServiceType is null ? "" : $"ServiceType = {ServiceType}, ") +
        (ServiceName is null ? "" : $"ServiceName = {ServiceName}, ") +
        $"Timeout = {(Timeout is { } t ? t.ToString() : "(the cloud's)")}, " +
        (MaxResponseBytes is { } max ? $"MaxResponseBytes = {max.ToString(CultureInfo.InvariantCulture)}, " : "") +
        $"Retries = {(Retries is { MaxRetries: > 0 } r ? $"{r.MaxRetries.ToString(CultureInfo.InvariantCulture)} every {r.Interval}" : "none")}";

    private static bool IsHttpUrl(string endpoint) =>
        Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
