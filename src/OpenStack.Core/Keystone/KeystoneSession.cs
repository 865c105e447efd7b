using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenStack;

/// <summary>
/// Keystone authentication shared by service clients, like keystoneauth1's <c>Session</c>: the credentials, scope and TLS
/// settings of an <see cref="OpenStackClientOptions"/>, one token cache (refreshed when less than 120 s, or half its lifetime, remains,
/// single-flight), the service catalog, a back-channel HttpClient for Keystone and a connection pool for the services.
/// Give it to clients through <see cref="OpenStackClientOptions.Session"/>; without one, clients share a session per
/// (auth URL, identity, scope) process-wide (<see cref="GetShared"/>).
/// </summary>
public sealed partial class KeystoneSession : IDisposable
{
    private static readonly ConcurrentDictionary<string, Lazy<KeystoneSession>> SharedSessions = new(StringComparer.Ordinal);

    private readonly OpenStackClientOptions _options;
    private readonly HttpClient? _backChannel;
    private readonly bool _shared;
    private int _disposed;

    /// <summary>Creates a session from the authentication and TLS settings of <paramref name="options"/> (copied).</summary>
    /// <exception cref="ArgumentException">The settings are incomplete or contradictory; the message says what is missing.</exception>
    public KeystoneSession(OpenStackClientOptions options) : this(options, TimeProvider.System)
    {
    }

    /// <summary>Creates a session whose token expiry is judged by <paramref name="timeProvider"/> (for tests).</summary>
    /// <exception cref="ArgumentException">The settings are incomplete or contradictory; the message says what is missing.</exception>
    public KeystoneSession(OpenStackClientOptions options, TimeProvider timeProvider) : this(options, timeProvider, shared: false)
    {
    }

    /// <summary>A session whose Keystone requests go through <paramref name="backChannel"/> (from IHttpClientFactory).</summary>
    internal static KeystoneSession CreateWithBackChannel(OpenStackClientOptions options, HttpClient backChannel, IKeystoneTokenStore? tokenStore = null) =>
        new(options, TimeProvider.System, shared: false, backChannel, tokenStore);

    private KeystoneSession(OpenStackClientOptions options, TimeProvider timeProvider, bool shared, HttpClient? backChannel = null, IKeystoneTokenStore? tokenStore = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Clone();
        _options.Session = null;
        _shared = shared;
        var credential = KeystoneCredential.From(_options);
        ServiceTransport = Transport.Create(_options);
        if (credential.Method != AuthMethod.FixedToken)
        {
            // Keystone is called through its own client, never through KeystoneAuthHandler.
            _backChannel = backChannel;
            if (_backChannel is null)
            {
                _backChannel = new HttpClient(Transport.Create(_options)) { Timeout = Timeout.InfiniteTimeSpan };
                _backChannel.DefaultRequestHeaders.UserAgent.ParseAdd("openstack-dotnet/1.0");
            }
        }
        if (_backChannel is not null && _options.MaxResponseBytes is > 0 and var max)
        {
            try
            {
                // Keystone's answers are read whole: bounded like every other answer.
                _backChannel.MaxResponseContentBufferSize = Math.Min(max, int.MaxValue);
            }
            catch (InvalidOperationException)
            {
                // A back channel that already sent a request keeps its own bound.
            }
        }
        Logger = _options.LoggerFactory?.CreateLogger("OpenStack.Keystone");
        if (_options.Insecure && Logger is not null)
        {
            LogInsecure(Logger, _options.AuthUrl ?? _options.Endpoint ?? "(no URL)");
        }
        Provider = new TokenProvider(credential, _backChannel, timeProvider, Logger, _options.Timeout ?? TimeSpan.FromSeconds(60), tokenStore);
    }

