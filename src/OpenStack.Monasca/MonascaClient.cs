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

    private readonly HttpClient _httpClient;
    private readonly HttpClient? _owned;

    /// <summary>
    /// A client over <paramref name="session"/>'s token (one token for every client of the session) and its <c>monitoring</c>
    /// endpoint (the catalog's, or <see cref="OpenStackServiceClientOptions.Endpoint"/>), like python-monascaclient's
    /// <c>Client('2_0', session=sess)</c>. Disposing the client disposes the HttpClient it made, never the session.
    /// </summary>
    /// <param name="session">The session whose token and settings the client uses.</param>
    /// <param name="options">This client's own settings (no retries by default, as in Python); values left null are the session's.</param>
    /// <exception cref="ArgumentException">Invalid <paramref name="options"/>, each problem named.</exception>
    public MonascaClient(KeystoneSession session, MonascaClientOptions? options = null)
        : this(CreateHttpClient((session ?? throw new ArgumentNullException(nameof(session))).CreateClientOptions(), options ?? new()), owned: true)
    {
    }

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

    /// <summary>The HttpClient of a client made from <paramref name="cloud"/> and <paramref name="options"/>.</summary>
    internal static HttpClient CreateHttpClient(OpenStackClientOptions cloud, MonascaClientOptions options) =>
        OpenStackHttpClient.CreateForService(cloud, options, MonascaDiagnostics.Source, typeof(MonascaClient).FullName!);

    /// <summary>A client over an HttpClient it owns.</summary>
    internal static MonascaClient Owning(HttpClient httpClient) => new(httpClient, owned: true);

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
