using Microsoft.Extensions.Logging;
using OpenStack.Diagnostics;
using OpenStack.Http;

namespace OpenStack.Monasca;

/// <summary>
/// The Monasca v2.0 API, one sub-client per resource, mirroring python-monascaclient's
/// <c>client.metrics</c>, <c>client.alarms</c>, ... managers. The resource properties are generated from the spec
/// (<c>x-root-client</c>), one per generated client.
/// </summary>
public partial interface IMonascaClient : IDisposable
{
}

/// <summary>
/// A Monasca v2.0 client: the per-resource clients over one <see cref="HttpClient"/> whose base address is
/// the service root (for example <c>http://monasca:8070/</c>; the spec's paths start with <c>v2.0/</c>).
/// </summary>
public sealed partial class MonascaClient : IMonascaClient, IDisposable
{
    /// <summary>Monasca's catalog type and version segment.</summary>
    public static OpenStackService Service { get; } = new("monitoring", "v2.0");

    /// <summary>The API versions this library speaks, as <c>monascaclient.client.Client</c> names them.</summary>
    public static IReadOnlyList<string> SupportedVersions { get; } = new[] { "2_0" };

    private readonly HttpClient _httpClient;
    private readonly HttpClient? _owned;

    /// <summary>Creates a client over an existing HttpClient (which the caller keeps owning).</summary>
    /// <param name="httpClient">
    /// An HttpClient whose <see cref="HttpClient.BaseAddress"/> is the service root ending in <c>/</c> and
    /// which authenticates its requests (for example one from <see cref="OpenStackHttpClient.Create"/>).
    /// </param>
    /// <exception cref="ArgumentException">The base address is missing, or is a versioned endpoint, or does not end in <c>/</c>.</exception>
    public MonascaClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ValidateBaseAddress(httpClient.BaseAddress);
        _httpClient = httpClient;
    }

    /// <summary>
    /// Creates a client from options: the <c>monitoring</c> endpoint comes from <see cref="OpenStackClientOptions.Endpoint"/>
    /// or, when none is given, from the Keystone catalog (by region and interface). The client owns the HttpClient it creates.
    /// </summary>
    /// <param name="options">Credentials, scope, endpoint selection and TLS settings.</param>
    public MonascaClient(OpenStackClientOptions options)
        : this(CreateHttpClient(options), owned: true)
    {
    }

    /// <summary>
    /// Creates a client that authenticates through <paramref name="session"/> (shared with other clients: one token),
    /// finding the <c>monitoring</c> endpoint in its catalog, or at the endpoint the options name.
    /// The client owns the HttpClient it creates; the session stays the caller's.
    /// </summary>
    /// <param name="session">The Keystone session.</param>
    /// <param name="options">Endpoint, region, interface and TLS for this client; <see langword="null"/> takes the session's.</param>
    public MonascaClient(KeystoneSession session, MonascaClientOptions? options = null)
        : this(CreateHttpClient(ConnectionFor(session, options), options?.Retries), owned: true)
    {
    }

    private static OpenStackClientOptions ConnectionFor(KeystoneSession session, MonascaClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.CreateClientOptions(options?.Connection);
    }

    private MonascaClient(HttpClient httpClient, bool owned)
        : this(httpClient)
    {
        if (owned)
        {
            _owned = httpClient;
        }
    }

    /// <summary>Disposes the HttpClient if this client created it.</summary>
    public void Dispose() => _owned?.Dispose();

    private static HttpClient CreateHttpClient(OpenStackClientOptions options, RetryOptions? retries = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = options.ServiceType is { Length: > 0 } type && type != Service.ServiceType
            ? Service with { ServiceType = type }
            : Service;
        var logger = options.LoggerFactory?.CreateLogger(typeof(MonascaClient).FullName!);
        var telemetry = new OpenStackTelemetryHandler(MonascaDiagnostics.Source, service.ServiceType, options.RegionName, logger);
        return retries is { MaxRetries: > 0 }
            ? OpenStackHttpClient.Create(options, service, telemetry, RetryPolicy.CreateHandler(retries))
            : OpenStackHttpClient.Create(options, service, telemetry);
    }

    private static void ValidateBaseAddress(Uri? baseAddress)
    {
        if (baseAddress is null || !baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException(
                "The HttpClient needs an absolute BaseAddress: the Monasca service root, for example http://monasca:8070/.", "httpClient");
        }
        var path = baseAddress.AbsolutePath;
        if (path.TrimEnd('/').EndsWith("/" + Service.VersionSegment, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The HttpClient's BaseAddress {baseAddress} is the versioned endpoint; give the service root " +
                $"{OpenStackHttpClient.ServiceRoot(baseAddress, Service.VersionSegment)} instead (request paths start with v2.0/).", "httpClient");
        }
        if (!path.EndsWith('/'))
        {
            throw new ArgumentException(
                $"The HttpClient's BaseAddress {baseAddress} must end with '/', otherwise its last segment is dropped from every request.", "httpClient");
        }
    }
}