    /// <summary>
    /// The process-wide session for the credentials, scope and TLS settings of <paramref name="options"/>: every call with
    /// the same auth URL, identity, secret, scope and TLS settings returns the same session, so clients share one token.
    /// Disposing a shared session does nothing.
    /// </summary>
    public static KeystoneSession GetShared(OpenStackClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = KeystoneCredential.From(options).CacheKey();
        var lazy = SharedSessions.GetOrAdd(key, _ => new Lazy<KeystoneSession>(() => new KeystoneSession(options, TimeProvider.System, shared: true)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            SharedSessions.TryRemove(new KeyValuePair<string, Lazy<KeystoneSession>>(key, lazy)); // do not cache a failed creation
            throw;
        }
    }

    internal TokenProvider Provider { get; }

    internal ILogger? Logger { get; }

    /// <summary>The connection pool (with the TLS settings) that service requests go through.</summary>
    internal SocketsHttpHandler ServiceTransport { get; }

    /// <summary>The settings the session was created from (a copy).</summary>
    internal OpenStackClientOptions Options => _options;

    /// <summary>
    /// Connection settings for a service client that authenticates through this session: a copy of the session's
    /// endpoint, region, interface, TLS, timeout and logging settings, with <see cref="OpenStackClientOptions.Session"/>
    /// set to this session and no secret (tokens come from the session), and the client's own settings laid over them.
    /// </summary>
    /// <param name="serviceOptions">
    /// A client's own settings (<c>MonascaClientOptions</c>, <c>WatcherClientOptions</c>): the values it sets win over the
    /// session's, its per-service settings included; the values it leaves null are the session's.
    /// </param>
    public OpenStackClientOptions CreateClientOptions(OpenStackServiceClientOptions? serviceOptions = null)
    {
        var options = serviceOptions is null ? _options.Clone() : serviceOptions.ApplyTo(_options);
        options.Password = null;
        options.Token = null;
        options.ApplicationCredentialSecret = null;
        options.Session = this;
        return options;
    }

    /// <summary>The Keystone URL; null for a pre-issued token without one.</summary>
    public string? AuthUrl => _options.AuthUrl;

    /// <summary>Whether a new token can be obtained when the current one is rejected (false for a pre-issued token).</summary>
    public bool CanReauthenticate => Provider.CanReauthenticate;

    /// <summary>How many token requests this session has sent to Keystone (diagnostics and tests).</summary>
    public int TokenRequestCount => Provider.RequestCount;

    /// <summary>A valid token: the cached one while more than 120 s (or half its lifetime) remain, else a new one (one request for all concurrent callers).</summary>
    /// <exception cref="KeystoneAuthenticationException">Keystone refused the credentials, failed, or could not be reached.</exception>
    public Task<KeystoneToken> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return Provider.GetTokenAsync(cancellationToken);
    }

    /// <summary>Drops the cached token so that the next call gets a new one. Returns false for a pre-issued token.</summary>
    public bool InvalidateToken() => Provider.Invalidate(null);

    /// <summary>
    /// The endpoint URL of <paramref name="service"/>: <see cref="OpenStackClientOptions.Endpoint"/> when set, else the
    /// catalog's endpoint for <see cref="OpenStackClientOptions.ServiceType"/> (default: the service's type), the interface
    /// preference list, region and service name of <paramref name="endpointOptions"/> (default: the session's settings).
    /// The <see cref="OpenStackClientOptions.ServiceOverrides"/> entry of the service's type replaces the global endpoint,
    /// interfaces and region.
    /// </summary>
    /// <exception cref="EndpointNotFoundException">The catalog has no such endpoint.</exception>
    /// <exception cref="KeystoneAuthenticationException">No token could be obtained.</exception>
    public async Task<Uri> GetEndpointAsync(OpenStackService service, OpenStackClientOptions? endpointOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var o = (endpointOptions ?? _options).ForClientOf(service);
        if (!string.IsNullOrEmpty(o.Endpoint))
        {
            return ParseEndpoint(o.Endpoint);
        }
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        return SelectEndpoint(token, service, o);
    }

    /// <summary>The service root (<see cref="OpenStackHttpClient.ServiceRoot"/>) of <see cref="GetEndpointAsync"/>'s endpoint.</summary>
    public async Task<Uri> GetServiceRootAsync(OpenStackService service, OpenStackClientOptions? endpointOptions = null, CancellationToken cancellationToken = default)
    {
        var endpoint = await GetEndpointAsync(service, endpointOptions, cancellationToken).ConfigureAwait(false);
        return OpenStackHttpClient.ServiceRoot(endpoint, service.VersionSegment);
    }

    internal static Uri SelectEndpoint(KeystoneToken token, OpenStackService service, OpenStackClientOptions o) =>
        token.Catalog.GetEndpoint(o.ServiceType ?? service.ServiceType, o.Interfaces, o.RegionName, o.ServiceName);

    internal static Uri ParseEndpoint(string endpoint) =>
        Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException($"Endpoint '{endpoint}' is not an absolute http(s) URL.", nameof(endpoint));

    /// <inheritdoc />
    public override string ToString() =>
        $"KeystoneSession {{ AuthUrl = {AuthUrl}, Credentials = {Provider.Credential.Describe()}, Shared = {_shared} }}";

    /// <summary>Disposes the back-channel client and the connection pool (not for a shared session).</summary>
    public void Dispose()
    {
        if (_shared || Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _backChannel?.Dispose();
        ServiceTransport.Dispose();
        Provider.Dispose();
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 20, Level = LogLevel.Warning,
        Message = "TLS certificate verification is off (Insecure) for {Url} and its services: anyone on the network path can read the password and tokens. Use CaCertFile (os_cacert) instead.")]
    private static partial void LogInsecure(ILogger logger, string url);
}
