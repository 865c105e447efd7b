namespace OpenStack.Watcher;

/// <summary>
/// A Watcher v1 client: one sub-client per resource, like python-watcherclient's <c>v1.Client</c> managers
/// (<c>client.goal</c> is <see cref="Goals"/>, <c>client.audit_template</c> is <see cref="AuditTemplates"/>, ...).
/// The resource properties are generated from the spec (<c>x-root-client</c>), one per generated client.
/// </summary>
public partial interface IWatcherClient : IDisposable
{
    /// <summary>
    /// The microversion requests are sent with: the pinned one, or the negotiated one once a request has been made
    /// (<c>null</c> before that; see <see cref="GetApiVersionAsync"/>).
    /// </summary>
    WatcherApiVersion? ApiVersion { get; }

    /// <summary>The microversion requests are sent with, negotiating it first if needed.</summary>
    /// <param name="cancellationToken">Cancels the negotiation.</param>
    Task<WatcherApiVersion> GetApiVersionAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The Watcher v1 client. Create it with <see cref="WatcherClientFactory"/>, or over your own <see cref="HttpClient"/>
/// whose <see cref="HttpClient.BaseAddress"/> is the Watcher service root (ending in <c>/</c>) and whose pipeline
/// authenticates and holds a <see cref="WatcherMicroversionHandler"/>.
/// </summary>
public sealed partial class WatcherClient : IWatcherClient
{
    private readonly HttpClient _httpClient;
    private readonly bool _disposeHttpClient;

    /// <summary>Creates a client over <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The HttpClient; its base address is the service root.</param>
    /// <param name="microversions">The microversion handler in <paramref name="httpClient"/>'s pipeline, if any (it gives <see cref="ApiVersion"/>).</param>
    /// <param name="disposeHttpClient">Dispose <paramref name="httpClient"/> with this client.</param>
    public WatcherClient(HttpClient httpClient, WatcherMicroversionHandler? microversions = null, bool disposeHttpClient = false)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _disposeHttpClient = disposeHttpClient;
        Microversions = microversions;
        if (microversions is not null && microversions.ServiceRoot is null && httpClient.BaseAddress is { } root)
        {
            microversions.ServiceRoot = root;
        }
    }

    /// <summary>
    /// Creates a client that authenticates through <paramref name="session"/> (shared with other clients: one token),
    /// finding the <c>infra-optim</c> endpoint in its catalog, or at the endpoint the options name.
    /// The client owns the HttpClient it creates; the session stays the caller's.
    /// </summary>
    /// <param name="session">The Keystone session.</param>
    /// <param name="options">
    /// Microversion, retries, endpoint selection, timeout, limits and logging; values left null (and <see langword="null"/>
    /// options) are the defaults and the session's settings.
    /// </param>
    /// <exception cref="ArgumentException">Invalid options; the message names every problem.</exception>
    public WatcherClient(KeystoneSession session, WatcherClientOptions? options = null)
        : this(WatcherClientFactory.CreatePipeline(session?.CreateClientOptions() ?? throw new ArgumentNullException(nameof(session)), options ?? new()))
    {
    }

    private WatcherClient((HttpClient Http, WatcherMicroversionHandler Microversions) pipeline)
        : this(pipeline.Http, pipeline.Microversions, disposeHttpClient: true)
    {
    }

    /// <summary>The microversion handler of this client's pipeline, if it has one.</summary>
    public WatcherMicroversionHandler? Microversions { get; }

    /// <summary>The service root requests are relative to.</summary>
    public Uri? BaseAddress => _httpClient.BaseAddress;

    /// <inheritdoc />
    public WatcherApiVersion? ApiVersion => Microversions?.CurrentVersion;

    /// <inheritdoc />
    public async Task<WatcherApiVersion> GetApiVersionAsync(CancellationToken cancellationToken = default)
    {
        if (Microversions is null)
        {
            // No header is added: the server uses 1.0.
            return WatcherApiVersion.Minimum;
        }
        return await Microversions.GetVersionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposeHttpClient)
        {
            _httpClient.Dispose();
        }
    }
}
